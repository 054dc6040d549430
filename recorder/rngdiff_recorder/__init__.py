"""rngdiff's recorder: writes an rngdiff trace of a real Python run.

Run a script under it as ``python -m rngdiff_recorder [-o TRACE] [--values] SCRIPT [ARGS...]``
with this folder's parent on ``PYTHONPATH`` (``rngdiff record`` does that for you). The script
runs as ``python SCRIPT ARGS`` would; every draw from Python's ``random`` and from NumPy's legacy
``np.random`` is written to the trace with counters read from the generators' real state.

Standard library only, Python 3.9 to 3.13. A framework is hooked only when the script imports
it; one module per framework lives in ``frameworks/`` (see ``frameworks/__init__.py``).
"""

VERSION = "0.1.0"
PRODUCER = "rngdiff record"
