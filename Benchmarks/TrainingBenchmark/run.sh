#!/usr/bin/env bash
# Times the classic report's MLP in `rngdiff run` (release build) and in the real framework, each
# pinned to one core, alternating, REPEATS times; prints wall and CPU seconds, both runs' printed
# losses, and the time of the framework's import alone. Usage:
#   swift build -c release --product rngdiff
#   Benchmarks/TrainingBenchmark/run.sh PYTHON [ROWS] [REPEATS] [SCRIPT]
# SCRIPT: mlp.py (Keras 3 on TensorFlow; the default) or torch_mlp.py (PyTorch).
# PYTHON: an interpreter with that framework: tensorflow-cpu 2.21.0 and keras 3.15.1 for mlp.py,
# torch 2.13.0+cpu for torch_mlp.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${1:?usage: run.sh PYTHON [ROWS] [REPEATS] [SCRIPT]}
rows=${2:-20000}
repeats=${3:-3}
name=${4:-mlp.py}
case "$name" in
  mlp.py) framework="keras (TF)"; import="import keras, numpy" ;;
  torch_mlp.py) framework="pytorch"; import="import torch" ;;
  *) echo "run.sh: SCRIPT must be mlp.py or torch_mlp.py, got $name" >&2; exit 2 ;;
esac
rngdiff=.build/release/rngdiff
script=Benchmarks/TrainingBenchmark/$name
trace=$(mktemp -d)/mlp.trace
cores=$(nproc)
export CUDA_VISIBLE_DEVICES="" TF_CPP_MIN_LOG_LEVEL=3 TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $cores cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT="%R s wall, %U+%S s CPU"
for i in $(seq "$repeats"); do
  echo "run $i"
  echo -n "  rngdiff run:  "; { time taskset -c 0 "$rngdiff" run "$script" -o "$trace" --force -- "$rows" > "$trace.out"; } 2>&1; echo "    $(cat "$trace.out")"
  echo -n "  $framework:   "; { time taskset -c 0 "$python" "$script" "$rows" > "$trace.out" 2>/dev/null; } 2>&1; echo "    $(cat "$trace.out")"
  echo -n "  $framework import only: "; { time taskset -c 0 "$python" -c "$import" > /dev/null 2>&1; } 2>&1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
