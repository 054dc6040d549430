"""The recorder's own tests (standard library unittest), run by the Swift suite's
RecordCommandTests with the pinned NumPy, or by hand from recorder/:

    python3 -m unittest discover -s tests -t .
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.dirname(HERE)
sys.path.insert(0, RECORDER)

from rngdiff_recorder.digest import array_digest, scalar_digest  # noqa: E402
from rngdiff_recorder.mt19937 import rule_holds, words_between  # noqa: E402


def python_state(r):
    s = r.getstate()[1]
    return s[:624], s[624]


def python_shadow(before):
    r = random.Random()
    r.setstate((3, before[0] + (before[1],), None))

    def step(n):
        if n:
            r.getrandbits(32 * n)
        return r.getstate()[1][:624]
    return step


def record(script_text, *options):
    """Records a script in a subprocess; returns (status, stdout, stderr, trace lines)."""
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "s.py")
    with open(script, "w") as f:
        f.write(script_text)
    trace = os.path.join(folder, "s.trace")
    env = dict(os.environ, PYTHONPATH=RECORDER)
    done = subprocess.run([sys.executable, "-m", "rngdiff_recorder", "-o", trace] + list(options) + [script],
                          env=env, capture_output=True, text=True)
    lines = []
    if os.path.exists(trace):
        with open(trace) as f:
            lines = [json.loads(line) for line in f]
    return done.returncode, done.stdout, done.stderr, lines


class WordCounting(unittest.TestCase):
    def test_a_count_rule_holds_only_where_the_states_agree_with_it(self):
        # Real states of Python's MT19937 before and after ``drawn`` words: the rule of exactly
        # that many words holds; one word more or fewer, or 623 more, lands elsewhere.
        for drawn in (1, 2, 300, 523, 524, 525, 623, 624, 625, 4096, 624 * 5 + 17):
            r = random.Random(7)
            r.getrandbits(32 * 100)
            before = python_state(r)
            r.getrandbits(32 * drawn)
            after = python_state(r)
            self.assertTrue(rule_holds(before, after, drawn), drawn)
            for other in (drawn - 1, drawn + 1, drawn + 623):
                self.assertFalse(rule_holds(before, after, other), (drawn, other))

    def test_counts_words_within_and_across_twists(self):
        for drawn in (0, 1, 2, 623, 624, 625, 1000, 624 * 5 + 17):
            r = random.Random(5)
            r.random()
            before = python_state(r)
            if drawn:
                r.getrandbits(32 * drawn)
            self.assertEqual(words_between(before, python_state(r), python_shadow), drawn)
            self.assertEqual(words_between(before, python_state(r), python_shadow, hint=drawn), drawn)

    def test_numpy_state_counts_match_the_draw_size(self):
        import numpy as np
        rs = np.random.RandomState(3)

        def state():
            s = rs.get_state()
            return s[1].tobytes(), int(s[2])

        def shadow(before):
            bg = np.random.MT19937()
            bg.state = {"bit_generator": "MT19937",
                        "state": {"key": np.frombuffer(before[0], dtype=np.uint32).copy(), "pos": before[1]}}

            def step(n):
                if n:
                    bg.random_raw(n)
                return bg.state["state"]["key"].tobytes()
            return step
        before = state()
        rs.rand(5000)  # two words per double
        self.assertEqual(words_between(before, state(), shadow), 10000)


    def test_pcg64_distance_is_the_number_of_outputs(self):
        import numpy as np
        from rngdiff_recorder.pcg64 import counter
        bg = np.random.PCG64(7)

        def state():
            s = bg.state
            return s["state"]["state"], s["state"]["inc"], s["has_uint32"], s["uinteger"]
        for n in (0, 1, 2, 1000, 123457):
            before = state()
            bg.random_raw(n)
            self.assertEqual(counter(before, state()), n)

    def test_tensorflow_generator_blocks_are_the_128_bit_counter_difference(self):
        # A tf.random.Generator's state is [counter_lo, counter_hi, key] as signed int64s; the
        # counter is one unsigned 128-bit number (TensorFlow's RngReadAndSkip adds to it with carry).
        from rngdiff_recorder.frameworks.tensorflow_generator import _blocks
        key = -8011759062544157638
        self.assertEqual(_blocks([1234, 0, 0], [2002, 0, 0]), 768)              # uniform((3,)) after from_seed(1234)
        self.assertEqual(_blocks([-256, 0, key], [256, 1, key]), 512)           # the low word carries into the high one
        self.assertEqual(_blocks([-1, -1, key], [511, 0, key]), 512)            # the whole counter wraps
        self.assertEqual(_blocks([5, 7, key], [5, 7, key]), 0)


class Digests(unittest.TestCase):
    def test_the_documented_digests(self):
        # docs/trace-format.md, "Digests".
        self.assertEqual(scalar_digest([3, 1, 4, 0, 5, 2, 7, 6], "int64"), "72d39615b7ed0af2")
        self.assertEqual(scalar_digest([0.5, -0.25, 0.125], "float32"), "e107318e465b0f34")
        self.assertEqual(scalar_digest([], "float64"), "e3b0c44298fc1c14")

    def test_arrays_hash_in_c_order_little_endian(self):
        import numpy as np
        a = np.asfortranarray(np.arange(6, dtype=">i8").reshape(2, 3))
        self.assertEqual(array_digest(a), scalar_digest(list(range(6)), "int64"))


class Recording(unittest.TestCase):
    def test_numpy_is_not_imported_unless_the_script_does(self):
        status, out, err, lines = record("import random, sys\nrandom.seed(0)\nrandom.random()\n"
                                         "print('numpy' in sys.modules)\n")
        self.assertEqual((status, out, err), (0, "False\n", ""))
        self.assertEqual([e["event"] for e in lines], ["header", "stream", "draw"])

    def test_counters_are_contiguous_and_read_from_real_state(self):
        status, out, err, lines = record(
            "import numpy as np\nnp.random.seed(1)\nnp.random.rand(700)\nnp.random.randn(3)\n"
            "rs = np.random.RandomState(2)\nrs.permutation(10)\nnp.random.randint(0, 5, size=4)\n")
        self.assertEqual(status, 0, err)
        draws = [e for e in lines if e["event"] == "draw"]
        on_global = [d for d in draws if d["stream"] == "numpy.global"]
        self.assertEqual([d["counter"] for d in on_global], [0, 1400, 1400 + on_global[1]["count"]])
        self.assertEqual(on_global[0]["count"], 1400)
        self.assertEqual([d["op"] for d in draws], ["rand", "randn", "permutation", "randint"])
        streams = [e for e in lines if e["event"] == "stream"]
        self.assertEqual([(s["id"], s["seed"], s["seeding"]["call"]) for s in streams],
                         [("numpy.global", "init_genrand(1)", "np.random.seed(1)"),
                          ("numpy.RandomState#1", "init_genrand(2)", "np.random.RandomState(2)")])
        self.assertTrue(all(d["source"].endswith(".py:%d" % line) for d, line in zip(draws, (3, 4, 6, 7))))

    def test_a_random_state_over_another_bit_generator_is_its_stream(self):
        status, out, err, lines = record(
            "import numpy as np\nr = np.random.RandomState(np.random.PCG64(5))\nprint(r.random_sample(2).tolist())\n"
            "s = np.random.RandomState(7)\ns.random_sample(1)\n")
        self.assertEqual(status, 0, err)
        import numpy as np
        self.assertEqual(eval(out), np.random.RandomState(np.random.PCG64(5)).random_sample(2).tolist())
        streams = [(e["id"], e["algorithm"], e["seed"], e["seeding"]["call"]) for e in lines if e["event"] == "stream"]
        self.assertEqual(streams, [
            ("numpy.RandomState#1", "pcg64", "PCG64(SeedSequence(entropy=[0x5]))", "np.random.RandomState(np.random.PCG64(5))"),
            ("numpy.RandomState#2", "mt19937", "init_genrand(7)", "np.random.RandomState(7)")])
        self.assertEqual([(d["stream"], d["count"]) for d in lines if d["event"] == "draw"],
                         [("numpy.RandomState#1", 2), ("numpy.RandomState#2", 2)])

    def test_values_and_digests_agree(self):
        status, out, err, lines = record("import random\nrandom.seed(3)\nx = [random.random() for _ in range(3)]\n"
                                         "print(x)\n", "--values")
        self.assertEqual(status, 0, err)
        draws = [e for e in lines if e["event"] == "draw"]
        printed = eval(out)
        self.assertEqual([d["values"][0] for d in draws], printed)
        self.assertEqual([d["digest"] for d in draws], [scalar_digest([v], "float64") for v in printed])

    def test_draws_behind_the_recorders_back_show_as_a_gap(self):
        status, out, err, lines = record("import random\nrandom.seed(3)\ndraw = random._inst.random\n"
                                         "draw()\nrandom.random()\n")
        self.assertEqual(status, 0, err)
        draws = [e for e in lines if e["event"] == "draw"]
        self.assertEqual([(d["counter"], d["count"]) for d in draws], [(2, 2)])

    def test_random_instances_are_streams_but_the_standard_librarys_are_not(self):
        status, out, err, lines = record("import random, tempfile\nr = random.Random(5)\nr.randint(1, 6)\n"
                                         "tempfile.mkdtemp()\nr.seed(6)\nr.random()\n")
        self.assertEqual(status, 0, err)
        streams = [(e["id"], e["seed"], e["seeding"]["call"]) for e in lines if e["event"] == "stream"]
        self.assertEqual(streams, [("python.Random#1", "init_by_array([5])", "random.Random(5)"),
                                   ("python.Random#1~2", "init_by_array([6])", "random.Random(6)")])
        draws = [(d["stream"], d["op"], d["counter"]) for d in lines if d["event"] == "draw"]
        self.assertEqual(draws, [("python.Random#1", "randint", 0), ("python.Random#1~2", "random", 0)])

    def test_bad_input_is_one_sentence_and_exit_two(self):
        env = dict(os.environ, PYTHONPATH=RECORDER)
        done = subprocess.run([sys.executable, "-m", "rngdiff_recorder", "/nonexistent.py"], env=env,
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stderr, "rngdiff record: cannot read the script '/nonexistent.py': no such file\n")


class DrawnSeeds(unittest.TestCase):
    """A value drawn to seed other streams (Keras's randint layer seeds): streams whose names
    carry it are declared ``drawn`` from that draw, as the engine's TraceRecorder writes them."""

    def writer(self):
        import io
        from rngdiff_recorder.trace import TraceWriter
        out = io.StringIO()
        out.close = lambda: None
        return out, TraceWriter(out, {"format": "rngdiff-trace", "version": 1})

    def test_a_stream_keyed_by_a_drawn_seed_names_the_draw(self):
        out, w = self.writer()
        py = w.declare("python", "global", "mt19937", "init_by_array([1])", {"how": "explicit", "call": "random.seed(1)"})
        w.draw(py, 0, 1, "randint", "integers", {"a": "1", "b": "1000000000"}, "int64", [], "a.py:3", "0" * 16, None)
        w.note_drawn_seed(850017089)
        w.declare("tensorflow", "stateless(850017089,0)", "philox4x32-10", "key=(0x1,0x2)",
                  {"how": "derived", "rule": "tf.stateless.GenerateKey", "from": "seed=[850017089, 0]", "source": "a.py:4"})
        w.declare("tensorflow", "stateless(7,0)", "philox4x32-10", "key=(0x3,0x4)",
                  {"how": "derived", "rule": "tf.stateless.GenerateKey", "from": "seed=[7, 0]"})
        events = [json.loads(line) for line in out.getvalue().splitlines()[1:]]
        self.assertEqual(events[2]["seeding"], {"how": "drawn", "stream": "python.global", "counter": 0, "seq": 1,
                                                "call": "tf.stateless.GenerateKey(seed=[850017089, 0])", "source": "a.py:4"})
        self.assertEqual(events[3]["seeding"]["how"], "derived")

    def test_small_values_and_entropy_streams_are_left_alone(self):
        out, w = self.writer()
        py = w.declare("python", "global", "mt19937", "os entropy", {"how": "entropy"})
        w.draw(py, 0, 1, "randint", "integers", {}, "int64", [], None, "0" * 16, None)
        w.note_drawn_seed(12)
        w.declare("tensorflow", "stateless(12,0)", "philox4x32-10", "k", {"how": "derived", "rule": "r", "from": "f"})
        events = [json.loads(line) for line in out.getvalue().splitlines()[1:]]
        self.assertEqual(events[2]["seeding"]["how"], "derived")


if __name__ == "__main__":
    unittest.main()


class Sources(unittest.TestCase):
    def test_a_call_inside_a_multi_line_statement_is_the_statements_first_line(self):
        from rngdiff_recorder.callsite import CallSite
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "s.py")
        with open(path, "w") as f:
            f.write("x = [\n    1,\n    2,\n]\nfor i in range(\n        3):\n    y = (i +\n         1)\n")
        site = CallSite(path)
        self.assertEqual([site.statement_line(n) for n in range(1, 9)], [1, 1, 1, 1, 5, 5, 7, 7])

    def test_recorded_source_of_a_draw_in_a_multi_line_call(self):
        status, _, _, lines = record("import random\nrandom.seed(3)\nvalues = [\n    random.random(),\n]\n")
        self.assertEqual(status, 0)
        draws = [e for e in lines if e["event"] == "draw"]
        self.assertEqual(draws[0]["source"].rsplit(":", 1)[1], "3")


