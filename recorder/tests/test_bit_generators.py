"""The state-distance functions of NumPy's bit generators (pcg64.py, philox.py, sfc64.py,
mt19937.py through numpy_bit_states), checked against real NumPy states after known numbers of
outputs, and the recording of Generators and RandomStates over every bit generator (run by the
Swift suite's RecordCommandTests with the pinned NumPy, or by hand from recorder/):

    python3 -m unittest tests.test_bit_generators
"""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.dirname(HERE)
sys.path.insert(0, RECORDER)

import numpy as np  # noqa: E402

from rngdiff_recorder import pcg64, philox, sfc64  # noqa: E402
from rngdiff_recorder.frameworks.numpy_bit_states import kinds  # noqa: E402
from tests.test_recorder import record  # noqa: E402

KINDS = kinds(np, np.random)
SIXTY_FOUR = ("PCG64", "PCG64DXSM", "Philox", "SFC64")
COUNTS = (0, 1, 2, 3, 4, 5, 1000, 123457)


def made(name, seed=5):
    return getattr(np.random, name)(seed)


class SixtyFourBitOutputs(unittest.TestCase):
    def test_random_raw_outputs_are_counted(self):
        for name in SIXTY_FOUR:
            kind = KINDS[name]
            bg = made(name)
            bg.random_raw(7)  # not at a block or word boundary
            for n in COUNTS:
                with self.subTest(name=name, n=n):
                    before = kind.read(bg)
                    bg.random_raw(n)
                    self.assertEqual(kind.count(before, kind.read(bg)), n)

    def test_a_32_bit_draw_from_the_kept_half_counts_zero(self):
        # Full-range uint32 integers are one next_uint32 each: halves of 64-bit outputs, the
        # other half kept in the bit generator (has_uint32) for the next 32-bit draw.
        for name in SIXTY_FOUR:
            kind = KINDS[name]
            g = np.random.Generator(made(name))
            steps = [(3, 2, 1), (1, 0, 0), (1, 1, 1), (4, 2, 1)]  # (draws, outputs, kept half afterwards)
            for draws, outputs, kept in steps:
                with self.subTest(name=name, draws=draws):
                    before = kind.read(g.bit_generator)
                    g.integers(0, 2**32, draws, dtype=np.uint32)
                    self.assertEqual(g.bit_generator.state["has_uint32"], kept)
                    self.assertEqual(kind.count(before, kind.read(g.bit_generator)), outputs)

    def test_doubles_and_replaced_generators(self):
        for name in SIXTY_FOUR:
            kind = KINDS[name]
            g = np.random.Generator(made(name))
            before = kind.read(g.bit_generator)
            g.random(777)
            self.assertEqual(kind.count(before, kind.read(g.bit_generator)), 777, name)
        # Another seed: another increment (PCG) or key (Philox): not one stream.
        for name in ("PCG64", "PCG64DXSM", "Philox"):
            kind = KINDS[name]
            self.assertIsNone(kind.count(kind.read(made(name, 1)), kind.read(made(name, 2))), name)


