"""Structural zeros through chains of selections and reductions (``passes/supports_made.py``).

A read (slice, gather, mask, a piece of a join) of a singular function's value ``u``, then a
selection of what it read (``np.where``, ``np.fmax``, ``np.maximum``, ``np.clip``), then a
reduction (sum, mean, max, min, amax, amin, prod, norm, along an axis), then a selection that
does not choose the reduction (``np.minimum(s, -10.0)``): at points where the unread element,
the element read but not chosen, and (for the output that is not chosen) every element are
singular, each derivative is the exact 0 there, never ``0 * inf = NaN``.  Every mode (jacobian
both ways, vjp with a cotangent 0 in one part, jvp with a direction 0 in some parts, grad,
hessian) against one-sided finite differences (:func:`helpers.one_sided_jacobian`).

The rows cover every reduction with every read and every inner selection with every singular
function (the other factors rotating), not the whole product (CI time).  The forward twin, a
singular function of a reduction of selected values, is :func:`test_singular_after_reduction`.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian, seed_for

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unread, 0 * inf)

# name: (expression of x, [unread point, read point not chosen], interior range, floor below it)
SINGULAR = {
    "sqrt": ("np.sqrt({})", [-1.5, 0.0], (0.5, 2.0), 0.25),
    "log": ("np.log({})", [-1.0, 0.0], (0.5, 2.0), -1.0),
    "arccos": ("np.arccos({})", [-1.5, 1.0], (-0.6, 0.6), 0.25),
    "power_half": ("{} ** 0.5", [-1.5, 0.0], (0.5, 2.0), 0.25),
    "reciprocal": ("1.0 / {}", [0.0, 0.0], (0.5, 2.0), None),  # (1/0 = inf: no floor below)
}

# v from u: every element but the first (4 of 5)
READ = {
    "slice": "v = u[1:]",
    "take": "v = np.take(u, [1, 2, 3, 4])",
    "fancy": "v = u[[1, 2, 3, 4]]",
    "mask": "v = u[np.array([False, True, True, True, True])]",
    "joined": "v = np.concatenate((u, [-1.0, 0.0]))[1:5]",
    "hstack": "v = np.hstack(u)[1:]",  # (one array's elements joined: seed 4600 program 461)
    "rows": "v = np.concatenate(np.reshape(u, (5, 1)))[1:]",
}

# w from v: its first element (singular at the point) not chosen
INNER = {
    "none": "w = v[1:] * 1.0",
    "where": "w = np.where(np.array([False, True, True, True]), v, 0.0)",
    "fmax": "w = np.fmax(v, FLOOR)",
    "maximum": "w = np.maximum(v, FLOOR)",
    "clip": "w = np.clip(v, FLOOR, 10.0)",
}

REDUCE = {
    "sum": "s = np.sum(w)",
    "mean": "s = np.mean(w)",
    "max": "s = np.max(w)",
    "min": "s = w.min()",
    "amax": "s = np.amax(w)",
    "amin": "s = np.amin(w)",
    "prod": "s = np.prod(w)",
    "norm": "s = np.linalg.norm(w)",
    "sum_axis": "s = np.max(np.sum(np.reshape(w[:2], (1, 2)), axis=1))",
}

TEMPLATE = '''import numpy as np


def vector(x):
    u = EXPR
    READ
    INNER
    REDUCE
    return np.stack((np.minimum(s, -10.0), 2.0 * s))


def total(x):
    u = EXPR
    READ
    INNER
    REDUCE
    return np.minimum(s, -10.0) + 2.0 * s
'''


def _rows() -> list[tuple[str, str, str, str]]:
    singulars, inners, reads = sorted(SINGULAR), sorted(INNER), sorted(READ)
    rows = set()
    for i, reduce in enumerate(sorted(REDUCE)):
        for j, read in enumerate(reads):
            inner, singular = inners[(i + 2 * j) % len(inners)], singulars[(i + j) % len(singulars)]
            if SINGULAR[singular][3] is None and inner not in ("none", "where"):
                inner = "where"
            rows.add((read, inner, reduce, singular))
    for i, inner in enumerate(inners):
        for j, singular in enumerate(singulars):
            rows.add((reads[(i + j) % len(reads)], inner, sorted(REDUCE)[(2 * i + j) % 9],
                      singular))
    return sorted(row for row in rows if SINGULAR[row[3]][3] is not None
                  or row[1] in ("none", "where"))


ROWS = _rows()


def _module(tmp_path, read: str, inner: str, reduce: str, singular: str):
    expression, _, _, floor = SINGULAR[singular]
    text = TEMPLATE.replace("EXPR", expression.format("x")).replace("READ", READ[read])
    text = text.replace("INNER", INNER[inner].replace("FLOOR", repr(floor)))
    text = text.replace("REDUCE", REDUCE[reduce])
    return module_from_text(tmp_path, f"chain_{read}_{inner}_{reduce}_{singular}", text)


def _point(singular: str, name: str) -> np.ndarray:
    _, bad, interior, _ = SINGULAR[singular]
    return np.concatenate([bad, np.random.default_rng(seed_for(name)).uniform(*interior, 3)])


@pytest.mark.parametrize(("read", "inner", "reduce", "singular"), ROWS)
def test_selections_then_a_reduction(tmp_path, read: str, inner: str, reduce: str,
                                     singular: str) -> None:
    name = "_".join((read, inner, reduce, singular))
    module, x = _module(tmp_path, read, inner, reduce, singular), _point(singular, name)
    expected = one_sided_jacobian(module.vector, x)
    assert np.isfinite(expected).all() and not expected[0].any()
    rng = np.random.default_rng(seed_for(name))
    for mode in ("rev", "fwd"):
        np.testing.assert_allclose(tangentish.jacobian(module.vector, mode=mode)(x),
                                   expected, rtol=1e-5, atol=1e-6, err_msg=mode)
    _, pullback = tangentish.vjp(module.vector)(x)
    for cotangent in (np.array([1.5, 0.0]), np.array([0.0, 0.75]), np.array([0.5, 1.0])):
        np.testing.assert_allclose(pullback(cotangent), cotangent @ expected, rtol=1e-5,
                                   atol=1e-6, err_msg=str(cotangent))
    direction = np.where(np.arange(x.size) % 2 == 0, 0.0, rng.uniform(0.5, 1.5, x.shape))
    _, tangent = tangentish.jvp(module.vector)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-5, atol=1e-6)
    gradient = tangentish.grad(module.total)
    np.testing.assert_allclose(gradient(x), one_sided_jacobian(module.total, x), rtol=1e-5,
                               atol=1e-6)
    defined = lambda y: gradient(y) if np.isfinite(module.total(y)) else np.nan  # noqa: E731
    np.testing.assert_allclose(tangentish.hessian(module.total)(x),  # (one side may be NaN:
                               one_sided_jacobian(defined, x), rtol=1e-4, atol=1e-4)  # its max)


def test_the_rows_cover_each_pairing() -> None:
    """Every reduction meets every read, every inner selection every singular function."""
    assert {(r[0], r[2]) for r in ROWS} == {(a, b) for a in READ for b in REDUCE}
    assert {(r[1], r[3]) for r in ROWS} == {(a, b) for a in INNER for b in SINGULAR
                                            if SINGULAR[b][3] is not None or a in ("none", "where")}


# the forward twin: a reduction of selected values (0 by structure at the point), then singular
AFTER = {
    "sqrt_max": "np.sqrt(np.max(np.where(x > 0.0, x, 0.0)))",
    "sqrt_sum_slice": "np.sqrt(np.sum(np.maximum(x[1:], 0.0)))",
    "log_norm": "np.log(np.linalg.norm(np.where(x > 0.0, x, 0.0)) + 1.0) * np.sqrt(np.amax("
                "np.clip(x, 0.0, 1.0)))",
    "power_mean": "np.mean(np.fmax(x[:3], 0.0)) ** 0.5",
    "sqrt_take": "np.sqrt(np.sum(np.take(np.maximum(x, 0.0), [0, 2])))",
}


@pytest.mark.parametrize("name", sorted(AFTER))
def test_singular_after_reduction(tmp_path, name: str) -> None:
    """All of x <= 0: the reduction is 0 and stays 0 near x, so the derivative is 0 (not the
    tangent's structural 0 times the inf of sqrt'(0))."""
    text = f"import numpy as np\n\n\ndef f(x):\n    return {AFTER[name]}\n"
    f = module_from_text(tmp_path, f"after_{name}", text).f
    x = -np.random.default_rng(seed_for(name)).uniform(0.5, 1.5, 4)
    expected = one_sided_jacobian(f, x)
    assert np.isfinite(expected).all() and not expected.any()
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, atol=1e-6)
    _, tangent = tangentish.jvp(f)(x, x_dot=np.array([0.0, 1.0, 0.5, 0.0]))
    assert tangent == 0.0
    np.testing.assert_allclose(tangentish.jacobian(f, mode="fwd")(x), expected, atol=1e-6)


ITEMS = '''import numpy as np


def pair(x):
    return np.sqrt(x), np.sum(x) * 2.0


def unread_item(x):
    t = (np.sqrt(x), np.sum(x) * 2.0)
    return t[1]


def unread_result(x):
    s, r = pair(x)
    return r


def item_not_chosen(x):
    t = (np.sqrt(x), np.sum(x))
    return np.minimum(np.sum(t[0]), -1.0) + t[-1] * 0.0 + t[1]


def result_not_chosen(x):
    s, r = pair(x)
    return np.minimum(np.sum(s), -1.0) + r


def ragged_items(x):
    t = (np.log(x), x[0], np.sqrt(x[1:]))
    return np.maximum(np.max(t[2]), 5.0) + t[1] ** 2
'''


@pytest.mark.parametrize("name", ["unread_item", "unread_result", "item_not_chosen",
                                  "result_not_chosen", "ragged_items"])
def test_items_of_a_tuple(tmp_path, name: str) -> None:
    """An item of a tuple (or a helper's result) that nothing reads, or whose reader does not
    choose it: its adjoint is 0 by structure (``t_bar[0]`` when only ``t[1]`` was read), so
    ``sqrt``'s partial at 0 does not make it NaN, at first or second order."""
    f = getattr(module_from_text(tmp_path, "items", ITEMS), name)
    x = np.array([0.0, 1.0, 2.0])
    np.testing.assert_allclose(tangentish.grad(f)(x), one_sided_jacobian(f, x), atol=1e-6)
    np.testing.assert_allclose(tangentish.hessian(f)(x),
                               one_sided_jacobian(tangentish.grad(f), x), atol=1e-4)
