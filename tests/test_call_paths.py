"""The call wrapper's fast path (api._wrap: plain positional calls of ``grad`` derivatives) against
its checked path (the same call with keyword arguments, which always takes :class:`CallCheck`):
the same gradients (and against finite differences), the same types and dtypes, no gradient
sharing memory with another, and the same refusals; and the specialized scalar output whose seed
reads the scalar itself (passes/scalar_output.py)."""

from __future__ import annotations

import types

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.errors import TangentishError


def fresh(fn):
    """A new function object of ``fn``'s code: its own cache entry and specializations."""
    return types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__,
                              fn.__closure__)


def both_same(x, y):  # the adjoints of x and y are one array when shapes agree
    return np.sum(np.sin(x + y))


def scaled(x, k):
    return np.sum(x * x) * k


def scalar_out(x, y):
    return np.sum(np.tanh(x * y) - 0.5 * x)


def row_sum(x):
    return np.sum(x[0] * 2.0)


def mixed(x, w, n):
    total = 0.0
    for i in range(n):
        total = total + np.sum(np.tanh(x * w + i))
    return total


RNG = np.random.default_rng(31)
CASES = [
    (both_same, (0, 1), (RNG.normal(size=4), RNG.normal(size=4))),
    (both_same, (0, 1), (RNG.normal(size=(2, 3)), RNG.normal(size=3))),
    (both_same, 0, (RNG.normal(size=3).astype(np.float32), 0.5)),
    (scaled, 0, (RNG.normal(size=5), 3)),
    (scaled, (0, 1), (RNG.normal(size=5), 3.0)),
    (scalar_out, (0, 1), (0.3, -0.8)),
    (scalar_out, 0, (0.3, 2)),
    (scalar_out, (0, 1), (np.float32(0.3), 0.25)),
    (scalar_out, 1, (RNG.normal(size=3), 0.7)),
    (row_sum, 0, (RNG.normal(size=(3, 2)),)),
    (mixed, (0, 1), (RNG.normal(size=3), 0.4, 3)),
    (mixed, 1, (RNG.normal(size=3), RNG.normal(size=3), 2)),
    (both_same, (0, 1), (RNG.normal(size=3).astype('>f8'), RNG.normal(size=3))),
    (scaled, 0, (RNG.normal(size=4).astype(np.dtype(np.float64, metadata={'m': 1})), 2.0)),
]


def _keywords(fn, args):
    names = fn.__code__.co_varnames[:fn.__code__.co_argcount]
    return dict(zip(names, args, strict=True))


def _as_tuple(value, wrt):
    return value if isinstance(wrt, tuple) else (value,)


