"""Distributed runs: one trace per process, named by its rank.

Launchers tell each process its rank in the environment: ``RANK`` (``torchrun``,
``torch.distributed.launch``, DeepSpeed, Accelerate, most MPI wrappers), or ``SLURM_PROCID`` under
``srun`` when ``RANK`` is not set. Under one of them ``-o run.trace`` becomes ``run.rank<N>.trace``,
so the processes of one run never write the same file and ``rngdiff DIR_A DIR_B`` can pair two
runs' traces rank by rank.

    >>> rank_of({"RANK": "1", "WORLD_SIZE": "2"})
    1
    >>> ranked_path("out/run.trace", 1)
    'out/run.rank1.trace'
    >>> ranked_path("run.jsonl", 0)     # no .trace suffix: the rank goes at the end
    'run.jsonl.rank0'

Edge cases: no rank variable means one process (``rank_of`` returns None, the path is unchanged);
``RANK`` wins over ``SLURM_PROCID`` (under ``srun`` + ``torchrun`` the latter numbers nodes, not
processes); a value that is not a whole number >= 0 is a ``ValueError`` with one sentence.
"""

import os

RANK_VARIABLES = ("RANK", "SLURM_PROCID")
# Recorded in the trace header's config.environment when set: which process this was, of how many.
ENVIRONMENT_VARIABLES = ("RANK", "WORLD_SIZE", "SLURM_PROCID", "SLURM_NTASKS")


def rank_of(environ):
    """The process's rank from the launcher's variables, or None when no launcher set one."""
    for name in RANK_VARIABLES:
        value = environ.get(name)
        if value is None:
            continue
        text = value.strip()
        if not text.isdigit() or not text.isascii():
            raise ValueError("%s is '%s' in the environment; expected the process's rank, a whole number "
                             "0 or more, as torchrun and srun set it" % (name, value))
        return int(text)
    return None


def ranked_path(path, rank):
    """``path`` with ``.rank<rank>`` before its ``.trace`` suffix (or at its end without one)."""
    if rank is None:
        return path
    folder, name = os.path.split(path)
    if name.endswith(".trace") and len(name) > len(".trace"):
        name = name[:-len(".trace")] + ".rank%d.trace" % rank
    else:
        name = name + ".rank%d" % rank
    return os.path.join(folder, name)
