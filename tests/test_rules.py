"""Every derivative rule, operator and method form against central finite differences.

The rows are in ``tests/rules/`` (one module per rule family); the reference is
``helpers.numeric_grad`` (float64).
"""

from __future__ import annotations

import copy
from collections.abc import Hashable
from typing import Any

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad, random_value, seed_for
from rules import TABLE, Const, Row

import tangentish
from tangentish.registry import ADJOINT, REGISTRY, Template

RTOL, ATOL = 1e-5, 1e-7


def make_args(row: Row) -> list[Any]:
    """The row's inputs, drawn from a generator seeded by the row's name."""
    rng = np.random.default_rng(seed_for(row.id))
    args = [spec.value if isinstance(spec, Const) else random_value(rng, spec, domain)
            for spec, domain in zip(row.shapes, row.domains(), strict=True)]
    return row.setup(args) if row.setup is not None else args


def positions(wrt: int | tuple[int, ...]) -> tuple[list[int], bool]:
    single = not isinstance(wrt, tuple)
    return ([wrt] if single else list(wrt)), single


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.id)
def test_gradient_matches_finite_differences(row: Row) -> None:
    args = make_args(row)
    snapshot = copy.deepcopy(args)

    gradient = tangentish.grad(row.fn, wrt=row.wrt)(*args)

    for before, after in zip(snapshot, args, strict=True):
        assert type(before) is type(after) and np.array_equal(before, after, equal_nan=True), (
            f"{row.id}: the derivative modified its input")
    expected = numeric_grad(row.fn, args, row.wrt)
    where, single = positions(row.wrt)
    assert isinstance(gradient, tuple) is not single
    actual_all = (gradient,) if single else gradient
    expected_all = (expected,) if single else expected
    assert len(actual_all) == len(where)
    for position, actual, wanted in zip(where, actual_all, expected_all, strict=True):
        label = f"{row.id}: gradient of argument {position}"
        argument = args[position]
        assert np.shape(actual) == np.shape(argument), label
        assert np.result_type(actual) == np.float64, f"{label}: dtype {np.result_type(actual)}"
        if isinstance(argument, float):
            assert isinstance(actual, float), f"{label}: a {type(actual).__name__} for a float"
        assert np.all(np.isfinite(actual)), label
        assert_grad_close(actual, wanted, rtol=RTOL, atol=ATOL, label=label)


# -- precision follows the primal: float32 inputs whose primal stays float32 get float32 gradients --


def as_float32(args: list[Any]) -> list[Any]:
    return [a.astype(np.float32) if isinstance(a, np.ndarray) else a for a in args]


def float32_primal(row: Row) -> bool:
    args = make_args(row)
    with np.errstate(all="ignore"):
        return (any(isinstance(a, np.ndarray) for a in args)
                and np.result_type(row.fn(*as_float32(args))) == np.float32)


FLOAT32_ROWS = [row for row in TABLE if float32_primal(row)]


@pytest.mark.parametrize("row", FLOAT32_ROWS, ids=lambda row: row.id)
def test_float32_gradients_stay_float32(row: Row) -> None:
    args = make_args(row)
    args32 = as_float32(args)
    where, single = positions(row.wrt)
    low = tangentish.grad(row.fn, wrt=row.wrt)(*args32)
    high = tangentish.grad(row.fn, wrt=row.wrt)(*args)
    for position, got, reference in zip(where, (low,) if single else low,
                                        (high,) if single else high, strict=True):
        if isinstance(args32[position], np.ndarray):
            assert np.result_type(got) == np.float32, f"{row.id}: {np.result_type(got)}"
            np.testing.assert_allclose(got, reference, rtol=2e-3, atol=2e-4, err_msg=row.id)


# -- coverage: every adjoint rule that the library registers has a row that exercises it ----------


def active_rule_keys(row: Row) -> set[Hashable]:
    """The rule keys of the operations in ``row.fn`` through which a derivative flows."""
    from tangentish.ir import note
    from tangentish.passes.activity import analyze
    from tangentish.passes.dataflow import defined_name, statements
    from tangentish.passes.desugar import desugar
    from tangentish.passes.normalize import normalize
    from tangentish.pipeline import resolve_wrt
    from tangentish.syntax.fence import fence
    from tangentish.syntax.parse import parse_function

    info = parse_function(row.fn)
    fence(info)
    desugar(info)
    norm = normalize(info)
    wrt, _ = resolve_wrt(info, norm.params, row.wrt)
    active = analyze(norm, wrt).active
    return {note(stmt).op.key for stmt in statements(norm.body)
            if note(stmt).op is not None and note(stmt).op.key is not None
            and defined_name(stmt) in active}


def library_adjoints() -> dict[Hashable, Template]:
    """Adjoint templates registered by ``tangentish.rules`` (not by tests or users)."""
    return {key: template for (kind, key), template in REGISTRY.templates.items()
            if kind == ADJOINT
            and str(template.namespace.get("__name__", "")).startswith("tangentish.rules.")}


def test_every_adjoint_rule_has_a_row() -> None:
    covered: set[Hashable] = set()
    for row in TABLE:
        covered |= active_rule_keys(row)
    missing = sorted(f"{template.name} ({template.origin})"
                     for key, template in library_adjoints().items() if key not in covered)
    assert not missing, f"adjoint rules without a table row: {missing}"


def test_every_adjoint_rule_has_a_tangent() -> None:
    tangents = {key for (kind, key) in REGISTRY.templates if kind != ADJOINT}
    missing = sorted(template.name for key, template in library_adjoints().items()
                     if key not in tangents)
    assert not missing, f"adjoint rules without a tangent rule: {missing}"


def test_row_ids_are_unique() -> None:
    ids = [row.id for row in TABLE]
    assert len(ids) == len(set(ids))


# -- the reference itself --------------------------------------------------------------------------


def test_numeric_grad_of_a_known_function() -> None:
    x = np.array([0.3, -1.2, 2.0])
    grad = numeric_grad(lambda v, s: float(np.sum(np.sin(v) * s)), [x, 2.5], wrt=(0, 1))
    assert_grad_close(grad[0], 2.5 * np.cos(x))
    assert isinstance(grad[1], float)
    assert_grad_close(grad[1], float(np.sum(np.sin(x))))
    assert np.array_equal(x, [0.3, -1.2, 2.0])
