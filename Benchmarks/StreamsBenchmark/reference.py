"""Throughput of the real libraries, for StreamsBenchmark's ratios.

Prints one JSON object: {"versions": {...}, "rates": {key: draws per second}}.
Each rate is the best of several runs of one bulk call on one thread (torch is
set to one thread; NumPy's generators are single-threaded). Keys match the
`reference` names in Benchmarks/StreamsBenchmark/main.swift. Missing libraries
are skipped (StreamsBenchmark can run this script with several Pythons, e.g.
one with NumPy, PyTorch and JAX and one with TensorFlow, and merges the rates).
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
    dxsm = np.random.PCG64DXSM(0)
    sfc = np.random.SFC64(0)
    rates["numpy.pcg64dxsm.raw64"] = best(lambda: dxsm.random_raw(N), N)
    rates["numpy.sfc64.raw64"] = best(lambda: sfc.random_raw(N), N)
    gs = np.random.Generator(np.random.SFC64(0))
    rates["numpy.generator.sfc64.random"] = best(lambda: gs.random(N), N)
    rates["numpy.legacy.random_sample"] = best(lambda: rs.random_sample(N), N)
    rates["numpy.legacy.standard_normal"] = best(lambda: rs.standard_normal(N), N)
    rates["numpy.legacy.randint"] = best(lambda: rs.randint(0, 1000, N), N)
    rates["numpy.legacy.permutation"] = best(lambda: rs.permutation(N // 10), N // 10)
    rates["numpy.legacy.exponential"] = best(lambda: rs.exponential(size=N), N)
    rates["numpy.legacy.gamma.0.5"] = best(lambda: rs.gamma(0.5, size=N), N)
    rates["numpy.legacy.gamma.3"] = best(lambda: rs.gamma(3.0, size=N), N)
    rates["numpy.legacy.poisson.3"] = best(lambda: rs.poisson(3.0, size=N), N)
    rates["numpy.legacy.poisson.30"] = best(lambda: rs.poisson(30.0, size=N), N)
    rates["numpy.legacy.binomial.10"] = best(lambda: rs.binomial(10, 0.3, size=N), N)
    rates["numpy.legacy.binomial.1000"] = best(lambda: rs.binomial(1000, 0.3, size=N), N)
    rates["numpy.generator.poisson.30"] = best(lambda: g.poisson(30.0, size=N), N)
    rates["numpy.generator.binomial.1000"] = best(lambda: g.binomial(1000, 0.3, size=N), N)
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
try:
    # One thread, as everywhere here: XLA's CPU backend would otherwise
    # spread one large elementwise op over every core.
    import os
    os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
    import jax, jax.numpy as jnp
    versions["jax"] = jax.__version__
    key = jax.random.PRNGKey(0)
    rates["jax.random.bits.uint32"] = best(lambda: jax.random.bits(key, (N,), jnp.uint32).block_until_ready(), N)
    rates["jax.random.uniform.float32"] = best(lambda: jax.random.uniform(key, (N,)).block_until_ready(), N)
    rates["jax.random.normal.float32"] = best(lambda: jax.random.normal(key, (N,)).block_until_ready(), N)
    rates["jax.random.wald.float32"] = best(lambda: jax.random.wald(key, 2.0, (N,)).block_until_ready(), N)
    rates["jax.random.lognormal.float32"] = best(lambda: jax.random.lognormal(key, 0.5, (N,)).block_until_ready(), N)
    rates["jax.random.pareto.float32"] = best(lambda: jax.random.pareto(key, 3.0, (N,)).block_until_ready(), N)
    rbg = jax.random.key(0, impl="rbg")
    rates["jax.random.bits.uint32.rbg"] = best(lambda: jax.random.bits(rbg, (N,), jnp.uint32).block_until_ready(), N)
    rates["jax.random.uniform.float32.rbg"] = best(lambda: jax.random.uniform(rbg, (N,)).block_until_ready(), N)
    rates["jax.random.weibull_min.float32"] = best(
        lambda: jax.random.weibull_min(key, 2.0, 1.5, (N,)).block_until_ready(), N)
    # The gamma family is float64 only in rngdiff (x64), and a rejection loop per element: a tenth of N.
    # x64 is switched on last, so the float32 calls above keep their default dtype.
    jax.config.update("jax_enable_x64", True)
    M = N // 10
    rates["jax.random.chisquare.float64"] = best(lambda: jax.random.chisquare(key, 3.0, (M,)).block_until_ready(), M)
    rates["jax.random.f.float64"] = best(lambda: jax.random.f(key, 3.0, 5.0, (M,)).block_until_ready(), M)
    rates["jax.random.beta.float64"] = best(lambda: jax.random.beta(key, 2.0, 3.0, (M,)).block_until_ready(), M)
    alpha = jnp.array([0.5, 1.0, 2.0])
    rates["jax.random.dirichlet.float64"] = best(
        lambda: jax.random.dirichlet(key, alpha, (M // 3,)).block_until_ready(), M // 3 * 3)
except ImportError:
    pass
try:
    import os
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    versions["tensorflow"] = tf.__version__
    # Philox4x32-10 words, the algorithm of rngdiff's Philox4x32 (full-range uint32).
    rates["tensorflow.philox.uint32"] = best(
        lambda: tf.raw_ops.StatelessRandomUniformFullInt(shape=[N], seed=[1, 2], dtype=tf.uint32).numpy(), N)
    tf.random.set_seed(0)
    rates["tensorflow.uniform.float32"] = best(lambda: tf.random.uniform([N], seed=1).numpy(), N)
    rates["tensorflow.normal.float32"] = best(lambda: tf.random.normal([N], seed=2).numpy(), N)
except ImportError:
    pass
print(json.dumps({"versions": versions, "rates": rates}))
