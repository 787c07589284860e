"""``name op= v`` on an array: the derivative behaves as NumPy's in-place update does
(``passes/in_place_guards.py``).

NumPy's ``m += v`` writes into ``m``: its shape and dtype stay, so a ``v`` broadcasting ``m``
larger raises ``ValueError``, a result it will not cast back (``int += float``) raises
``TypeError``, ``@=`` raises before NumPy 2, and a ``float32`` array keeps ``float32`` values.
The derivative rebinds the name instead; before the check it returned a gradient in each of those
cases.  The property, per program and mode: where ``f`` raises, the derivative raises a project
error that is also the same built-in class (``ValueError`` / ``TypeError``, as ``except`` clauses
expect) and names the line; where ``f`` runs, it matches central differences; the rounding into
``float32`` is NumPy's, its derivatives passing through it (closed forms).
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders, assert_every_mode, module_from_text

import tangentish
from tangentish.errors import TangentishError

TEXT = '''import numpy as np


def f(x):
    m = MAKE
    m OP= VALUE
    return np.sum(m * m)
'''

# name: (how m is made from x (shape (3,)), the operator, the value)
PROGRAMS = {
    "same_shape": ("x * 2.0", "+", "np.sin(x)"),
    "scalar_value": ("x * 2.0", "*", "x[0]"),
    "column": ("np.ones((3, 1)) * x", "-", "x[:, None]"),
    "grown_by_rank": ("x * 2.0", "+", "np.outer(x, x)"),
    "grown_on_a_unit_axis": ("np.ones((3, 1)) * x[0]", "*", "np.outer(x, x)"),
    "zero_d_grown": ("np.zeros(())", "+", "x"),
    "integer_array": ("np.zeros(3, dtype=int)", "+", "x"),
    "integer_divided": ("np.arange(3)", "/", "x"),
    "bool_array": ("x > 0", "*", "x"),
    "square_matmul": ("np.eye(3) * x", "@", "np.outer(x, x)"),
    "wide_matmul": ("np.ones((2, 3)) * x", "@", "np.outer(x, x[:2])"),
    "number": ("0.5", "+", "x"),  # (a number: rebound, never in place)
    "numpy_scalar": ("np.sum(x)", "*", "x"),
}

X = np.array([0.3, -0.7, 1.1])
DIRECTION = np.array([1.0, 0.5, -0.25])


def _f(tmp_path, name: str):
    make, op, value = PROGRAMS[name]
    text = TEXT.replace("MAKE", make).replace("OP", op).replace("VALUE", value)
    return module_from_text(tmp_path, f"in_place_{name}", text).f


def _raised(f) -> type[Exception] | None:
    try:
        f(X.copy())
    except (ValueError, TypeError) as exc:
        return ValueError if isinstance(exc, ValueError) else TypeError
    return None


RUNS = {
    "grad": lambda f: tangentish.grad(f)(X),
    "value_and_grad": lambda f: tangentish.value_and_grad(f)(X),
    "vjp": lambda f: tangentish.vjp(f)(X)[1](1.0),
    "jvp": lambda f: tangentish.jvp(f)(X, x_dot=DIRECTION),
    "hvp": lambda f: tangentish.hvp(f)(X, DIRECTION),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_an_update_in_place_behaves_as_numpy(tmp_path, name: str) -> None:
    f = _f(tmp_path, name)
    raised = _raised(f)
    if raised is None:
        assert_every_mode(f, X, DIRECTION)
        np.testing.assert_allclose(tangentish.hvp(f)(X, DIRECTION),
                                   tangentish.hessian(f)(X) @ DIRECTION, rtol=1e-6, atol=1e-9)
        return
    for mode, run in RUNS.items():
        with pytest.raises(TangentishError) as caught:
            run(f)
        assert isinstance(caught.value, raised), (mode, caught.value)
        assert f"in_place_{name}.py" in str(caught.value) and "OP=".replace(
            "OP", PROGRAMS[name][1]) in str(caught.value), (mode, str(caught.value))


ROUNDED = '''import numpy as np


def added(x):
    m = np.zeros(3, dtype=np.float32)
    m += x
    return np.sum(m * m)


def scaled(x):
    m = np.full(3, 2.0, dtype=np.float32)
    m *= x
    return np.sum(m ** 2)


def in_a_loop(x):
    y = np.ones(3, dtype=np.float32)
    for _ in range(2):
        y += x * x
    return np.sum(y * np.float32(0.5))


def already_float32(x):
    m = np.zeros(3, dtype=np.float32)
    m += x.astype(np.float32)
    return np.sum(m * m)
'''
# name: (gradient, Hessian-vector product along v), closed forms with NumPy's rounding kept
ROUNDED_FORMS = {
    "added": (lambda x: 2.0 * x.astype(np.float32), lambda x, v: 2.0 * v),
    "scaled": (lambda x: 4.0 * (2.0 * x).astype(np.float32), lambda x, v: 8.0 * v),
    "in_a_loop": (lambda x: 2.0 * x, lambda x, v: 2.0 * v),
    "already_float32": (lambda x: 2.0 * x.astype(np.float32), lambda x, v: 2.0 * v),
}


@pytest.mark.parametrize("name", sorted(ROUNDED_FORMS))
def test_rounding_into_a_float32_array_is_numpys_in_every_mode(tmp_path, name) -> None:
    """``float32 op= float64`` keeps float32 values in NumPy (its ``same_kind`` cast): the
    derivative's value is the function's, bit for bit and float32, and its derivatives pass
    through the rounding (as through ``astype``): closed forms, in every mode and at second
    order.  (Before, the derivative refused: it computed in float64.)"""
    fn = getattr(module_from_text(tmp_path, f"in_place_rounded_{name}", ROUNDED), name)
    gradient, hvp = ROUNDED_FORMS[name]
    x, v = np.array([0.3, -0.7, 1.1]), np.array([0.5, 1.0, -2.0])
    tol = {"rtol": 2e-6, "atol": 1e-6}
    value, g = tangentish.value_and_grad(fn)(x)
    assert value == fn(x) and value.dtype == np.float32 and g.dtype == np.float64
    np.testing.assert_allclose(g, gradient(x), **tol)
    np.testing.assert_allclose(tangentish.vjp(fn)(x)[1](-2.0), -2.0 * gradient(x), **tol)
    out, tangent = tangentish.jvp(fn)(x, x_dot=v)
    assert out == value
    np.testing.assert_allclose(tangent, np.dot(gradient(x), v), **tol)
    np.testing.assert_allclose(tangentish.hvp(fn)(x, v), hvp(x, v), **tol)
    np.testing.assert_allclose(tangentish.hessian(fn)(x) @ v, hvp(x, v), **tol)


def test_checked_only_where_unproven(tmp_path) -> None:
    """The generic derivative checks the update; the one specialized to float64 arguments, which
    proves ``m`` and ``m + np.sin(x)`` float64 of one shape, does not."""
    f = _f(tmp_path, "same_shape")
    assert "_rt.in_place(m_1, m, '+=')" in tangentish.grad(f).source
    assert "_rt.in_place(" not in tangentish.grad(f).source_for(X)


JOINS = '''import numpy as np


def joined(x):
    xs = [x[0]]
    xs += [np.sin(x[1]), x[2] * x[0]]
    return xs[0] * xs[1] + xs[2] ** 2


def inserted_in_a_loop(x):
    out = []
    g = 0.0
    for v in x[::-1]:
        g = v + 0.9 * g
        out.insert(0, g)
    return np.sum(np.array(out) ** 3)
'''


@pytest.mark.parametrize("name", ["joined", "inserted_in_a_loop"])
def test_a_list_join_gets_no_check(tmp_path, name) -> None:
    """``xs += [v]`` on a list (and the joins ``insert`` lowers to) casts nothing: no check, so
    nothing hides that the name holds a list, and the gradient differentiated again still sees
    the join (refusals9: rebinding it through the check refused hvp of the join); every mode and
    second order against differences."""
    fn = getattr(module_from_text(tmp_path, f"in_place_joins_{name}", JOINS), name)
    assert "_rt.in_place(" not in tangentish.grad(fn).source
    assert_both_orders(fn, np.array([0.3, -0.7, 1.1]))


ZERO_D = '''import numpy as np


def changed_twice(x):
    m = np.asarray(np.sum(x))
    m *= x[0]
    m *= x[1]
    return m * 1.0


def halved_through_a_name_in_a_loop(x):  # (mutation fuzzer seed 70 program 98)
    s = np.squeeze(np.expand_dims(-(x[0] * 3.0), 0), 0)
    t = 0.0
    for _ in range(2):
        e = s
        e -= e * 0.5
        t = t + e * x[1]
    return s * t + x[2]
'''


@pytest.mark.parametrize("name", ["changed_twice", "halved_through_a_name_in_a_loop"])
def test_a_zero_d_array_changed_in_place_stays_one(tmp_path, name) -> None:
    """NumPy's ``m op= v`` leaves a 0-d array a 0-d array; the derivative's ``_rt.in_place`` gave
    the NumPy scalar its arithmetic returns, which the next ``op=`` rebinds: a second change
    through another name was lost (the value of ``f`` itself wrong, in every mode).  Every mode
    against ``f``'s value and central differences."""
    f = getattr(module_from_text(tmp_path, f"zero_d_{name}", ZERO_D), name)
    np.testing.assert_allclose(tangentish.value_and_grad(f)(X)[0], f(X), rtol=1e-14)
    assert_every_mode(f, X, DIRECTION)
