"""The recorder's overhead: the same loops of draws timed in plain Python and under the recorder.

    python3 Benchmarks/RecorderOverhead/overhead.py            # needs numpy in that python

It runs itself three ways (plain, recorded, recorded with --values), each in a fresh process, and
prints the CPU time of each loop (best of three, time.process_time) and the ratio; docs/recording.md has the results and method.
"""

import os
import subprocess
import sys
import tempfile
import time

LOOPS = {
    "random.random() x 50000": "for _ in range(50000): random.random()",
    "random.randint(0, 9) x 20000": "for _ in range(20000): random.randint(0, 9)",
    "np.random.rand(1000) x 2000": "for _ in range(2000): np.random.rand(1000)",
    "np.random.normal(size=(64, 64)) x 1000": "for _ in range(1000): np.random.normal(size=(64, 64))",
    "np.random.rand(1_000_000) x 5": "for _ in range(5): np.random.rand(1_000_000)",
    "rng.random(1_000_000) x 5 (Generator)": "for _ in range(5): rng.random(1_000_000)",
}

CHILD = """
import random, time, json, sys
import numpy as np
random.seed(0); np.random.seed(0); rng = np.random.default_rng(0)
out = {}
for name, code in %r.items():
    best = None
    for _ in range(3):
        t = time.process_time(); exec(code); d = time.process_time() - t
        best = d if best is None or d < best else best
    out[name] = best
print(json.dumps(out))
""" % (LOOPS,)


def run(mode):
    here = os.path.dirname(os.path.abspath(__file__))
    recorder = os.path.join(here, "..", "..", "recorder")
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "loops.py")
    with open(script, "w") as f:
        f.write(CHILD)
    env = dict(os.environ, PYTHONPATH=recorder)
    if mode == "plain":
        cmd = [sys.executable, script]
    else:
        cmd = [sys.executable, "-m", "rngdiff_recorder", "-o", os.path.join(folder, "t.trace")]
        cmd += (["--values"] if mode == "values" else []) + [script]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    size = os.path.getsize(os.path.join(folder, "t.trace")) if mode != "plain" else 0
    import json
    return json.loads(done.stdout), size


def main():
    plain, _ = run("plain")
    recorded, size = run("recorded")
    values, vsize = run("values")
    print("%-42s %12s %12s %8s %12s %8s" % ("loop (CPU s, best of 3)", "plain", "recorded", "ratio", "--values", "ratio"))
    for name in LOOPS:
        p, r, v = plain[name], recorded[name], values[name]
        print("%-42s %10.3fs %10.3fs %7.2fx %10.3fs %7.2fx" % (name, p, r, r / p, v, v / p))
    print("trace: %.1f MB with digests, %.1f MB with --values" % (size / 1e6, vsize / 1e6))


if __name__ == "__main__":
    main()
