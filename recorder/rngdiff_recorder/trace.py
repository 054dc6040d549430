"""The trace file: header, stream declarations and draws, one JSON object per line.

Follows docs/trace-format.md with the field order RNGTrace's ``TraceWriter`` uses, and the stream
id rules of the engine's ``TraceRecorder``: a stream gets the id ``<framework>.<name>`` when first
declared; a new seed (another seed material) of the same generator gets a new id with ``~2``,
``~3``…; the same seed again re-declares the same id (a reseed, counter back to ``start``).

    >>> w = TraceWriter(open("run.trace", "w"), header)
    >>> sid = w.declare("python", "global", "mt19937", "init_by_array([42])",
    ...                 {"how": "explicit", "call": "random.seed(42)", "source": "a.py:3"})
    >>> w.draw(sid, counter=0, count=2, op="random", dist="uniform", params={}, dtype="float64",
    ...        shape=[], source="a.py:4", digest="…", values=None)
    >>> w.close()

Edge cases: ``NaN`` and infinities are written as Python's ``json`` writes them (the reader
accepts them); a write error is raised by the call that wrote.
"""

import json
import re

_UNITS = {"mt19937": "u32", "pcg64": "u64", "pcg64dxsm": "u64", "philox4x64-10": "u64", "sfc64": "u64",
          "philox4x32-10": "block128", "threefry2x32-20": "block64"}


def _dump(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=True)


