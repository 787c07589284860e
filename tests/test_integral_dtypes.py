"""Integer and bool dtypes carry no derivative (passes/integral.py, passes/cast_guards.py).

Every function of ``integral_zoo`` writes or casts varying float values into an integer or bool
dtype; NumPy truncates there, so the function is piecewise constant in what goes through the
cast.  Each is checked in every mode at a point away from the jumps: ``grad``,
``value_and_grad`` and ``vjp`` (the pullback twice) against central differences, ``jvp`` against
the directional difference, ``hvp``, ``hessian`` and ``grad(grad(f))`` against differences of the
verified gradient.  The rows whose target's dtype only the run knows (an argument ``buf``) must
give the right numbers for a float ``buf`` and refuse, naming the line, for an integer one.
Then the analysis itself: what it proves, and that what it proves holds on runs.
"""

from __future__ import annotations

import inspect
import sys

import integral_zoo as z
import numpy as np
import pytest
from helpers import numeric_grad, specialize

import tangentish
from tangentish.errors import UnsupportedConstructError
from tangentish.passes.desugar import desugar
from tangentish.passes.integral import FLOATING, INTEGRAL, SEQUENCE, kinds
from tangentish.passes.normalize import normalize
from tangentish.syntax.parse import parse_function

X = np.array([1.34, 0.73, 2.23, -0.45])  # (x * 2.5, x * 3, x * 10 + 20...: no integer near)
V = np.array([0.6, -1.1, 0.35, 0.8])
FLOAT_BUF, INT_BUF = np.array([1.5, -2.0, 0.25]), np.array([1, 2, 3])

STATIC = [fn for name, fn in inspect.getmembers(z, inspect.isfunction)
          if fn.__module__ == z.__name__ and len(inspect.signature(fn).parameters) == 1]
RUNTIME = [fn for name, fn in inspect.getmembers(z, inspect.isfunction)
           if fn.__module__ == z.__name__ and len(inspect.signature(fn).parameters) == 2]
ROWS = [(fn, (X,)) for fn in STATIC] + [(fn, (X, FLOAT_BUF)) for fn in RUNTIME]
IDS = [f"{fn.__name__}-{len(args)}" for fn, args in ROWS]
FIRST = ("grad", "value_and_grad", "vjp", "jvp")
SECOND = ("hvp", "hessian", "gradgrad")


def _copies(args):
    return tuple(np.array(a) for a in args)


def _first(mode, fn, args):
    if mode == "grad":
        return tangentish.grad(fn)(*args)
    if mode == "value_and_grad":
        value, gradient = tangentish.value_and_grad(fn)(*args)
        np.testing.assert_allclose(value, fn(*_copies(args)), rtol=1e-12)
        return gradient
    if mode == "vjp":
        value, pullback = tangentish.vjp(fn)(*args)
        np.testing.assert_allclose(pullback(2.0), 2.0 * pullback(1.0), rtol=1e-12)
        return pullback(1.0)
    value, tangent = tangentish.jvp(fn)(*args, x_dot=V)
    np.testing.assert_allclose(value, fn(*_copies(args)), rtol=1e-12)
    return tangent


def _second(mode, fn, args):
    if mode == "hvp":
        return tangentish.hvp(fn)(*args, V)
    if mode == "hessian":
        return tangentish.hessian(fn)(*args) @ V
    return tangentish.grad(tangentish.grad(fn))(*args, out_bar_bar=V)


@pytest.mark.parametrize("mode", FIRST)
@pytest.mark.parametrize("fn, args", ROWS, ids=IDS)
def test_first_order_against_finite_differences(fn, args, mode):
    expected = numeric_grad(lambda *a: fn(*_copies(a)), args, 0)
    got = _first(mode, fn, _copies(args))
    if mode == "jvp":
        expected = float(expected @ V)
    np.testing.assert_allclose(got, expected, rtol=2e-5, atol=1e-7, err_msg=mode)


