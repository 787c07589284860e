"""An array made constant and changed in place later has a tangent of 0 by structure until it
is changed: a singular function reading it before then has a zero tangent, not ``0 / 0``.

``g = np.zeros(3)`` gets a tangent ``g_dot = np.zeros_like(g)`` because ``g[1] = x`` changes it
later; ``np.sqrt(g)`` read in between took ``g_dot / (2.0 * sqrt_g)``: NaN in ``jvp`` and in
``hessian`` (forward over reverse) where the exact derivative is finite (fuzz seed 3404, program
87: ``g3[1] *= np.sum(np.sqrt((g3, [1.0, 0.0]))) * x``).  Forward mode now gives such an array
the support ``NOWHERE`` until a statement changes or binds it (passes/forward.py
``Tangents._unwritten``).

Every row is ``f(x) = x * sum(h(g)) + sum(g ** 2)`` with ``g`` made constant (``made``), read by
a singular ``h`` and then changed in place (``write``): the closed form is ``sum(h(g0)) + 2 *
sum(g * dg/dx)`` for the derivative, ``2 * sum((dg/dx) ** 2)`` for the second (``g`` is linear
in ``x`` after the write).
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text

import tangentish

TEXT = """
import numpy as np


def f(x):
    c = np.ones(3)
    g = {made}
    y = np.sum({read}) * x
    {write}
    return y + np.sum(g ** 2)
"""

MADE = {
    "zeros": "np.zeros(3)",
    "zeros_like": "np.zeros_like(c)",
    "full": "np.full(3, 0.0)",
}

# name: (the read, its value at g = 0)
READS = {
    "sqrt": ("np.sqrt(g)", 0.0),
    "power": ("g ** 0.5", 0.0),
    "cbrt": ("np.cbrt(g)", 0.0),
    "arcsin": ("np.arcsin(g - 1.0)", 3 * -np.pi / 2),
    "sqrt_of_a_slice": ("np.sqrt(g[1:])", 0.0),
    "sqrt_of_a_display": ("np.sqrt((g, c))", 3.0),
}

X = 0.7

# name: (the write, g after it, dg/dx)
WRITES = {
    "item": ("g[1] = x", [0.0, X, 0.0], [0.0, 1.0, 0.0]),
    "augmented": ("g += x", [X] * 3, [1.0] * 3),
    "slice": ("g[:] = 2.0 * x", [2 * X] * 3, [2.0] * 3),
    "in_a_branch": ("if x > 0.0:\n        g[0] = x", [X, 0.0, 0.0], [1.0, 0.0, 0.0]),
    "in_a_loop": ("for i in range(3):\n        g[i] = x * i", [0.0, X, 2 * X], [0.0, 1.0, 2.0]),
}


def _function(tmp_path, made: str, read: str, write: str):
    name = f"unwritten_{made}_{read}_{write}"
    text = TEXT.format(made=MADE[made], read=READS[read][0], write=WRITES[write][0])
    return module_from_text(tmp_path, name, text).f


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("made", MADE)
def test_a_singular_read_before_the_write_has_a_zero_tangent(tmp_path, made, read, write):
    f = _function(tmp_path, made, read, write)
    _, after, slope = WRITES[write]
    first = READS[read][1] + 2.0 * float(np.dot(after, slope))
    second = 2.0 * float(np.dot(slope, slope))
    with np.errstate(invalid="ignore", divide="ignore"):  # (h(0) computed; its partial unused)
        value, tangent = tangentish.jvp(f)(X, x_dot=-1.5)
        hessian = tangentish.hessian(f)(X)
        gradient = tangentish.grad(f)(X)
    assert value == pytest.approx(f(X), rel=1e-14)
    assert tangent == pytest.approx(-1.5 * first, rel=1e-12, abs=1e-12)
    assert gradient == pytest.approx(first, rel=1e-12, abs=1e-12)
    assert hessian == pytest.approx(second, rel=1e-12, abs=1e-12)


def test_the_tangent_is_kept_after_the_write(tmp_path):
    """What reads the array after the write sees its tangent (not a zero kept too long)."""
    text = """
    import numpy as np


    def f(x):
        g = np.zeros(3)
        g[1] = x
        return np.sum(np.sqrt(g + 1.0)) * x
    """
    f = module_from_text(tmp_path, "unwritten_after", text).f
    expected = 2.0 + np.sqrt(1.0 + X) + X * 0.5 / np.sqrt(1.0 + X)
    assert tangentish.jvp(f)(X, x_dot=1.0)[1] == pytest.approx(expected, rel=1e-14)