class LargeDistances(unittest.TestCase):
    def test_pcg_advance_is_that_many_outputs(self):
        # NumPy's advance(d) steps the LCG d times: the same state as d outputs drawn.
        for name, count in (("PCG64", pcg64.counter), ("PCG64DXSM", pcg64.dxsm_counter)):
            kind = KINDS[name]
            for d in (5, 1000):
                stepped, jumped = made(name), made(name)
                stepped.random_raw(d)
                jumped.advance(d)
                self.assertEqual(kind.read(stepped)[:2], kind.read(jumped)[:2], name)
            for d in (2**64 + 3, 2**100, 2**127 + 5, 2**128 - 1):
                with self.subTest(name=name, d=d):
                    bg = made(name)
                    bg.random_raw(3)
                    before = kind.read(bg)
                    bg.advance(d)
                    self.assertEqual(count(before, kind.read(bg)), d)

    def test_the_multipliers_are_not_interchangeable(self):
        bg = made("PCG64DXSM")
        before = KINDS["PCG64DXSM"].read(bg)
        bg.random_raw(10)
        after = KINDS["PCG64DXSM"].read(bg)
        self.assertEqual(pcg64.dxsm_counter(before, after), 10)
        self.assertNotEqual(pcg64.counter(before, after), 10)

    def test_philox_advance_is_four_outputs_a_block_from_an_empty_buffer(self):
        # advance(d) adds d to the block counter and empties the buffer: the position that
        # 4 * d outputs past the end of the current block reach (same counter, same next output).
        kind = KINDS["Philox"]
        for used in (0, 1, 3):
            for d in (1, 5, 2**64 - 1):
                with self.subTest(used=used, d=d):
                    bg = made("Philox")
                    bg.random_raw(4 + used)
                    before = kind.read(bg)
                    jumped = made("Philox")
                    jumped.state = bg.state
                    jumped.advance(d)
                    n = philox.outputs_between(before, kind.read(jumped))
                    self.assertEqual(n, 4 * d + 4 - before[2])
                    if d < 100:
                        bg.random_raw(n)
                        self.assertEqual(kind.read(bg)[0], kind.read(jumped)[0])
                        self.assertEqual(bg.random_raw(), jumped.random_raw())
        bg = made("Philox")
        before = kind.read(bg)
        bg.advance(2**100)
        self.assertEqual(philox.outputs_between(before, kind.read(bg)), 4 * 2**100)

    def test_philox_counter_wraps_at_2_256(self):
        kind = KINDS["Philox"]
        bg = made("Philox")
        state = bg.state
        state["state"]["counter"] = np.array([2**64 - 1] * 4, dtype=np.uint64)
        bg.state = state
        before = kind.read(bg)
        bg.random_raw(9)
        self.assertEqual(bg.state["state"]["counter"].tolist(), [2, 0, 0, 0])
        self.assertEqual(philox.outputs_between(before, kind.read(bg)), 9)

    def test_sfc64_counter_word_wraps_at_2_64(self):
        kind = KINDS["SFC64"]
        bg = made("SFC64")
        self.assertEqual(bg.state["state"]["state"][3], 13, "1, then twelve outputs discarded")
        state = bg.state
        state["state"]["state"][3] = 2**64 - 2
        bg.state = state
        before = kind.read(bg)
        bg.random_raw(5)
        self.assertEqual(int(bg.state["state"]["state"][3]), 3)
        self.assertEqual(sfc64.outputs_between(before, kind.read(bg)), 5)


class MT19937Words(unittest.TestCase):
    def test_words_within_and_across_twists(self):
        kind = KINDS["MT19937"]
        bg = made("MT19937")
        self.assertEqual(bg.state["state"]["pos"], 623, "seeded through SeedSequence: position 623")
        for n in (0, 1, 2, 623, 624, 625, 5000, 624 * 50 + 3):
            with self.subTest(n=n):
                before = kind.read(bg)
                bg.random_raw(n)
                self.assertEqual(kind.count(before, kind.read(bg)), n)
                self.assertEqual(kind.count(before, kind.read(bg), n), n)

    def test_a_generator_double_is_two_words(self):
        kind = KINDS["MT19937"]
        g = np.random.Generator(made("MT19937"))
        before = kind.read(g.bit_generator)
        g.random(1000)
        self.assertEqual(kind.count(before, kind.read(g.bit_generator)), 2000)


class Materials(unittest.TestCase):
    def test_an_assigned_state_is_named_from_the_real_state(self):
        bg = made("Philox")
        bg.random_raw(6)
        s = bg.state
        self.assertEqual(KINDS["Philox"].material(KINDS["Philox"].read(bg)),
                         "state(counter=[%s], key=[%s])" % (", ".join(str(int(w)) for w in s["state"]["counter"]),
                                                           ", ".join(str(int(w)) for w in s["state"]["key"])))
        bg = made("PCG64DXSM")
        s = bg.state
        self.assertEqual(KINDS["PCG64DXSM"].material(KINDS["PCG64DXSM"].read(bg)),
                         "state(state=%s, inc=%s)" % (hex(s["state"]["state"]), hex(s["state"]["inc"])))

    def test_the_scratch_replays_the_state(self):
        for name in KINDS:
            kind = KINDS[name]
            bg = made(name)
            bg.random_raw(3)
            state = kind.read(bg)
            expected = bg.random_raw(5).tolist()
            self.assertEqual(kind.scratch(state).random_raw(5).tolist(), expected, name)