@pytest.mark.parametrize("mode", SECOND)
@pytest.mark.parametrize("fn, args", ROWS, ids=IDS)
def test_second_order_against_differences_of_the_gradient(fn, args, mode):
    gradient = tangentish.grad(fn)
    np.testing.assert_allclose(gradient(*_copies(args)),
                               numeric_grad(lambda *a: fn(*_copies(a)), args, 0),
                               rtol=2e-5, atol=1e-7, err_msg="the gradient differentiated")
    step = 1e-6
    up, down = (gradient(X + s * V, *_copies(args[1:])) for s in (step, -step))
    expected = (up - down) / (2 * step)
    np.testing.assert_allclose(_second(mode, fn, _copies(args)), expected, rtol=1e-4,
                               atol=1e-5, err_msg=mode)


@pytest.mark.parametrize("mode", FIRST + SECOND)
@pytest.mark.parametrize("fn", RUNTIME)
def test_a_write_into_an_integer_argument_is_refused_at_its_line(fn, mode):
    """Refused by every call: the generic derivative cannot prove the target integral and
    checks at run time; a specialized one could, and gives the write up to the generic one
    (``cast_guards._leave_truncations``: it answered the second call with numbers before)."""
    args = (X, INT_BUF)
    run = _first if mode in FIRST else _second
    for _ in range(2):
        with pytest.raises(tangentish.UnsupportedConstructError):
            run(mode, fn, _copies(args))
        if mode in ("grad", "value_and_grad"):  # (the next calls run the specialized derivative)
            specialize(getattr(tangentish, mode)(fn), _copies(args))
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        run(mode, fn, _copies(args))
    message = str(caught.value)
    line = next(n for n, text in enumerate(inspect.getsourcelines(fn)[0])
                if "truncated when" in text) + fn.__code__.co_firstlineno
    assert "dtype int64" in message and "integral_zoo.py" in message, message
    assert f"line {line}" in message and "hint:" in message, message


def _source(mode, fn):
    return tangentish.source(fn, mode=mode) if mode != "jvp" else tangentish.jvp(fn).source


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("fn", [z.zeros_int_item, z.written_in_loop, z.filled, z.astype_int,
                                z.sum_as_int, z.comparison_mask_written])
def test_an_integral_value_has_no_derivative_in_the_code(fn, mode):
    """Zero cost: no adjoint or tangent of ``y`` (or ``m``), and no run-time check."""
    text = _source(mode, fn)
    for name in ("y_bar", "y_dot", "m_bar", "m_dot", "float_target"):
        assert name not in text, text


def floating_writes(x, n):
    z = np.zeros(4)
    z[0] = x[0] * 2.0
    c = x.copy()
    c[1] = x[2] * 3.0
    parts = [x[0], x[1]]
    parts[0] = x[3] * x[3]
    return np.sum(z * c) + parts[0] + parts[1] * n


def test_proven_floating_targets_are_not_checked():
    text = tangentish.grad(floating_writes).source
    assert "float_target(" not in text, text


def _kinds(fn, wrt):
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    return kinds(norm, wrt), norm


def unproven(x, buf, d, n):
    a = np.zeros(3, dtype=d)  # a dtype held by a variable
    b = buf.copy()  # an argument's dtype
    c = np.zeros(3, dtype=int)
    c = c * 0.5  # bound again: c_1, a name of its own, holds floats
    k = 0
    k = k + x[0]  # a Python int plus a float
    e = (x * x + 1.0) ** 0.5  # (a fractional power: not proven)
    f = np.array([0, x[0]])  # (an int and a float: floating)
    g = np.zeros_like(buf)
    h = np.sum(buf, dtype=d)
    return a, b, c, k, e, f, g, h, n


def proven(x, buf, n):
    i = np.zeros(3, dtype=np.uint8)
    j = np.arange(4)
    m = x > 0.5
    p = np.full(3, 2)
    q = len(buf) + j[0] * 2
    r = np.sum(x, dtype=bool)
    s = x.astype("int32")
    t = np.zeros(3)
    u = np.zeros_like(x)
    v = x.copy()
    w = np.mean(j)
    y = [x[0], 1.0]
    for counter in range(3):
        i[counter] = x[counter] * 3.0
    return i, j, m, p, q, r, s, t, u, v, w, y, n


