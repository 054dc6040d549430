"""The PyTorch recorder's own tests, run with the real torch by RecordTorchCommandTests (the pinned
``.build/recorder-venv-torch``), or by hand from recorder/:

    python -m unittest -v tests.torch_tests

Not named ``test_*.py``: the NumPy-only run of ``unittest discover`` (RecordCommandTests) has no torch.
Expected values come from torch itself in the test process (states, values, masks drawn on a
generator put in the same state), never from the recorder's output.
"""

import unittest

import torch

from tests.test_recorder import record


def draws(lines):
    return [e for e in lines if e["event"] == "draw"]


class TorchCounters(unittest.TestCase):
    def test_counts_are_the_words_torch_drew_across_twists(self):
        # Each size in float32 draws one word per value (torch's own rule for rand); 5000 and
        # 100003 cross many twists. Expected counts: torch's state after, read by offset.
        status, out, err, lines = record("import torch\ntorch.manual_seed(1)\n"
                                         "for n in (1, 623, 5000, 100003, 2):\n    torch.rand(n)\n")
        self.assertEqual(status, 0, err)
        found = draws(lines)
        self.assertEqual([d["count"] for d in found], [1, 623, 5000, 100003, 2])
        self.assertEqual([d["counter"] for d in found], [0, 1, 624, 5624, 105627])

    def test_never_seeded_generators(self):
        # The default generator starts from OS entropy (PyTorch seeds it nondeterministically at
        # start-up); a new torch.Generator() from PyTorch's fixed default seed 67280421310721.
        status, out, err, lines = record("import torch\nprint(torch.initial_seed())\ntorch.rand(2)\n"
                                         "g = torch.Generator()\nprint(torch.rand(2, generator=g).tolist())\n")
        self.assertEqual(status, 0, err)
        seed, values = out.strip().split("\n")
        default, explicit = [e for e in lines if e["event"] == "stream"]
        self.assertEqual(default["seeding"]["how"], "entropy")
        self.assertEqual(default["seed"], "init_genrand(%d)" % (int(seed) & 0xFFFFFFFF))
        self.assertEqual(explicit["seeding"]["how"], "default")
        self.assertEqual(explicit["seed"], "init_genrand(%d)" % (67280421310721 & 0xFFFFFFFF))
        # The values are those of a generator seeded explicitly with that seed.
        g = torch.Generator().manual_seed(67280421310721)
        self.assertEqual(values, str(torch.rand(2, generator=g).tolist()))

    def test_torch_seed_is_entropy_and_a_reseed_on_the_c_object_is_seen(self):
        status, out, err, lines = record("import torch\ntorch.seed()\ntorch.rand(1)\n"
                                         "torch.default_generator.manual_seed(9)\ntorch.rand(3)\n")
        self.assertEqual(status, 0, err)
        streams = [e for e in lines if e["event"] == "stream"]
        self.assertEqual(streams[0]["seeding"]["how"], "entropy")
        self.assertEqual(streams[0]["seeding"]["call"], "torch.seed()")
        self.assertEqual(streams[1]["seed"], "init_genrand(9)")
        self.assertEqual(draws(lines)[1]["counter"], 0)

    def test_the_dropout_mask_is_the_keep_mask_even_where_the_input_is_zero(self):
        script = ("import torch\nimport torch.nn.functional as F\ntorch.manual_seed(4)\n"
                  "x = torch.zeros(6, 5)\nx[::2] = 1.0\nF.dropout(x, p=0.3)\n")
        status, out, err, lines = record(script, "--values")
        self.assertEqual(status, 0, err)
        (drop,) = draws(lines)
        torch.manual_seed(4)
        keep = torch.empty(6, 5).bernoulli_(0.7)  # dropout's own mask: bernoulli_(1 - p) on the same state
        self.assertEqual(drop["values"], [bool(v) for v in keep.flatten().tolist()])
        self.assertEqual((drop["dtype"], drop["shape"], drop["count"]), ("bool", [6, 5], 60))

    def test_repeated_dropouts_under_autograd_are_counted_and_masked_as_torch_drew_them(self):
        # Twelve dropouts of one shape (126 words each, crossing twists) on an input with zero
        # columns that needs gradients, and one dropout the recorder does not see (torch.dropout,
        # unhooked) after the sixth: its words are a gap before the seventh. Expected masks: the
        # same bernoulli_(1 - p) draws made here on a generator seeded the same way.
        script = ("import torch\nimport torch.nn.functional as F\ntorch.manual_seed(3)\n"
                  "x = torch.rand(7, 9, requires_grad=True)\nh = x * (torch.arange(9) % 3 != 0)\n"
                  "for i in range(12):\n    F.dropout(h, p=0.25)\n"
                  "    if i == 5:\n        torch.dropout(h, 0.25, True)\n")
        status, out, err, lines = record(script, "--values")
        self.assertEqual(status, 0, err)
        found = [d for d in draws(lines) if d["op"] == "dropout"]
        torch.manual_seed(3)
        torch.rand(7, 9)
        masks = []
        for i in range(12):
            masks.append([bool(v) for v in torch.empty(7, 9).bernoulli_(0.75).flatten().tolist()])
            if i == 5:
                torch.empty(7, 9).bernoulli_(0.75)
        self.assertEqual([d["values"] for d in found], masks)
        self.assertTrue(any(not v for m in masks for v in m))
        self.assertEqual([d["count"] for d in found], [126] * 12)
        self.assertEqual([d["counter"] for d in found], [63 + 126 * i + (126 if i > 5 else 0) for i in range(12)])

    def test_a_large_dropout_is_counted_from_the_state(self):
        # 1000 elements: two words each, across three twists; the next draw continues after them.
        script = ("import torch\nimport torch.nn.functional as F\ntorch.manual_seed(8)\n"
                  "F.dropout(torch.ones(1000), p=0.5)\nprint(torch.rand(3).tolist())\n")
        status, out, err, lines = record(script)
        self.assertEqual(status, 0, err)
        self.assertEqual([(d["counter"], d["count"]) for d in draws(lines)], [(0, 2000), (2000, 3)])
        torch.manual_seed(8)
        torch.empty(2000).random_(0, 2)  # 2000 words, one each
        self.assertEqual(out.strip(), str(torch.rand(3).tolist()))

    def test_feature_dropout_masks_whole_channels(self):
        script = ("import torch\nimport torch.nn as nn\ntorch.manual_seed(2)\n"
                  "drop = nn.Dropout2d(0.5)\ny = drop(torch.ones(2, 3, 4, 4))\n"
                  "print([int(y[n, c].abs().sum() > 0) for n in range(2) for c in range(3)])\n")
        status, out, err, lines = record(script, "--values")
        self.assertEqual(status, 0, err)
        (drop,) = draws(lines)
        self.assertEqual(drop["shape"], [2, 3, 1, 1])
        self.assertEqual(drop["consumer"], "drop")
        self.assertEqual([int(v) for v in drop["values"]], eval(out.strip()))

    def test_nn_init_and_module_paths(self):
        script = ("import torch\nimport torch.nn as nn\ntorch.manual_seed(0)\n"
                  "encoder = nn.Sequential(\n    nn.Linear(3, 4),\n    nn.Tanh(),\n    nn.Linear(4, 2),\n)\n"
                  "def build():\n    return nn.ModuleDict({'head': nn.Linear(2, 1, bias=False)})\n"
                  "heads = build()\n"
                  "nn.init.xavier_normal_(encoder[0].weight)\n"
                  "class Scale(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                  "        self.s = nn.Parameter(torch.randn(5))\n"
                  "scale = Scale()\n"
                  "w = torch.empty(2, 2)\nnn.init.trunc_normal_(w, std=0.02)\n")
        status, out, err, lines = record(script)
        self.assertEqual(status, 0, err)
        found = [(d["consumer"], d["role"], d["op"], d["dist"]) for d in draws(lines)]
        self.assertEqual(found, [
            ("encoder.0.weight", "init", "kaiming_uniform_", "uniform"),
            ("encoder.0.bias", "init", "uniform_", "uniform"),
            ("encoder.2.weight", "init", "kaiming_uniform_", "uniform"),
            ("encoder.2.bias", "init", "uniform_", "uniform"),
            ("heads.head.weight", "init", "kaiming_uniform_", "uniform"),
            ("encoder.0.weight", "init", "xavier_normal_", "normal"),
            ("scale.s", "init", "randn", "normal"),
            ("<top>", "init", "trunc_normal_", "truncated_normal"),
        ])
        tensors = [e["name"] for e in lines if e["event"] == "tensor"]
        self.assertEqual(tensors, ["encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias",
                                   "heads.head.weight", "scale.s"])

    def test_a_dataloader_workers_draws_are_recorded_on_its_own_streams(self):
        # Two workers, each reseeded by worker_init_fn; each item draws torch.rand(1) in its worker.
        # Expected: what a generator seeded as the worker_init_fn seeds gives, in the items'
        # order, and no part file left beside the trace.
        script = ("import torch\nfrom torch.utils.data import DataLoader, Dataset\n"
                  "class Noisy(Dataset):\n    def __len__(self):\n        return 4\n"
                  "    def __getitem__(self, i):\n        return torch.rand(1)\n"
                  "def reseed(worker_id):\n    torch.manual_seed(1000 + worker_id)\n"
                  "torch.manual_seed(0)\n"
                  "for epoch in range(2):\n"
                  "    for noise in DataLoader(Noisy(), batch_size=2, num_workers=2, worker_init_fn=reseed):\n"
                  "        print(noise.view(-1).tolist())\n")
        status, out, err, lines = record(script, "--values")
        self.assertEqual(status, 0, err)
        streams = [e for e in lines if e["event"] == "stream"]
        reseeds = [(e["name"], e["seed"], e["seeding"].get("call")) for e in streams if e["seed"] in ("init_genrand(1000)", "init_genrand(1001)")]
        self.assertEqual(reseeds, [("worker0/cpu-default", "init_genrand(1000)", "torch.manual_seed(1000)"),
                                   ("worker1/cpu-default", "init_genrand(1001)", "torch.manual_seed(1001)")] * 2)
        by_id = {e["id"]: e["name"] for e in streams}
        worker_draws = [(by_id[d["stream"]], d["counter"], d["values"]) for d in draws(lines) if d["op"] == "rand"]
        expected = []
        for _ in range(2):  # each epoch starts new workers, reseeded by worker_init_fn
            for worker in (0, 1):
                g = torch.Generator().manual_seed(1000 + worker)
                expected += [("worker%d/cpu-default" % worker, k, torch.rand(1, generator=g).tolist()) for k in range(2)]
        self.assertEqual(worker_draws, expected)
        self.assertEqual([e["seq"] for e in lines[1:]], list(range(len(lines) - 1)))
        self.assertEqual([d["stream"] for d in draws(lines) if d["op"] == "random_"], ["torch.cpu-default"] * 2,
                         "the loader's base seed, once per pass, in the script's process")

    def test_other_samplers_are_draws_and_leave_the_run_alone(self):
        script = ("import torch\ntorch.manual_seed(11)\n"
                  "a = torch.normal(mean=torch.zeros(3), std=1.0)\n"
                  "b = torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 4, replacement=True)\n"
                  "c = torch.bernoulli(torch.full((5,), 0.4))\n"
                  "d = torch.empty(4).exponential_(2.0)\n"
                  "e = torch.poisson(torch.full((3,), 3.0))\n"
                  "f = torch.randint(3, 9, (2, 2), dtype=torch.int32)\n"
                  "print([t.tolist() for t in (a, b, c, d, e, f)])\n")
        status, out, err, lines = record(script)
        self.assertEqual(status, 0, err)
        self.assertEqual(err, "")
        found = draws(lines)
        self.assertEqual([d["op"] for d in found],
                         ["normal", "multinomial", "bernoulli", "exponential_", "poisson", "randint"])
        self.assertEqual(found[-1]["params"], {"low": "3", "high": "9", "dtype": "int32"})
        for before, after in zip(found, found[1:]):
            self.assertEqual(after["counter"], before["counter"] + before["count"])
        # The values printed are torch's own for that seed, as without the recorder.
        torch.manual_seed(11)
        expected = [torch.normal(mean=torch.zeros(3), std=1.0),
                    torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 4, replacement=True),
                    torch.bernoulli(torch.full((5,), 0.4)), torch.empty(4).exponential_(2.0),
                    torch.poisson(torch.full((3,), 3.0)), torch.randint(3, 9, (2, 2), dtype=torch.int32)]
        self.assertEqual(out.strip(), str([t.tolist() for t in expected]))

    def test_an_explicit_generator_is_its_own_stream(self):
        script = ("import torch\ng = torch.Generator()\ng.manual_seed(5)\n"
                  "a = torch.randn(20, generator=g)\nb = torch.randint(0, 10, (4,), generator=g)\n"
                  "print(isinstance(g, torch.Generator), isinstance(torch.default_generator, torch.Generator))\n")
        status, out, err, lines = record(script, "--values")
        self.assertEqual(status, 0, err)
        self.assertEqual(out.strip(), "True True")
        stream = next(e for e in lines if e["event"] == "stream")
        self.assertEqual((stream["name"], stream["seed"]), ("generator#1", "init_genrand(5)"))
        g = torch.Generator().manual_seed(5)
        a = torch.randn(20, generator=g)
        b = torch.randint(0, 10, (4,), generator=g)
        first, second = draws(lines)
        self.assertEqual(first["values"], a.tolist())
        self.assertEqual(second["values"], b.tolist())
        # randn of 20 float32 (vector path): 20 uniforms, then the last 16 again (docs/frameworks/torch.md).
        self.assertEqual((first["counter"], first["count"], second["counter"], second["count"]), (0, 36, 36, 4))


if __name__ == "__main__":
    unittest.main()
