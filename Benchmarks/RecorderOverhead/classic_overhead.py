"""The recorder's overhead on the classic report's MLP, in PyTorch or in Keras 3, whole process.

    python Benchmarks/RecorderOverhead/classic_overhead.py torch [ROWS] [--runs N] [--against DIR]
    python Benchmarks/RecorderOverhead/classic_overhead.py keras [ROWS] [--runs N] [--against DIR]

``torch`` runs Benchmarks/TrainingBenchmark/torch_mlp.py, ``keras`` mlp.py (Keras 3 on
TensorFlow), each with ROWS rows (default 20,000: 1,250 steps of 32 over 2 epochs), with the
python running this script (it needs that framework). Modes: plain, recorded (the recorder in this
repository), and with ``--against DIR`` recorded by another recorder (DIR holds an
``rngdiff_recorder`` package: an older version, to compare before and after a change in the same
session). The modes take turns, N rounds (default 5), each a fresh process with one thread
(OMP_NUM_THREADS=1); the best CPU time (user + system, from ``resource.getrusage``) of each mode
is compared. docs/recording.md has the results and the method.
"""

import os
import resource
import subprocess
import sys
import tempfile

SCRIPTS = {"torch": "torch_mlp.py", "keras": "mlp.py"}


def child_cpu(command, env):
    """The CPU seconds (user + system) a child process used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv):
    if not argv or argv[0] not in SCRIPTS:
        sys.stderr.write(__doc__)
        return 2
    framework, rest = argv[0], argv[1:]
    runs, against, rows = 5, None, 20000
    i = 0
    while i < len(rest):
        if rest[i] == "--runs":
            runs, i = int(rest[i + 1]), i + 2
        elif rest[i] == "--against":
            against, i = os.path.abspath(rest[i + 1]), i + 2
        else:
            rows, i = int(rest[i]), i + 1
    here = os.path.dirname(os.path.abspath(__file__))
    recorder = os.path.join(here, "..", "..", "recorder")
    script = os.path.join(here, "..", "TrainingBenchmark", SCRIPTS[framework])
    trace = os.path.join(tempfile.mkdtemp(), "mlp.trace")
    recorded = [sys.executable, "-m", "rngdiff_recorder", "--force", "-o", trace, script, str(rows)]
    modes = {"plain": ([sys.executable, script, str(rows)], recorder), "recorded": (recorded, recorder)}
    if against:
        modes["recorded by %s" % against] = (recorded, against)
    times = {mode: [] for mode in modes}
    for _ in range(runs):
        for mode, (command, path) in modes.items():
            env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=path, KERAS_BACKEND="tensorflow")
            times[mode].append(child_cpu(command, env))
    plain = min(times["plain"])
    print("%s classic MLP, %d rows, best of %d (CPU s, user + system):" % (framework, rows, runs))
    for mode, seconds in times.items():
        print("  %-40s %7.2f s  ratio %.3f   all: %s" % (mode, min(seconds), min(seconds) / plain,
                                                      " ".join("%.2f" % s for s in seconds)))
    print("  trace: %d bytes" % os.path.getsize(trace))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
