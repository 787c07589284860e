"""Second order: every rule-table row and every control-flow case, by forward over reverse
(``tangentish.hvp``: the ``jvp`` of the generated gradient) and by reverse over reverse
(``grad(grad(f))`` with the seed ``out_bar_bar=v``), against central finite differences of the
gradient (itself checked against finite differences of ``f`` in ``test_rules.py`` and
``test_control_flow.py``).  Over several arguments, one seeded random direction moves them all at
once: each argument's part of ``H v`` is its row of the Hessian along ``v``, the cross terms between
arguments included (a row marked ``refuses_mixed`` expects that refusal, and is checked one
argument at a time).

A row whose point sits on a kink of a piecewise-linear function expects a zero Hessian (the
pieces'); a row marked ``refuses_second_order`` expects an error naming what is not
differentiated twice, never a number.  Each row also requires rules for every runtime helper
the second-order code calls, so it can be differentiated a third time (``test_third_order.py``).
Cases that need a change in the core are marked ``xfail(strict=True, reason="core: ...")``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad
from rules import TABLE, Row
from test_control_flow import CASES, _ids
from test_rules import make_args, positions
from test_third_order import missing_rules

import tangentish
import tangentish.runtime as rt

STEP = 1e-5


def _direction(argument: Any, seed: int) -> Any:
    v = np.random.default_rng(seed).standard_normal(np.shape(argument))
    if isinstance(argument, np.ndarray):
        return np.where(np.isnan(argument), 0.0, v)
    return float(v)


def _moved(args: list, where: list[int], vs: list, step: float) -> list:
    moved = list(args)
    for i, v in zip(where, vs, strict=True):
        moved[i] = args[i] + step * v if isinstance(args[i], np.ndarray) else float(args[i] + step * v)
    return moved


def reference(fn, args: list, wrt: Any, v: Any) -> Any:
    """``H v`` by central differences of the (verified) gradient along ``v`` (for a tuple ``wrt``,
    a tuple of directions moved together: each argument's row of the Hessian, cross terms
    included): its generic code, called as generated (two calls with one signature would build
    the derivative specialized to it, ~14% of this file's time, for a reference; ``test_rules.py``
    checks both)."""
    where, single = positions(wrt)
    vs = [v] if single else list(v)
    gradient = tangentish.grad(fn, wrt=wrt).record.function
    scale = max(1.0, *(float(np.nanmax(np.abs(np.asarray(args[i], dtype=float)), initial=0.0))
                       for i in where))
    h = STEP * scale
    ups, downs = (gradient(*_moved(args, where, vs, step)) for step in (h, -h))
    ups, downs = ([ups], [downs]) if single else (ups, downs)
    columns = [(np.asarray(up, dtype=float) - np.asarray(down, dtype=float)) / (2 * h)
               for up, down in zip(ups, downs, strict=True)]
    return columns[0] if single else tuple(columns)


def second_order(mode: str, fn, args: list, wrt: Any, v: Any) -> Any:
    if mode == "fwd-over-rev":
        return tangentish.hvp(fn, wrt=wrt)(*args, v)
    return tangentish.grad(tangentish.grad(fn, wrt=wrt), wrt=wrt)(*args, out_bar_bar=v)


def check(mode: str, fn, args: list, wrt: Any, *, kink: bool = False) -> None:
    """``H v`` in one seeded random direction over every argument of ``wrt`` at once (one
    derivative built per mode, not one per argument): each argument's part of the product is
    its row of the Hessian along ``v``, so the cross terms between arguments are checked too."""
    where, single = positions(wrt)
    vs = [_direction(args[i], seed=i + 1) for i in where]
    got = second_order(mode, fn, args, wrt, vs[0] if single else tuple(vs))
    gots = [got] if single else list(got)
    expected = ([np.zeros(np.shape(args[i])) for i in where] if kink else
                [reference(fn, args, wrt, vs[0])] if single else
                list(reference(fn, args, wrt, tuple(vs))))
    assert len(gots) == len(where), (mode, len(gots))
    for i, value, wanted in zip(where, gots, expected, strict=True):
        assert np.shape(value) == np.shape(args[i]), (mode, i, np.shape(value))
        scale = 1.0 + float(np.max(np.abs(wanted), initial=0.0))
        np.testing.assert_allclose(np.asarray(value, dtype=float), wanted, rtol=1e-4,
                                   atol=1e-5 * scale, err_msg=f"{mode}, argument {i}")


def check_hessian(fn, x: np.ndarray) -> None:
    """The dense Hessian of ``fn`` at the vector ``x``, column by column against differences of
    the gradient."""
    got = np.asarray(tangentish.hessian(fn)(x))
    columns = [reference(fn, [x], 0, e) for e in np.eye(x.size)]
    np.testing.assert_allclose(got, np.stack(columns, axis=-1), rtol=1e-4, atol=1e-5)


MODES = ("fwd-over-rev", "rev-over-rev")

# Cases whose reverse-over-reverse needs the core (tangentish/passes): the first derivative's
# own machinery (helper calls, in-place updates) is not yet differentiated right there.
CORE: dict[str, str] = {}


def _marks(key: str) -> list:
    reason = CORE.get(key)
    return [pytest.mark.xfail(strict=True, reason=f"core: {reason}")] if reason else []


ROW_PARAMS = [pytest.param(row, mode, id=f"{row.id}-{mode}", marks=_marks(f"{row.id}-{mode}"))
              for row in TABLE if row.second for mode in MODES]


@pytest.mark.parametrize("row, mode", ROW_PARAMS)
def test_every_rule_at_second_order(row: Row, mode: str) -> None:
    args = make_args(row)
    if row.refuses_second_order is not None:
        with pytest.raises(tangentish.TangentishError, match=row.refuses_second_order):
            check(mode, row.fn, args, row.wrt)
        return
    wrts = [row.wrt]  # (one joint direction over every argument: the cross terms too)
    if row.refuses_mixed is not None:  # (then each argument alone, as before the refusal)
        with pytest.raises(tangentish.TangentishError, match=row.refuses_mixed):
            check(mode, row.fn, args, row.wrt)
        wrts = positions(row.wrt)[0]
    for wrt in wrts:
        check(mode, row.fn, args, wrt, kink=row.kink)
        gradient = tangentish.grad(row.fn, wrt=wrt)  # (the code just run: built, not rebuilt)
        second = tangentish.jvp(gradient, wrt=wrt) if mode == "fwd-over-rev" else \
            tangentish.grad(gradient, wrt=wrt)
        assert not missing_rules(second.record), "a third derivative would miss these rules"


FLOW_PARAMS = [pytest.param(fn, args, wrt, mode, id=f"{name}-{mode}",
                            marks=_marks(f"{name}-{mode}"))
               for (fn, args, wrt), name in zip(CASES, _ids(), strict=True) for mode in MODES]


@pytest.mark.parametrize("fn, args, wrt, mode", FLOW_PARAMS)
def test_control_flow_at_second_order(fn, args, wrt, mode: str) -> None:
    check(mode, fn, [np.copy(a) if isinstance(a, np.ndarray) else a for a in args], wrt)


def _loop_of_products(x):
    s = 0.0
    for _ in range(3):
        s = s + np.sin(x) * s + x
    return s


def test_reverse_over_reverse_through_a_loop_pops_the_tape_right() -> None:
    """The first derivative pops its tape (``a, b = _tape.pop()``); reverse mode through that pop
    puts the item back and hands its adjoint on.  grad of grad agrees with forward over reverse
    and with central differences of the gradient."""
    h = 1e-5
    g = tangentish.grad(_loop_of_products)
    reference = (g(0.3 + h) - g(0.3 - h)) / (2 * h)
    assert np.isclose(tangentish.grad(g)(0.3), reference, rtol=1e-6)
    assert np.isclose(tangentish.hessian(_loop_of_products)(0.3), reference, rtol=1e-6)


def _pops_the_first(x):
    items = [x, np.sin(x), x * x]
    first = items.pop(0)
    return np.sum(first * items[0])


def test_pop_with_an_index_of_a_list_the_function_made_is_differentiated() -> None:
    # (the list it leaves, bound again: passes/list_methods.py; a MissingRuleError before)
    x = np.array([0.3, -0.8])
    gradient = tangentish.grad(_pops_the_first)(x)
    np.testing.assert_allclose(gradient, numeric_grad(_pops_the_first, (x,)), rtol=1e-6)
    value, tangent = tangentish.jvp(_pops_the_first)(x, x_dot=np.ones(2))
    assert np.isclose(value, _pops_the_first(x))
    assert np.isclose(tangent, np.sum(gradient))
    hessian = tangentish.hessian(_pops_the_first)(x)
    h = 1e-5
    columns = [(tangentish.grad(_pops_the_first)(x + h * e) -
                tangentish.grad(_pops_the_first)(x - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(hessian, np.stack(columns, axis=1), rtol=1e-6, atol=1e-8)


def _pops_from_a_parameter(items):
    first = items.pop(0)
    return np.sum(first * items[0])


def test_pop_with_an_index_of_a_list_under_wrt_leaves_the_callers_list() -> None:
    a, b = np.array([0.3, 1.0]), np.array([2.0, -1.0])
    items = [a, b]
    gradient = tangentish.grad(_pops_from_a_parameter)(items)
    assert len(items) == 2 and items[0] is a  # (the derivative works on its own list)
    np.testing.assert_allclose(gradient[0], b)
    np.testing.assert_allclose(gradient[1], a)


def _view_for_its_shape(x):
    y = x * 2.0
    head = y[1:]  # a view of y, read below for its shape only
    y[1:] = np.sin(x[1:])
    return np.sum(rt.unbroadcast(x[1:] * y[1:], head) ** 2)


def _view_for_its_values(x):
    y = x * 2.0
    head = y[1:].T  # (a view tangentish/passes/view_writes.py does not follow)
    y[1:] = np.sin(x[1:])
    return np.sum(rt.unbroadcast(head, x[1:]) ** 2)  # head's values, changed through y


def _basic_view_for_its_values(x):
    y = x * 2.0
    head = y[1:]  # (read again after the change: passes/view_writes.py)
    y[1:] = np.sin(x[1:])
    return np.sum(rt.unbroadcast(head, x[1:]) ** 2)


def test_a_view_read_for_its_shape_only_may_be_changed_in_place() -> None:
    """An in-place change keeps shapes: a view that later code reads only for its shape (as
    derivative code reads ``_rt.unbroadcast(g, y_slice)``) needs no aliasing check; one read for
    its values is still refused, unless it is a basic subscript read again after the change."""
    x = np.array([0.3, -0.7, 1.1, 0.4])
    got = tangentish.grad(_view_for_its_shape)(x)
    assert_grad_close(got, numeric_grad(_view_for_its_shape, [x]), label="shape only")
    with pytest.raises(tangentish.UnsupportedConstructError, match="'head'"):
        tangentish.grad(_view_for_its_values)(x)
    got = tangentish.grad(_basic_view_for_its_values)(x)
    assert_grad_close(got, numeric_grad(_basic_view_for_its_values, [x]), label="read again")
