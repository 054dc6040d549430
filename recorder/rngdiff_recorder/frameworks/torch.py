"""PyTorch: the CPU default generator, explicit ``torch.Generator``s and every random op on them.

Hooked when the script imports ``torch`` (never imported by the recorder itself; NumPy, which
PyTorch imports when it is installed, computes the digests). Streams, in the engine's vocabulary
(TorchStreams):

- ``torch.cpu-default``: ``torch.default_generator``. ``torch.manual_seed(s)`` declares it with
  the seed ``init_genrand(s & 0xFFFFFFFF)`` (only the low 32 bits key MT19937); never seeded, it
  is declared at its first draw as ``{"how": "entropy"}`` with the seed PyTorch drew at start-up
  (``initial_seed()``: PyTorch seeds its default generator from the OS); ``torch.seed()`` is an
  entropy seeding too. A generator still at PyTorch's fixed default seed 67280421310721 (a new
  ``torch.Generator()`` never seeded) is ``{"how": "default"}``.
- ``torch.generator#n``: each ``torch.Generator()`` the script (or PyTorch's own Python code, such
  as ``RandomSampler``) creates, numbered in creation order. A generator seeded with a value that
  the run's previous draw produced (``RandomSampler`` seeding its generator from
  ``torch.empty((), dtype=torch.int64).random_()``) is declared ``{"how": "drawn"}``.
- ``torch.cuda:N``: the CUDA default generators (Philox; counter = the generator's offset). This
  path is written but not tested here (no GPU).

Counters come from the generators' real state: ``get_state()`` of a CPU generator is PyTorch's
legacy ``CPUGeneratorImplState`` (5056 bytes): the initial seed (uint64 at byte 0), ``left``
(int32 at byte 8), ``next`` (uint64 at 16) and the 624 MT19937 key words (each in a uint64 from
byte 24). PyTorch twists when ``left`` reaches 0 and sets it to 624, so the position in the key is
``625 - left`` (624 right after seeding, as NumPy's ``pos``). Counting across twists uses NumPy's
own MT19937 with the same key (``mt19937.block_search``): the same algorithm, bit for bit.
A dropout's count across twists is its rule's (two words an element), confirmed by a replay on a
scratch generator the first time its op, shape, dtype and ``p`` are met and then checked against
the real states alone (``mt19937.rule_holds``); its mask is the noise autograd saved for the
op's backward pass when there is one (``TorchRecorder.dropout_mask``), else a replay.

    torch.manual_seed(16)        # stream torch.cpu-default, seed init_genrand(16)
    model = Net()                # draws kaiming_uniform_ / uniform_, consumers model.fc1.weight ...
    F.dropout(h, 0.5)            # draw dropout (bernoulli), dtype bool: the keep mask

Consumers: a draw into a parameter while a module is being built is named by the path the
parameter has once the statement that built it is over (``model.fc1.weight``: the script's
variable, then ``named_parameters``), role ``init``; a draw inside a module's ``forward`` by the
module's path (``model.drop``, or ``model.dropout`` for ``F.dropout`` called in ``model``'s own
forward), role ``mask`` for dropout and ``noise`` otherwise; ``RandomSampler``'s seed and order
``<loader>.sampler`` (roles ``seed``, ``shuffle``), a DataLoader's base seed ``<loader>`` (role
``seed``). Anything else is ``<top>``.

DataLoader workers started by ``fork`` record their own events (``Session.enter_worker``) on
streams named ``worker<id>/...``, into a part file the script's process appends to the trace when
it ends (``Session.merge_parts``).

Edge cases: ``torch.default_generator.manual_seed(s)`` called on the C object itself is seen at the
next draw (the seed in the state changed) and declared then; a state put back by ``set_state`` or
``torch.set_rng_state`` is declared ``set_state(pos=N)``; calls made inside another recorded call
(``nn.init.kaiming_uniform_`` calling ``Tensor.uniform_``) are part of the outer draw.
"""

import inspect
import struct
import sys
import weakref

from ..mt19937 import block_search, rule_holds, same_state, words_between
from ..session import TOP, Consumer, Stream
from .keras3 import _warn

MODULES = ("torch",)

DEFAULT_SEED = 67280421310721
_KEY_OFFSET = 24
_LIMIT = 1 << 31  # words searched between two states before giving up (a state set behind our back)

# Functions of ``torch`` with the op and distribution the engine names them by.
FACTORIES = {"rand": ("rand", "uniform"), "randn": ("randn", "normal"), "randint": ("randint", "integers"),
             "randperm": ("randperm", "permutation"), "rand_like": ("rand", "uniform"),
             "randn_like": ("randn", "normal"), "randint_like": ("randint", "integers"),
             "normal": ("normal", "normal"), "bernoulli": ("bernoulli", "bernoulli"),
             "multinomial": ("multinomial", "multinomial"), "poisson": ("poisson", "poisson"),
             "binomial": ("binomial", "binomial")}
