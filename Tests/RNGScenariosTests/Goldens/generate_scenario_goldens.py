"""Digests of the scenarios' initial weights, computed by the real libraries.

Each entry runs the statements of a scenario's program that create weights
(seeding, layer construction and build) in a fresh process of the real
framework and records the rngdiff digest (docs/trace-format.md) of every
weight the scenario records as an `init` tensor. RNGScenariosTests compares
them with the digests in the fixture traces, bit for bit.

Run from the repository root:
    python Tests/RNGScenariosTests/Goldens/generate_scenario_goldens.py
(torch, numpy and jax from /work/venvs/torchenv; keras, tf_keras from
/work/venvs/tfenv: the script re-runs itself in the right venv per case.)
"""
import hashlib, json, os, subprocess, sys

TORCH_PY = "/work/venvs/torchenv/bin/python"
TF_PY = "/work/venvs/tfenv/bin/python"


def digest(values, dtype):
    import numpy as np
    a = np.ascontiguousarray(np.asarray(values, dtype=dtype))
    a = a.astype(a.dtype.newbyteorder("<"), copy=False)
    return hashlib.sha256(a.tobytes()).hexdigest()[:16]


# ---------------------------------------------------------------- cases
# Each case: (interpreter, environment, code). The code defines `out`, a dict
# tensor name -> numpy array (float32).

TORCH_NET = """
import torch, torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 1)
def params(model, prefix='model'):
    return {f'{prefix}/{n.replace(".", "/")}': p.detach().numpy() for n, p in model.named_parameters()}
"""

CASES = {
    "extra-draw/a": (TORCH_PY, {}, TORCH_NET + "torch.manual_seed(16)\nout = params(Net())"),
    "extra-draw/b": (TORCH_PY, {}, TORCH_NET + """torch.manual_seed(16)
classifier = nn.Linear(640, 5)
out = {'classifier/weight': classifier.weight.detach().numpy(), 'classifier/bias': classifier.bias.detach().numpy()}
out.update(params(Net()))"""),
    "unexplained/b": (TORCH_PY, {"ATEN_CPU_CAPABILITY": "default"}, TORCH_NET + "torch.manual_seed(16)\nout = params(Net())"),
    "seed-mismatch/a": (TORCH_PY, {}, """import numpy as np
np.random.seed(42)
out = {'w1': (np.random.randn(4, 8) * 0.5).astype(np.float32), 'w2': (np.random.randn(8, 1) * 0.35).astype(np.float32)}"""),
    "algorithm-mismatch/b": (TORCH_PY, {}, """import numpy as np
rng = np.random.default_rng(0)
out = {'w1': (rng.standard_normal((4, 8)) * 0.5).astype(np.float32), 'w2': (rng.standard_normal((8, 1)) * 0.35).astype(np.float32)}"""),
    "config-mismatch/a": (TORCH_PY, {}, """import jax
jax.config.update('jax_threefry_partitionable', False)
import numpy as np
key = jax.random.key(0)
k_w1, k_w2, k_data, k_drop = jax.random.split(key, 4)
out = {'w1': np.asarray(jax.random.normal(k_w1, (4, 8)) * 0.5), 'w2': np.asarray(jax.random.normal(k_w2, (8, 1)) * 0.35)}"""),
    "config-mismatch/b": (TORCH_PY, {}, """import jax
import numpy as np
key = jax.random.key(0)
k_w1, k_w2, k_data, k_drop = jax.random.split(key, 4)
out = {'w1': np.asarray(jax.random.normal(k_w1, (4, 8)) * 0.5), 'w2': np.asarray(jax.random.normal(k_w2, (8, 1)) * 0.35)}"""),
}

KERAS = """
import os
os.environ['KERAS_BACKEND'] = 'tensorflow'
os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'
import random, numpy as np
import keras
from keras.models import Model, Sequential
from keras.layers import Input, Dense
def weights(model, prefix):
    out = {}
    for layer in model.layers:
        for w in layer.weights:
            out[f'{prefix}/{w.path.split("/")[-2]}/{w.path.split("/")[-1]}'] = np.asarray(w.numpy())
    return out
def m1():
    return Sequential([Dense(20, activation='sigmoid', kernel_initializer='glorot_normal', input_shape=(2,)),
                       Dense(2, activation='linear', kernel_initializer='glorot_normal')])
def m2():
    ipt = Input(shape=(2,))
    x = Dense(20, activation='sigmoid', kernel_initializer='glorot_normal')(ipt)
    out = Dense(2, activation='linear', kernel_initializer='glorot_normal')(x)
    return Model(ipt, out)
def renamed(w, names):
    # Keras names layers by construction order in the process; the scenarios name them per model.
    out = {}
    for k, v in w.items():
        parts = k.split('/')
        parts[-2] = names.get(parts[-2], (parts[-2], parts[-2]))[1]
        out['/'.join(parts)] = v
    return out
"""