class Consumers(unittest.TestCase):
    def writer_and_session(self):
        import io
        from rngdiff_recorder.callsite import CallSite
        from rngdiff_recorder.session import Session
        from rngdiff_recorder.trace import TraceWriter
        out = io.StringIO()
        out.close = lambda: None
        writer = TraceWriter(out, {"format": "rngdiff-trace", "version": 1})
        return out, Session(writer, CallSite("nowhere.py"), keep_values=False)

    def events(self, out):
        return [json.loads(line) for line in out.getvalue().splitlines()[1:]]

    def test_a_consumer_without_a_path_holds_events_until_it_is_named(self):
        from rngdiff_recorder.session import Consumer
        out, session = self.writer_and_session()
        waiting = Consumer(None, "seed")
        with session.consuming(waiting, "seed"):
            session.derivation("rule.a", {}, "1")
            self.assertEqual(self.events(out), [])
            session.resolve(waiting, "model/w")
        session.derivation("rule.b", {}, "2")
        events = self.events(out)
        self.assertEqual([(e["rule"], e["consumer"], e["role"], e["seq"]) for e in events],
                         [("rule.a", "model/w", "seed", 0), ("rule.b", "<top>", "", 1)])

    def test_drawing_for_names_draws_but_not_derivations(self):
        out, session = self.writer_and_session()
        with session.drawing_for("layer/kernel", "init"):
            session.derivation("keras.draw_seed", {"seed": "5"}, "[5, 0]")
            session.write_draw("s", 0, 1, "op", "uniform", {}, "float32", [1], None, "e3b0c44298fc1c14", None)
        derivation, draw = self.events(out)
        self.assertEqual((derivation["consumer"], draw["consumer"], draw["role"]), ("<top>", "layer/kernel", "init"))

    def test_phases_and_metrics_wait_for_held_events_and_keep_the_format_order(self):
        from rngdiff_recorder.session import Consumer
        out, session = self.writer_and_session()
        waiting = Consumer(None, "seed")
        with session.consuming(waiting, "seed"):
            session.derivation("rule.a", {}, "1")
        session.phase("epoch", "begin", index=2)
        session.metric("loss", 0.5, epoch=2)
        session.phase("fit", "end", name="sequential")
        self.assertEqual(self.events(out), [])
        session.resolve(waiting, "model/w")
        lines = out.getvalue().splitlines()[2:]
        self.assertEqual(lines, [
            '{"event":"phase","seq":1,"phase":"epoch","edge":"begin","index":2}',
            '{"event":"metric","seq":2,"name":"loss","epoch":2,"value":0.5}',
            '{"event":"phase","seq":3,"phase":"fit","edge":"end","name":"sequential"}',
        ])

    def test_a_consumer_never_named_is_top_at_the_end(self):
        from rngdiff_recorder.session import Consumer
        out, session = self.writer_and_session()
        with session.consuming(Consumer(None, "seed"), "seed"):
            session.derivation("rule.a", {}, "1")
        session.close()
        self.assertEqual(self.events(out)[0]["consumer"], "<top>")

    def test_draws_made_while_a_library_imports_name_the_import(self):
        # Top-level code of a module in the interpreter's library folder, as an import runs it.
        script = ("import os, random, sysconfig\nrandom.seed(1)\n"
                  "library = os.path.join(sysconfig.get_paths()['stdlib'], 'fake_library.py')\n"
                  "exec(compile('import random\\nrandom.random()\\n', library, 'exec'), {'__name__': 'fake_library'})\n"
                  "random.random()\n")
        status, _, err, lines = record(script)
        self.assertEqual(status, 0, err)
        self.assertEqual([(e["consumer"], e["role"]) for e in lines if e["event"] == "draw"],
                         [("import fake_library", "import"), ("<top>", "")])
