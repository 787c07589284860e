"""The refusals refusals5 lifted (``refusals5_zoo``), each program in every first-order mode
against central differences within their error estimate, and at second order (``hvp`` with
respect to each differentiated argument, and ``hessian``) against differences of the checked
gradient (``idioms15_check``); the cases that stay refused name the user's line and say why."""

from __future__ import annotations

import idioms16_data_zoo as data
import idioms16_edge_zoo as edge
import idioms16_style_zoo as style
import numpy as np
import pytest
import refusals5_zoo as z
from helpers import numeric_grad
from idioms15_check import Case, by_name, check_each_position, check_refusal, reference, seeded

import tangentish

_n, _u, _ = seeded(1705)  # (seeded points)

CASES = [
    Case("method_calls_method", z.method_calls_method, (_n(3),)),
    Case("large_method_calls_method", z.large_method_calls_method, (_n(2),)),
    Case("lru_cached_discounts", z.lru_cached_discounts, (0.05,)),
    Case("cache_with_keyword", z.cache_with_keyword, (0.4, -0.7), (0, 1)),
    Case("kwargs_helper", z.kwargs_helper, (_n(3), _n(3)), (0, 1)),
    Case("dataclass_method", z.dataclass_method, (_n(3), _n(3)), (0, 1)),
    Case("dataclass_method_returns_record", z.dataclass_method_returns_record, (_n(3), _n(3)),
         (0, 1)),
    Case("dataclass_method_in_loop", z.dataclass_method_in_loop, (_n(2), _n(2)), (0, 1)),
    Case("namedtuple_method", z.namedtuple_method, (_n(3), _n(3)), (0, 1)),
    Case("maximum_at_segments", z.maximum_at_segments, (_n(5),)),
    Case("minimum_at_onto_array", z.minimum_at_onto_array, (_n(4), _n(3)), (0, 1)),
    Case("maximum_at_rows", z.maximum_at_rows, (_n(2, 3), _n(3)), (0, 1)),
    Case("enumerate_lambdas", z.enumerate_lambdas, (_n(3),)),
    Case("enumerate_lambdas_comprehension", z.enumerate_lambdas_comprehension,
         (_u(0.5, 1.5, 3),)),
    Case("reversed_lambdas", z.reversed_lambdas, (_n(3),)),
    Case("dict_float_alias", z.dict_float_alias, (_n(2), {"w": 0.8}), (0, 1)),
    # (idioms16's refusals, lifted)
    Case("segment_softmax", data.segment_softmax, (_n(5), np.array([0, 2, 2, 1, 0]))),
    Case("dataclass_methods", style.dataclass_methods, (_u(0.5, 1.5, 3), np.eye(3) + 0.1),
         (0, 1)),
    Case("lru_cached_helper", edge.lru_cached_helper, (0.05,)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


@pytest.mark.parametrize("name", ["method_calls_method", "large_method_calls_method",
                                  "maximum_at_segments", "enumerate_lambdas"])
def test_hessian_against_differences_of_the_gradient(name):
    case = BY_NAME[name]
    point = case.args[0]
    gradient = tangentish.grad(case.fn)

    def moved(p: np.ndarray) -> np.ndarray:
        return np.asarray(gradient(p, *case.args[1:]), dtype=np.float64)

    expected, error = reference(moved, (point,), 0)
    got = tangentish.hessian(case.fn)(*case.args)
    np.testing.assert_allclose(got, expected, atol=float(np.max(error)) + 1e-6)


def test_ties_in_maximum_at_share_the_derivative_as_np_maximum_does():
    """The array's element and two values sent to it tie there: each takes a third of its
    derivative, as the operands of ``np.maximum`` share it at a tie (their average)."""
    v = np.array([0.0, 0.0, -1.0])  # (out[0] = max(0, v[0] + v[0], v[0] + v[1]): all 0)
    got = tangentish.grad(z.maximum_at_ties)(v)
    np.testing.assert_allclose(got, [(2.0 + 1.0) / 3.0, 1.0 / 3.0, 0.0])
    value, tangent = tangentish.jvp(z.maximum_at_ties)(v, v_dot=np.array([1.0, 0.0, 0.0]))
    np.testing.assert_allclose(tangent, 1.0)


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.value_and_grad,
                                       tangentish.vjp, tangentish.hessian])
def test_a_cached_helper_handed_an_array_raises_pythons_type_error(transform):
    with pytest.raises(TypeError, match="unhashable"):
        z.cached_on_array(np.ones(2))
    with pytest.raises(TypeError, match="unhashable"):
        transform(z.cached_on_array)(np.ones(2))
    with pytest.raises(TypeError, match="unhashable"):
        tangentish.jvp(z.cached_on_array)(np.ones(2), x_dot=np.ones(2))


def test_an_alias_of_a_dict_array_item_changed_in_place_is_refused_naming_the_item():
    """``w = cfg["w"]; w += 1.0`` changes the caller's array when it is one (``cfg["w"]`` read
    later sees the change): refused at the line, naming ``cfg['w']``."""
    args = (_n(2), {"w": _n(2)})
    for wrt in (0, 1):
        check_refusal(z.dict_float_alias, args, ("`cfg['w']`, the same array",
                                                 "`w = cfg['w'].copy()`"), tangentish.grad, wrt)


def test_a_method_of_a_record_built_in_the_function_that_cannot_be_inlined_says_why():
    check_refusal(z.dataclass_method_writing_a_field, (_n(2),),
                  ("c.bump(...)", "`self.field = ...`"), tangentish.grad)


def test_a_helper_whose_kwargs_are_read_at_a_computed_key():
    """``opts[key + ""]`` is a constant key once the loop is unrolled (refusals10: ``+`` of
    known strs folds), so it is followed (refused before): against differences."""
    x, w = _n(2), _n(2)
    np.testing.assert_allclose(tangentish.grad(z.kwargs_read_otherwise, wrt=1)(x, w),
                               numeric_grad(z.kwargs_read_otherwise, [x, w], wrt=1), rtol=1e-6)
