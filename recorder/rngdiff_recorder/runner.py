"""Runs the user's script as ``python SCRIPT ARGS`` would, with the recorder installed.

The script runs as ``__main__`` with ``sys.argv = [SCRIPT, *ARGS]`` and its folder first on
``sys.path``; what it prints and raises is its own, and so is its exit status: 0, the code of
``sys.exit(code)``, or 1 after an uncaught exception (whose traceback is printed as Python prints
it, without the recorder's frames). The trace is complete and closed in every case except a hard
kill or ``os._exit`` (then its last line may be cut, which a trace reader reports as truncated).

    >>> status = run_script("train.py", ["--epochs", "2"], "train.py.trace", keep_values=False)

Edge cases: the trace is written to ``TRACE.partial`` and renamed when the run ends, so an existing
file is never half-overwritten; the caller refuses an existing trace unless forced.
"""

import hashlib
import os
import platform
import sys
import types

from . import PRODUCER, VERSION
from .callsite import CallSite
from .frameworks import ALL
from . import ranks
from .importhook import PostImportHooks
from .session import Session
from .trace import TraceWriter, _dump

CONFIG_VARIABLES = ("PYTHONHASHSEED",)
ENVIRONMENT_VARIABLES = ("KERAS_BACKEND", "TF_DETERMINISTIC_OPS", "CUDA_VISIBLE_DEVICES", "CUBLAS_WORKSPACE_CONFIG", "ATEN_CPU_CAPABILITY",
                         "OMP_NUM_THREADS")


def _installed_version(name):
    try:
        from importlib import metadata
        return metadata.version(name)
    except Exception:
        return None


def header(script, source_bytes):
    config = {}
    for name in CONFIG_VARIABLES:
        if name in os.environ:
            config[name] = os.environ[name]
    threads = {}
    if "OMP_NUM_THREADS" in os.environ:
        threads["OMP_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"]
    libraries = {"python": platform.python_version()}
    numpy_version = _installed_version("numpy")
    if numpy_version:
        libraries["numpy"] = numpy_version
    environment = {name: os.environ[name] for name in ENVIRONMENT_VARIABLES
                   if name in os.environ and name != "OMP_NUM_THREADS"}
    environment.update((name, os.environ[name]) for name in ranks.ENVIRONMENT_VARIABLES if name in os.environ)
    config.update({"threads": threads, "determinism": {}, "libraries": libraries, "environment": environment})
    return {"format": "rngdiff-trace", "version": 1, "producer": PRODUCER, "producer_version": VERSION,
            "profile": {"framework": "python", "version": platform.python_version()},
            "label": script,
            "source": {"path": script, "sha256": hashlib.sha256(source_bytes).hexdigest()},
            "config": config}


def run_script(script, arguments, trace_path, keep_values):
    with open(script, "rb") as f:
        source_bytes = f.read()
    partial = trace_path + ".partial"
    out = open(partial, "w", encoding="utf-8")
    writer = TraceWriter(out, header(script, source_bytes))
    session = Session(writer, CallSite(script), keep_values)
    hooks = PostImportHooks()
    for framework in ALL:
        for name in framework.MODULES:
            hooks.watch(name, lambda module, _f=framework: _f.install(session, module))
    hooks.install()
    __import__("random")  # standard library: hooked now (through the finder when not yet imported)

    path = os.path.abspath(script)
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__
    main.__loader__ = None
    main.__spec__ = None
    sys.modules["__main__"] = main
    sys.argv = [script] + list(arguments)
    sys.path[0] = os.path.dirname(path)
    status = 0
    try:
        code = compile(source_bytes, path, "exec")
        exec(code, main.__dict__)
    except SystemExit as exit:
        status = _exit_status(exit.code)
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        sys.stderr.flush()
        error.__traceback__ = tb  # without the recorder's frames
        sys.excepthook(type(error), error, tb)  # the script's own hook if it set one, else Python's
        status = 130 if isinstance(error, KeyboardInterrupt) else 1
    finally:
        try:
            sys.stdout.flush()
        except Exception:
            pass
        session.close()
        session.merge_parts(partial)
        writer.close()
        _finish_header(partial, header(script, source_bytes))
        os.replace(partial, trace_path)
    return status


def _version(module_name, distribution):
    module = sys.modules.get(module_name)
    version = getattr(module, "__version__", None)
    return str(version) if version else (_installed_version(distribution) or "unknown")


def _keras_backend():
    """The backend of an imported Keras 3 (``tensorflow``, ``jax``…), or None."""
    keras = sys.modules.get("keras")
    backend = getattr(keras, "backend", None)
    try:
        return backend.backend() if backend is not None and hasattr(backend, "backend") else None
    except Exception:
        return None


