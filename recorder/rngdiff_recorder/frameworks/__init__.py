"""The frameworks the recorder hooks, one module each.

Each module names the import names it hooks in ``MODULES`` and has ``install(session, module)``,
called once with the imported module: right away when it is already imported (``random``), or
just after the script imports it (``numpy.random``) through ``importhook.PostImportHooks``. The
recorder never imports a framework itself.

``keras3`` records Keras 3 on its TensorFlow or JAX backend, with the stream helpers of
``tensorflow`` (stateless Philox streams; it also hooks ``tf.random.set_seed``) and ``jax`` (key
streams). Adding a framework (torch) is adding one file here and its name below:

    # frameworks/torch_random.py
    MODULES = ("torch",)
    def install(session, module): ...   # wrap torch.manual_seed, torch.rand, ... with session.draw
"""

from . import jax, keras3, numpy_bit_generators, numpy_generator, numpy_random, python_random, tensorflow, tensorflow_generator, tf_keras, torch

ALL = (python_random, numpy_bit_generators, numpy_random, numpy_generator, keras3, tf_keras, tensorflow, tensorflow_generator, jax, torch)
