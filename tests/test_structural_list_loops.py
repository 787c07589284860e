"""A list carrying a singular value from the loop that appends to it to the loop that reads part
of each item: the elements no item's read reaches have an adjoint of 0 by structure.

``ys.append(np.sqrt(x))`` in one loop, ``np.sum(ys.pop()[1:])`` (or ``ys[i]``, or ``for y in
ys``) in another: the adjoint of the list is filled by the second loop's adjoint and read back,
item by item, by the first's (``sqrt_bar = ys_bar[-1]``).  It had no support, so at ``x[0] = 0``
the unread element's 0 met ``sqrt'(0) = inf``: NaN.  Now the list's adjoint carries one mask per
item (``tangentish/runtime/item_masks.py``: ``ys_read[-1]``, ``ys_read[:-1]``) across the loops
(passes/support_flow.py), and the partial is kept on it.  The same mechanism makes reverse over
reverse through a gradient's tape right (tests/test_structural_loops_second_order.py).

Every function is ``s = sum_i (i + 1) * sum(h(x)[M])`` over two items (``M`` the elements the
read keeps), so the closed forms are ``3 h'(x)`` on ``M`` (0 elsewhere) for the gradient and
``3 h''(x)`` on ``M`` for the derivative of the gradient's sum.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import module_from_text

import tangentish

TEXT = """
import numpy as np


def f(x):
    ys = []
    for i in range(2):
        ys.append({make})
    s = 0.0
    {consume}
    return s
"""

# name: (how an item is made, how it is read back to y, or None: a tuple item taken apart)
MAKES = {
    "array": "h(x) * (i + 1.0)",
    "tuple_item": "(x, h(x) * (i + 1.0))",
}

CONSUMES = {
    "popped": "for i in range(2):\n        y = ys.pop(){item}\n        s = s + np.sum({read})",
    "indexed": "for i in range(2):\n        y = ys[i]{item}\n        s = s + np.sum({read})",
    "iterated": "for y in ys:\n        y = y{item}\n        s = s + np.sum({read})",
}

READS = {
    "slice": ("y[1:]", np.arange(4) >= 1),
    "where": ("np.where(x > 0.5, y, 0.0)", np.array([False, True, True, False])),
}


def _sqrt(x):
    return np.sqrt(x), 0.5 / np.sqrt(x), -0.25 * x ** -1.5


def _log(x):
    return np.log(x), 1.0 / x, -1.0 / x ** 2


SINGULAR = {"sqrt": ("np.sqrt", _sqrt), "log": ("np.log", _log)}

X = np.array([0.0, 1.3, 2.0, 0.4])  # x[0] = 0: the partial is inf (or the value -inf), unread


def _sum_of_gradient(fn):
    gradient = tangentish.grad(fn)
    return lambda x: np.sum(gradient(x))


MODES = {
    "grad": (lambda fn, x: tangentish.grad(fn)(x), 1),
    "vjp": (lambda fn, x: tangentish.vjp(fn)(x)[1](1.0), 1),
    "jvp": (lambda fn, x: np.array([tangentish.jvp(fn)(x, x_dot=e)[1] for e in np.eye(4)]), 1),
    "hvp": (lambda fn, x: tangentish.hvp(fn)(x, np.ones_like(x)), 2),
    "rev-over-rev": (lambda fn, x: tangentish.grad(_sum_of_gradient(fn))(x), 2),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("singular", SINGULAR)
@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("consume", CONSUMES)
@pytest.mark.parametrize("make", MAKES)
def test_a_list_read_in_part_in_another_loop(tmp_path, make, consume, read, singular, mode):
    function, h = SINGULAR[singular]
    text = TEXT.format(make=MAKES[make].replace("h(", f"{function}("), consume=CONSUMES[
        consume].format(item="[1]" if make == "tuple_item" else "", read=READS[read][0]))
    fn = module_from_text(tmp_path, f"list_loops_{make}_{consume}_{read}_{singular}", text).f
    run, order = MODES[mode]
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")
        got = run(fn, X.copy())
        expected = np.where(READS[read][1], 3.0 * h(X)[order], 0.0)
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
