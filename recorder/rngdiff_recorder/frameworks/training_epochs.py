"""What the Keras 3 and tf-keras training recorders share: the ``evaluate``/``predict`` phases, the
``fit`` and ``epoch`` phases opened from Keras's epoch callbacks, and what is written when an epoch
ends (its shuffle and masks, one ``tensor`` per weight, one ``metric`` per log).

A recorder's ``Training`` class inherits :class:`EpochRecording` and says how its framework names a
weight (:meth:`EpochRecording.weight_name`) and how a failed epoch is named in a warning
(``epoch_words``); it keeps ``session``, ``runs`` (the script's ``fit`` calls under way, the last
one the current) and ``training`` (that run, whose ``begun`` tells whether its ``fit`` phase is
open), and it defines ``flush_shuffle(run)`` and ``flush_masks(run)``.

Example (what ``keras3_training`` does)::

    class Training(EpochRecording):
        epoch_words = "an epoch"
        def weight_name(self, run, variable):
            return variable.path

Edge cases: ``evaluate``/``predict`` inside ``fit`` (its validation) open no phase of their own;
a failure while writing an epoch's events is a warning, never the script's exception; the logs
are written sorted by name whatever order the framework keeps them in.
"""

import functools

from .keras3 import _warn


class EpochRecording:
    epoch_words = "an epoch"

    def weight_name(self, run, variable):
        raise NotImplementedError

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


def numpy_copy(values):
    """A copy of a read-out's array, kept after the callback returns."""
    import numpy
    return numpy.array(values, copy=True)


def numpy_int(value):
    """The int64 a ``tf.numpy_function`` read-out returns."""
    import numpy
    return numpy.int64(value)
