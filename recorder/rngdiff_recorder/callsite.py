"""Where in the user's script a draw was made: ``file:line`` of the innermost frame in it.

A draw made inside a library the script called (``sklearn`` calling ``np.random``) is attributed
to the script's line that called the library; a draw made by code in no frame of the script (an
import-time draw in a library) gets the outermost script line on the stack, or None.

    >>> site = CallSite("train.py")     # the path as the user gave it
    >>> site.source()                   # "train.py:12"
"""

import os
import sys


class CallSite:
    def __init__(self, script_path):
        self.display = script_path
        self.filename = os.path.abspath(script_path)

    def source(self, skip=2):
        """``display:line`` of the innermost frame in the script, or None outside it."""
        frame = sys._getframe(skip)
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return "%s:%d" % (self.display, frame.f_lineno)
            frame = frame.f_back
        return None
