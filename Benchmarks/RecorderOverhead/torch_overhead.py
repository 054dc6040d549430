"""The PyTorch recorder's overhead on a small training run: the classic MLP (784-128-64-10 with
dropout) trained on 2,000 random examples in batches of 32 for 3 epochs, with a shuffling
DataLoader, plain and under the recorder.

    python Benchmarks/RecorderOverhead/torch_overhead.py      # needs torch in that python
    python Benchmarks/RecorderOverhead/torch_overhead.py --classic [ROWS]   # the classic MLP, whole process

Each mode runs in a fresh process with one thread (OMP_NUM_THREADS=1) three times; the best
CPU time of the training loop (time.process_time, measured inside the script, so start-up and
import are not counted) is compared. docs/recording.md has the results and the method.
"""

import os
import subprocess
import sys
import tempfile

from classic_overhead import child_cpu  # this folder is the script's (sys.path[0])

SCRIPT = r'''
import time
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
data = TensorDataset(torch.randn(2000, 784), torch.randint(0, 10, (2000,)))
loader = DataLoader(data, batch_size=32, shuffle=True)
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 64), nn.ReLU(),
                      nn.Dropout(0.2), nn.Linear(64, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
start = time.process_time()
for epoch in range(3):
    for x, y in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
print(time.process_time() - start)
'''




def classic(rows):
    """``--classic [ROWS]``: the classic report's MLP in PyTorch (Benchmarks/TrainingBenchmark/
    torch_mlp.py: 1001-64x4-1, four dropouts, Adam, a shuffling DataLoader, 2 epochs), whole
    process, plain and recorded, best CPU time (user + system) of three fresh processes each."""
    here = os.path.dirname(os.path.abspath(__file__))
    recorder = os.path.join(here, "..", "..", "recorder")
    script = os.path.join(here, "..", "TrainingBenchmark", "torch_mlp.py")
    trace = os.path.join(tempfile.mkdtemp(), "mlp.trace")
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=recorder)
    modes = {"plain": [sys.executable, script, str(rows)],
             "recorded": [sys.executable, "-m", "rngdiff_recorder", "--force", "-o", trace, script, str(rows)]}
    best = {}
    for _ in range(3):
        for mode, command in modes.items():
            seconds = child_cpu(command, env)
            best[mode] = min(best.get(mode, seconds), seconds)
    print("classic MLP, %d rows: plain %.2f s CPU, recorded %.2f s CPU, ratio %.3f, trace %d bytes"
          % (rows, best["plain"], best["recorded"], best["recorded"] / best["plain"], os.path.getsize(trace)))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--classic":
        classic(int(sys.argv[2]) if len(sys.argv) > 2 else 20000)
        return
    here = os.path.dirname(os.path.abspath(__file__))
    recorder = os.path.join(here, "..", "..", "recorder")
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "train.py")
    with open(script, "w") as f:
        f.write(SCRIPT)
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=recorder)
    modes = {"plain": [sys.executable, script],
             "recorded": [sys.executable, "-m", "rngdiff_recorder", "--force", "-o", script + ".trace", script]}
    best = {}
    for _ in range(3):
        for mode, command in modes.items():
            seconds = float(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split()[-1])
            best[mode] = min(best.get(mode, seconds), seconds)
    size = os.path.getsize(script + ".trace")
    print("plain %.3f s, recorded %.3f s, ratio %.3f, trace %d bytes"
          % (best["plain"], best["recorded"], best["recorded"] / best["plain"], size))


if __name__ == "__main__":
    main()
