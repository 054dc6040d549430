"""The classic report's MLP (issue 7, item 8), for timing `rngdiff run` against real Keras.

1001 inputs, four Dense(64, relu) each followed by Dropout(0.05), Dense(1), RMSprop, batch 32,
20,000 rows, 2 epochs. Runs unchanged in real Python (Keras 3 on TensorFlow) and in
`rngdiff run`; `python mlp.py ROWS` takes fewer rows for a quick check. Prints the two epoch
losses rounded, so the two runs can be compared by eye.
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
keras.utils.set_random_seed(0)
x = np.random.rand(rows, 1001).astype(np.float32)
y = np.random.rand(rows, 1).astype(np.float32)
layers = [keras.Input((1001,))]
for _ in range(4):
    layers.append(keras.layers.Dense(64, activation="relu"))
    layers.append(keras.layers.Dropout(0.05))
layers.append(keras.layers.Dense(1))
model = keras.Sequential(layers)
model.compile(optimizer="rmsprop", loss="mse")
history = model.fit(x, y, batch_size=32, epochs=2, verbose=0)
print("loss", [round(v, 4) for v in history.history["loss"]])
