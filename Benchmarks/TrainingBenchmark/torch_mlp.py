"""The classic report's MLP written in PyTorch (issue 12, item 6), for timing `rngdiff run`
against real PyTorch.

1001 inputs, four Linear(64) each followed by ReLU and Dropout(0.05), Linear(1), Adam, MSE,
batch 32 from a shuffled DataLoader, 20,000 rows of torch.rand data, 2 epochs, after
torch.manual_seed(0). Runs unchanged in real Python and in `rngdiff run`; `python torch_mlp.py
ROWS` takes fewer rows for a quick check. Prints the two epoch losses rounded, so the two runs
can be compared by eye.
"""
import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
torch.manual_seed(0)
x = torch.rand(rows, 1001)
y = torch.rand(rows, 1)
layers = []
width = 1001
for _ in range(4):
    layers += [nn.Linear(width, 64), nn.ReLU(), nn.Dropout(0.05)]
    width = 64
layers.append(nn.Linear(width, 1))
model = nn.Sequential(*layers)
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = nn.MSELoss()
loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)
losses = []
for epoch in range(2):
    total, batches = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item()
        batches += 1
    losses.append(round(total / batches, 4))
print("loss", losses)