CASES.update({
    "reordered-draws/a": (TF_PY, {}, KERAS + """random.seed(2)
a = m1(); b = m2()
out = renamed(weights(a, 'model1'), {})
out.update(renamed(weights(b, 'model2'), {'dense_2': ('dense_2', 'dense'), 'dense_3': ('dense_3', 'dense_1')}))"""),
    "reordered-draws/b": (TF_PY, {}, KERAS + """random.seed(2)
b = m2(); a = m1()
out = renamed(weights(b, 'model2'), {})
out.update(renamed(weights(a, 'model1'), {'dense_2': ('dense_2', 'dense'), 'dense_3': ('dense_3', 'dense_1')}))"""),
    "sequential-vs-functional/b": (TF_PY, {}, KERAS + "random.seed(2)\nout = weights(m2(), 'model')"),
    "missing-draw/a": (TF_PY, {}, KERAS + """random.seed(1)
model = keras.Sequential()
model.add(keras.Input(shape=(4,)))
model.add(keras.layers.Dense(16, activation='relu'))
model.add(keras.layers.Dropout(0.05))
model.add(keras.layers.Dense(8, activation='relu'))
model.add(keras.layers.Dense(1))
out = weights(model, 'model')"""),
    "parameter-mismatch/b": (TF_PY, {}, KERAS + """keras.utils.set_random_seed(2)
model = Sequential([Dense(20, activation='sigmoid', input_shape=(2,)), Dense(2, activation='linear')])
out = weights(model, 'model')"""),
    "state-carryover/b": (TF_PY, {}, KERAS + """keras.utils.set_random_seed(1337)
out = {}
for i in range(2):
    model = Sequential(); model.add(keras.Input(shape=(8,))); model.add(Dense(4, activation='relu')); model.add(Dense(1, activation='sigmoid'))
    names = {'dense': ('dense', 'dense'), 'dense_1': ('dense_1', 'dense_1')} if i == 0 else {'dense_2': ('dense_2', 'dense'), 'dense_3': ('dense_3', 'dense_1')}
    out.update(renamed(weights(model, f'loop[{i}]/model'), names))"""),
    "input-shape/b": (TF_PY, {}, """
import os, random, math
os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'
import numpy as np
import tensorflow as tf
import tf_keras as keras
np.random.seed(1); tf.random.set_seed(1); random.seed(1)
model = keras.Sequential()
model.add(keras.layers.Dense(16, activation='relu'))
model.add(keras.layers.Dropout(0.05))
model.add(keras.layers.Dense(8, activation='relu'))
model.add(keras.layers.Dense(1))
for r in range(8):
    random.uniform(0.1, 9.9)
model.build((None, 4))
out = {}
for layer in model.layers:
    for w in layer.weights:
        name = w.name.split(':')[0]
        out['model/' + name] = np.asarray(w.numpy())
"""),
})


def run_case(name):
    interpreter, env, code = CASES[name]
    script = code + "\nimport json, hashlib, numpy as np\n" + \
        "def _d(v):\n    a = np.ascontiguousarray(np.asarray(v, dtype=np.float32)); return hashlib.sha256(a.astype(a.dtype.newbyteorder('<'), copy=False).tobytes()).hexdigest()[:16]\n" + \
        "print('RESULT ' + json.dumps({k: _d(v) for k, v in sorted(out.items())}))\n"
    environment = dict(os.environ, **env)
    proc = subprocess.run([interpreter, "-c", script], capture_output=True, text=True, env=environment)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"{name} failed:\n{proc.stderr[-3000:]}")


def versions():
    out = {}
    for interpreter, modules in [(TORCH_PY, ["torch", "numpy", "jax"]), (TF_PY, ["keras", "tf_keras", "tensorflow"])]:
        code = "import importlib, json, os\nos.environ['TF_CPP_MIN_LOG_LEVEL']='3'\nprint(json.dumps({m: importlib.import_module(m).__version__ for m in %r}))" % modules
        proc = subprocess.run([interpreter, "-c", code], capture_output=True, text=True)
        out.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


if __name__ == "__main__":
    result = {"versions": versions(), "cases": {name: run_case(name) for name in sorted(CASES)}}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenario_goldens.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {path}: {len(result['cases'])} cases")