# Tensor methods (in place when the name ends with ``_``) and their distributions.
METHODS = {"uniform_": "uniform", "normal_": "normal", "bernoulli_": "bernoulli", "random_": "integers",
           "exponential_": "exponential", "geometric_": "geometric", "cauchy_": "cauchy",
           "log_normal_": "log_normal", "bernoulli": "bernoulli", "multinomial": "multinomial"}
INITS = ("uniform_", "normal_", "trunc_normal_", "kaiming_uniform_", "kaiming_normal_", "xavier_uniform_",
         "xavier_normal_", "orthogonal_", "sparse_")
# The roles of a RandomSampler's draws: the seed of its generator, then the order.
_SAMPLER_ROLES = {"random_": "seed", "randperm": "shuffle", "randint": "shuffle"}
DROPOUTS = {"dropout": 0, "alpha_dropout": 0, "dropout1d": 2, "dropout2d": 3, "dropout3d": 4,
            "feature_alpha_dropout": 2}  # feature dropouts: the rank of an unbatched input


def _text(value):
    """A parameter as the engine writes it: floats in their shortest form, ints in decimal."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "numel") and hasattr(value, "shape"):
        return _text(value.item()) if value.numel() == 1 else "tensor%s" % list(value.shape)
    return repr(value)


def _arg(args, kwargs, i, name, default=None):
    return args[i] if len(args) > i else kwargs.get(name, default)


def _dtype_name(dtype):
    return str(dtype).replace("torch.", "")


def _generic(args, kwargs):
    params = {"arg%d" % i: _text(v) for i, v in enumerate(args)}
    params.update({key: _text(v) for key, v in kwargs.items() if key not in ("generator", "out", "size", "dtype")})
    return params


def factory_params(name, a, k, t):
    """The parameters of ``torch.<name>(*a, **k)`` that returned ``t``, as TorchStreams reports them."""
    dtype = _dtype_name(t.dtype)
    if name in ("rand", "rand_like"):
        return {"from": "0.0", "to": "1.0", "dtype": dtype}
    if name in ("randn", "randn_like"):
        return {"mean": "0.0", "std": "1.0", "dtype": dtype}
    if name in ("randint", "randint_like"):
        skip = 1 if name == "randint_like" else 0
        ints = [v for v in a[skip:] if isinstance(v, int) and not isinstance(v, bool)][:2]
        low, high = (ints + [None, None])[:2]
        low, high = k.get("low", low), k.get("high", high)
        if high is None:
            low, high = 0, low
        return {"low": _text(low if low is not None else 0), "high": _text(high), "dtype": dtype}
    if name == "randperm":
        return {"n": _text(_arg(a, k, 0, "n")), "dtype": dtype}
    if name == "normal" and not any(hasattr(v, "shape") for v in (_arg(a, k, 0, "mean"), _arg(a, k, 1, "std"))):
        return {"mean": _text(float(_arg(a, k, 0, "mean", 0.0))), "std": _text(float(_arg(a, k, 1, "std", 1.0))),
                "dtype": dtype}
    params = _generic(a, k)
    params["dtype"] = dtype
    return params


def method_params(name, a, k, t):
    """The parameters of ``tensor.<name>(*a, **k)`` (``a`` without the tensor)."""
    dtype = _dtype_name(t.dtype)
    if name == "uniform_":
        return {"from": _text(float(_arg(a, k, 0, "from", 0.0))), "to": _text(float(_arg(a, k, 1, "to", 1.0))),
                "dtype": dtype}
    if name == "normal_":
        return {"mean": _text(float(_arg(a, k, 0, "mean", 0.0))), "std": _text(float(_arg(a, k, 1, "std", 1.0))),
                "dtype": dtype}
    if name == "bernoulli_":
        return {"p": _text(_arg(a, k, 0, "p", 0.5)), "dtype": dtype}
    if name == "random_":
        first, second = _arg(a, k, 0, "from"), _arg(a, k, 1, "to")
        if first is None:
            return {"dtype": dtype}
        low, high = (0, first) if second is None else (first, second)
        return {"low": _text(low), "high": _text(high), "dtype": dtype}
    params = _generic(a, k)
    params["dtype"] = dtype
    return params


class TorchRecorder:
    """The streams and consumers of one run; ``install`` wraps the functions that draw."""

    def __init__(self, session, torch):
        import numpy
        self.session, self.torch, self.numpy = session, torch, numpy
        self.Module, self.Parameter = torch.nn.Module, torch.nn.Parameter
        search = block_search(numpy, numpy.random.MT19937(0))
        self.blocks = lambda before, after, limit: search(self.narrow(before), self.narrow(after), limit)
        self.streams = {}          # id(generator) -> (generator, Stream)
        self.generators = 0
        self.forward = []          # modules whose forward is running, innermost last
        self.pending = []          # [consumer, target, creator frame, its statement line, module being built]
        self.recorded = set()      # names of the init tensors written
        self.paths = {}            # id(module) -> (module, path)
        self.contexts = []         # (path, {op: role}) while a loader draws
        self.samplers = []         # (weak reference to a RandomSampler's iteration, the sampler)
        self.inits = []            # the first primitive call inside each nn.init function being recorded
        self.last_draw = None      # (stream, cell filled when written, integer value) of the last scalar draw
        self.numpy_dtypes = (torch.float32, torch.float64, torch.float16)  # noise NumPy can read
        self.rules = set()         # count rules (op, shape, dtype, p) a replay confirmed once
        self.backwards = 0
        self.loader_passes = 0     # iter(loader) calls so far: a worker's part is named by its pass

    # Streams

    def read_cpu(self, generator):
        get_state, unpack = generator.get_state, struct.unpack_from

        def read():
            state = get_state()  # a new uint8 tensor: kept whole, to put a scratch generator in this state
            raw = state.numpy().tobytes()
            # The key as PyTorch stores it (624 uint64 words): compared as bytes, narrowed to
            # uint32 only when a count crosses twists (``blocks``).
            return raw[_KEY_OFFSET:_KEY_OFFSET + 624 * 8], 625 - unpack("<i", raw, 8)[0], unpack("<Q", raw, 0)[0], state
        return read

    def count(self, before, after, hint=None):
        """Words between two states. A ``hint`` (``(words, rule)``: the words the op's rule says it
        draws, and the rule's key: op, shape, dtype, p) is checked first. Without a twist between the
        states the positions give the count exactly. Across twists, the first time a rule is met it
        is checked by advancing a scratch generator from ``before`` by that many words and comparing
        its key and position with ``after`` (two C calls); once a rule has been checked so, later
        draws of it are checked against the real states alone (``rule_holds``). When a check fails,
        the twists are searched."""
        if hint:
            words, rule = hint
            if after[1] >= before[1] and after[0] == before[0]:
                return after[1] - before[1]
            if rule in self.rules:
                if rule_holds(before, after, words):
                    return words
            else:
                advanced = self.advanced(before, words)
                if advanced[0] == after[0] and advanced[1] == after[1]:
                    self.rules.add(rule)
                    return words
        return words_between(before, after, self, None, _LIMIT)

    def scratch(self):
        """A generator of the recorder's own (never the script's), put in any state to replay."""
        scratch = getattr(self, "_scratch", None)
        if scratch is None:
            scratch = self._scratch = self._original_generator()
            self._scratch_read = self.read_cpu(scratch)
        return scratch

    def advanced(self, before, words):
        """The state ``words`` words after ``before``, read as ``read_cpu`` reads states: the
        scratch generator set to ``before`` draws them as int64 ``random_`` (two words an element,
        PyTorch's ``random64``) and, for an odd count, one int32 ``random_`` (one word)."""
        torch = self.torch
        scratch = self.scratch()
        scratch.set_state(before[3])
        if words // 2:
            self._random_(torch.empty(words // 2, dtype=torch.int64), generator=scratch)
        if words % 2:
            self._random_(torch.empty(1, dtype=torch.int32), generator=scratch)
        return self._scratch_read()

    def narrow(self, state):
        """A state with its key as NumPy's MT19937 holds it (uint32 words)."""
        return (self.numpy.frombuffer(state[0], "<u8").astype("<u4").tobytes(), state[1])

    def stream_for(self, generator=None, device=None):
        """The stream of ``generator``, or of the default generator of ``device`` (CPU when None)."""
        torch = self.torch
        if generator is None and (device is None or getattr(device, "type", None) == "cpu"):
            generator = torch.default_generator  # a tensor's own device: the CPU's default generator
        if generator is None:
            device = torch.device(device) if device is not None else None
            if device is not None and device.type == "cuda":
                index = device.index if device.index is not None else torch.cuda.current_device()
                generator = torch.cuda.default_generators[index]
            else:
                generator = torch.default_generator
        entry = self.streams.get(id(generator))
        if entry is not None and entry[0] is generator:
            return entry[1]
        if generator.device.type == "cuda":
            stream = self.cuda_stream(generator)
        else:
            name = "cpu-default" if generator is torch.default_generator else self.next_generator_name()
            stream = Stream("torch", name, "mt19937", self.read_cpu(generator), self.count, None, same_state)
            stream.first_seeding = self.first_seeding(generator)
            stream.seed = stream.last[2]
        stream.generator = generator
        self.streams[id(generator)] = (generator, stream)
        return stream

    def next_generator_name(self):
        self.generators += 1
        return "generator#%d" % self.generators

    def cuda_stream(self, generator):
        """A CUDA generator (Philox): counter = its offset, as PyTorch advances it. Not tested here."""
        def read():
            return struct.unpack_from("<Qq", generator.get_state().numpy().tobytes(), 0)
        stream = Stream("torch", "cuda:%d" % (generator.device.index or 0), "philox4x32-10", read,
                        lambda before, after, hint=None: after[1] - before[1], None)
        stream.first_seeding = lambda source: ("philox seed %d" % generator.initial_seed(), {"how": "entropy"})
        stream.seed = None
        return stream

    def first_seeding(self, generator):
        """How a generator that draws before any seeding the recorder saw got its state."""
        def seeding(source):
            seed = generator.initial_seed()
            material = "init_genrand(%d)" % (seed & 0xFFFFFFFF)
            if seed == DEFAULT_SEED:
                form = {"how": "default", "from": "torch's default seed 67280421310721"}
                if source:
                    form["source"] = source
                return material, form
            return material, {"how": "entropy"}
        return seeding

    def declare(self, generator, call, how="explicit", source=None):
        """``generator`` was just seeded (or its state set): declare its stream again."""
        try:
            self._declare(generator, call, how, source)
        except Exception as error:
            _warn("a torch seeding", error)

    def _declare(self, generator, call, how, source):
        session = self.session
        stream = self.stream_for(generator)
        if stream.algorithm != "mt19937":
            session.declare(stream, "philox seed %d" % generator.initial_seed(), session.seeding(call, source))
            return
        if how == "state":
            material = "set_state(pos=%d)" % stream.read()[1]
            seeding = session.seeding(call, source)
        else:
            seed = generator.initial_seed()
            material = "init_genrand(%d)" % (seed & 0xFFFFFFFF)
            seeding = self.drawn_from(seed) if how == "explicit" else None
            if how == "entropy":
                seeding = {"how": "entropy", "call": call}
            elif seeding is not None:
                seeding["call"] = call
            else:
                seeding = session.seeding(call, source)
            if source and "source" not in seeding:
                seeding["source"] = source
        session.declare(stream, material, seeding)
        stream.seed = stream.last[2]
        self.last_draw = None

    def drawn_from(self, seed):
        """A ``{"how": "drawn"}`` seeding when ``seed`` is the value the run's last draw produced
        (filled in when that draw is written, which comes first)."""
        last = self.last_draw
        if last is None or last[2] != seed:
            return None
        cell = last[1]
        seeding = {"how": "drawn"}
        self.session.emit(lambda: seeding.update(stream=cell["stream"], counter=cell["counter"], seq=cell["seq"]))
        return seeding

    def note(self, stream, result):
        """Remembers the last draw when it is one integer (a seed another generator may be given)."""
        value = None
        try:
            if result.numel() == 1 and not result.dtype.is_floating_point and result.dtype != self.torch.bool:
                value = int(result.item())
        except Exception:
            value = None
        if value is None:
            self.last_draw = None
            return
        cell, writer, counter = {}, self.session.writer, stream.last_counter
        self.session.emit(lambda: cell.update(stream=stream.id, counter=counter, seq=writer.seq - 1))
        self.last_draw = (stream, cell, value)

    # Consumers

    def spaces(self, first=None):
        """Where the script's variables are: ``first``, then ``__main__``, then the script's
        functions' frames from the outermost in (so a module is named from its outermost holder:
        ``model.drop``, not ``self.drop`` inside ``forward``). ``self`` is never a name."""
        frames = []
        frame = sys._getframe(1)
        filename = self.session.callsite.filename
        while frame is not None:
            if frame.f_code.co_filename == filename and frame.f_code.co_name != "<module>":
                frames.append(frame.f_locals)
            frame = frame.f_back
        main = sys.modules.get("__main__")
        spaces = [first] if first is not None else []
        if main is not None:
            spaces.append(vars(main))
        return spaces + frames[::-1]

    def search(self, find, first=None):
        """The first answer of ``find(variable, module)`` over the script's module variables."""
        Module, seen = self.Module, set()
        for space in self.spaces(first):
            for name, value in list(space.items()):
                if isinstance(value, Module) and id(value) not in seen and not name.startswith("_") and name != "self":
                    seen.add(id(value))
                    found = find(name, value)
                    if found is not None:
                        return found
        return None

    def module_path(self, module):
        """``variable.sub.path`` of a module (``model.drop``), or its class name when no variable holds it."""
        entry = self.paths.get(id(module))
        if entry is not None and entry[0] is module:
            return entry[1]

        def find(name, root):
            return next((name + ("." + sub if sub else "") for sub, m in root.named_modules() if m is module), None)
        path = self.search(find)
        if path is None:
            return type(module).__name__
        self.paths[id(module)] = (module, path)
        return path

    def parameter_path(self, tensor, first=None):
        """``variable.sub.name`` of the parameter that shares ``tensor``'s storage, or None."""
        try:
            pointer, numel = tensor.data_ptr(), tensor.numel()
        except Exception:
            return None
        if numel == 0:
            return None

        def find(name, root):
            return next((name + "." + sub for sub, p in root.named_parameters()
                         if p.data_ptr() == pointer and p.numel() == numel), None)
        return self.search(find, first)

    def constructing(self):
        """The outermost frame running a module's ``__init__``, or None."""
        frame, outer, Module = sys._getframe(2), None, self.Module
        while frame is not None:
            if frame.f_code.co_name == "__init__" and isinstance(frame.f_locals.get("self"), Module):
                outer = frame
            frame = frame.f_back
        return outer

    def consumer(self, target, op, dropout=False, init=False):
        """The consumer of a draw of ``op`` into ``target`` (a tensor; None for a new one);
        ``init``: an ``nn.init`` function."""
        if self.samplers:
            for ref, sampler in reversed(self.samplers):
                iteration = ref()
                if iteration is not None and iteration.gi_running:  # the draw is the sampler's
                    return Consumer(getattr(sampler, "_rngdiff_path", None) or "sampler", _SAMPLER_ROLES.get(op, ""))
        if self.contexts:
            path, roles = self.contexts[-1]
            return Consumer(path, roles.get(op, ""))
        if self.forward:
            module = self.forward[-1]
            path = self.module_path(module)
            if dropout:
                own = type(module).__module__ == "torch.nn.modules.dropout"
                return Consumer(path if own else path + "." + op, "mask")
            return Consumer(path, "noise")
        outer = self.constructing()
        if outer is not None:
            consumer = Consumer(None, "init")
            creator = outer.f_back
            line = None
            if creator is not None:
                line = creator.f_lineno
                if creator.f_code.co_filename == self.session.callsite.filename:
                    line = self.session.callsite.statement_line(line)
            self.pending.append([consumer, target, creator, line, outer.f_locals.get("self")])
            return consumer
        if isinstance(target, self.Parameter):
            path = self.parameter_path(target)
            if path is not None:
                return Consumer(path, "init")
        if init:
            return Consumer("<top>", "init")
        return TOP

    def retarget(self, consumer, tensor):
        """A new tensor drawn while a module is built: its storage names the parameter it becomes."""
        for item in self.pending:
            if item[0] is consumer and item[1] is None:
                item[1] = tensor

    def resolve_pending(self, closing=False):
        """Names the draws made while modules were built, once the statement that built them is
        over (or the run ends), and writes the parameters of the modules named."""
        if not self.pending:
            return
        stack = set()
        frame = sys._getframe(1)
        while frame is not None:
            stack.add(id(frame))
            frame = frame.f_back
        callsite = self.session.callsite
        ready = 0
        for _, _, creator, line, _ in self.pending:
            if not closing and creator is not None and id(creator) in stack:
                now = creator.f_lineno
                if creator.f_code.co_filename == callsite.filename:
                    now = callsite.statement_line(now)
                if now == line:
                    break  # the statement still runs (later ones cannot be over before it)
            ready += 1
        if not ready:
            return
        items, self.pending = self.pending[:ready], self.pending[ready:]
        roots = []
        for consumer, target, creator, line, root in items:
            first = creator.f_locals if creator is not None and id(creator) in stack else None
            path = self.parameter_path(target, first) if target is not None else None
            if path is None and root is not None and target is not None:
                pointer = target.data_ptr()
                path = next((type(root).__name__ + "." + sub for sub, p in root.named_parameters()
                             if p.data_ptr() == pointer), None)
            if path is None:
                path = type(root).__name__ if root is not None else "<top>"
            head = path.split(".")[0]
            if head not in roots:
                roots.append(head)
            self.session.resolve(consumer, path)
        self.record_parameters(roots)

    def record_parameters(self, names):
        """One ``init`` tensor per parameter (``named_parameters`` order) of the modules these
        variables hold, each once."""
        for name in names:
            module = self.search(lambda variable, m, _name=name: m if variable == _name else None)
            if module is None:
                continue
            for sub, p in module.named_parameters():
                path = name + "." + sub
                if path not in self.recorded:
                    self.recorded.add(path)
                    self.session.tensor(path, "init", self.values(p))

    # Values

    def values(self, tensor):
        """A NumPy array of a tensor's values (bfloat16 as its raw 16 bits)."""
        t = tensor.detach()
        if t.device.type != "cpu":
            t = t.cpu()
        if t.dtype == self.torch.bfloat16:
            t = t.view(self.torch.int16)
        return t.contiguous().numpy()

    def dropout_mask(self, result, before, shape, dtype, keep):
        """The keep mask of a dropout that returned ``result`` from the generator state ``before``.
        PyTorch's CPU dropout multiplies its input by its noise (``bernoulli_(1 - p)``, divided by
        ``1 - p``): when autograd recorded that product, the noise it saved is the op's own, and
        its non-zero elements are the mask. Otherwise (no gradient, another kind of node, a noise
        of another shape or dtype) the mask is replayed (``keep_mask``)."""
        node = result.grad_fn
        if node is not None and type(node).__name__ == "MulBackward0":
            try:
                noise = node._saved_other
            except Exception:
                noise = None
            if (noise is not None and noise.dtype == dtype and list(noise.shape) == shape
                    and noise.device.type == "cpu" and not noise.requires_grad and dtype in self.numpy_dtypes):
                return noise.numpy() != 0
        return self.keep_mask(before, shape, dtype, keep)

    def keep_mask(self, before, shape, dtype, keep):
        """The keep mask of a dropout whose generator was in state ``before``: the same
        ``bernoulli_(1 - p)`` the op runs, on a scratch generator put in that state (so a kept
        element whose input was 0 still counts as kept)."""
        torch = self.torch
        scratch = self.scratch()
        scratch.set_state(before[3])
        noise = torch.empty(shape, dtype=dtype)
        with torch.no_grad():
            self._bernoulli_(noise, keep, generator=scratch)
        return (noise != 0).numpy()

    # Recording

    def record(self, stream, describe, fn, args, kwargs, consumer, hint=None):
        """One draw on ``stream`` for ``fn(*args, **kwargs)`` by ``consumer`` (``hint``: see ``count``)."""
        session = self.session
        try:
            if stream.seed is not None and stream.declared:
                seed = stream.generator.initial_seed()  # the state's seed, without copying the state
                if seed != stream.seed:  # seeded on the C object, behind the recorder's back
                    self.declare(stream.generator, "generator.manual_seed(%d)" % seed, source=session.callsite.source(3))
        except Exception as error:
            _warn("a torch seeding", error)
        session.enter(consumer)
        try:
            return session.draw(stream, describe, fn, args, kwargs, hint)
        finally:
            session.leave()


def install(session, torch):
    """Hooks ``torch`` (just imported) into ``session``."""
    rec = TorchRecorder(session, torch)
    session.closing.append(lambda: rec.resolve_pending(closing=True))
    nn, F, Tensor = torch.nn, torch.nn.functional, torch.Tensor
    OriginalGenerator = torch.Generator
    rec._original_generator = OriginalGenerator
    # The unwrapped methods the recorder replays draws with on its scratch generator.
    rec._random_, rec._bernoulli_ = Tensor.random_, Tensor.bernoulli_

    def draw(stream, op, dist, params, target, fn, args, kwargs, dropout=False, shown=None, hint=None):
        # The recorder's own failures are warned about once and never reach the script.
        try:
            if rec.pending:
                rec.resolve_pending()
            consumer = rec.consumer(target, op, dropout)
        except Exception as error:
            _warn("the consumer of a torch draw", error)
            consumer = TOP

        def describe(r, b, a, k):
            try:
                values = shown(b, r) if shown is not None else rec.values(r)
                return op, dist, params(r), None, list(values.shape), values
            except Exception as error:
                _warn("the values of torch's %s" % op, error)
                return op, dist, {}, "float64", [0], []
        result = rec.record(stream, describe, fn, args, kwargs, consumer, hint)
        try:
            if consumer.path is None and target is None and hasattr(result, "data_ptr"):
                rec.retarget(consumer, result)
            rec.note(stream, result)
        except Exception as error:
            _warn("a seed drawn by torch", error)
        return result

    def patch(owner, name, make):
        original = getattr(owner, name, None)
        if original is None or getattr(original, "_rngdiff", False):
            return
        wrapped = make(original)
        wrapped._rngdiff = True
        wrapped.__name__ = wrapped.__qualname__ = name
        wrapped.__doc__ = getattr(original, "__doc__", None)
        setattr(owner, name, wrapped)

    # Factory functions: torch.rand(...), torch.randperm(n, generator=g), ...
    def factory(name, op, dist):
        def make(original):
            def wrapper(*args, **kwargs):
                if session.depth:
                    return original(*args, **kwargs)
                device = kwargs.get("device")
                if device is None and args and hasattr(args[0], "device") and not name.startswith(("rand", "randn")):
                    device = args[0].device
                if device is None and name.endswith("_like") and args:
                    device = args[0].device
                try:
                    stream = rec.stream_for(kwargs.get("generator"), device)
                except Exception:
                    return original(*args, **kwargs)
                return draw(stream, op, dist, lambda r: factory_params(name, args, kwargs, r), None,
                            original, args, kwargs)
            return wrapper
        return make

    for name, (op, dist) in FACTORIES.items():
        patch(torch, name, factory(name, op, dist))

    # Tensor methods: t.uniform_(a, b), t.random_(), t.bernoulli(), ...
    def method(name, dist):
        in_place = name.endswith("_")

        def make(original):
            def wrapper(self, *args, **kwargs):
                if session.depth:
                    if rec.inits and not rec.inits[-1]:
                        rec.inits[-1].append((dist, method_params(name, args, kwargs, self)))
                    return original(self, *args, **kwargs)
                try:
                    stream = rec.stream_for(kwargs.get("generator"), self.device)
                except Exception:
                    return original(self, *args, **kwargs)
                return draw(stream, name, dist, lambda r: method_params(name, args, kwargs, r),
                            self if in_place else None, original, (self,) + args, kwargs)
            return wrapper
        return make

    for name, dist in METHODS.items():
        patch(Tensor, name, method(name, dist))

    # nn.init: one draw named by the function, with the distribution and parameters of the
    # primitive it calls (kaiming_uniform_ -> uniform_ from/to), digest of the tensor it fills.
    def initializer(name):
        def make(original):
            def wrapper(tensor, *args, **kwargs):
                if session.depth:
                    return original(tensor, *args, **kwargs)
                try:
                    stream = rec.stream_for(kwargs.get("generator"), tensor.device)
                except Exception:
                    return original(tensor, *args, **kwargs)
                rec.inits.append([])
                try:
                    def params(r):
                        inner = rec.inits[-1]
                        if name == "trunc_normal_" or not inner:
                            found = _generic(args, kwargs)
                            found["dtype"] = _dtype_name(tensor.dtype)
                            return found
                        return dict(inner[0][1])

                    def describe_dist():
                        inner = rec.inits[-1]
                        if name == "trunc_normal_" or not inner:
                            return "truncated_normal" if name == "trunc_normal_" else name.rstrip("_")
                        return inner[0][0]
                    holder = []

                    def run(*a, **k):
                        holder.append(original(*a, **k))
                        holder.append(describe_dist())
                        return tensor
                    try:
                        if rec.pending:
                            rec.resolve_pending()
                        consumer = rec.consumer(tensor, name, init=True)
                    except Exception as error:
                        _warn("the consumer of a torch draw", error)
                        consumer = TOP

                    def describe(r, b, a, k):
                        try:
                            values = rec.values(tensor)
                            return name, holder[1], params(r), None, list(values.shape), values
                        except Exception as error:
                            _warn("the values of nn.init.%s" % name, error)
                            return name, "unknown", {}, "float64", [0], []
                    rec.record(stream, describe, run, (tensor,) + args, kwargs, consumer)
                    return holder[0]
                finally:
                    rec.inits.pop()
            return wrapper
        return make

    for name in INITS:
        patch(nn.init, name, initializer(name))

    # Dropout: the keep mask, replayed from the generator's state before the op.
    def dropout(name, feature_rank):
        def make(original):
            signature = inspect.signature(original)
            names = list(signature.parameters)
            defaults = {n: v.default for n, v in signature.parameters.items()}
            plain = names[:3] == ["input", "p", "training"]
            # ``mask`` reads the op's own noise (``dropout_mask``) where the result is input * noise.
            own_noise = name in ("dropout", "dropout1d", "dropout2d", "dropout3d")

            def wrapper(*args, **kwargs):
                if plain and not kwargs and 0 < len(args) <= len(names):  # nn.Dropout's call: all positional
                    input = args[0]
                    p = args[1] if len(args) > 1 else defaults["p"]
                    training = args[2] if len(args) > 2 else defaults["training"]
                else:
                    try:
                        bound = signature.bind(*args, **kwargs)
                        bound.apply_defaults()
                        input, p, training = bound.arguments["input"], bound.arguments["p"], bound.arguments["training"]
                    except TypeError:
                        return original(*args, **kwargs)
                if session.depth or not training or not isinstance(input, Tensor) or not 0 < p < 1:
                    return original(*args, **kwargs)
                try:
                    stream = rec.stream_for(None, input.device)
                except Exception:
                    return original(*args, **kwargs)
                shape = list(input.shape)
                if feature_rank:  # one draw per channel: (N, C, 1, ...), or (C, 1, ...) unbatched
                    keep = 2 if name == "feature_alpha_dropout" or input.dim() == feature_rank + 1 else 1
                    shape = shape[:keep] + [1] * (len(shape) - keep)
                dtype = input.dtype
                elements = 1
                for d in shape:
                    elements *= d
                if own_noise:
                    def mask(b, r):
                        return rec.dropout_mask(r, b, shape, dtype, 1 - p)
                else:
                    def mask(b, r):
                        return rec.keep_mask(b, shape, dtype, 1 - p)
                return draw(stream, name, "bernoulli", lambda r: {"p": _text(p), "training": "True"}, None,
                            lambda: original(*args, **kwargs), (), {}, dropout=True,
                            shown=mask, hint=(2 * elements, (name, tuple(shape), dtype, p)))
            return wrapper
        return make

    for name, rank in DROPOUTS.items():
        patch(F, name, dropout(name, rank))

    # Seeding.
    def seeding(call, how):
        def make(original):
            def wrapper(*args, **kwargs):
                if rec.pending:
                    rec.resolve_pending()
                result = original(*args, **kwargs)
                text = call % _text(args[0] if args else kwargs.get("seed")) if "%s" in call else call
                rec.declare(torch.default_generator, text, how, session.callsite.source(1))
                return result
            return wrapper
        return make

    for owner in (torch, torch.random):
        patch(owner, "manual_seed", seeding("torch.manual_seed(%s)", "explicit"))
        patch(owner, "seed", seeding("torch.seed()", "entropy"))
        patch(owner, "set_rng_state", seeding("torch.set_rng_state(...)", "state"))

    class _GeneratorType(type(OriginalGenerator)):
        def __instancecheck__(cls, instance):
            return isinstance(instance, OriginalGenerator)

    class Generator(OriginalGenerator, metaclass=_GeneratorType):
        __doc__ = OriginalGenerator.__doc__

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.device.type == "cpu":
                rec.stream_for(self)  # numbered in creation order

        def _seeded(self, call, how):
            if rec.pending:
                rec.resolve_pending()
            rec.declare(self, call % rec.stream_for(self).name, how, session.callsite.source(2))

        def manual_seed(self, seed):
            result = super().manual_seed(seed)
            self._seeded("%%s.manual_seed(%s)" % _text(seed), "explicit")
            return result

        def seed(self):
            result = super().seed()
            self._seeded("%s.seed()", "entropy")
            return result

        def set_state(self, new_state):
            result = super().set_state(new_state)
            self._seeded("%s.set_state(...)", "state")
            return result

    Generator.__module__ = OriginalGenerator.__module__
    torch.Generator = Generator

    # Module paths of draws made in a forward.
    original_call = nn.Module.__call__

    def call(self, *args, **kwargs):
        rec.forward.append(self)
        try:
            return original_call(self, *args, **kwargs)
        finally:
            rec.forward.pop()
    nn.Module.__call__ = call

    # Losses passed to backward(): one metric per call.
    def backward(original):
        def wrapper(self, *args, **kwargs):
            if self.numel() == 1:
                rec.backwards += 1
                if rec.pending:
                    rec.resolve_pending()
                session.metric("loss", float(self.detach().cpu().item()), step=rec.backwards)
            return original(self, *args, **kwargs)
        return wrapper
    patch(Tensor, "backward", backward)

    _install_data(rec, torch)


def _install_data(rec, torch):
    """``RandomSampler``'s seed and order (``<loader>.sampler``), and a DataLoader iterator's base
    seed (``<loader>``, once per ``iter(loader)``) with its workers' seeds as derivations."""
    from torch.utils.data import dataloader, sampler
    session = rec.session
    RandomSampler = sampler.RandomSampler
    original_iter = RandomSampler.__iter__

    def sampler_iter(self):
        # The sampler's own generator, unwrapped (a wrapper would cost every index a Python call):
        # a draw made while it runs is the sampler's (``TorchRecorder.consumer``).
        iteration = original_iter(self)
        if not hasattr(iteration, "gi_running"):  # not a generator: each index in the sampler's context
            return contextual(self, iteration)
        rec.samplers = [entry for entry in rec.samplers if entry[0]() is not None and entry[0]().gi_frame is not None]
        rec.samplers.append((weakref.ref(iteration), self))
        return iteration

    def contextual(self, inner):
        while True:
            rec.contexts.append((getattr(self, "_rngdiff_path", None) or "sampler", _SAMPLER_ROLES))
            try:
                value = next(inner)
            except StopIteration:
                return
            finally:
                rec.contexts.pop()
            yield value
    RandomSampler.__iter__ = sampler_iter

    Base = dataloader._BaseDataLoaderIter
    original_init = Base.__init__

    def loader_name(loader):
        for space in rec.spaces():
            for name, value in list(space.items()):
                if value is loader:
                    return name
        return "loader"

    def iterator_init(self, loader, *args, **kwargs):
        try:
            name = loader_name(loader)
            if isinstance(getattr(loader, "sampler", None), RandomSampler):
                loader.sampler._rngdiff_path = name + ".sampler"
        except Exception as error:
            _warn("a DataLoader's name", error)
            name = "loader"
        rec.loader_passes += 1
        rec.contexts.append((name, {"random_": "seed"}))
        try:
            original_init(self, loader, *args, **kwargs)
        finally:
            rec.contexts.pop()
        workers, base = getattr(loader, "num_workers", 0) or 0, getattr(self, "_base_seed", None)
        if workers and base is not None:
            with session.consuming(name, "seed"):
                for worker in range(workers):
                    session.derivation("torch.utils.data.worker_seed", {"base_seed": str(base), "worker_id": str(worker)},
                                       str(base + worker), source=session.callsite.source(2))
    iterator_init.__name__ = "__init__"
    Base.__init__ = iterator_init

    # A worker process (forked) records its own draws into a part of the trace, appended when the
    # script ends: its streams are `worker<id>/...`, seeded by PyTorch's worker loop and by the
    # script's worker_init_fn.
    from torch.utils.data._utils import worker as worker_module
    original_loop = worker_module._worker_loop
    loop_signature = inspect.signature(original_loop)
    trace_file = getattr(session.writer.file, "name", None)

    def worker_loop(*args, **kwargs):
        try:
            worker_id = loop_signature.bind(*args, **kwargs).arguments["worker_id"]
            rec.pending, rec.forward, rec.contexts, rec.inits, rec.samplers = [], [], [], [], []
            session.enter_worker("%s.pass%06d.worker%03d" % (trace_file, rec.loader_passes, worker_id), worker_id)
        except Exception as error:
            _warn("a DataLoader worker's draws", error)
            return original_loop(*args, **kwargs)
        try:
            return original_loop(*args, **kwargs)
        finally:
            try:
                session.leave_worker()
            except Exception as error:
                _warn("a DataLoader worker's draws", error)
    worker_loop.__name__ = "_worker_loop"
    if isinstance(trace_file, str):
        worker_module._worker_loop = worker_loop
