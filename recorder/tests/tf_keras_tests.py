"""The tf-keras training recorder's own tests, run with the real TensorFlow and tf-keras by
RecordTFKerasCommandTests (the frameworks' environment, ``.build/recorder-venv-frameworks``), or by
hand from recorder/:

    python -m unittest -v tests.tf_keras_tests

Not named ``test_*.py``: the NumPy-only run of ``unittest discover`` (RecordCommandTests) has no
TensorFlow. Expected values come from TensorFlow itself in the test process (the outputs of its
stateful kernels, run in a traced function or a ``tf.data`` map), never from the recorder's output.
"""

import contextlib
import io
import os
import unittest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from rngdiff_recorder.frameworks import tf_keras_training as training  # noqa: E402
from tests.test_recorder import record  # noqa: E402


def kernel_outputs(seed, shapes, runs):
    """Each run's outputs of the ``RandomUniform`` ops of one traced function (one op per shape,
    op seeds from the global seed ``seed`` and the graph's counter), with the ops' seed attributes."""
    tf.random.set_seed(seed)

    @tf.function
    def f():
        return [tf.random.uniform(shape) for shape in shapes]
    outputs = [[u.numpy() for u in f()] for _ in range(runs)]
    ops = [op for op in f.get_concrete_function().graph.get_operations() if op.type == "RandomUniform"]
    seeds = [(op.get_attr("seed"), op.get_attr("seed2")) for op in ops]
    return outputs, seeds


class StatelessKernelsReproduceTheStatefulOnes(unittest.TestCase):
    def test_random_uniform_at_the_reserved_counters(self):
        outputs, seeds = kernel_outputs(7, [[3, 4], [5]], 3)
        self.assertEqual(seeds, [(7, 0), (7, 1)])
        for op, shape in enumerate([[3, 4], [5]]):
            n = int(np.prod(shape))
            for k in range(3):
                # ReserveRandomOutputs(n, 256): run k starts at k * n * 256 blocks.
                regenerated = training._stateless_uniform(shape, seeds[op], k * n * 256, "float32")
                self.assertTrue(training._same(outputs[k][op], regenerated), (op, k))
            # A counter off by one block, or the other op's seeds, do not reproduce it.
            self.assertFalse(training._same(outputs[1][op], training._stateless_uniform(shape, seeds[op], n * 256 + 1, "float32")))
            self.assertFalse(training._same(outputs[0][op], training._stateless_uniform(shape, seeds[1 - op], 0, "float32")))

    def test_random_shuffle_in_a_dataset_map_at_the_reserved_counters(self):
        tf.random.set_seed(3)
        n, epochs = 13, 3

        def permutation(_):
            return tf.random.shuffle(tf.range(n, dtype=tf.int64))
        orders = [o.numpy() for o in tf.data.Dataset.range(1).repeat(epochs).map(permutation)]
        self.assertEqual(len({tuple(o) for o in orders}), epochs, "one kernel: new orders each epoch")
        blocks = (n - 1 + 3) // 4
        for k, order in enumerate(orders):
            self.assertTrue(training._same(order, training._stateless_shuffle(n, (3, 0), k * blocks, order.dtype)), k)
        self.assertFalse(training._same(orders[1], training._stateless_shuffle(n, (3, 0), 0, orders[1].dtype)))


class _Writer:
    def __init__(self):
        self.streams = []

    def declare(self, framework, name, algorithm, seed, seeding, start=0):
        self.streams.append((name, seed, seeding))
        return framework + "." + name

    def known(self, framework, name, algorithm, seed):
        return framework + "." + name


class _Session:
    """What ``Training.write_mask`` writes with: declarations and draws, kept in lists."""

    def __init__(self):
        self.writer = _Writer()
        self.draws = []

    def emit(self, write, *consumers):
        write()

    @contextlib.contextmanager
    def consuming(self, path, role):
        yield

    def digest_of(self, values):
        return "digest", np.asarray(values).ravel().tolist()

    def write_draw(self, stream_id, counter, count, op, dist, params, dtype, shape, source, digest, values):
        self.draws.append((stream_id(), counter, count, op, params, shape, values))


