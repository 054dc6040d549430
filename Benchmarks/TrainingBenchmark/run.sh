#!/usr/bin/env bash
# Times the classic report's MLP (mlp.py) in `rngdiff run` (release build) and in real Keras 3 on
# TensorFlow, each pinned to one core, alternating, REPEATS times; prints wall and CPU seconds and
# both runs' printed losses. Usage:
#   swift build -c release --product rngdiff
#   Benchmarks/TrainingBenchmark/run.sh PYTHON [ROWS] [REPEATS]
# PYTHON: an interpreter with tensorflow-cpu 2.21.0 and keras 3.15.1 (e.g. .build/recorder-venv-frameworks/bin/python).
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${1:?usage: run.sh PYTHON [ROWS] [REPEATS]}
rows=${2:-20000}
repeats=${3:-3}
rngdiff=.build/release/rngdiff
script=Benchmarks/TrainingBenchmark/mlp.py
trace=$(mktemp -d)/mlp.trace
cores=$(nproc)
export CUDA_VISIBLE_DEVICES="" TF_CPP_MIN_LOG_LEVEL=3 TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 OMP_NUM_THREADS=1
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $cores cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT="%R s wall, %U+%S s CPU"
for i in $(seq "$repeats"); do
  echo "run $i"
  echo -n "  rngdiff run:  "; { time taskset -c 0 "$rngdiff" run "$script" -o "$trace" --force -- "$rows" > "$trace.out"; } 2>&1; echo "    $(cat "$trace.out")"
  echo -n "  keras (TF):   "; { time taskset -c 0 "$python" "$script" "$rows" > "$trace.out" 2>/dev/null; } 2>&1; echo "    $(cat "$trace.out")"
  echo -n "  keras import only: "; { time taskset -c 0 "$python" -c "import keras, numpy" > /dev/null 2>&1; } 2>&1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
