"""``idioms15_more_zoo`` (SciPy special functions in losses, least-squares residuals, ufunc
methods, ``np.select``/``np.piecewise``, array methods and conversions, classes with properties
and static methods, merged dicts, ``del``, ``:=``, ``@=``, list methods) in every first-order
mode against central differences within their error estimate (``idioms15_check``), and the
Hessian-vector product of each scalar one of one argument."""

from __future__ import annotations

import idioms15_more_zoo as z
import idioms15_python_zoo as zp
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, check_refusal

import tangentish

R = np.random.default_rng(1518)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda *shape: R.uniform(0.3, 1.5, shape)  # noqa: E731  (positive ones)

X53 = _n(5, 3)
Y01 = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
ONEHOT = np.eye(3)[[0, 2, 1, 1, 0]]
T6 = np.linspace(0.0, 2.0, 6)
SPREAD = np.array([-1.7, -0.6, 0.3, 0.8, 1.4, 2.1])

def _in_place_matmul() -> bool:
    try:
        held = np.eye(2)
        held @= np.eye(2)
        return True
    except TypeError:
        return False


_IN_PLACE_MATMUL = _in_place_matmul()

CASES = [
    Case("expit_bce", z.expit_bce, (_n(3), X53, Y01)),
    Case("log_expit_loss", z.log_expit_loss, (_n(3), X53, Y01)),
    Case("scipy_softmax_xent", z.scipy_softmax_xent, (_n(3, 3), X53, ONEHOT), (0, 1)),
    Case("scipy_logsumexp_rows", z.scipy_logsumexp_rows, (_n(3, 4),)),
    Case("probit_ll", z.probit_ll, (_n(3, scale=0.5), X53, Y01)),
    Case("digamma_moment", z.digamma_moment, (_u(4),)),
    Case("erf_gelu", z.erf_gelu, (_n(5),)),
    Case("entr_kl", z.entr_kl, (_n(4), np.array([0.1, 0.2, 0.3, 0.4]))),
    Case("exp_decay_residuals", z.exp_decay_residuals, (np.array([1.2, 0.7, 0.1]), T6, _n(6)),
         (0, 2)),
    Case("circle_fit_residuals", z.circle_fit_residuals, (_n(2, scale=0.2), _n(5, 2))),
    Case("ode_rhs_lotka", z.ode_rhs_lotka, (np.array([1.3, 0.8]), 1.1, 0.4), (0, 1, 2)),
    Case("softmax_jac_target", z.softmax_jac_target, (_n(4),)),
    Case("rotate_points", z.rotate_points, (0.4, _n(3, 2)), (0, 1)),
    Case("ufunc_reduce", z.ufunc_reduce, (_n(5),)),
    Case("axis0_of_vector", z.axis0_of_vector, (_n(5),)),
    Case("axis_last_of_vector", z.axis_last_of_vector, (_n(5),)),
    Case("axis0_of_vector_scaled", z.axis0_of_vector_scaled, (_n(5), _n(5)), (0, 1)),
    Case("axis_of_scalar", z.axis_of_scalar, (np.array(0.7), np.array(0.3)), (0, 1)),
    Case("axis_of_scalar_x", z.axis_of_scalar, (np.array(0.7), np.array(0.3))),
    Case("cumulative_of_scalar", z.cumulative_of_scalar, (np.array(0.7),)),
    Case("cumulative_of_vector", z.cumulative_of_scalar, (_n(3),)),
    Case("logaddexp_reduce", z.logaddexp_reduce, (_n(5),)),
    Case("maximum_reduce_soft", z.maximum_reduce_soft, (_n(5),)),
    Case("select_piecewise", z.select_piecewise, (SPREAD,)),
    Case("piecewise_numpy", z.piecewise_numpy, (SPREAD,)),
    Case("heaviside_ramp", z.heaviside_ramp, (SPREAD,)),
    Case("sign_abs_forms", z.sign_abs_forms, (SPREAD,)),
    Case("array_methods", z.array_methods, (_n(3), X53), (0, 1)),
    Case("list_of_scalars", z.list_of_scalars, (_n(2),)),
    Case("asarray_of_list", z.asarray_of_list, (_n(3),)),
    Case("concatenate_literal", z.concatenate_literal, (_n(3),)),
    Case("hstack_vstack", z.hstack_vstack, (_n(3), _n(3)), (0, 1)),
    Case("ravel_flatten", z.ravel_flatten, (_n(2, 3),)),
    Case("float_and_item", z.float_and_item, (_n(3),)),
    Case("norm_ords", z.norm_ords, (_n(4), _n(3, 3)), (0, 1)),
    Case("std_ddof", z.std_ddof, (_n(5),)),
    Case("math_on_arrays", z.math_on_arrays, (_n(4, scale=0.5),)),
    Case("powers_mixed", z.powers_mixed, (SPREAD,)),
    Case("where_mask_sum", z.where_mask_sum, (SPREAD,)),
    Case("nan_to_num_guard", z.nan_to_num_guard, (SPREAD,)),
    Case("take_along", z.take_along, (_n(3, 4), np.array([[0, 2], [1, 1], [3, 0]]))),
    Case("sort_desc_topk", z.sort_desc_topk, (_n(6),)),
    Case("triu_tril", z.triu_tril, (_n(3, 3),)),
    Case("trace_det_inv", z.trace_det_inv, (_n(3, 3),)),
    Case("lstsq_residual", z.lstsq_residual, (X53, _n(5)), (0, 1)),
    Case("dataclass_property_loss", z.dataclass_property_loss, (_n(3),)),
    Case("class_attribute_loss", z.class_attribute_loss, (_n(4),)),
    Case("sorted_items_loop", z.sorted_items_loop, ({"b": _n(2), "a": _n(3)},)),
    Case("del_statement", z.del_statement, (_n(4),)),
    Case("walrus_loop", z.walrus_loop, (SPREAD,)),
    *([Case("matmul_augmented", z.matmul_augmented, (_n(3), _n(3, 3)), (0, 1))]
      if _IN_PLACE_MATMUL else []),  # (NumPy 1.x raises TypeError for `M @= A` itself)
    Case("list_methods", z.list_methods, (_n(3),)),
    Case("chained_compare_clip", z.chained_compare_clip, (SPREAD * 0.5,)),
    Case("running_loop_index", z.running_loop_index, (SPREAD,)),
    Case("print_logging", z.print_logging, (_n(3), X53, _n(5)), (0, 1, 2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (zp.kwargs_global_clash, (_n(3), 0.5), ("`**kwargs` in its signature",
                                            "list the parameters explicitly")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_in_every_mode(refused, transform):
    check_refusal(*refused, transform)
