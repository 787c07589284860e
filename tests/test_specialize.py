"""Derivatives specialized to the call signature (tangentish/specialize.py, passes/patterns.py):
each gradient checked against central finite differences, on the generic first call and the
specialized later ones, over broadcasting signatures in turn, interleaved and from threads."""

from __future__ import annotations

import functools
import inspect
import linecache
import threading
import types

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish import specialize
from tangentish.specialize import LIMIT, Specializations, facts_of, shapes, signature

pytestmark = pytest.mark.usefixtures("second_calls_specialize")  # (see conftest.py)


def affine(x, w, b):
    return np.sum(np.tanh(x * w + b) * x)


def layer(x, w, b):
    h = np.tanh(x @ w + b)
    return np.sum(h * h)


def recurrent(w, b, h, xs):
    for t in range(xs.shape[0]):
        h = np.tanh(h @ w + xs[t] + b)
    return np.sum(h * h)


RNG = np.random.default_rng(12)


def _array(*shape, dtype=np.float64):
    return RNG.uniform(-1.0, 1.0, shape).astype(dtype)


AFFINE_SIGNATURES = [
    (_array(3, 4), _array(4), _array(4)),
    (_array(3, 4), _array(3, 1), _array(1, 4)),
    (_array(3, 4), _array(3, 4), 0.5),
    (_array(3, 4), 0.7, _array()),
    (_array(1, 4), _array(3, 1), _array(4)),
    (_array(2, 1, 4), _array(3, 1), _array(1)),
    (_array(4), np.float64(0.3), _array(2, 4)),
    (1.5, 0.25, -0.5),
]


def _expect_gradients(f, wrt, args, got, rtol=1e-6, atol=1e-8):
    for index, value in zip(wrt, got, strict=True):
        expected = numeric_grad(f, args, index)
        assert np.shape(value) == np.shape(args[index])
        np.testing.assert_allclose(value, expected, rtol=rtol, atol=atol)


@pytest.mark.parametrize("args", AFFINE_SIGNATURES, ids=lambda a: str(shapes(a)))
def test_first_and_specialized_calls_match_finite_differences(args):
    derivative = tangentish.grad(affine, wrt=(0, 1, 2))
    for _ in range(3):  # generic, then built and specialized, then specialized
        _expect_gradients(affine, (0, 1, 2), args, derivative(*args))


def test_signatures_in_turn_and_interleaved():
    derivative = tangentish.grad(affine, wrt=(0, 1, 2))
    expected = [[numeric_grad(affine, args, i) for i in range(3)] for args in AFFINE_SIGNATURES]
    order = list(range(len(AFFINE_SIGNATURES))) * 3
    RNG.shuffle(order)
    for index in [*range(len(AFFINE_SIGNATURES)), *order]:
        got = derivative(*AFFINE_SIGNATURES[index])
        for value, reference in zip(got, expected[index], strict=True):
            np.testing.assert_allclose(value, reference, rtol=1e-6, atol=1e-8)


def test_float32_keeps_its_dtype():
    args = (_array(5, 3, dtype=np.float32), _array(3, dtype=np.float32),
            _array(1, 3, dtype=np.float32))
    derivative = tangentish.grad(affine, wrt=(0, 1, 2))
    for _ in range(2):
        got = derivative(*args)
        assert [g.dtype for g in got] == [np.float32] * 3
        _expect_gradients(affine, (0, 1, 2), args, got, rtol=2e-3, atol=2e-4)


