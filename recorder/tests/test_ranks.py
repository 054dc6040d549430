"""Distributed runs: the per-rank trace name, the rank in the header, and a bad RANK refused."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from tests.test_recorder import RECORDER  # puts the recorder's package on sys.path
from rngdiff_recorder.ranks import ENVIRONMENT_VARIABLES, rank_of, ranked_path


class RankNaming(unittest.TestCase):
    def test_rank_goes_before_the_trace_suffix(self):
        self.assertEqual(ranked_path("run.trace", 0), "run.rank0.trace")
        self.assertEqual(ranked_path(os.path.join("out", "run.trace"), 12), os.path.join("out", "run.rank12.trace"))
        self.assertEqual(ranked_path("train.py.trace", 3), "train.py.rank3.trace")

    def test_a_name_without_the_suffix_gets_the_rank_at_its_end(self):
        self.assertEqual(ranked_path("run.jsonl", 1), "run.jsonl.rank1")
        self.assertEqual(ranked_path(".trace", 1), ".trace.rank1")

    def test_no_rank_leaves_the_path_alone(self):
        self.assertEqual(ranked_path("run.trace", None), "run.trace")

    def test_rank_comes_from_RANK_then_SLURM_PROCID(self):
        self.assertIsNone(rank_of({}))
        self.assertEqual(rank_of({"RANK": "1", "WORLD_SIZE": "2"}), 1)
        self.assertEqual(rank_of({"SLURM_PROCID": "5"}), 5)
        self.assertEqual(rank_of({"RANK": "0", "SLURM_PROCID": "3"}), 0)

    def test_a_rank_that_is_not_a_whole_number_is_one_sentence(self):
        for bad in ("-1", "one", "1.0", "", "\uff11"):
            with self.assertRaises(ValueError) as caught:
                rank_of({"RANK": bad})
            self.assertIn("RANK is '%s'" % bad, str(caught.exception))


class RankedRecording(unittest.TestCase):
    def test_each_rank_writes_its_own_trace_with_rank_and_world_size_in_the_header(self):
        status, _, err, folder = record_as({"RANK": "1", "WORLD_SIZE": "2"}, "import random\nrandom.seed(1)\nrandom.random()\n")
        self.assertEqual(status, 0, err)
        self.assertEqual(sorted(os.listdir(folder)), ["s.py", "s.rank1.trace"])
        with open(os.path.join(folder, "s.rank1.trace")) as f:
            header = json.loads(f.readline())
        self.assertEqual(header["config"]["environment"]["RANK"], "1")
        self.assertEqual(header["config"]["environment"]["WORLD_SIZE"], "2")

    def test_without_a_launcher_the_trace_keeps_its_name(self):
        status, _, err, folder = record_as({}, "import random\nrandom.random()\n")
        self.assertEqual(status, 0, err)
        self.assertEqual(sorted(os.listdir(folder)), ["s.py", "s.trace"])
        with open(os.path.join(folder, "s.trace")) as f:
            header = json.loads(f.readline())
        self.assertNotIn("RANK", header["config"]["environment"])

    def test_a_bad_rank_is_refused_before_the_script_runs(self):
        status, out, err, folder = record_as({"RANK": "x"}, "print('ran')\n")
        self.assertEqual(status, 2)
        self.assertEqual(out, "")
        self.assertEqual(err.count("\n"), 1, err)
        self.assertIn("RANK is 'x'", err)
        self.assertEqual(os.listdir(folder), ["s.py"])


def record_as(variables, script_text):
    """Records ``script_text`` with ``-o s.trace`` in a fresh folder, with the launcher's
    ``variables`` (and no others) in the environment; returns (status, stdout, stderr, folder)."""
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "s.py")
    with open(script, "w") as f:
        f.write(script_text)
    env = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_VARIABLES}
    env.update(variables, PYTHONPATH=RECORDER)
    done = subprocess.run([sys.executable, "-m", "rngdiff_recorder", "-o", os.path.join(folder, "s.trace"), script],
                          env=env, capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr, folder


if __name__ == "__main__":
    unittest.main()
