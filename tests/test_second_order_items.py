"""Second order through the items of a tuple or list: the gradient adds each item's adjoint into
the sequence's (``_rt.add_at(t_bar, g, t, i)``), and the tangent of that sum is the sum of the
tangents (``t_bar_dot + _rt.unindex(g_dot, t, i)``, a new array, in the sequence's one form: see
``runtime/items.py``).  Sequences whose items stack and ragged ones, returned by a helper or
written out, read by constant and repeated indices; each against central finite differences of
the (first-order, verified) gradient, as in ``test_second_order.py``.  ``xs.pop(i)`` is a join of
slices of ``xs`` (:mod:`tangentish.passes.list_methods`), which a gradient makes of its own copies
(``_rt.private``) in a loop: a copy of a surely-list is surely a list (``passes/sequences.py``),
else that join was arithmetic to the second gradient (a raw broadcasting error); and an empty
operand of a join (``xs[:0]``) gets its own zero as adjoint, not the slice ``g[:0]`` of a stacked
adjoint (shape ``(0, 3)``, which met the list's own zero, shape ``(0,)``, in ``+``).  A copy of a
display is a list too: a gradient copies the list ``[(s, a), (t, w)]`` it tapes when ``a`` changes
in place later (``_rt.private([...])``), and the second transform took the copy for an array
(``np.zeros_like`` of a ragged list: grammar seed 8121 program 6, a raw error in rev-over-rev).
"""

from __future__ import annotations

import numpy as np
import pytest
from test_second_order import MODES, check


def pair_even(x):
    return x * 2.0, np.sin(x)


def pair_ragged(x):
    return np.cos(x) * 2.0, np.sum(x ** 2)


def even_tuple_from_helper(x):
    p, q = pair_even(x)
    return np.sum(p * q * q)


def ragged_tuple_from_helper(x):
    p, q = pair_ragged(x)
    return np.sum(np.sin(p)) * q


def ragged_list_written_out(x):
    t = [x[0] * x[1], x[1:] * 3.0]
    return np.sum(t[0] * t[1] ** 2)


def item_read_twice(x):
    t = (np.exp(x * 0.5), x[:2] * x[1:])
    return np.sum(t[0] * t[0]) + np.sum(t[1] * t[0][0]) + np.sum(t[1] ** 3)


def items_in_a_loop(x):
    t = [np.tanh(x), x * x]
    s = 0.0
    for i in range(2):
        s = s + np.sum(t[i] * t[1 - i]) * (i + 1.0)
    return s


def popped_in_a_loop(x):  # (fuzz seed 5975, program 57: a raw error in rev-over-rev only)
    front, back = [], []
    for k in range(2):
        front.append(np.sin(x * (k + 1.0)))
        back.append(x ** (k + 1))
    total = 0.0
    for k in range(2):  # pop(i) is a join of slices (one empty), of private copies in a loop
        total = total + np.sum(front.pop(0) * back.pop(-1)) * (k + 1.0)
    return total


CASES = [even_tuple_from_helper, ragged_tuple_from_helper, ragged_list_written_out,
         item_read_twice, items_in_a_loop, popped_in_a_loop]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_items_of_sequences_at_second_order(fn, mode: str) -> None:
    check(mode, fn, [np.array([0.3, -0.8, 1.1])], 0)


# The tangent rule's sum against what it replaced, _rt.add_at into an _rt.own copy: bit for bit
# and dtype for dtype wherever each position receives one term (a repeated integer index sums its
# terms first, acc + (g1 + g2), as add_at's own path without a sole owner always did).
INDICES = {"int": 1, "negative": -1, "slice": slice(1, 3), "step": slice(None, None, 2),
           "mask": np.array([True, False, True, False]), "fancy": [0, 3],
           "row": (1,), "ellipsis": (Ellipsis, 1)}


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16])
@pytest.mark.parametrize("name", sorted(INDICES))
def test_add_at_tangent_is_the_sum_it_replaced(name: str, dtype) -> None:
    from tangentish import runtime as rt

    index = INDICES[name]
    rng = np.random.default_rng(sorted(INDICES).index(name))
    shape = (4, 3) if name in ("row", "ellipsis") else (4,)
    acc, like = (rng.standard_normal(shape).astype(dtype) for _ in range(2))
    g = np.asarray(rng.standard_normal(np.shape(like[index])).astype(dtype))
    before = rt.add_at(rt.own(acc), g, like, index)
    after = acc + rt.unindex(g, like, index)
    assert after.dtype == before.dtype == dtype
    assert np.array_equal(after, before)


def copied_displays(x, w):  # (the text a gradient holds: its own copies of the lists it tapes)
    from tangentish import runtime as _rt

    pairs = _rt.private([(np.sum(w), w), (x, x)])
    items = _rt.private((x, w))
    return pairs, items


def test_a_copy_of_a_display_is_a_sequence() -> None:
    from tangentish.passes.desugar import desugar
    from tangentish.passes.normalize import normalize
    from tangentish.passes.sequences import surely_sequences
    from tangentish.passes.shapes import sequence_names
    from tangentish.syntax.parse import parse_function

    info = parse_function(copied_displays)
    desugar(info)
    norm = normalize(info)
    assert {"pairs", "items"} <= sequence_names(norm) & surely_sequences(norm)
