"""Float64 values (passes/dtypes.py): which names a specialization's kinds prove float64, checked
against what NumPy computes; a name proven float64 must hold float64 values on a run with
arguments of those kinds (NumPy's promotion, legacy or NEP 50, both give float64 there)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import specialized_calls

from tangentish.passes.desugar import desugar
from tangentish.passes.dtypes import float64_names
from tangentish.passes.normalize import normalize
from tangentish.syntax.parse import parse_function


def _proven(fn, kinds):
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    norm.kinds = kinds
    return float64_names(norm), norm


def arithmetic(x, n, k):
    a = x * n + 1
    b = np.exp(a) / k
    c = np.maximum(b, 0.0) ** 2
    s = np.sum(c) / x.shape[0]
    m = np.mean(c, axis=0, keepdims=True)
    return s + m[0] + len(x)


def not_float64(x, n, k):
    root = x ** 0.5  # a negative Python float to a fractional power is complex
    narrow = np.sum(x, dtype=np.float32)
    cast = x.astype(np.float32)
    mask = x > 0.0
    ints = n * k
    total = narrow + np.sum(cast) + np.sum(mask) + ints + root
    return total + 1j * 0


def rebound(x, n, k):
    y = x * 2.0
    y = np.float32(1.0) * k  # bound again to something else: proves nothing
    z = n + k  # ints only: not float64
    return y + z + x


def literals(x, n, k):
    acc = 0.0  # a Python float literal: float64, also carried through a loop
    dt = 0.01
    count = 0  # an int literal: an int, never float64
    flag = True
    c = 2 * np.pi  # Python numbers: a Python float, not float64 by NumPy's promotion
    lc = np.log(c)  # NumPy's log of a Python number: float64
    magnitude = np.abs(3)  # an int's absolute value: an int
    for _ in range(3):
        acc = acc + dt * k
        count = count + 1
    w = np.where(x > 0.0, acc * x, 0.5)  # np.where: by its two values, whatever the condition
    mixed = np.where(x > 0.0, x, magnitude)
    return w + lc + count + flag + mixed + c


def sizes(x, n, k):
    m = x.shape[0]
    root = np.sqrt(m)  # a size is a Python int, never a bool: its square root is float64
    maybe = np.sqrt(n)  # an "int" argument may be a bool (np.sqrt(True) is float16)
    eye = np.eye(m)
    z = np.zeros(m)
    zi = np.zeros(m, int)  # (its second operand is a dtype)
    half = m / 2  # a Python float: not float64 by NumPy's promotion
    v = np.var(x, ddof=1) + np.median(x, axis=-1)
    return root + maybe + eye + z + zi + half + k + v


def layouts(x, n, k):
    d = np.diff(x)  # differences of float64 values: float64
    d2 = np.diff(x, 2, axis=0)
    r = np.ravel(np.reshape(x, (2, 2)))
    t = np.triu(np.diag(x))
    s = np.squeeze(np.expand_dims(x, 0)) * k
    di = np.diff(np.arange(4))  # of ints: ints
    dp = np.diff(x, prepend=np.float32(0.0))  # another operand's dtype may join: not proven
    dn = np.diff(x * n)
    nm = np.linalg.norm(x, axis=0) + np.linalg.norm(x)
    return np.sum(d) + np.sum(d2) + np.sum(r) + np.sum(t) + np.sum(s) + np.sum(di) + np.sum(dp) \
        + np.sum(dn) + nm


def counts(x, n, k):
    m = x.shape[0]
    ddof = m - 1  # a size less an int literal
    count = 0
    for _ in range(3):
        count = count + 1  # a counter carried through a loop: a Python int, never a bool
    twice = 2 * count
    times = n + 1  # an "int" argument may be a bool or an int64 array: no count
    mean = np.sum(x) / ddof + np.sum(x) * twice  # float64, by the ints
    return mean + np.sum(x * times) * k

def axes(x, n, k):
    m = np.reshape(x, (2, 2)) * 2.0
    rows = np.sum(m, 1)  # an axis given as a literal: float64
    last = m.max(-1) + np.var(m, 0) + np.linalg.norm(m, 1)
    both = np.mean(m, (0, 1))
    typed = np.sum(m, 0, np.float32)  # a third operand is a dtype: not float64
    per = np.sum(x) / x.size + np.sum(x) * np.ndim(x)  # sizes: Python ints
    return np.sum(rows) + np.sum(last) + both + np.sum(typed) + per

def joined(x, n, k):
    parts = []
    for i in range(3):
        parts.append(x ** i)  # float64 to a count: float64
    powers = np.stack(parts, axis=1)  # a join of float64 items: float64
    scaled = x ** n  # float64 to an "int" argument: float64
    back = np.abs(k) ** x  # to a float64 power: not proven (a negative Python float: complex)
    raised = 2 ** k  # a number to a float64 power: not proven
    ints = []
    for i in range(3):
        ints.append(i)
    counted = np.stack(ints)  # a join of ints: an int array
    seen = [x]
    seen.append(x * k)
    alias = seen  # another mention: the list may change through it
    aliased = np.stack(seen)
    made = [x, 1.5 * x]
    made.append(x)
    typed = np.stack(made, dtype=np.float32)  # a dtype: not proven (nor any join of made)
    more = [x, 1.5 * x]  # items made with, and appended: float64
    more.append(x)
    flat = np.concatenate(more)
    return np.sum(powers) + np.sum(scaled) + np.sum(back) + raised + np.sum(counted) + \
        np.sum(aliased) + len(alias) + np.sum(typed) + np.sum(flat)


CASES = [
    (arithmetic, {"x": "float64", "n": "int", "k": "float64"}, {"a", "b", "c", "s", "m"}, set()),
    (arithmetic, {"x": "float64", "n": "int"}, {"a"}, {"b", "c", "s", "m"}),  # k unknown
    (arithmetic, {"n": "int", "k": "float64"}, set(), {"a", "b", "c", "s"}),  # x unknown
    (not_float64, {"x": "float64", "n": "int", "k": "int"}, set(),
     {"root", "narrow", "cast", "mask", "ints", "total"}),
    (rebound, {"x": "float64", "n": "int", "k": "int"}, {"y"}, {"y_1", "z"}),  # (y_1: again)
    (literals, {"x": "float64", "n": "int", "k": "float64"}, {"acc", "acc_1", "dt", "lc", "w"},
     {"count", "flag", "c", "magnitude", "mixed"}),
    (literals, {"x": "float64", "n": "int"}, {"acc", "dt", "lc"}, {"acc_1", "w"}),  # k unknown
    (sizes, {"x": "float64", "n": "int", "k": "float64"}, {"root", "eye", "z", "v"},
     {"maybe", "zi", "half"}),
    (layouts, {"x": "float64", "n": "int", "k": "float64"}, {"d", "d2", "r", "t", "s", "dn", "nm"},
     {"di", "dp"}),
    (counts, {"x": "float64", "n": "int", "k": "float64"}, {"mean"}, {"times"}),
    (axes, {"x": "float64", "n": "int", "k": "float64"}, {"rows", "last", "both", "per"},
     {"typed"}),
    (layouts, {"n": "int", "k": "float64"}, set(), {"d", "d2", "r", "t", "dn"}),  # x unknown
    (joined, {"x": "float64", "n": "int", "k": "float64"}, {"powers", "scaled", "flat"},
     {"back", "raised", "counted", "aliased", "typed"}),
]


@pytest.mark.parametrize("fn, kinds, proven, unproven", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_what_is_proven_float64(fn, kinds, proven, unproven):
    found, _ = _proven(fn, kinds)
    assert proven <= found and not unproven & found, sorted(found)


VALUES = {"float64": [1.5, np.float64(-0.5), np.linspace(-1.0, 1.0, 4)],
          "int": [3, True, np.arange(1, 5)]}


@pytest.mark.parametrize("fn", [arithmetic, rebound, literals, sizes, layouts, counts, axes,
                                joined])
def test_proven_names_hold_float64_values(fn):
    """Run the function's statements with arguments of each combination of the kinds and check
    every proven name's value (traced with sys.settrace over the function's frame)."""
    import sys

    kinds = {"x": "float64", "n": "int", "k": "float64"}
    found, norm = _proven(fn, kinds)
    bound = {t.id for st in norm.body for t in getattr(st, "targets", ())
             if hasattr(t, "id")}
    found = {name for name in found if f"{name}_1" not in bound}  # (a Python name bound again
    # is two names once normalized: its last value is the second's)
    for x in VALUES["float64"][2:]:  # (x.shape: an array)
        for n in VALUES["int"]:
            for k in VALUES["float64"]:
                seen: dict[str, object] = {}

                def tracer(frame, event, arg, seen=seen):
                    if frame.f_code is fn.__code__:
                        seen.update(frame.f_locals)
                        return tracer
                    return None

                sys.settrace(tracer)
                try:
                    fn(x, n, k)
                finally:
                    sys.settrace(None)
                for name in found & set(seen):
                    assert np.asarray(seen[name]).dtype == np.float64, (name, seen[name])
                    assert not isinstance(seen[name], complex)


def relu_sum(x, y):
    return np.sum(np.maximum(x, 0.0) * y + np.maximum(x, y) + np.minimum(y, x))


@pytest.mark.parametrize("args", [
    (np.array([-1.0, 0.0, 0.5, 2.0]), np.array([0.5, 0.0, 0.5, -1.0])),  # ties at 0 and x == y
    (np.array([[0.0, 1.0], [2.0, -3.0]]), np.array([[0.0, 1.0], [1.0, -3.0]])),
    (np.array([0.0, 1.0], np.float32), np.array([0.0, 2.0], np.float32)),  # not float64: helper
])
def test_ties_are_weighed_alike_in_plain_numpy(args):
    """``max(a, b)``'s weights written ``(a > b) + 0.5 * (a == b)`` for float64 arrays give
    the helper's values, ties included (the specialized calls against the generic one, and
    against one-sided finite differences' mean away from ties)."""
    import tangentish

    derivative = tangentish.grad(relu_sum, wrt=(0, 1))
    generic, *specialized = specialized_calls(derivative, args, 3)
    source = derivative.source_for(*args)
    float64 = args[0].dtype == np.float64
    assert ("_rt.pick_first" in source) != float64, source
    assert ("_rt.step(x)" in source) == float64, source  # (max(x, 0.0): np.heaviside(x, 0.5))
    for got in specialized:
        for value, want in zip(got, generic, strict=True):
            assert value.dtype == want.dtype
            np.testing.assert_array_equal(value, want)
    x, y = args
    expected_x = (x > 0) * y + (x > y) + 0.5 * (x == y) + 0.5 * (x == 0) * y + \
        (x < y) + 0.5 * (x == y)
    np.testing.assert_allclose(generic[0], expected_x, rtol=1e-6)


