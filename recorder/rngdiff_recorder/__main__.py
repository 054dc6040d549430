"""``python -m rngdiff_recorder [-o TRACE] [--values] [--force] SCRIPT [ARGS...]``.

Runs SCRIPT as ``python SCRIPT ARGS`` would and writes its trace to TRACE (default SCRIPT.trace);
under a launcher that sets ``RANK`` (or ``SLURM_PROCID``) each process writes TRACE with
``.rank<N>`` before its ``.trace`` suffix (see ranks.py).
Exit status: the script's own; 2 with one sentence on stderr when SCRIPT cannot be read or TRACE
exists (pass --force to replace it) or ``RANK`` is not a whole number. Options stop at SCRIPT:
everything after it is the script's.

    PYTHONPATH=recorder python3 -m rngdiff_recorder -o run.trace train.py --epochs 2
"""

import os
import sys

USAGE = "usage: python -m rngdiff_recorder [-o TRACE] [--values] [--force] SCRIPT [ARGS...]"


def _fail(message):
    sys.stderr.write("rngdiff record: %s\n" % message)
    return 2


def main(argv):
    trace, values, force = None, False, False
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-":
        option = argv[i]
        if option in ("-o", "--output"):
            if i + 1 >= len(argv):
                return _fail("option %s needs a value: %s TRACE (%s)" % (option, option, USAGE))
            trace = argv[i + 1]
            i += 2
            continue
        if option == "--values":
            values = True
        elif option == "--force":
            force = True
        elif option in ("-h", "--help"):
            sys.stdout.write(USAGE + "\n")
            return 0
        elif option == "--":
            i += 1
            break
        else:
            return _fail("unknown option '%s'; accepted: -o TRACE, --values, --force (%s)" % (option, USAGE))
        i += 1
    if i >= len(argv):
        return _fail("missing SCRIPT, the Python script to run (%s)" % USAGE)
    script, arguments = argv[i], argv[i + 1:]
    if not os.path.isfile(script):
        return _fail("cannot read the script '%s': %s" % (
            script, "it is a directory" if os.path.isdir(script) else "no such file"))
    from .ranks import rank_of, ranked_path
    try:
        rank = rank_of(os.environ)
    except ValueError as error:
        return _fail(str(error))
    trace = ranked_path(trace or script + ".trace", rank)
    folder = os.path.dirname(trace) or "."
    if not os.path.isdir(folder):
        return _fail("cannot write the trace to '%s': no folder '%s'" % (trace, folder))
    if os.path.exists(trace) and not force:
        return _fail("'%s' exists; not overwriting it without --force (or give -o another path)" % trace)
    from .runner import run_script
    return run_script(script, arguments, trace, values)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
