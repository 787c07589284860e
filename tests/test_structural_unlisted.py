"""An item of ``tuple(xs)`` or ``list(xs)`` that the output never reads has an adjoint of 0 by
structure, which a singular partial behind it (``np.sqrt`` at 0) must not turn into ``0 * inf``.

The adjoint of ``t = tuple(xs)`` is ``_rt.unlisted(t_bar, xs)``: the same items (of a list or
tuple ``xs``), or the rows of an array ``xs``.  Its support was ``np.any`` of ``t``'s, so an
item read anywhere made every item's adjoint possibly non-zero, and the ``np.sqrt`` of an unread
item at 0 gave NaN (fuzz seed 4815 program 41: ``firsts, seconds = zip(*pairs)``, which unpacks
through ``tuple(...)``, with only ``seconds[0]`` read).  ``passes/supports_made.given`` now moves
the mask item by item (``_rt.read_mask(xs, m)``; of an array, row ``k`` is item ``k``'s mask).

Each row is differentiated at a point where ``np.sqrt``'s argument is 0 in an unread item; the
reference is central differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_grad

import tangentish

TEXT = """
import numpy as np


def f(p):
    {body}
"""

ROWS = {
    "zip_of_pairs": """pairs = [(np.sum(p), p[1]), (p[0] * 2.0, np.sum(np.sqrt(p * p)))]
    firsts, seconds = zip(*pairs)
    return sum(firsts) * 0.5 + seconds[0]""",
    "tuple_of_a_list": """xs = [p[1] * p[2], np.sqrt(p[0] * p[0]), np.sin(p[1])]
    t = tuple(xs)
    return t[0] + 2.0 * t[2]""",
    "list_of_a_tuple": """t = (np.cos(p[2]), np.sqrt(p * p))
    xs = list(t)
    return xs[0] * p[1]""",
    "tuple_of_an_array": """t = tuple(np.sqrt(p))
    return t[1] * 2.0 + np.sum(p)""",
    "unpacked_rows": """t = tuple(np.sqrt(p) * p[2])
    a, b, c = t
    return b + c""",
}

MODES = {
    "grad": lambda f, p: tangentish.grad(f)(p),
    "value_and_grad": lambda f, p: tangentish.value_and_grad(f)(p)[1],
    "vjp": lambda f, p: tangentish.vjp(f)(p)[1](1.0),
    "jvp": lambda f, p: np.array([tangentish.jvp(f)(p, p_dot=e)[1] for e in np.eye(p.size)]),
}

P = np.array([0.0, 0.5, 0.3])  # p[0] = 0: np.sqrt's partial is inf there


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ROWS)
def test_an_unread_item_of_a_converted_sequence_has_a_zero_adjoint(tmp_path, name, mode):
    f = module_from_text(tmp_path, f"unlisted_{name}", TEXT.format(body=ROWS[name])).f
    with np.errstate(invalid="ignore", divide="ignore"):  # (np.where computes both sides)
        expected = numeric_grad(f, (P.copy(),))
        got = MODES[mode](f, P.copy())
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)
