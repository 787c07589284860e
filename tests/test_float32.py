"""Precision follows the primal: a rule-table row whose primal stays float32 on float32 inputs gets
float32 derivatives, in reverse mode, in forward mode and at second order (forward over reverse and
reverse over reverse), each close to the float64 derivative of the same point (itself checked against
finite differences in ``test_rules.py`` and ``test_second_order.py``).

The tolerance is float32's: ``rtol=2e-3`` and an absolute part scaled by the float64 value's size,
since rounding in float32 is relative to the magnitudes an expression goes through.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from helpers import module_from_text
from rules import TABLE, Row
from test_rules import make_args, positions
from test_second_order import MODES, _direction, second_order

import tangentish

RTOL, ATOL = 2e-3, 2e-4


def as_float32(args: list[Any]) -> list[Any]:
    return [a.astype(np.float32) if isinstance(a, np.ndarray) else a for a in args]


def float32_globals(fn: Callable) -> Callable:
    """``fn`` reading float32 copies of its module's float64 arrays (the rows' weights ``W4``...),
    so that more rows keep a float32 primal on float32 inputs; same code, so same source."""
    module = {name: value.astype(np.float32) if isinstance(value, np.ndarray)
              and value.dtype == np.float64 else value for name, value in fn.__globals__.items()}
    return types.FunctionType(fn.__code__, module, fn.__name__, fn.__defaults__, fn.__closure__)


def float32_version(row: Row) -> Callable | None:
    """The row's function, or the one reading float32 weights, whichever keeps a float32 primal on
    float32 inputs (``None`` when neither does: an integer or float64 result)."""
    args = make_args(row)
    if not any(isinstance(a, np.ndarray) for a in args):
        return None
    for fn in (row.fn, float32_globals(row.fn)):
        with np.errstate(all="ignore"):
            if np.result_type(fn(*as_float32(args))) == np.float32:
                return fn
    return None


# Rows whose float32 version is known to differ from NumPy (none now: np.r_[x32, s] with a Python
# number s was float64 until the lowering gave its join np.r_'s own dtype, _rt.join_dtype).
_KNOWN: dict[str, str] = {}
FLOAT32_ROWS = [pytest.param(row, fn, id=row.id, marks=[pytest.mark.xfail(
    strict=True, reason=_KNOWN[row.id])] if row.id in _KNOWN else [])
                for row in TABLE if (fn := float32_version(row)) is not None]


# NumPy 1.x promotes a float32 *scalar* met by a Python number to float64 (``2.0 * np.sum(x32)``
# is float64 there, in anyone's code), so generated code's 0-d results may be float64 on it; the
# API gives every derivative its output's or argument's dtype all the same (checked apart).
_LEGACY_SCALARS = np.lib.NumpyVersion(np.__version__) < "2.0.0"


def close(got: Any, reference: Any, label: str, generated: bool = False) -> None:
    legacy = generated and _LEGACY_SCALARS and np.ndim(got) == 0
    assert np.result_type(got) == np.float32 or legacy, f"{label}: {np.result_type(got)}"
    scale = 1.0 + float(np.max(np.abs(reference), initial=0.0))
    np.testing.assert_allclose(np.asarray(got, dtype=float), reference, rtol=RTOL,
                               atol=ATOL * scale, err_msg=label)


@pytest.mark.parametrize("row, fn", FLOAT32_ROWS)
def test_float32_gradients_stay_float32(row: Row, fn: Callable) -> None:
    args = make_args(row)
    args32 = as_float32(args)
    where, single = positions(row.wrt)
    gradient = tangentish.grad(fn, wrt=row.wrt)
    low = gradient(*args32)
    raw = gradient.__wrapped__(*args32)  # the generated code itself, before the API's checks
    high = tangentish.grad(row.fn, wrt=row.wrt)(*args)
    for position, got, unchecked, reference in zip(
            where, *(((value,) if single else value) for value in (low, raw, high)), strict=True):
        if isinstance(args32[position], np.ndarray):
            close(got, reference, f"{row.id}, argument {position}")
            close(unchecked, reference, f"{row.id}, argument {position}, generated code",
                  generated=True)


def _tangents(row: Row, args: list[Any], dtype: type) -> dict[str, Any]:
    names = row.fn.__code__.co_varnames[:row.fn.__code__.co_argcount]
    where, _ = positions(row.wrt)
    return {f"{names[i]}_dot": (np.asarray(_direction(args[i], seed=i + 1), dtype=dtype)
                                if isinstance(args[i], np.ndarray) else _direction(args[i], i + 1))
            for i in where}


@pytest.mark.parametrize("row, fn", FLOAT32_ROWS)
def test_float32_tangents_stay_float32(row: Row, fn: Callable) -> None:
    """jvp with float32 inputs and float32 tangents: a float32 value and tangent, from the
    generated code itself (the API would cast a float64 tangent to the output's dtype)."""
    args = make_args(row)
    derivative = tangentish.jvp(fn, wrt=row.wrt)
    value, low = derivative(*as_float32(args), **_tangents(row, args, np.float32))
    raw = derivative.__wrapped__(*as_float32(args), **_tangents(row, args, np.float32))[1]
    _, high = tangentish.jvp(row.fn, wrt=row.wrt)(*args, **_tangents(row, args, np.float64))
    assert np.result_type(value) == np.float32, f"{row.id}: value {np.result_type(value)}"
    close(low, high, f"{row.id}: tangent")
    close(raw, high, f"{row.id}: tangent, generated code", generated=True)


# Second order on the rows whose own primal is float32 (the API gives every hvp and gradient its
# argument's dtype; these check the precision of float32 all the way through, at a cost).
SECOND = [pytest.param(row, fn, mode, id=f"{row.id}-{mode}") for (row, fn), _, _ in FLOAT32_ROWS
          for mode in MODES if row.refuses_second_order is None and row.second and fn is row.fn]


@pytest.mark.parametrize("row, fn, mode", SECOND)
def test_float32_second_order_stays_float32(row: Row, fn: Callable, mode: str) -> None:
    """hvp and grad of grad with float32 inputs and a float32 direction: float32 results."""
    args = make_args(row)
    args32 = as_float32(args)
    where, _ = positions(row.wrt)
    for i in where:
        if not isinstance(args32[i], np.ndarray):
            continue
        v = _direction(args[i], seed=i + 1)
        low = second_order(mode, fn, args32, i, np.asarray(v, dtype=np.float32))
        high = second_order(mode, row.fn, args, i, v)
        close(low, high, f"{row.id}, {mode}, argument {i}")


def _float32_loss(x):
    return np.sum(np.tanh(x) * x)


def test_a_float64_seed_or_cotangent_meets_a_float32_output_as_float32():
    """The seed (``out_bar``) and a vjp cotangent take the output's dtype, so a float64 one does
    not turn a float32 adjoint sweep into float64 (precision follows the primal)."""
    x = np.linspace(-1.0, 1.0, 5).astype(np.float32)
    raw = tangentish.grad(_float32_loss).__wrapped__(x, out_bar=np.float64(2.0))
    assert raw.dtype == np.float32
    value, pullback = tangentish.vjp(_float32_loss)(x)
    assert pullback(np.float64(2.0)).dtype == np.float32
    reference = tangentish.grad(_float32_loss)(x.astype(np.float64)) * 2.0
    close(raw, reference, "grad, out_bar=float64(2)")


def test_the_api_gives_a_tangent_the_output_dtype():
    """A tangent that comes out of generated code in float64 for a float32 output (a rule that
    loses the dtype) reaches the user in float32, of the same value."""
    from tangentish.arguments.results import check_output_tangent

    value = np.ones(3, np.float32)
    tangent = check_output_tangent(np.array([1.0, 2.0, 3.0]), value, "jvp_f")
    assert tangent.dtype == np.float32 and tangent.tolist() == [1.0, 2.0, 3.0]
    assert check_output_tangent(np.float64(0.5), np.float32(1.0), "jvp_f").dtype == np.float32


def _float_accumulator(x):
    total = 0.0
    for k in range(3):
        total = total + (k + 1.0) * np.sum(np.sin(x))
    return total


def test_a_loop_summing_from_a_python_number_keeps_float32_tangents() -> None:
    """``total = 0.0`` then ``total = total + ...`` over a loop: the tangent carried into the loop
    is a weak ``0.0`` (not ``np.zeros_like(0.0)``, a float64 array), so the generated code's own
    tangent stays float32, and agrees with finite differences."""
    x = np.linspace(-1.0, 1.0, 4, dtype=np.float32)
    derivative = tangentish.jvp(_float_accumulator)
    value, tangent = derivative.__wrapped__(x, x_dot=np.ones_like(x))
    own = np.result_type(_float_accumulator(x))  # (float64 on NumPy 1.x: a float32 scalar met
    assert own == np.float32 or _LEGACY_SCALARS  # by a Python number is promoted there)
    assert np.result_type(value) == own and np.result_type(tangent) == own
    x64 = x.astype(np.float64)
    step = 1e-6
    expected = (_float_accumulator(x64 + step) - _float_accumulator(x64 - step)) / (2 * step)
    np.testing.assert_allclose(float(tangent), expected, rtol=1e-4)


# A magnitude squared is lowered to a sum of squares (passes/squared_magnitudes.py); its value
# keeps the type and dtype of the function's own in each spelling of the square: a float32
# NumPy scalar norm ``** 2`` is a float64 under NumPy 1, ``np.square`` of it a float32.
# (scipy.linalg.norm is left out: of a vector it is a Python float, which the lowering gives
# the type of NumPy's.)  One function returns every spelling of every magnitude: one transform.
_SQUARINGS = ("{} ** 2", "{} ** 2.0", "np.square({})", "np.power({}, 2)", "np.power({}, 2.0)")
_MAGNITUDES = ("np.linalg.norm(r)", "np.linalg.norm(r, axis=-1)", "np.hypot(r[0], r[-1])",
               "abs(r[0])", "math.dist(r, -r)")
_SQUARES = [(s, m) for s in _SQUARINGS for m in _MAGNITUDES]


@pytest.fixture(scope="module")
def squares(tmp_path_factory: Any) -> Any:
    text = "import math\nimport numpy as np\n\n\ndef squares(r):\n    return (" + \
        ",\n            ".join(s.format(m) for s, m in _SQUARES) + ")\n"
    return module_from_text(tmp_path_factory.mktemp("squares"), "squares_written", text).squares


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_magnitude_squared_has_the_value_and_type_written(squares, dtype):
    r = np.array([0.5, -1.25, 2.0], dtype=dtype)
    own = squares(r)
    value = tangentish.vjp(squares)(r)[0]
    jvp_value, tangent = tangentish.jvp(squares).__wrapped__(r, r_dot=np.ones_like(r))
    for k, (spelling, magnitude) in enumerate(_SQUARES):
        label = f"{spelling.format(magnitude)} of {np.dtype(dtype)}"
        for got in (value[k], jvp_value[k]):
            assert type(got) is type(own[k]), f"{label}: {type(got)}, not {type(own[k])}"
            assert np.result_type(got) == np.result_type(own[k]), label
            np.testing.assert_array_equal(got, own[k], err_msg=label)
        legacy = _LEGACY_SCALARS and np.ndim(tangent[k]) == 0  # (2.0 * a float32 scalar there)
        assert np.result_type(tangent[k]) == np.result_type(own[k]) or legacy, f"{label}: tangent"
        np.testing.assert_allclose(tangent[k], _square_slope(magnitude, r), rtol=1e-5)


def _square_slope(magnitude: str, r: np.ndarray) -> Any:
    """The derivative of each magnitude squared along ``r_dot = (1, 1, 1)``, by hand."""
    r = r.astype(np.float64)
    return {"np.linalg.norm(r)": 2.0 * np.sum(r), "np.linalg.norm(r, axis=-1)": 2.0 * np.sum(r),
            "np.hypot(r[0], r[-1])": 2.0 * (r[0] + r[-1]), "np.hypot(r, 0.5)": 2.0 * r,
            "np.abs(r[0])": 2.0 * r[0], "abs(r[0])": 2.0 * r[0],
            "math.hypot(r[0], r[-1])": 2.0 * (r[0] + r[-1]),
            "math.dist(r, -r)": 8.0 * np.sum(r)}[magnitude]
