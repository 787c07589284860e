"""The checks of the idioms zoos (``test_idioms10``, ``test_idioms11``), one row at a time: every
first-order mode against central finite differences, and Hessian-vector products against finite
differences of the gradient (the machinery of ``test_realworld``)."""

from __future__ import annotations

import numpy as np
import test_realworld as rw
from helpers import call_unchanged

import tangentish


def check_first_order_modes(row: rw.Row) -> None:
    """The value, ``grad`` and ``value_and_grad`` twice (the second call from the cache), ``vjp``
    pulled back twice and ``jvp`` along a seeded direction, against finite differences."""
    refs, positions = rw._references(row), rw._positions(row.wrt)
    for call in range(2):
        for transform in (tangentish.grad, tangentish.value_and_grad):
            result = call_unchanged(transform(row.fn, wrt=row.wrt), row.args)
            if transform is tangentish.value_and_grad:
                rw._assert_value(result[0], row)
                result = result[1]
            for p, ref, got in zip(positions, refs, rw._as_list(result, row.wrt), strict=True):
                label = f"{transform.__name__} wrt {p}, call {call}"
                rw._assert_like_input(got, row.args[p], label)
                np.testing.assert_allclose(got, ref, err_msg=label, **rw._tolerance(row))
    value, pullback = call_unchanged(tangentish.vjp(row.fn, wrt=row.wrt), row.args)
    rw._assert_value(value, row)
    for seed in (1, 2):
        v = rw._cotangent(row, seed)
        for p, ref, got in zip(positions, refs, rw._as_list(pullback(v), row.wrt), strict=True):
            np.testing.assert_allclose(got, rw._pulled(v, ref), err_msg=f"vjp {seed} wrt {p}",
                                       **rw._tolerance(row))
    derivative = tangentish.jvp(row.fn, wrt=row.wrt)
    directions = [np.random.default_rng(7).standard_normal(np.shape(row.args[p]))
                  for p in positions]
    directions = [d if np.ndim(d) else float(d) for d in directions]
    tangents = {derivative.record.tangents[n]: d for n, d in zip(derivative.wrt, directions,
                                                                  strict=True)}
    value, tangent = call_unchanged(lambda *a: derivative(*a, **tangents), row.args)
    expected = sum(np.tensordot(ref, np.asarray(d, dtype=np.float64), axes=np.ndim(d))
                   for ref, d in zip(refs, directions, strict=True))
    np.testing.assert_allclose(tangent, expected, err_msg="jvp", **rw._tolerance(row))



def check_hessian_vector_product(row: rw.Row) -> None:
    """``hvp`` along a seeded direction against central differences of the gradient."""
    point = row.args[row.wrt]
    direction = np.random.default_rng(3).standard_normal(np.shape(point))
    direction = direction if np.ndim(point) else float(direction)
    gradient = tangentish.grad(row.fn, wrt=row.wrt)

    def along(step):  # the gradient a step along the direction (central differences of it)
        moved = list(row.args)
        moved[row.wrt] = point + step * direction
        return np.asarray(gradient(*moved), dtype=np.float64)

    expected = (along(1e-6) - along(-1e-6)) / 2e-6
    product = call_unchanged(lambda *a: tangentish.hvp(row.fn, wrt=row.wrt)(*a, direction),
                             row.args)
    np.testing.assert_allclose(product, expected, rtol=1e-4, atol=1e-6, err_msg="hvp")


def check_row(row: rw.Row) -> None:
    """Every first-order mode, and the Hessian-vector product of a row with one array under
    ``wrt`` and a scalar output (``row.second``)."""
    check_first_order_modes(row)
    if row.second and not isinstance(row.wrt, tuple):
        check_hessian_vector_product(row)
