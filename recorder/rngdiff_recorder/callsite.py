"""Where in the user's script a draw was made: ``file:line`` of the innermost frame in it.

A draw made inside a library the script called (``sklearn`` calling ``np.random``) is attributed
to the script's line that called the library; a draw made by code in no frame of the script (an
import-time draw in a library) gets the outermost script line on the stack, or None. The line is
the first line of the *statement* being run, as `rngdiff run` reports it: a call on line 14 of a
``keras.Sequential([...])`` statement that starts on line 12 is ``train.py:12`` (statements are
read once with ``ast``; a script ``ast`` cannot parse keeps the frame's own line).

    >>> site = CallSite("train.py")     # the path as the user gave it
    >>> site.source()                   # "train.py:12"
"""

import ast
import os
import sys


class CallSite:
    def __init__(self, script_path):
        self.display = script_path
        self.filename = os.path.abspath(script_path)
        self._starts = None

    def statement_line(self, line):
        """The first line of the innermost statement that covers ``line``."""
        if self._starts is None:
            self._starts = {}
            try:
                with open(self.filename, "rb") as f:
                    tree = ast.parse(f.read(), self.filename)
            except (OSError, SyntaxError, ValueError):
                return line
            # Parents first, so that an inner statement's lines overwrite its compound parent's.
            for node in ast.walk(tree):
                if isinstance(node, ast.stmt):
                    end = getattr(node, "end_lineno", None) or node.lineno
                    body_start = min((child.lineno for field in ("body", "orelse", "finalbody", "handlers")
                                      for child in getattr(node, field, ()) or ()), default=end + 1)
                    for n in range(node.lineno, min(end, body_start - 1) + 1):
                        self._starts[n] = node.lineno
        return self._starts.get(line, line)

    def source(self, skip=2):
        """``display:line`` of the innermost frame in the script, or None outside it."""
        frame = sys._getframe(skip)
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return "%s:%d" % (self.display, self.statement_line(frame.f_lineno))
            frame = frame.f_back
        return None
