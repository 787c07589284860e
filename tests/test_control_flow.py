"""Reverse mode through control flow, checked against central finite differences."""

import numpy as np
import pytest
from flow_zoo import (
    augmented_slices,
    bool_ops,
    calls_keyword_only,
    chained,
    comprehension,
    conditional_expression,
    early_return_in_loop,
    early_return_in_while,
    early_return_nested,
    early_return_top,
    enumerate_zip_strict,
    fill_loop,
    for_argument_bounds,
    for_constant,
    for_enumerate_zip,
    for_reversed,
    for_reversed_range,
    for_rows,
    for_zero_trips,
    gather_after_setitem,
    helper_calls_helper,
    helper_in_loop,
    if_elif_else,
    if_else,
    if_without_else,
    list_of_pairs,
    list_of_rows,
    list_read_twice,
    loop_break,
    loop_continue,
    loop_with_branch,
    masked_update,
    nested_def_in_loop,
    nested_loops,
    outer_index_in_inner_loop,
    outer_value_in_inner_loop,
    overwrite_copy,
    pops_items,
    ragged_list,
    returns_from_skipped_loops,
    running_max_update,
    running_product,
    sum_of_generator,
    tuple_helper,
    uses_helper,
    while_true_break,
    while_value,
    with_lambda,
    with_nested_def,
    zip_not_strict,
    zip_strict,
)
from helpers import numeric_grad

import tangentish

RNG = np.random.default_rng(7)
V5 = RNG.normal(size=5)
W3 = RNG.normal(size=3)
M43 = RNG.normal(size=(4, 3))

CASES = [
    (if_else, (1.3,), 0), (if_else, (-0.7,), 0),
    (if_elif_else, (1.4,), 0), (if_elif_else, (0.3,), 0), (if_elif_else, (-2.0,), 0),
    (if_without_else, (V5, 0.7), (0, 1)), (if_without_else, (V5, -0.7), (0, 1)),
    (bool_ops, (0.5, 0.25), (0, 1)), (bool_ops, (-6.0, 2.0), (0, 1)),
    (bool_ops, (-1.0, 2.0), (0, 1)),
    (chained, (0.4,), 0), (chained, (1.7,), 0),
    (conditional_expression, (0.8,), 0), (conditional_expression, (-0.8,), 0),
    (conditional_expression, (3.5,), 0),
    (for_constant, (0.3,), 0),
    (for_argument_bounds, (0.9, 1, 8), 0), (for_argument_bounds, (0.9, 5, 5), 0),
    (for_zero_trips, (V5, 0), 0), (for_zero_trips, (V5, 3), 0),
    (for_rows, (M43, W3), (0, 1)),
    (for_enumerate_zip, (V5, V5[::-1].copy()), (0, 1)),
    (for_reversed, (V5,), 0),
    (for_reversed_range, (0.7,), 0),
    (nested_loops, (W3,), 0),
    (loop_with_branch, (V5,), 0),
    (while_value, (1.3,), 0), (while_value, (12.0,), 0),
    (while_true_break, (1.2,), 0),
    (loop_break, (np.array([0.5, 1.0, 3.0, 0.2]),), 0),
    (loop_break, (np.array([0.5, 1.0, 1.5]),), 0),
    (loop_continue, (np.array([0.5, -1.0, 3.0, 0.2]),), 0),
    (early_return_top, (-1.5,), 0), (early_return_top, (1.5,), 0),
    (early_return_in_loop, (np.array([0.5, 1.0, 0.7, 0.2]),), 0),
    (early_return_in_loop, (np.array([0.1, 0.2, 0.3]),), 0),
    (early_return_nested, (np.array([0.5, 1.1, 1.4]),), 0),
    (early_return_nested, (np.array([0.5, 0.1, 0.4]),), 0),
    (early_return_in_while, (2.0,), 0), (early_return_in_while, (0.5,), 0),
    (running_product, (V5,), 0),
    (fill_loop, (V5,), 0),
    (overwrite_copy, (V5,), 0),
    (augmented_slices, (V5,), 0),
    (masked_update, (V5,), 0),
    (comprehension, (V5,), 0),
    (zip_strict, (V5,), 0),
    (enumerate_zip_strict, (V5,), 0),
    (zip_not_strict, (V5,), 0),
    (sum_of_generator, (V5,), 0),
    (list_of_rows, (M43,), 0),
    (running_max_update, (M43,), 0),
    (uses_helper, (W3, M43[:3]), (0, 1)),
    (helper_in_loop, (W3,), 0),
    (tuple_helper, (W3, V5[:3].copy()), (0, 1)),
    (helper_calls_helper, (W3,), 0),
    (calls_keyword_only, (V5,), 0),
    (with_lambda, (V5, 0.7), (0, 1)),
    (with_nested_def, (V5,), 0),
    (with_nested_def, (-np.abs(V5),), 0),
    (nested_def_in_loop, (V5,), 0),
    (outer_index_in_inner_loop, (-0.13, np.array([0.46, -1.46, -0.41, 0.98])), (0, 1)),
    (outer_index_in_inner_loop, (2.5, np.array([0.46, -1.46, -0.41, 0.98])), (0, 1)),
    (outer_value_in_inner_loop, (V5,), 0),
    (returns_from_skipped_loops, (0.7,), 0),
    (gather_after_setitem, (1.29,), 0),
    (pops_items, (V5,), 0),
    (list_read_twice, (V5[:3].copy(),), 0),
    (ragged_list, (V5[:4].copy(),), 0),
    (list_of_pairs, (W3,), 0),
]


