"""The PyTorch recorder's cost per dropout draw: one ``nn.Dropout(0.05)`` inside a module, called on
a 32 x 64 input that needs gradients (the shape of the classic MLP's hidden layers), plain and
recorded.

    python Benchmarks/RecorderOverhead/dropout_overhead.py [--against DIR]    # needs torch

Each mode runs in a fresh process with one thread (OMP_NUM_THREADS=1): 3,000 calls, five times,
the best CPU time (``time.process_time``) per call. ``--against DIR`` also times the recorder in
DIR (a folder holding an ``rngdiff_recorder`` package: an older version, for before and after in
the same session). The modes take turns, three rounds; the best of each is printed.
docs/recording.md has the results and the method.
"""

import os
import subprocess
import sys
import tempfile

SCRIPT = r'''
import time
import torch
import torch.nn as nn

torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.drop = nn.Dropout(0.05)

    def forward(self, x):
        return self.drop(x)


model = Block()
x = torch.rand(32, 64, requires_grad=True)
best = None
for _ in range(5):
    start = time.process_time()
    for _ in range(3000):
        model(x)
    spent = (time.process_time() - start) / 3000
    best = spent if best is None or spent < best else best
print(best)
'''


def main(argv):
    against = os.path.abspath(argv[argv.index("--against") + 1]) if "--against" in argv else None
    here = os.path.dirname(os.path.abspath(__file__))
    recorder = os.path.join(here, "..", "..", "recorder")
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "dropout.py")
    with open(script, "w") as f:
        f.write(SCRIPT)
    recorded = [sys.executable, "-m", "rngdiff_recorder", "--force", "-o", script + ".trace", script]
    modes = {"plain": ([sys.executable, script], recorder), "recorded": (recorded, recorder)}
    if against:
        modes["recorded by %s" % against] = (recorded, against)
    best = {}
    for _ in range(3):
        for mode, (command, path) in modes.items():
            env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=path)
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            seconds = float(done.stdout.split()[-1])
            best[mode] = min(best.get(mode, seconds), seconds)
    for mode, seconds in best.items():
        extra = "" if mode == "plain" else "  (+%.1f us a draw)" % ((seconds - best["plain"]) * 1e6)
        print("%-40s %7.1f us a call%s" % (mode, seconds * 1e6, extra))


if __name__ == "__main__":
    main(sys.argv[1:])