def test_what_is_proven_and_what_is_not():
    found, _ = _kinds(unproven, ["x"])
    assert not {"a", "b", "k_1", "e", "g", "h", "n", "buf"} & set(found), found
    assert found["c_1"] == found["f"] == FLOATING and found["c"] == INTEGRAL, found
    found, _ = _kinds(proven, ["x"])
    assert {n for n, k in found.items() if k == INTEGRAL} >= set("ijmpqrs") | {"counter"}, found
    assert {n for n, k in found.items() if k == FLOATING} >= set("tuvwx"), found
    assert found.get("y") == SEQUENCE and "n" not in found and "buf" not in found, found


def test_a_specialized_parameter_kind_is_used():
    info = parse_function(proven)
    desugar(info)
    norm = normalize(info)
    norm.kinds = {"n": "int", "buf": "float64"}
    found = kinds(norm, ["x"])
    assert found["n"] == INTEGRAL and found["buf"] == FLOATING


@pytest.mark.parametrize("fn, args", [(proven, (X, FLOAT_BUF, 3)), (unproven, (X, INT_BUF, int, 2)),
                                      *[(fn, (X,)) for fn in STATIC]],
                         ids=lambda v: getattr(v, "__name__", ""))
def test_proven_names_hold_such_values(fn, args):
    """Each name proven integral or floating holds such a value at every line of a run (traced
    with sys.settrace over the function's frame; a name normalize renamed is checked under its
    user name only where that name is bound once)."""
    found, norm = _kinds(fn, ["x"])
    seen: list[dict] = []

    def tracer(frame, event, arg):
        if frame.f_code is fn.__code__:
            seen.append(dict(frame.f_locals))
            return tracer
        return None

    sys.settrace(tracer)
    try:
        fn(*_copies(args[:2]), *args[2:]) if len(args) > 1 else fn(*_copies(args))
    finally:
        sys.settrace(None)
    for values in seen:
        for name, kind in found.items():
            if name not in values or f"{name}_1" in found:
                continue
            value = values[name]
            if kind == SEQUENCE:
                assert isinstance(value, (list, tuple)), (name, value)
                continue
            dtype = np.asarray(value).dtype
            assert dtype.kind in ("iub" if kind == INTEGRAL else "f"), (name, value)


def test_an_exported_derivative_keeps_its_guard(tmp_path):
    """The guard is a runtime helper like the others: an export copies it, and it refuses there
    too (with the export's stand-in of the error)."""
    import importlib

    from tangentish.export import build_export, write_export

    exported = build_export(z.copy_of_argument, 0, "grad", stem="exported_guard")
    write_export(exported, tmp_path / "exported_guard.py")
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("exported_guard")
        gradient = getattr(module, exported.function)
        np.testing.assert_allclose(gradient(X, FLOAT_BUF),
                                   tangentish.grad(z.copy_of_argument)(X, FLOAT_BUF))
        with pytest.raises(Exception, match="truncated to dtype int64"):
            gradient(X, INT_BUF)
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("exported_guard", "exported_guard_runtime"):
            sys.modules.pop(name, None)


def _where_of_int_data(x):
    y = np.where(x, np.array([1, 2, 3]), np.array([4, 5, 6]))  # a float condition: int data
    y[0] = x[1] * 2.5
    return np.sum(y * 1.0) + x[2]


def _where_of_float_data(x):
    y = np.where(x > 1.0, x, 0)  # float data: a floating result, no run-time check needed
    y[0] = x[1] * 2.5
    return np.sum(y * 1.0) + x[2]


def test_where_is_floating_by_its_data_not_its_condition():
    """np.where's condition is no data: a floating condition with integer data gives an
    integer array, whose write is checked (here: refused at run time), never taken as floating."""
    x = np.array([0.5, 1.7, 0.0])
    with pytest.raises(UnsupportedConstructError, match="truncated"):
        tangentish.grad(_where_of_int_data)(x)
    assert "float_target" not in tangentish.source(_where_of_float_data)
    np.testing.assert_allclose(tangentish.grad(_where_of_float_data)(x),
                               numeric_grad(_where_of_float_data, (x,)), rtol=1e-6, atol=1e-8)