def scalar_loop(x, rate, steps):
    for _ in range(steps):
        x = x - rate * (np.sin(x) + 0.1 * x * x)
    return x * x


@pytest.mark.parametrize("steps", [0, 1, 5])
def test_a_float64_scalars_zero_adjoint_is_a_number(steps):
    """A float64 scalar's adjoint starts at ``0.0``, not ``np.zeros_like`` (a NumPy call, and a
    0-d array in every sum after it); the gradients stay right, a loop run zero times included."""
    from helpers import numeric_grad

    import tangentish

    derivative = tangentish.grad(scalar_loop, wrt=(0, 1))
    args = (1.5, 0.01, steps)
    for _ in range(3):
        got = derivative(*args)
        for position, value in zip((0, 1), got, strict=True):
            assert np.asarray(value).dtype == np.float64 and np.ndim(value) == 0
            np.testing.assert_allclose(value, numeric_grad(scalar_loop, args, position),
                                       rtol=1e-6, atol=1e-9)
    assert "zeros_like" not in derivative.source_for(*args)


def counted_mean(x):
    n = 0
    total = 0.0
    for i in range(x.shape[0]):
        total = total + x[i] * x[i]
        n = n + 1
    return total / n


def row_norms(X):
    return np.sum(np.sqrt(np.sum(X * X, 1))) / X.size


@pytest.mark.parametrize("fn, x", [
    (counted_mean, np.array([0.5, -1.5, 2.0])), (counted_mean, np.array([3.0])),
    (row_norms, np.array([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]]))])
def test_a_float64_scalar_output_needs_no_seed_check(fn, x):
    """``total / n`` with ``n`` counted (``n = n + 1``), and a sum over a literal axis divided
    by a size, are float64 scalars: the derivative specialized to a float64 array reads the unit
    seed as ``1.0`` (no ``_rt.seed`` in its code), and a given seed runs the generic derivative,
    which checks it; the gradients agree with central differences."""
    from helpers import numeric_grad

    import tangentish

    derivative = tangentish.grad(fn)
    want = numeric_grad(fn, (x,))
    for _ in range(3):
        got = derivative(x)
        assert got.dtype == np.float64
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9)
    assert "_rt.seed" not in derivative.source_for(x), derivative.source_for(x)
    np.testing.assert_allclose(derivative(x, out_bar=2.0), 2.0 * want, rtol=1e-6, atol=1e-9)
    with pytest.raises(tangentish.errors.NonScalarOutputError):
        derivative(x, out_bar=np.ones(5))