def test_specialized_source_is_plain_numpy():
    args = (_array(8, 5), _array(5, 3), _array(3))
    derivative = tangentish.grad(layer, wrt=(1, 2))
    assert "_rt.matmul_right" in derivative.source and "_rt.unbroadcast" in derivative.source
    specialized = derivative.source_for(*args)
    first = inspect.getsourcelines(layer)[1] + 1  # h = np.tanh(x @ w + b)
    assert specialized == f'''\
def grad_layer_wrt_w_b(x, w, b):
    """Gradient of layer with respect to w, b (tangentish)."""
    h = np.tanh(x @ w + b)
    # adjoint of: return np.sum(h * h)  [test_specialize.py:{first + 1}]
    h_bar = 2 * h
    # adjoint of: h = np.tanh(x @ w + b)  [test_specialize.py:{first}]
    x_at_w_plus_b_bar = h_bar * (1.0 - h * h)
    del h, h_bar
    b_bar = x_at_w_plus_b_bar.sum(axis=0)
    w_bar = x.T @ x_at_w_plus_b_bar
    return w_bar, b_bar
'''
    for _ in range(2):
        _expect_gradients(layer, (1, 2), args, derivative(*args))


def test_size_one_axes_sum_with_keepdims():
    args = (_array(4, 3), _array(4, 1), _array(1, 3))
    derivative = tangentish.grad(affine, wrt=(1, 2))
    text = derivative.source_for(*args)
    assert "np.sum(" in text and "keepdims=True" in text and "_rt.unbroadcast" not in text
    _expect_gradients(affine, (1, 2), args, derivative(*args))
    _expect_gradients(affine, (1, 2), args, derivative(*args))


def test_loop_carried_values_are_specialized():
    args = (_array(4, 4), _array(4), _array(2, 4), _array(5, 2, 4))
    derivative = tangentish.grad(recurrent, wrt=(0, 1))
    text = derivative.source_for(*args)
    assert "_rt.matmul" not in text and "_rt.unbroadcast" not in text
    for _ in range(2):
        _expect_gradients(recurrent, (0, 1), args, derivative(*args))
    other = (_array(4, 4), _array(1, 4), _array(4), _array(3, 4))  # unbatched, b of shape (1, 4)
    for _ in range(2):
        _expect_gradients(recurrent, (0, 1), other, derivative(*other))


def test_generic_source_is_unchanged():
    derivative = tangentish.grad(layer, wrt=(1, 2))
    derivative(_array(2, 5), _array(5, 3), _array(3))
    derivative(_array(2, 5), _array(5, 3), _array(3))
    assert derivative.source == tangentish.source(layer, wrt=(1, 2))
    assert "_rt.seed(" in derivative.source  # (only a specialization may leave it to the caller)


@pytest.mark.usefixtures("generic_first_calls")  # (it counts which calls build one)
def test_a_mismatched_call_never_runs_a_specialized_body():
    calls = []

    def build(facts):
        calls.append(facts)

        class Built:
            def function(*args):
                return ("specialized", facts)
        return Built

    class Generic:
        def function(*args):
            return ("generic", None)

    special = Specializations(("x", "b"), build, Generic)
    x34, b4, b14 = np.ones((3, 4)), np.ones(4), np.ones((1, 4))
    for args in [(x34, b4), (x34, b4), (x34, b14), (x34, b14), (x34, [1.0] * 4),
                 (x34, [1.0] * 4), (x34, b4), (np.ones((1, 4)), b14)]:
        key = shapes(args)
        function = special.functions.get(key) or special.function(args)
        kind, facts = function(*args)
        if kind == "specialized":
            assert facts == tuple(zip(("x", "b"), facts_of(key), strict=True))
            assert facts == tuple(zip(("x", "b"), signature(args), strict=True))
    assert [dict(c)["b"] for c in calls] == [((False,), "float64"), ((True, False), "float64"),
                                             None]