class TraceWriter:
    def __init__(self, file, header):
        """``header`` None: a part of a trace (a DataLoader worker's events), without a header."""
        self.file = file
        self.seq = 0
        self._ids = {}          # (framework, name, algorithm, seed) -> id
        self._taken = set()
        self._strings = {}
        self._params_text = {}  # tuple(params.items()) -> its JSON (``_params``)
        self._shapes = {}       # a draw's shape (a tuple) -> its JSON items
        self._last_draw = None  # (stream id, counter, seq) of the draw written last
        self._drawn_seeds = {}  # a value drawn to seed other streams -> the draw that gave it
        if header is not None:
            self._write_line(dict({"event": "header"}, **header))

    def append_part(self, lines):
        """Appends the events of a part (``header`` None) written by another process: its streams
        are declared again here (ids by this writer's rules), every event gets the next ``seq``
        and the stream ids it names are mapped to those."""
        ids, seqs = {}, {}
        for text in lines:
            text = text.strip()
            if not text:
                continue
            event = json.loads(text)
            kind = event.pop("event")
            local_seq = event.pop("seq", None)
            if kind == "stream":
                seeding = dict(event["seeding"])
                if seeding.get("how") == "drawn":  # names a draw of the part: its stream and seq here
                    seeding["stream"] = ids.get(seeding.get("stream"), seeding.get("stream"))
                    seeding["seq"] = seqs.get(seeding.get("seq"), seeding.get("seq"))
                ids[event["id"]] = self.declare(event["framework"], event["name"], event["algorithm"], event["seed"],
                                                seeding, event.get("start", 0))
                continue
            if "stream" in event and event["stream"] in ids:
                event["stream"] = ids[event["stream"]]
            seqs[local_seq] = self.seq
            self._event(kind, event)

    def _write_line(self, obj):
        self.file.write(_dump(obj) + "\n")

    def _event(self, kind, fields):
        line = {"event": kind, "seq": self.seq}
        line.update(fields)
        self.seq += 1
        self._write_line(line)

    def known(self, framework, name, algorithm, seed):
        """The id of a stream declared before with this seed material, or None."""
        return self._ids.get((framework, name, algorithm, seed))

    def derivation(self, rule, inputs, result, stream, consumer, role, source):
        """Writes a derivation event (field order as RNGTrace's writer)."""
        fields = {"rule": rule, "inputs": inputs, "result": result}
        if stream is not None:
            fields["stream"] = stream
        fields["consumer"] = consumer
        fields["role"] = role
        if source is not None:
            fields["source"] = source
        self._event("derivation", fields)

    def tensor(self, name, moment, dtype, shape, digest, values, index=None):
        """Writes a tensor event: a weight's digest (and values) at ``moment`` (``init``, ``epoch``…)."""
        fields = {"name": name, "moment": moment}
        if index is not None:
            fields["index"] = index
        fields.update({"dtype": dtype, "shape": [int(d) for d in shape], "digest": digest})
        if values is not None:
            fields["values"] = values
        self._event("tensor", fields)

    def phase(self, phase, edge, index=None, name=None):
        """Writes a phase event: ``begin`` or ``end`` of ``fit``, ``epoch`` (with its index)…"""
        fields = {"phase": phase, "edge": edge}
        if index is not None:
            fields["index"] = index
        if name is not None:
            fields["name"] = name
        self._event("phase", fields)

    def metric(self, name, value, epoch=None, step=None):
        """Writes a metric event (a loss or metric of an epoch, or of a step)."""
        fields = {"name": name}
        if epoch is not None:
            fields["epoch"] = epoch
        if step is not None:
            fields["step"] = step
        fields["value"] = value
        self._event("metric", fields)

    def note_drawn_seed(self, value):
        """The draw written last gave ``value``, a seed (Keras's ``randint(1, 10**9)`` for a layer,
        initializer or ``SeedGenerator`` given none): streams declared later whose names carry it
        are written ``"how":"drawn"`` naming that draw, as the engine's ``TraceRecorder`` does.
        Values below 1000 are not followed (stream names' small numbers are counters)."""
        if self._last_draw is not None and value >= 1000 and (len(self._drawn_seeds) < 100000 or value in self._drawn_seeds):
            self._drawn_seeds[value] = self._last_draw

    def _drawn_seeding(self, name, seeding):
        """``seeding`` as ``drawn`` when ``name`` (before its first ``/``) carries a drawn seed."""
        if not self._drawn_seeds or seeding.get("how") in ("entropy", "drawn"):
            return seeding
        origin = None
        for token in re.findall(r"[0-9A-Za-z_.]+", name.split("/", 1)[0]):
            if token.isdigit() and len(token) <= 18 and int(token) in self._drawn_seeds:
                origin = self._drawn_seeds[int(token)]
                break
        if origin is None:
            return seeding
        how = seeding.get("how")
        if how == "derived":
            call = "%s(%s)" % (seeding.get("rule", ""), seeding.get("from", ""))
        elif how == "default":
            call = seeding.get("from", "")
        else:
            call = seeding.get("call", "")
        drawn = {"how": "drawn", "stream": origin[0], "counter": origin[1], "seq": origin[2], "call": call}
        if "source" in seeding:
            drawn["source"] = seeding["source"]
        return drawn

    def declare(self, framework, name, algorithm, seed, seeding, start=0):
        """Declares (or re-declares) a stream and returns its id."""
        seeding = self._drawn_seeding(name, seeding)
        key = (framework, name, algorithm, seed)
        sid = self._ids.get(key)
        if sid is None:
            base = "%s.%s" % (framework, name)
            sid, k = base, 2
            while sid in self._taken:
                sid, k = "%s~%d" % (base, k), k + 1
            self._taken.add(sid)
            self._ids[key] = sid
        fields = {"id": sid, "framework": framework, "name": name, "algorithm": algorithm,
                  "unit": _UNITS.get(algorithm, "u32"), "seed": seed, "seeding": seeding}
        if start:
            fields["start"] = start
        self._event("stream", fields)
        return sid

    def _text(self, value):
        """A JSON string literal, cached (stream ids, ops, sources repeat on every draw)."""
        encoded = self._strings.get(value)
        if encoded is None:
            encoded = _dump(value)
            if len(self._strings) < 65536:
                self._strings[value] = encoded
        return encoded

    def _params(self, params):
        """A draw's parameters as JSON, cached by their items (a training loop repeats the same few)."""
        try:
            key = tuple(params.items())
            encoded = self._params_text.get(key)
        except TypeError:  # a value that cannot be a key (a list)
            return _dump(params)
        if encoded is None:
            encoded = _dump(params)
            # Only text values are kept: 1, 1.0 and True are equal keys with different JSON.
            if len(self._params_text) < 4096 and all(type(v) is str for v in params.values()):
                self._params_text[key] = encoded
        return encoded

    def draw(self, stream, counter, count, op, dist, params, dtype, shape, source, digest, values,
             consumer="<top>", role=""):
        """Writes one draw event (the same bytes ``json.dumps`` would write, built faster)."""
        strings, text = self._strings, self._text  # cached texts looked up here: no call on a hit
        dims = tuple(shape)
        shape_text = self._shapes.get(dims)
        if shape_text is None:
            shape_text = ",".join(str(int(d)) for d in dims)
            if len(self._shapes) < 4096:
                self._shapes[dims] = shape_text
        line = '{"event":"draw","seq":%d,"stream":%s,"counter":%d,"count":%d,"op":%s,"dist":%s,"params":%s,' \
               '"dtype":%s,"shape":[%s],"consumer":%s,"role":%s' % (
                   self.seq, strings.get(stream) or text(stream), counter, count, strings.get(op) or text(op),
                   strings.get(dist) or text(dist), self._params(params) if params else "{}",
                   strings.get(dtype) or text(dtype), shape_text, strings.get(consumer) or text(consumer),
                   strings.get(role) or text(role))
        if source is not None:
            line += ',"source":' + (strings.get(source) or text(source))
        line += ',"digest":"' + digest + '"'
        if values is not None:
            line += ',"values":' + _dump(values)
        self._last_draw = (stream, counter, self.seq)
        self.seq += 1
        self.file.write(line + "}\n")

    def flush(self):
        self.file.flush()

    def close(self):
        self.file.close()
