"""What the Keras 3 and tf-keras training recorders share: the wrapping of ``fit`` and
``train_on_batch`` (the run under way, its shuffle consumer, the masks flushed when it ends), the
``evaluate``/``predict`` phases, the ``fit`` and ``epoch`` phases opened from Keras's epoch callbacks, and what is written when an epoch
ends (its shuffle and masks, one ``tensor`` per weight, one ``metric`` per log).

A recorder's ``Training`` class inherits :class:`EpochRecording` and says how its framework names a
weight (:meth:`EpochRecording.weight_name`) and how a failed epoch is named in a warning
(``epoch_words``) and makes its record of a call (:meth:`EpochRecording.new_run`: ``name``,
``model``, ``begun``); it keeps ``session``, ``runs`` (the script's calls under way, the last one
the current: ``training``), ``lock`` and ``shuffles``, and it defines ``flush_shuffle(run)`` and
``flush_masks(run)``.

Example (what ``keras3_training`` does)::

    class Training(EpochRecording):
        epoch_words = "an epoch"
        def weight_name(self, run, variable):
            return variable.path
        def new_run(self, model, source):
            return _Run(model, source)

Edge cases: a ``fit`` inside a ``fit`` (or its validation's ``evaluate``/``predict``) is the outer
call's; a ``fit`` that raises inside an epoch writes what that epoch drew and leaves its phases
open; ``evaluate``/``predict`` inside ``fit`` (its validation) open no phase of their own;
a failure while writing an epoch's events is a warning, never the script's exception; the logs
are written sorted by name whatever order the framework keeps them in.
"""

import functools

from .keras3 import _warn


class EpochRecording:
    epoch_words = "an epoch"

    def weight_name(self, run, variable):
        raise NotImplementedError

    @property
    def training(self):
        """The script's ``fit`` or ``train_on_batch`` under way, or None."""
        return self.runs[-1] if self.runs else None

    def new_run(self, model, source):
        """The framework's record of one ``fit``/``train_on_batch`` call (``begun`` False)."""
        raise NotImplementedError

    def wrap_fit(self, original):
        outer = self

        @functools.wraps(original)
        def fit(model, *args, **kwargs):
            session = outer.session
            if outer.runs:
                return original(model, *args, **kwargs)
            run = outer.new_run(model, session.callsite.source(1))
            outer.runs.append(run)
            with outer.lock:
                outer.shuffles.clear()
            failed = True
            try:
                with session.consuming(run.name + "/fit", "shuffle"):
                    result = original(model, *args, **kwargs)
                failed = False
                return result
            finally:
                outer.runs.pop()
                if not run.begun:
                    session.phase("fit", "begin", name=run.name)
                if failed and run.begun:
                    # An exception inside an epoch (the engine raises there too): what the epoch
                    # drew so far, and no closing phases (the next phase closes them).
                    outer.flush_shuffle(run)
                outer.flush_masks(run)
                if not failed:
                    session.phase("fit", "end", name=run.name)
                with outer.lock:
                    outer.shuffles.clear()
        return fit

    def wrap_train_on_batch(self, original):
        outer = self

        @functools.wraps(original)
        def train_on_batch(model, *args, **kwargs):
            if outer.runs:
                return original(model, *args, **kwargs)
            run = outer.new_run(model, outer.session.callsite.source(1))
            run.begun = True
            outer.runs.append(run)
            try:
                return original(model, *args, **kwargs)
            finally:
                outer.runs.pop()
                outer.flush_masks(run)
        return train_on_batch

    def keep_shuffle(self, entry):
        """One fit shuffle's read-out (from a tf.data thread), kept for ``flush_shuffle``."""
        with self.lock:
            self.shuffles.append(entry)

    def wrap_phase(self, phase, original):
        outer = self

        @functools.wraps(original)
        def call(model, *args, **kwargs):
            if outer.runs:  # fit's validation
                return original(model, *args, **kwargs)
            outer.session.phase(phase, "begin", name=model.name)
            try:
                return original(model, *args, **kwargs)
            finally:
                outer.session.phase(phase, "end", name=model.name)
        return call

    def wrap_epoch_begin(self, original):
        outer = self

        @functools.wraps(original)
        def on_epoch_begin(callbacks, epoch, logs=None):
            run = outer.training
            if run is not None:
                if not run.begun:
                    run.begun = True
                    outer.session.phase("fit", "begin", name=run.name)
                outer.session.phase("epoch", "begin", index=epoch + 1)
            return original(callbacks, epoch, logs)
        return on_epoch_begin

    def wrap_epoch_end(self, original):
        outer = self

        @functools.wraps(original)
        def on_epoch_end(callbacks, epoch, logs=None):
            run = outer.training
            if run is not None:
                try:
                    outer.end_epoch(run, epoch + 1, logs or {})
                except Exception as error:
                    _warn("the end of " + outer.epoch_words, error)
            return original(callbacks, epoch, logs)
        return on_epoch_end

    def end_epoch(self, run, index, logs):
        import numpy
        session = self.session
        self.flush_shuffle(run)
        self.flush_masks(run)
        for variable in run.model.weights:
            session.tensor(self.weight_name(run, variable), "epoch", numpy.asarray(variable), index=index)
        for key in sorted(logs):
            session.metric(key, float(numpy.asarray(logs[key])), epoch=index)
        session.phase("epoch", "end", index=index)


def read_out(tf, tensor, receive):
    """``tensor`` passed through an identity ``tf.numpy_function`` that hands a copy of its values
    to ``receive`` each time the graph runs it: a read-out that adds no random op and changes no
    value (the fit shuffles' orders, the Dropout kernels' uniforms)."""
    def read(values):
        receive(numpy_copy(values))
        return values
    seen = tf.numpy_function(read, [tensor], tensor.dtype, stateful=True)
    seen.set_shape(tensor.shape)
    return seen


def numpy_copy(values):
    """A copy of a read-out's array, kept after the callback returns."""
    import numpy
    return numpy.array(values, copy=True)


def numpy_int(value):
    """The int64 a ``tf.numpy_function`` read-out returns."""
    import numpy
    return numpy.int64(value)