@pytest.mark.parametrize("fn, wrt, args", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_plain_calls_return_what_checked_calls_return(fn, wrt, args):
    derivative = tangentish.grad(fresh(fn), wrt=wrt)
    checked = [derivative(**_keywords(fn, args)) for _ in range(3)]  # generic, then specialized
    plain = [derivative(*args) for _ in range(3)]
    wide = tuple(float(a) if isinstance(a, np.floating) else
                 a.astype(np.float64) if isinstance(a, np.ndarray) else a for a in args)
    positions = wrt if isinstance(wrt, tuple) else (wrt,)
    for got_plain, got_checked in zip(plain, checked, strict=True):
        for index, p, c in zip(positions, _as_tuple(got_plain, wrt), _as_tuple(got_checked, wrt),
                               strict=True):
            assert type(p) is type(c)
            assert np.asarray(p).dtype == np.asarray(c).dtype
            assert np.shape(p) == np.shape(args[index])
            np.testing.assert_array_equal(p, c)
            tol = {"rtol": 1e-4, "atol": 1e-5} if np.asarray(p).dtype == np.float32 else {}
            np.testing.assert_allclose(p, numeric_grad(fn, wide, index), **tol)
        arrays = [g for g in _as_tuple(got_plain, wrt) if isinstance(g, np.ndarray)]
        for i, a in enumerate(arrays):  # every gradient handed out is the caller's alone
            assert not any(np.may_share_memory(a, b) for b in arrays[i + 1:])
            assert not any(np.may_share_memory(a, arg) for arg in args
                           if isinstance(arg, np.ndarray))


@pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")
@pytest.mark.parametrize("make", [lambda: np.matrix([[1.0, 2.0]]), lambda: "text",
                                  lambda: [1.0, 2.0], lambda: None],
                         ids=["matrix", "text", "list", "None"])
def test_plain_calls_refuse_what_checked_calls_refuse(make):
    bad = make()
    derivative = tangentish.grad(fresh(scaled), wrt=0)
    derivative(np.ones(2), 2.0), derivative(np.ones(2), 2.0)  # the fast path is warm
    with pytest.raises(TangentishError) as plain:
        derivative(bad, 2.0)
    with pytest.raises(TangentishError) as checked:
        derivative(x=bad, k=2.0)
    assert type(plain.value) is type(checked.value)
    for caught in (plain, checked):  # the error points at this file's call, not at a wrapper
        assert "test_call_paths.py" in str(caught.value) and "<plain call>" not in str(caught.value)


@pytest.mark.parametrize("wanted, single", [((True,), 0), ((True, False), 0), ((False, True), 1),
                                            ((True, True), None), ((True,) * 6, None)])
def test_the_plain_caller_text_is_fixed_by_arity_and_wrt(wanted, single):
    """The wrapper's plain path is compiled from text that depends on nothing but the number of
    arguments and which are under ``wrt`` (no name or value of the user's is in it)."""
    from tangentish.fastcall import plain_text

    text = plain_text(wanted, single, True)
    assert text == plain_text(wanted, single, True)
    compile(text, "<test>", "exec")
    given = "".join(f"a{i}, " for i in range(len(wanted)))
    assert text.startswith(f"def derivative({given.replace(', ', '=NO, ')}/, *args, **kwargs):")
    assert text.count("= prepare(args, kwargs)") == 1  # (a call not of exactly the arity)
    assert text.count(f"= prepare(({given}), kwargs)") >= 1 + len(wanted)


@pytest.mark.parametrize("wanted, single", [((True,), 0), ((True, True), None),
                                            ((True, False, True), None)])
def test_a_plain_call_reads_each_argument_s_class_once(wanted, single):
    """Structural (the wrapper's cost at scalar inputs, benchmarks/RESULTS.md): the arguments
    arrive as positional parameters (no ``*args`` tuple unpacked, no ``len``), each argument's
    class is read once (its entry's ``c<i>``, which the gradient test reuses), each gradient's
    once, and the specializations are looked up by a bound ``get``."""
    from tangentish.fastcall import plain_text

    text = plain_text(wanted, single, True)
    assert "len(args)" not in text and "= args" not in text
    for i in range(len(wanted)):
        assert text.count(f"a{i}.__class__") == 1
    for g in ("result",) if single is not None else [f"g{i}" for i in range(sum(wanted))]:
        assert text.count(f"(h := {g}.__class__)") == 2  # (one per branch: float or array)
    assert "lookup((" in text and "table" not in text


@pytest.mark.parametrize("wanted, single", [((True,), 0), ((True, True), None),
                                            ((True, False, True), None)])
def test_a_plain_call_reads_each_argument_s_shape_and_dtype_once(wanted, single):
    """Structural (the wrapper's cost at small arrays, benchmarks/RESULTS.md): an array's dtype
    and shape are read once, in its entry (``a.shape`` makes a new tuple at each read), and the
    gradients' test compares with what the entry read, the dtype by identity before ``==``."""
    from tangentish.fastcall import plain_text

    text = plain_text(wanted, single, True)
    for i, differentiated in enumerate(wanted):
        assert text.count(f"a{i}.dtype") == 1
        assert text.count(f"a{i}.shape") == 2  # (one per branch: float64, or another dtype)
        if differentiated:
            assert f"is d{i} or t == d{i})" in text and f".shape == s{i}" in text


def test_an_integer_argument_under_wrt_is_promoted_on_either_path():
    derivative = tangentish.grad(fresh(scaled), wrt=(0, 1))
    for _ in range(3):
        gx, gk = derivative(np.arange(3.0), 2)
        assert type(gk) is type(derivative(x=np.arange(3.0), k=2)[1])
        np.testing.assert_allclose(gk, np.sum(np.arange(3.0) ** 2))


def _code(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.strip().startswith("#"))


@pytest.mark.parametrize("args", [(0.3, -0.8), (np.float64(0.3), -0.8), (0.3, np.ones(3))],
                         ids=["floats", "np.float64", "float and array"])
def test_a_float64_scalar_output_needs_neither_its_sum_nor_the_seed(args):
    """Specialized to float64 arguments, a float64 scalar output (passes/dtypes.py) is computed
    for nothing in ``grad``: its seed is the wrapper's to check, and ``np.sum`` goes."""
    derivative = tangentish.grad(fresh(scalar_out), wrt=(0, 1))
    first = derivative(*args)
    later = derivative(*args)
    code = _code(derivative.source_for(*args))
    sums = [line for line in code.splitlines() if "np.sum(" in line and "axis=" not in line]
    assert not sums and "_rt.seed(" not in code  # (np.sum(g, axis=0) un-broadcasts)
    if all(np.ndim(a) == 0 for a in args):  # scalars: nothing large to free (release.py)
        assert "    del " not in code
    assert "np.sum(" in derivative.source  # (the generic derivative serves every dtype)
    assert [type(g) for g in later] == [type(g) for g in first]
    for index in (0, 1):
        np.testing.assert_allclose(later[index], numeric_grad(scalar_out, args, index))


def test_a_scalar_output_seed_reads_the_scalar_not_its_sum():
    """Specialized to scalars of another dtype, ``return np.sum(v)`` costs no ``np.sum``: the
    seed (which casts a seed to the output's dtype) reads ``v``."""
    args = (np.float32(0.3), np.float32(-0.8))
    derivative = tangentish.grad(fresh(scalar_out), wrt=(0, 1))
    first = derivative(*args)
    later = derivative(*args)
    code = _code(derivative.source_for(*args))
    assert "np.sum(" not in code and "_rt.seed(" in code
    assert [type(g) for g in later] == [type(g) for g in first] == [np.float32] * 2
    for index in (0, 1):
        np.testing.assert_allclose(later[index], numeric_grad(scalar_out, args, index),
                                   rtol=1e-3)


def test_the_value_of_a_scalar_output_keeps_its_type():
    """value_and_grad returns the value: its ``np.sum`` stays (an np.float64, as ``f`` gives)."""
    derivative = tangentish.value_and_grad(fresh(scalar_out), wrt=(0, 1))
    values = [derivative(0.3, -0.8)[0] for _ in range(3)]
    assert all(type(v) is type(scalar_out(0.3, -0.8)) for v in values)


def test_a_complex_scalar_output_is_still_refused_when_specialized():
    def f(x, c):
        return np.sum(x * c)

    derivative = tangentish.grad(fresh(f), wrt=0)
    for _ in range(3):
        with pytest.raises(TangentishError, match="complex"):
            derivative(0.5, np.complex128(1j))


@pytest.mark.parametrize("mode", ["grad", "value_and_grad"])
@pytest.mark.parametrize("args", [(0.3, -0.8), (np.ones(3), 0.5)], ids=["floats", "array"])
def test_a_seed_of_the_wrong_shape_is_still_refused_when_specialized(mode, args):
    """Where the specialized code reads the seed as it is, the wrapper checks one given."""
    derivative = getattr(tangentish, mode)(fresh(scalar_out), wrt=0)
    derivative(*args), derivative(*args)
    assert "_rt.seed(" not in _code(derivative.source_for(*args))
    for wrong in (np.ones(2), np.ones((1, 1))):
        with pytest.raises(TangentishError, match="has shape"):
            derivative(*args, out_bar=wrong)
    for wrong in ([1.0, 2.0], (1.0,)):
        with pytest.raises(TangentishError, match="is a list|has shape"):
            derivative(*args, out_bar=wrong)
    with pytest.raises(TangentishError, match="complex|real"):
        derivative(*args, out_bar=1j)
    got = derivative(*args, out_bar=2.0)
    gradient = got if mode == "grad" else got[1]
    np.testing.assert_allclose(gradient, 2.0 * numeric_grad(scalar_out, args, 0))
    for seed in (np.float64(2.0), np.array(2.0), 2, np.float32(2.0)):
        got = derivative(*args, out_bar=seed)
        np.testing.assert_allclose(got if mode == "grad" else got[1], gradient)


class _Recording(dict):
    def get(self, key, default=None):
        self.asked = key
        return default


@pytest.mark.parametrize("wanted", [(True,), (True, False), (False, True, True)])
def test_the_compiled_plain_path_makes_plain_shapes_key(wanted):
    """``fastcall``'s written-out key is :func:`specialize.plain_shapes`'s, argument by argument
    (floats, float32 and float64 arrays, ints, bools, int32 arrays; refused: lists, strings,
    complex, integer arrays under ``wrt``)."""
    from itertools import product

    from tangentish.fastcall import plain_path
    from tangentish.specialize import plain_shapes

    values = [1.5, np.ones(3), np.ones((2, 1), np.float32), 2, True, np.arange(3),
              np.arange(3, dtype=np.int32), [1.0], "a", 1j, np.float64(2.0)]
    table = _Recording()
    slow = []
    derivative = plain_path(wanted, None, table, None,
                            lambda args, kwargs: (slow.append(args), "done", None, None), None)
    for args in product(values, repeat=len(wanted)):
        table.asked, slow[:] = None, []
        assert derivative(*args) == "done"  # (the checked path: no function for any key here)
        assert table.asked == plain_shapes(args, wanted) and slow == [args], args


def _two_shapes(x, w):
    return np.sum(np.tanh(x @ w) ** 2) + np.sum(w * w)


@pytest.mark.parametrize("order", [(1, 0), (0, 1)])
def test_the_plain_path_checks_gradients_in_the_order_of_wrt(order):
    """The plain path's check pairs each gradient with its argument in ``wrt``'s order (a
    reversed ``wrt`` once paired them by position: a shape error for a right result)."""
    rng = np.random.default_rng(4)
    x, w = rng.normal(size=(3, 4)), rng.normal(size=(4,))
    derivative = tangentish.grad(_two_shapes, wrt=order)
    for _ in range(3):  # (the first call, then the specialized plain path)
        got = derivative(x, w)
        assert [np.shape(g) for g in got] == [np.shape((x, w)[p]) for p in order]
    expected = [numeric_grad(_two_shapes, (x, w), wrt=p) for p in order]
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-8)


def test_the_last_calls_function_serves_only_its_own_key():
    """The plain path reuses the last call's function when the keys are equal (fastcall's
    ``last``): calls alternating between keys, or with equal keys of new arrays, each run the
    function of their own key (int and float, shapes, float32 and float64 apart)."""
    from tangentish.fastcall import plain_path
    from tangentish.specialize import plain_shapes

    calls = [(np.ones(3), 2), (np.ones(3), 2.0), (np.ones(2), 2), (np.ones((3, 1)), True),
             (1.5, 2), (np.ones(3, np.float32), 2)]
    table = {plain_shapes(args, (True, False)): (lambda *a, label=i: label)
             for i, args in enumerate(calls)}
    assert len(table) == len(calls)
    derivative = plain_path((True, False), 0, table, None, None,
                            lambda result, primals: ("checked", result))
    for i in [0, 0, 1, 0, 2, 2, 3, 4, 5, 0, 5, 1]:
        args = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in calls[i])
        assert derivative(*args) == ("checked", i), i