def test_signature():
    """Per argument, its size-one pattern and its kind: float64, int (Python ints and bools,
    int64 arrays, whose sums with float64 values are float64) or None (another dtype)."""
    assert signature((1.0, 2)) == (((), "float64"), ((), "int"))  # scalars are of rank 0
    assert signature(([1.0], "a")) is None  # nothing known: the generic derivative
    assert signature((np.ma.masked_array([1.0]), np.ones(3))) == (None, ((False,), "float64"))
    other = [(np.ones((2, 1)), 1.0, np.float32(2), [1.0], np.ones(())),
             (np.float64(1.0), True, np.arange(3), np.arange(3, dtype=np.int32),
              np.ones(2, np.float32))]
    if np.lib.NumpyVersion(np.__version__) < "2.0.0":  # (value-based promotion: see specialize.py)
        assert signature(other[1]) is None
    else:
        assert signature(other[1]) == (
            ((), "float64"), ((), "int"), ((False,), "int"), ((False,), None), ((False,), None))
    assert signature(other[0]) == (
        ((False, True), "float64"), ((), "float64"), ((), None), None, ((), "float64"))


def test_dtypes_never_share_a_specialization():
    """A derivative specialized to float64 arguments (whose seed the wrapper checks, and whose
    reductions' adjoints are spread) never runs for float32, int or mixed arguments."""
    derivative = tangentish.grad(fresh(affine), wrt=(0, 1))
    cases = [(_array(3, 4), _array(4), 0.5), (_array(3, 4, dtype=np.float32), _array(4), 0.5),
             (_array(3, 4), _array(4, dtype=np.float32), 0.5), (_array(3, 4), _array(4), 2),
             (_array(3, 4), _array(4), np.float32(0.5)), (_array(3, 4), _array(4), True)]
    for args in cases + cases[::-1] + cases:
        got = derivative(*args)
        assert [g.dtype for g in got] == [args[0].dtype, args[1].dtype]
        tolerance = 1e-8 if got[0].dtype == np.float64 == got[1].dtype else 2e-3
        _expect_gradients(affine, (0, 1), args, got, rtol=tolerance, atol=tolerance)
    distinct = 5 if np.lib.NumpyVersion(np.__version__) >= "2.0.0" else 3  # (1.x: float32 arrays generic)
    assert len(derivative.specializations.records) == len({signature(a) for a in cases} - {None}) \
        == distinct


def test_at_most_limit_specializations():
    derivative = tangentish.grad(fresh(affine), wrt=(0, 1, 2))
    signatures = [(_array(*([2] * rank + [1] * ones)), _array(2), 0.5)
                  for rank in range(1, 4) for ones in range(0, 4)]
    assert len({signature(s) for s in signatures}) > LIMIT
    for args in signatures + signatures:
        _expect_gradients(affine, (0, 1, 2), args, derivative(*args))
    assert len(derivative.specializations.records) == LIMIT


def fresh(fn):
    """A new function object of ``fn``'s code: a derivative (and specializations) of its own."""
    return types.FunctionType(fn.__code__, fn.__globals__, fn.__name__)


def test_threads_share_one_specialization_per_signature():
    derivative = tangentish.grad(fresh(affine), wrt=(0, 1, 2))
    cases = AFFINE_SIGNATURES[:4]
    expected = [[numeric_grad(affine, args, i) for i in range(3)] for args in cases]
    errors = []
    start = threading.Barrier(8)

    def work(offset):
        start.wait()
        for step in range(24):
            index = (offset + step) % len(cases)
            got = derivative(*cases[index])
            for value, reference in zip(got, expected[index], strict=True):
                if not np.allclose(value, reference, rtol=1e-6, atol=1e-8):
                    errors.append((index, value, reference))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    records = derivative.specializations.records
    functions = {id(r.function) for r in records.values()}
    assert len(records) == len(cases) and len(functions) == len(cases)  # one each, none shared


def test_value_and_grad_is_specialized():
    args = (_array(6, 2), _array(2), _array(1))
    derivative = tangentish.value_and_grad(affine, wrt=(1, 2))
    assert "_rt.unbroadcast" not in derivative.source_for(*args)
    for _ in range(2):
        value, got = derivative(*args)
        assert value == pytest.approx(affine(*args))
        _expect_gradients(affine, (1, 2), args, got)


