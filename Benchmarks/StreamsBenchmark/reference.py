"""Throughput of the real libraries, for StreamsBenchmark's ratios.

Prints one JSON object: {"versions": {...}, "rates": {key: draws per second}}.
Each rate is the best of several runs of one bulk call on one thread (torch is
set to one thread; NumPy's generators are single-threaded). Keys match the
`reference` names in Benchmarks/StreamsBenchmark/main.swift. Missing libraries
are skipped.
"""
import json, sys, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
REPEATS = 5

def best(fn, n):
    fn()  # warm up
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return n / min(times)

rates, versions = {}, {"python": sys.version.split()[0]}
try:
    import numpy as np
    versions["numpy"] = np.__version__
    rs = np.random.RandomState(0)
    mt = np.random.MT19937(0)
    ph = np.random.Philox(0)
    pcg = np.random.PCG64(0)
    g = np.random.Generator(np.random.PCG64(0))
    rates["numpy.mt19937.raw32"] = best(lambda: mt.random_raw(N), N)
    rates["numpy.philox4x64.raw64"] = best(lambda: ph.random_raw(N), N)
    rates["numpy.pcg64.raw64"] = best(lambda: pcg.random_raw(N), N)
    rates["numpy.legacy.random_sample"] = best(lambda: rs.random_sample(N), N)
    rates["numpy.legacy.standard_normal"] = best(lambda: rs.standard_normal(N), N)
    rates["numpy.legacy.randint"] = best(lambda: rs.randint(0, 1000, N), N)
    rates["numpy.legacy.permutation"] = best(lambda: rs.permutation(N // 10), N // 10)
    rates["numpy.generator.random"] = best(lambda: g.random(N), N)
    rates["numpy.generator.standard_normal"] = best(lambda: g.standard_normal(N), N)
    rates["numpy.generator.integers"] = best(lambda: g.integers(0, 1000, N), N)
except ImportError:
    pass
try:
    import torch
    torch.set_num_threads(1)
    versions["torch"] = torch.__version__
    versions["torch_cpu_capability"] = torch.backends.cpu.get_cpu_capability()
    gen = torch.Generator().manual_seed(0)
    rates["torch.rand.float32"] = best(lambda: torch.rand(N, generator=gen), N)
    rates["torch.rand.float64"] = best(lambda: torch.rand(N, dtype=torch.float64, generator=gen), N)
    rates["torch.randn.float32"] = best(lambda: torch.randn(N, generator=gen), N)
    rates["torch.randn.float64"] = best(lambda: torch.randn(N, dtype=torch.float64, generator=gen), N)
    rates["torch.randint"] = best(lambda: torch.randint(0, 1000, (N,), generator=gen), N)
    rates["torch.randperm"] = best(lambda: torch.randperm(N // 10, generator=gen), N // 10)
    t = torch.empty(N)
    rates["torch.bernoulli_"] = best(lambda: t.bernoulli_(0.5, generator=gen), N)
except ImportError:
    pass
print(json.dumps({"versions": versions, "rates": rates}))
