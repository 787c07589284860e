"""The refusals refusals8 lifted (``refusals8_zoo``).  Each program in every first-order mode
against central differences within their error estimate, and ``hvp`` against differences of the
checked gradient (``idioms15_check``)."""

from __future__ import annotations

import idioms16_inplace_zoo as inplace
import numpy as np
import pytest
import refusals5_zoo as refusals5
import refusals8_zoo as z
from helpers import numeric_grad
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(5620)

CASES = [
    Case("pairwise_loop", z.pairwise_loop, (_n(4),)),
    Case("pairwise_of_rows", z.pairwise_of_rows, (_n(3, 2),)),
    Case("pairwise_of_a_list", z.pairwise_of_a_list, (_n(3),)),
    Case("shifted_zip", z.shifted_zip, (_n(4),)),
    Case("product_loop", z.product_loop, (_n(3), _n(2)), (0, 1)),
    Case("product_repeat", z.product_repeat, (_n(3),)),
    Case("product_of_a_changing_list", z.product_of_a_changing_list, (_n(3),)),
    Case("product_of_computed_factors", z.product_of_computed_factors, (_n(3),)),
    Case("product_comprehension", z.product_comprehension, (_n(3),)),
    Case("product_three_nested", z.product_three_nested, (_n(2),)),
    # nonlocal names of a local helper, threaded through its calls (in loops, branches, while)
    Case("nonlocal_accumulator", z.nonlocal_accumulator, (_n(3),)),
    Case("nonlocal_counter_and_value", z.nonlocal_counter_and_value, (_u(0.2, 0.9, 3),)),
    Case("nonlocal_two_helpers", z.nonlocal_two_helpers, (_n(3),)),
    Case("nonlocal_early_return", z.nonlocal_early_return, (np.array([0.3, -0.5, 0.9, 0.6]),)),
    Case("copyto_every_other", z.copyto_every_other, (_n(3),)),
    Case("copyto_columns", z.copyto_columns, (_n(3, 3), _n(2)), (0, 1)),
    Case("idioms16_put_and_copyto", inplace.put_and_copyto, (_n(3),)),  # (refused there)
    Case("sorted_dict_keys", z.sorted_dict_keys, (_n(3),)),
    Case("sorted_dict_items", z.sorted_dict_items, (_n(3),)),
    Case("refusals5_kwargs_sorted", refusals5.kwargs_sorted, (_n(2), _n(2)), (0, 1)),  # (refused)
    Case("nonlocal_read_by_another_closure", z.nonlocal_read_by_another_closure, (_n(3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_a_product_loop_that_breaks_stays_refused(transform):
    check_refusal(z.product_with_break, (np.array([0.5, -0.3]),),
                  ("itertools.product", "prod(x, x)"), transform)


@pytest.mark.parametrize("fn", [z.nonlocal_in_an_expression, z.nonlocal_passed_on],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_a_nonlocal_helper_not_called_as_a_statement_stays_refused(fn, transform):
    check_refusal(fn, (np.array([0.5, -0.3]),), ("`nonlocal` statement", "nonlocal total"),
                  transform)


def test_keywords_forwarded_by_a_helper_not_inlined():
    """``def layer(x, **kw): return dense(x, **kw)`` (already differentiated before refusals8;
    kept here so it stays so): the gradient against central differences, and ``jvp`` the
    gradient's product with the direction."""
    x, w, v = _n(3), 0.7, _n(3)
    gx, gw = tangentish.grad(z.kw_forwarded, wrt=(0, 1))(x, w)
    np.testing.assert_allclose(gx, numeric_grad(z.kw_forwarded, (x, w), 0), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gw, numeric_grad(z.kw_forwarded, (x, w), 1), rtol=1e-6, atol=1e-8)
    _, tangent = tangentish.jvp(z.kw_forwarded)(x, w, x_dot=v)
    np.testing.assert_allclose(tangent, np.dot(gx, v), rtol=1e-10)


def test_copyto_into_a_slice_of_ints_raises_numpys_type_error():
    """``np.copyto(y[::2], x)`` of floats into an integer array: NumPy's ``same_kind`` check
    raises ``TypeError``, and so does the derivative (never a truncated value)."""
    x = np.array([0.5, -0.3])
    with pytest.raises(TypeError):
        z.copyto_into_ints(x)
    for transform in (tangentish.grad, tangentish.jvp):
        with pytest.raises(TypeError):
            transform(z.copyto_into_ints)(x, **({"x_dot": x} if transform is tangentish.jvp
                                                else {}))


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_sorted_keys_python_cannot_order_stay_refused(transform):
    with pytest.raises(TypeError):
        z.sorted_mixed_keys(np.array([0.5, -0.3]))
    check_refusal(z.sorted_mixed_keys, (np.array([0.5, -0.3]),),
                  ("`sorted` of a dict whose keys Python cannot order", "sorted(d)"), transform)