def test_parameter_bound_again_is_not_taken_from_the_facts():
    def f(x, w):
        x = x[:, None] * np.ones(3)
        return np.sum(x * w)

    args = (_array(4), _array(3))
    derivative = tangentish.grad(f, wrt=(0, 1))
    for _ in range(3):
        _expect_gradients(f, (0, 1), args, derivative(*args))


def test_second_order_reads_the_generic_derivative():
    x, w, b = _array(3), _array(3, 3), _array(3)
    inner = tangentish.grad(layer, wrt=1)
    inner(x, w, b)
    inner(x, w, b)  # specialized now

    def loss(x, w, b):
        return np.sum(inner(x, w, b) * w)

    outer = tangentish.grad(loss, wrt=2)
    for _ in range(2):
        np.testing.assert_allclose(outer(x, w, b), numeric_grad(loss, (x, w, b), 2),
                                   rtol=1e-5, atol=1e-7)
    hessian = tangentish.hessian(lambda_free_layer, wrt=0)(b)
    expected = np.stack([numeric_grad(lambda v, i=i: tangentish.grad(lambda_free_layer)(v)[i],
                                      (b,), 0) for i in range(3)])
    np.testing.assert_allclose(hessian, expected, rtol=1e-5, atol=1e-6)


def lambda_free_layer(b):
    return layer(np.linspace(0.1, 0.9, 6).reshape(2, 3), np.eye(3) * 0.5, b)


def test_specialized_source_is_registered_for_tracebacks():
    args = (_array(3, 4), _array(4), _array(4))
    derivative = tangentish.grad(affine, wrt=(0, 1, 2))
    derivative(*args)
    derivative(*args)
    record = derivative.specializations.records[signature(args)]
    assert record is not derivative.record
    filename = record.function.__code__.co_filename
    assert "".join(linecache.getlines(filename)) == record.text
    assert inspect.getsource(record.function) == record.text


def indexed(x, w, flag):
    y = x * w
    return np.sum(y[flag])


def test_a_bool_scalar_argument_is_no_integer_index():
    x, w = _array(2, 3), _array(3)
    derivative = tangentish.grad(indexed, wrt=(0, 1))
    for flag in (True, True, 1, 1, np.True_, np.True_, True):
        args = (x, w, flag)
        _expect_gradients(indexed, (0, 1), args, derivative(*args))


def test_a_partial_shows_the_source_its_calls_run():
    x, w, b = _array(4, 3), _array(3), _array(1, 3)
    own = fresh(affine)  # (specializations of its own: the file's other tests fill affine's)
    derivative = tangentish.grad(functools.partial(own, x), wrt=(0, 1))
    assert derivative.source_for(w, b) == tangentish.grad(own, wrt=(1, 2)).source_for(x, w, b)
    assert "_rt.unbroadcast" not in derivative.source_for(w, b)
    for _ in range(2):
        got = derivative(w, b)
        _expect_gradients(affine, (1, 2), (x, w, b), got)


def scalar_chain(x, y):
    a = x * y + 1.0
    b = np.sin(a) * np.exp(-0.5 * x)
    return np.sum(np.tanh(b) * b - 0.25 * a * y)


def scalar_loop(x, rate, steps):
    for _ in range(steps):
        x = x - rate * (np.sin(x) + 0.1 * x * x)
    return x * x


def scalar_branches(x, k):
    y = x * 0.5 if k > 1 else x + 1.0
    while y < 4.0:
        y = y * 1.5 + np.cos(x)
    return y * x


def scalar_broadcast(x, v):  # a scalar meets an array made inside: its adjoint sums (the
    # array's pattern is not known, so un-broadcasting stays)
    return np.sum(np.tanh(x * np.arange(1.0, 4.0) + v))


