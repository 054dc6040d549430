"""Digests of the scenarios' initial weights, computed by the real libraries.

Each entry runs the statements of a scenario's program that create weights
(seeding, layer construction and build) in a fresh process of the real
framework and records the rngdiff digest (docs/trace-format.md) of every
weight the scenario records as an `init` tensor. RNGScenariosTests compares
them with the digests in the fixture traces, bit for bit.

Run from the repository root:
    python Tests/RNGScenariosTests/Goldens/generate_scenario_goldens.py
(torch and numpy from /work/venvs/torch; their versions are recorded.)
Every report but three is a script now (fixtures/scripts/classic/, checked
against the real libraries through fixtures/scripts/classic/expected.json),
so only the PyTorch Swift scenarios (stream-offset, unexplained) have entries
here.
"""
import hashlib, json, os, subprocess, sys

TORCH_PY = "/work/venvs/torch/bin/python"


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
    "stream-offset/a": (TORCH_PY, {}, TORCH_NET + "torch.manual_seed(16)\nout = params(Net())"),
    # b's classifier is made after the model (and not traced): the model's weights are drawn first.
    "stream-offset/b": (TORCH_PY, {}, TORCH_NET + "torch.manual_seed(16)\nout = params(Net())\nclassifier = nn.Linear(640, 5)"),
    "unexplained/a": (TORCH_PY, {"ATEN_CPU_CAPABILITY": "avx2"}, TORCH_NET + "torch.manual_seed(16)\nout = params(Net())"),
    "unexplained/b": (TORCH_PY, {"ATEN_CPU_CAPABILITY": "default"}, TORCH_NET + "torch.manual_seed(16)\nout = params(Net())"),
}

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
    for interpreter, modules in [(TORCH_PY, ["torch", "numpy"])]:
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
