"""Helpers of another module for the ``idioms32`` zoos: an activation called through
``functools.partial``; one taking ``**kwargs``, and recursions whose depth a literal decides
(inlined where they are called, as a helper of the caller's own module is:
passes/foreign_methods.py), generators whose items the caller takes at once (inlined as the list
of them: passes/generator_helpers.py); factories returning a ``partial``, a list or a tuple of functions
(read as what they return: passes/returned_functions.py)."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import numpy as np

GAIN = 1.5
CONFIG = {"act": "sin"}


class Acts(NamedTuple):
    """A record of two activations."""
    inner: object
    outer: object


def act_record():
    return Acts(np.tanh, np.sin)


class Layer(NamedTuple):
    """Weights and their activation."""
    W: object
    act: object


def layer(W):
    return Layer(GAIN * W, np.tanh)


def scaled_tanh(x, scale=1.0):
    return np.tanh(scale * x)


def act(x, **kw):
    return np.tanh(x * kw.get("g", 1.0))


def gained(x, **kw):
    """Reads a constant of this module (read through the module where it is inlined)."""
    return np.sin(GAIN * x) * kw.get("scale", 1.0) + kw.get("shift", 0.0)


def poly(x, n):
    return 1.0 if n == 0 else 1.0 + x * poly(x, n - 1)


def nested_sin(x, n):
    if n == 0:
        return x
    return nested_sin(np.sin(x), n - 1)


def make(s):
    return partial(scaled_tanh, scale=s)


def acts():
    return [np.tanh, np.sin]


def act_pair():
    """Two activations, unpacked by the caller."""
    return (scaled_tanh, np.cos)


def act_named(name):
    return {"tanh": np.tanh, "sin": np.sin, "scaled": scaled_tanh}[name]


def act_configured():
    return {"tanh": np.tanh, "sin": np.sin}[CONFIG.get("act", "tanh")]


def make_closure(a):
    """A closure factory reading a constant of this module."""
    def scaled(x):
        return np.tanh(GAIN * a * x)
    return scaled


def chunks(x, size):
    """A generator reading a constant of this module."""
    for i in range(0, len(x), size):
        yield GAIN * x[i:i + size]


PARTS = ("gain", "shift")


def named_parts(v):
    """A dict of this module's names (read through it where inlined)."""
    return {k: v[i] * GAIN for i, k in enumerate(PARTS)}