def profile():
    """The profile the run followed, by the rule `rngdiff run` uses (docs/scripts.md): tf-keras when
    the script imported it (or ``tf.keras`` did, under ``TF_USE_LEGACY_KERAS=1``), Keras 3
    (with its backend as the semantics) when the script imported it, else JAX (with
    ``jax_threefry_partitionable``), else NumPy when it imported that, else Python; the versions of
    the modules as they were imported."""
    if sys.modules.get("tf_keras") is not None:
        return {"framework": "tf-keras", "version": _version("tf_keras", "tf_keras"), "semantics": "tf-keras"}
    backend = _keras_backend()
    if backend is not None:
        return {"framework": "keras", "version": _version("keras", "keras"), "semantics": "keras3-%s" % backend}
    jax = sys.modules.get("jax")
    if jax is not None and hasattr(jax, "config"):
        partitionable = bool(getattr(jax.config, "jax_threefry_partitionable", True))
        return {"framework": "jax", "version": _version("jax", "jax"),
                "semantics": "jax_threefry_partitionable=%s" % partitionable}
    if sys.modules.get("torch") is not None:
        return {"framework": "torch", "version": _version("torch", "torch")}
    if sys.modules.get("numpy") is not None:
        return {"framework": "numpy", "version": _version("numpy", "numpy")}
    return {"framework": "python", "version": platform.python_version()}


def libraries():
    """Library versions that change results, as the engine lists them: Python; NumPy when imported;
    Keras and its backend's library for a Keras run; TensorFlow or JAX when the script used one
    without Keras."""
    found = {"python": platform.python_version()}
    if "numpy" in sys.modules:
        found["numpy"] = _version("numpy", "numpy")
    if "tf_keras" in sys.modules:
        found["tf_keras"] = _version("tf_keras", "tf_keras")
        found["tensorflow"] = _version("tensorflow", "tensorflow")
        return found
    backend = _keras_backend()
    if backend is not None:
        found["keras"] = _version("keras", "keras")
        if backend in ("tensorflow", "jax", "torch"):
            found[backend] = _version(backend, backend)
        return found
    for name in ("tensorflow", "jax", "torch"):
        if name in sys.modules:
            found[name] = _version(name, name)
    return found


def determinism_and_threads():
    """Settings made in the run that change results: TensorFlow's op determinism
    (``tf.config.experimental.enable_op_determinism()``) and thread counts when set."""
    determinism, threads = {}, {}
    if "torch" in sys.modules:
        _torch_settings(sys.modules["torch"], determinism, threads)
    if "tensorflow" not in sys.modules:
        return determinism, threads
    try:
        from tensorflow.python.framework import config  # is_op_determinism_enabled is not in tf.config
        if config.is_op_determinism_enabled():
            determinism["tf.config.experimental.enable_op_determinism"] = "True"
    except Exception:
        pass
    try:
        threading = sys.modules["tensorflow"].config.threading
        intra = threading.get_intra_op_parallelism_threads()
        inter = threading.get_inter_op_parallelism_threads()
        if intra:
            threads["intra_op"] = str(intra)
        if inter:
            threads["inter_op"] = str(inter)
    except Exception:
        pass
    return determinism, threads


def _torch_settings(torch, determinism, threads):
    """PyTorch's settings that change results: deterministic algorithms, cuDNN's flags (when they
    differ from PyTorch's defaults, or always for the deterministic-algorithms flag) and its thread counts."""
    try:
        determinism["torch.use_deterministic_algorithms"] = str(bool(torch.are_deterministic_algorithms_enabled()))
        cudnn = torch.backends.cudnn
        determinism["torch.backends.cudnn.deterministic"] = str(bool(cudnn.deterministic))
        determinism["torch.backends.cudnn.benchmark"] = str(bool(cudnn.benchmark))
        threads["torch.get_num_threads()"] = str(torch.get_num_threads())
        threads["torch.get_num_interop_threads()"] = str(torch.get_num_interop_threads())
    except Exception:
        pass


def torch_environment():
    """The CPU kernel PyTorch picked (its values depend on it) and the device, for a run that imported torch."""
    torch = sys.modules.get("torch")
    found = {}
    if torch is None:
        return found
    try:
        found["torch.backends.cpu.get_cpu_capability()"] = str(torch.backends.cpu.get_cpu_capability())
        found["torch.cuda.is_available()"] = str(bool(torch.cuda.is_available()))
    except Exception:
        pass
    return found


def _finish_header(path, start_header):
    """Rewrites the trace's header line once the run is over, when the profile (what the
    script imported) is known; the events are copied unchanged."""
    final = dict(start_header, profile=profile())
    final["config"]["libraries"] = libraries()
    determinism, threads = determinism_and_threads()
    final["config"]["determinism"].update(determinism)
    final["config"]["threads"].update(threads)
    final["config"]["environment"].update(torch_environment())
    line = (_dump(dict({"event": "header"}, **final)) + "\n").encode("utf-8")
    with open(path, "rb") as old, open(path + ".header", "wb") as new:
        old.readline()
        new.write(line)
        while True:
            chunk = old.read(1 << 20)
            if not chunk:
                break
            new.write(chunk)
    os.replace(path + ".header", path)


def _exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write("%s\n" % code)
    return 1