def scalar_running(x, y):  # (a 0-d value's running product along an axis is of shape (1,):
    # np.cumsum kept x's pattern, and a gradient of shape (1,) came out: fuzz calls 233/0)
    return np.sum(np.cumprod(x, axis=0) * y) + np.sum(np.cumsum(y * x, axis=0) * x)


SCALAR_CASES = [
    (scalar_chain, (0, 1), (0.3, -0.7)),
    (scalar_chain, (0, 1), (np.float64(0.3), np.float32(-0.7))),
    (scalar_loop, (0, 1), (1.3, 0.01, 25)),
    (scalar_branches, (0,), (0.8, 3)),
    (scalar_branches, (0,), (0.8, 1)),
    (scalar_broadcast, (0, 1), (0.4, 0.1)),
    (scalar_running, (0, 1), (np.float64(0.4), np.array(-0.7))),
]


@pytest.mark.parametrize("fn, wrt, args", SCALAR_CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(SCALAR_CASES)])
def test_scalar_calls_are_specialized(fn, wrt, args):
    """Calls with scalars only run a derivative specialized to rank 0 from the second on: no
    un-broadcasting left in its source, the gradients the generic ones (finite differences),
    in the same types as the first call's."""
    derivative = tangentish.grad(fresh(fn), wrt=wrt)
    first = derivative(*args)
    later = [derivative(*args) for _ in range(2)]
    assert derivative.specializations.records  # built on the second call
    assert ("_rt.unbroadcast" in derivative.source_for(*args)) == (
        fn in (scalar_broadcast, scalar_running))
    # (the reference in float64: float32 finite differences are too coarse to judge by)
    wide = tuple(float(a) if isinstance(a, np.floating) else a for a in args)
    tol = {"rtol": 1e-5, "atol": 1e-6} if wide != args else {}
    _expect_gradients(fn, wrt, wide, first, **tol)
    for got in later:
        _expect_gradients(fn, wrt, wide, got, **tol)
        assert [type(g) for g in got] == [type(g) for g in first]
        assert [np.asarray(g).dtype for g in got] == [np.asarray(g).dtype for g in first]


def test_a_specialization_that_fails_to_build_leaves_the_generic_derivative(monkeypatch):
    """The specialized transform refusing (here: made to raise) never fails the call: the
    signature keeps the generic derivative, which is built once and not retried."""
    import tangentish.specialize as specialize_module
    from tangentish.errors import InternalError

    attempts = []

    def refuse(fn, options, derive):
        attempts.append(options.facts)
        raise InternalError("a specialized transform that fails", hint="none")

    derivative = tangentish.grad(fresh(affine), wrt=(0, 1, 2))
    monkeypatch.setattr(specialize_module, "differentiate", refuse)
    args = AFFINE_SIGNATURES[1]
    for _ in range(4):
        _expect_gradients(affine, (0, 1, 2), args, derivative(*args))
    assert len(attempts) == 1  # tried on the second call only
    assert derivative.specializations.records[signature(args)] is derivative.record
    assert derivative.source_for(*args) == derivative.source


def test_a_signature_is_specialized_at_its_hot_call(monkeypatch):
    """Its first ``HOT - 1`` calls run the generic derivative and build nothing; the ``HOT``-th
    builds the specialized one and runs it, as every later call does (another signature counts
    its own calls)."""
    assert specialize.HOT >= 2
    monkeypatch.setattr(specialize, "HOT", 4)
    derivative = tangentish.grad(layer)
    args, other = (_array(3, 4), _array(4, 2), _array(2)), (_array(1, 4), _array(4, 2), 0.5)
    special = derivative.specializations
    for _ in range(3):
        derivative(*args)
        derivative(*other)
        assert not special.records and not special.functions
    derivative(*args)
    record = special.records[signature(args)]
    assert record is not derivative.record and list(special.functions.values()) == [record.function]
    assert np.array_equal(derivative(*args), derivative.specializations.generic.function(*args))
    derivative(*other)
    assert len(special.records) == 2