def _ids():
    return [f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(CASES)]


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=_ids())
def test_gradient_matches_finite_differences(fn, args, wrt):
    """The first call (the generic derivative) and two more (the one specialized to the
    arguments' shapes and dtypes, where a proven float64 output makes its value dead code)."""
    derivative = tangentish.grad(fn, wrt=wrt)
    wrts = wrt if isinstance(wrt, tuple) else (wrt,)
    for _ in range(3):
        got = derivative(*args)
        grads = got if isinstance(wrt, tuple) else (got,)
        for g, w in zip(grads, wrts, strict=True):
            np.testing.assert_allclose(g, numeric_grad(fn, args, w), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=_ids())
def test_value_and_grad_value_is_the_primal(fn, args, wrt):
    value, _ = tangentish.value_and_grad(fn, wrt=wrt)(*args)
    np.testing.assert_allclose(value, fn(*args))


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=_ids())
def test_forward_and_split_modes_match_finite_differences(fn, args, wrt):
    """jvp and the vjp pullback take other code paths than grad (no tape; residuals handed
    over): both must agree with finite differences on the same control flow."""
    wrts = wrt if isinstance(wrt, tuple) else (wrt,)
    expected = [numeric_grad(fn, args, w) for w in wrts]
    rng = np.random.default_rng(11)
    directions = [rng.normal(size=np.shape(args[w])) for w in wrts]
    names = [fn.__code__.co_varnames[w] for w in wrts]
    value, tangent = tangentish.jvp(fn, wrt=wrt)(
        *args, **{f"{n}_dot": d for n, d in zip(names, directions, strict=True)})
    np.testing.assert_allclose(value, fn(*args))
    along = sum(np.sum(e * d) for e, d in zip(expected, directions, strict=True))
    np.testing.assert_allclose(tangent, along, rtol=1e-5, atol=1e-7)
    value, pullback = tangentish.vjp(fn, wrt=wrt)(*args)
    for _ in range(2):  # a pullback may be called more than once
        got = pullback(1.0)
        got = got if isinstance(wrt, tuple) else (got,)
        for g, e in zip(got, expected, strict=True):
            np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-7)


def test_loops_over_elements_accumulate_in_place():
    """The adjoint of ``x[i]`` inside a loop adds into ``x_bar`` in place: O(1) per step; the
    zeroing of ``out_bar_1[i]``, which no later step reads (passes/counted_zeroing.py), is gone."""
    source = tangentish.source(fill_loop)
    assert "x_bar[i] += " in source and "_rt.add_at" not in source
    assert "out_bar_1[i] = 0.0" not in source and "_rt.zero_index(" not in source


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=_ids())
def test_inputs_are_not_mutated(fn, args, wrt):
    copies = [np.copy(a) for a in args]
    tangentish.grad(fn, wrt=wrt)(*copies)
    for before, after in zip(args, copies, strict=True):
        np.testing.assert_array_equal(before, after)


def test_helper_derivative_is_shown_and_cached_separately():
    from flow_zoo import helper

    source = tangentish.source(uses_helper, wrt=(0, 1))
    assert "h_bar = grad_helper_wrt_a(h, scale=0.5, out_bar=h2_bar)" in source
    assert "# derivative of the helper helper(), called above" in source
    assert "def grad_helper_wrt_a(a, scale=2.0, *, out_bar=1.0):" in source
    assert tangentish.grad(helper, wrt="a").source in source


def test_zip_strict_raises_what_python_raises_when_lengths_differ():
    def unequal(x):
        s = 0.0
        for a, b in zip(x, x[1:], strict=True):
            s = s + a * b
        return s
    with pytest.raises(ValueError, match="zip\\(\\) argument 2 is shorter") as primal:
        unequal(V5)
    for transform in (tangentish.grad, tangentish.value_and_grad):
        with pytest.raises(ValueError) as derivative:
            transform(unequal)(V5)
        assert str(derivative.value) == str(primal.value)


def test_zip_with_a_computed_strict_is_refused():
    def computed(x, flag):
        s = 0.0
        for a, b in zip(x, x, strict=flag > 0):
            s = s + a * b
        return s
    with pytest.raises(tangentish.errors.UnsupportedConstructError, match="zip"):
        tangentish.grad(computed)(V5, 1.0)