class _State:
    def __init__(self):
        self.session = _Session()


class _Run:
    source = "train.py:9"


class MasksAreWrittenOnlyWhenConfirmed(unittest.TestCase):
    def test_counters_restarts_and_unconfirmed_values(self):
        outputs, seeds = kernel_outputs(11, [[4, 3]], 4)
        real = [run[0] for run in outputs]
        recorder = training.Training(_State())
        kernel = training._Kernel(seeds[0], False, 1)
        blocks = 12 * 256
        recorder.write_mask(_Run(), kernel, "sequential/dropout", real[0], 0.25)
        recorder.write_mask(_Run(), kernel, "sequential/dropout", real[1], 0.25)
        # The kernel made again (clear_session): its first output once more, a new stream.
        recorder.write_mask(_Run(), kernel, "sequential/dropout", real[0], 0.25)
        # Run 3 of a kernel that ran once: neither its next counter nor 0, so left out.
        warned = io.StringIO()
        with contextlib.redirect_stderr(warned):
            recorder.write_mask(_Run(), kernel, "sequential/dropout", real[3], 0.25)
        self.assertIn("draw left out", warned.getvalue())
        draws = recorder.session.draws
        self.assertEqual([(d[0], d[1], d[2]) for d in draws], [
            ("tensorflow.op(11,0)/RandomUniform/float32", 0, blocks),
            ("tensorflow.op(11,0)/RandomUniform/float32", blocks, blocks),
            ("tensorflow.op(11,0)/RandomUniform/float32#1", 0, blocks),
        ])
        self.assertEqual([s[0] for s in recorder.session.writer.streams],
                         ["op(11,0)/RandomUniform/float32", "op(11,0)/RandomUniform/float32#1"])
        self.assertEqual(recorder.session.writer.streams[0][2]["from"], "(11, 0)")
        # The keep mask is TensorFlow's dropout rule on the real uniforms: u >= rate.
        self.assertEqual(draws[1][6], (real[1] >= np.float32(0.25)).ravel().tolist())
        self.assertEqual(draws[0][4], {"rate": "0.25", "noise_shape": "[4, 3]"})


class ARecordedFitIsConfirmed(unittest.TestCase):
    def test_fit_shuffles_and_masks_are_written_without_warnings(self):
        status, out, err, lines = record(
            "import numpy as np\nimport tf_keras\n"
            "tf_keras.utils.set_random_seed(2)\n"
            "x = np.random.rand(10, 3).astype('float32'); y = x[:, :1]\n"
            "m = tf_keras.Sequential([tf_keras.Input((3,)), tf_keras.layers.Dense(4),\n"
            "    tf_keras.layers.Dropout(0.5), tf_keras.layers.Dropout(0.3), tf_keras.layers.Dense(1)])\n"
            "m.compile('sgd', 'mse')\n"
            "m.fit(x, y, epochs=2, batch_size=4, verbose=0)\n")
        self.assertEqual(status, 0, err)
        self.assertNotIn("rngdiff record: warning", err)
        draws = [e for e in lines if e["event"] == "draw" and e["role"] in ("shuffle", "mask")]
        shuffles = [d for d in draws if d["role"] == "shuffle"]
        self.assertEqual([(d["stream"], d["counter"], d["count"]) for d in shuffles],
                         [("tensorflow.op(2,0)/RandomShuffle/int64", 0, 3), ("tensorflow.op(2,0)/RandomShuffle/int64", 3, 3)])
        masks = [d for d in draws if d["role"] == "mask"]
        # 3 steps (4, 4, 2 rows) per epoch, two Dropouts: op seeds (2, 0) and (2, 1), in layer order per step.
        self.assertEqual([d["consumer"] for d in masks], ["sequential/dropout", "sequential/dropout_1"] * 6)
        first = [d for d in masks if d["consumer"] == "sequential/dropout"]
        self.assertEqual([d["counter"] for d in first], [0, 4096, 8192, 10240, 14336, 18432])
        self.assertEqual({d["stream"] for d in masks if d["consumer"] == "sequential/dropout_1"},
                         {"tensorflow.op(2,1)/RandomUniform/float32"})


if __name__ == "__main__":
    unittest.main()
