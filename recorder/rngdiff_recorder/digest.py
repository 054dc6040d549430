"""Digests and value lists of drawn values, as docs/trace-format.md defines them.

The digest is SHA-256 over the values flattened in C order, each little-endian in the stated
dtype, cut to 16 hex digits: the same bytes RNGTrace's ``TraceDigest`` hashes, so the same values
give the same digest in a recorded trace and in an engine trace.

    >>> scalar_digest([0.5, -0.25, 0.125], "float64")    # Python floats, no NumPy needed
    >>> array_digest(numpy.arange(3))                     # any NumPy array, its own dtype

Edge cases: an empty list hashes the empty string (``e3b0c44298fc1c14``); ``bool`` is one byte.
"""

import hashlib
import struct
import sys

# Byte orders (NumPy's ``dtype.byteorder``) whose bytes are already little-endian.
_LITTLE = ("<", "|", "=") if sys.byteorder == "little" else ("<", "|")

_FORMATS = {"float64": "d", "float32": "f", "int64": "q", "uint64": "Q", "int32": "i", "uint32": "I",
            "int16": "h", "uint16": "H", "int8": "b", "uint8": "B", "bool": "?"}


def hex_digest(data):
    """The first 16 hex digits of SHA-256 of ``data`` (bytes)."""
    return hashlib.sha256(data).hexdigest()[:16]


def scalar_digest(values, dtype):
    """The digest of a flat list of Python numbers written in ``dtype``."""
    return hex_digest(struct.pack("<%d%s" % (len(values), _FORMATS[dtype]), *values))


def array_digest(array):
    """The digest of a NumPy array (or scalar) in its own dtype."""
    import numpy  # only called once the script has imported NumPy
    if (type(array) is numpy.ndarray and array.flags.c_contiguous and array.dtype.kind in "biufc"
            and array.dtype.byteorder in _LITTLE):
        return hashlib.sha256(array.data).hexdigest()[:16]  # its bytes already: hashed without a copy
    a = numpy.ascontiguousarray(numpy.asarray(array))
    a = a.astype(a.dtype.newbyteorder("<"), copy=False)
    return hex_digest(a.tobytes())
