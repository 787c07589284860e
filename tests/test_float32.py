"""Precision follows the primal: a rule-table row whose primal stays float32 on float32 inputs gets
float32 derivatives, in reverse mode, in forward mode and at second order (forward over reverse and
reverse over reverse), each close to the float64 derivative of the same point (itself checked against
finite differences in ``test_rules.py`` and ``test_second_order.py``).

The tolerance is float32's: ``rtol=2e-3`` and an absolute part scaled by the float64 value's size,
since rounding in float32 is relative to the magnitudes an expression goes through.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from rules import TABLE, Row
from test_rules import make_args, positions
from test_second_order import MODES, _direction, second_order

import tangentish

RTOL, ATOL = 2e-3, 2e-4


def as_float32(args: list[Any]) -> list[Any]:
    return [a.astype(np.float32) if isinstance(a, np.ndarray) else a for a in args]


def float32_primal(row: Row) -> bool:
    args = make_args(row)
    with np.errstate(all="ignore"):
        return (any(isinstance(a, np.ndarray) for a in args)
                and np.result_type(row.fn(*as_float32(args))) == np.float32)


FLOAT32_ROWS = [row for row in TABLE if float32_primal(row)]


def close(got: Any, reference: Any, label: str) -> None:
    assert np.result_type(got) == np.float32, f"{label}: {np.result_type(got)}"
    scale = 1.0 + float(np.max(np.abs(reference), initial=0.0))
    np.testing.assert_allclose(np.asarray(got, dtype=float), reference, rtol=RTOL,
                               atol=ATOL * scale, err_msg=label)


@pytest.mark.parametrize("row", FLOAT32_ROWS, ids=lambda row: row.id)
def test_float32_gradients_stay_float32(row: Row) -> None:
    args = make_args(row)
    args32 = as_float32(args)
    where, single = positions(row.wrt)
    gradient = tangentish.grad(row.fn, wrt=row.wrt)
    low = gradient(*args32)
    raw = gradient.__wrapped__(*args32)  # the generated code itself, before the API's checks
    high = gradient(*args)
    for position, got, unchecked, reference in zip(
            where, *(((value,) if single else value) for value in (low, raw, high)), strict=True):
        if isinstance(args32[position], np.ndarray):
            close(got, reference, f"{row.id}, argument {position}")
            close(unchecked, reference, f"{row.id}, argument {position}, generated code")


def _tangents(row: Row, args: list[Any], dtype: type) -> dict[str, Any]:
    names = row.fn.__code__.co_varnames[:row.fn.__code__.co_argcount]
    where, _ = positions(row.wrt)
    return {f"{names[i]}_dot": (np.asarray(_direction(args[i], seed=i + 1), dtype=dtype)
                                if isinstance(args[i], np.ndarray) else _direction(args[i], i + 1))
            for i in where}


@pytest.mark.parametrize("row", FLOAT32_ROWS, ids=lambda row: row.id)
def test_float32_tangents_stay_float32(row: Row) -> None:
    """jvp with float32 inputs and float32 tangents: a float32 value and tangent."""
    args = make_args(row)
    value, low = tangentish.jvp(row.fn, wrt=row.wrt)(*as_float32(args),
                                                     **_tangents(row, args, np.float32))
    _, high = tangentish.jvp(row.fn, wrt=row.wrt)(*args, **_tangents(row, args, np.float64))
    assert np.result_type(value) == np.float32, f"{row.id}: value {np.result_type(value)}"
    close(low, high, f"{row.id}: tangent")


SECOND = [pytest.param(row, mode, id=f"{row.id}-{mode}") for row in FLOAT32_ROWS
          for mode in MODES if row.refuses_second_order is None]


@pytest.mark.parametrize("row, mode", SECOND)
def test_float32_second_order_stays_float32(row: Row, mode: str) -> None:
    """hvp and grad of grad with float32 inputs and a float32 direction: float32 results."""
    args = make_args(row)
    args32 = as_float32(args)
    where, _ = positions(row.wrt)
    for i in where:
        if not isinstance(args32[i], np.ndarray):
            continue
        v = _direction(args[i], seed=i + 1)
        low = second_order(mode, row.fn, args32, i, np.asarray(v, dtype=np.float32))
        high = second_order(mode, row.fn, args, i, v)
        close(low, high, f"{row.id}, {mode}, argument {i}")