class Recording(unittest.TestCase):
    def test_every_bit_generator_is_a_stream_with_its_own_algorithm(self):
        status, out, err, lines = record(
            "import numpy as np\n"
            "for k in (np.random.MT19937, np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64):\n"
            "    np.random.Generator(k(3)).random(2)\n"
            "    np.random.RandomState(k(4)).random_sample(2)\n")
        self.assertEqual(status, 0, err)
        streams = [(e["name"], e["algorithm"], e["unit"]) for e in lines if e["event"] == "stream"]
        algorithms = [("mt19937", "u32"), ("pcg64", "u64"), ("pcg64dxsm", "u64"), ("philox4x64-10", "u64"), ("sfc64", "u64")]
        expected = []
        for i, a in enumerate(algorithms):
            expected += [("Generator#%d" % (i + 1),) + a, ("RandomState#%d" % (i + 1),) + a]
        self.assertEqual(streams, expected)
        counts = [d["count"] for d in lines if d["event"] == "draw"]
        self.assertEqual(counts, [4, 4] + [2, 2] * 4, "MT19937 doubles are two words, the others one output")

    def test_random_raw_and_advance_before_wrapping(self):
        status, out, err, lines = record(
            "import numpy as np\nbg = np.random.Philox(7)\nbg.random_raw(3)\nbg.advance(2**100)\nbg.random_raw(2)\n"
            "g = np.random.Generator(bg)\ng.random(2)\nbg.advance(5)\nbg.random_raw(1)\ng.random(1)\n")
        self.assertEqual(status, 0, err)
        stream = [e for e in lines if e["event"] == "stream"][0]
        self.assertEqual((stream["start"], stream["seeding"]["source"][-2:]), (5, ":6"))
        self.assertEqual([(d["counter"], d["count"]) for d in lines if d["event"] == "draw"], [(5, 2), (8, 1)])

    def test_a_bit_generator_reseeded_the_legacy_way_can_be_wrapped_again(self):
        # RandomState.seed leaves the MT19937 object without a SeedSequence: its state is named.
        status, out, err, lines = record(
            "import numpy as np\nbg = np.random.MT19937(1)\nr = np.random.RandomState(bg)\nr.seed(3)\n"
            "g = np.random.Generator(bg)\nprint(g.random())\n")
        self.assertEqual(status, 0, err)
        expected = np.random.Generator(np.random.RandomState(3)._bit_generator).random()
        self.assertEqual(float(out), expected)
        seeds = [e["seed"] for e in lines if e["event"] == "stream"]
        self.assertEqual(seeds, ["MT19937(SeedSequence(entropy=[0x1]))", "init_genrand(3)", "state(pos=624)"])

    def test_recording_leaves_the_objects_alone(self):
        script = ("import copy, pickle\nimport numpy as np\nbg = np.random.SFC64(3)\ng = np.random.Generator(bg)\n"
                  "print(isinstance(bg, np.random.SFC64), isinstance(g, np.random.Generator), type(bg).__name__)\n"
                  "print(isinstance(np.random.default_rng(1).bit_generator, np.random.PCG64))\n"
                  "print(pickle.loads(pickle.dumps(g)).random(2).tolist(), copy.deepcopy(bg).random_raw(2).tolist())\n"
                  "print(bg.jumped is not None if hasattr(bg, 'jumped') else 'no jumped', g.random(2).tolist())\n"
                  "p = np.random.Philox(1, counter=5)\nprint(p.state['state']['counter'].tolist(), p.advance(3) is p)\n"
                  "class Mine(np.random.Generator):\n    pass\n"
                  "print(isinstance(g, Mine), isinstance(Mine(np.random.PCG64(1)), np.random.Generator))\n")
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "plain.py")
        with open(path, "w") as f:
            f.write(script)
        plain = subprocess.run([sys.executable, path], capture_output=True, text=True)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        status, out, err, lines = record(script)
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(out, plain.stdout)


if __name__ == "__main__":
    unittest.main()
