"""``idioms15_python_zoo`` (layer norm, attention, conv1d by slicing, and Python idioms around
NumPy: enumerate/zip, dicts of parameters, unpacking, early returns, while with break, lists
stacked, keyword and default arguments, methods of small classes) in every first-order mode
against central differences within their error estimate (``idioms15_check``)."""

from __future__ import annotations

import functools

import idioms15_python_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, reference

import tangentish

R = np.random.default_rng(1517)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)

X43 = _n(4, 3)
MLP = [(_n(3, 4), _n(4)), (_n(4, 2), _n(2))]
DICT_NET = {"l1": {"W": _n(3, 2), "b": _n(2)}, "l2": {"W": _n(2, 2), "b": _n(2)}}

CASES = [
    Case("layernorm", z.layernorm, (X43, _n(3), _n(3)), (0, 1, 2)),
    Case("layernorm_x", z.layernorm, (X43, _n(3), _n(3))),
    Case("rmsnorm", z.rmsnorm, (X43, _n(3)), (0, 1)),
    Case("self_attention", z.self_attention, (X43, _n(3, 2), _n(3, 2), _n(3, 2)), (0, 1, 2, 3)),
    Case("causal_attention", z.causal_attention, (X43, _n(3, 9, scale=0.5)), (0, 1)),
    Case("multihead", z.multihead, (_n(3, 4), _n(4, 12, scale=0.5)), (0, 1)),
    Case("conv1d_slices", z.conv1d_slices, (_n(8), _n(3)), (0, 1)),
    Case("conv1d_slices_stride", z.conv1d_slices, (_n(9), _n(3), 2), (0, 1)),
    Case("conv1d_channels", z.conv1d_channels, (_n(2, 6), _n(3, 2, 3), _n(3)), (0, 1, 2)),
    Case("mlp_relu", z.mlp_relu, (MLP, X43, _n(4, 2)), (1, 2)),
    Case("dropout_fixed_mask", z.dropout_fixed_mask, (_n(5), _n(5)), (0, 1)),
    Case("glu", z.glu, (_n(2, 3), _n(3, 2), _n(3, 2)), (0, 1, 2)),
    Case("swiglu_ffn", z.swiglu_ffn, (_n(2, 3), _n(3, 4), _n(2, 3)), (0, 1, 2)),
    Case("embedding_bag", z.embedding_bag, (_n(5, 2), np.array([0, 3, 1, 1, 4, 2]),
                                            np.array([0, 2, 5, 6]))),
    Case("cross_entropy_int_labels", z.cross_entropy_int_labels, (X43, np.array([0, 2, 1, 2])),
         0, True),
    Case("residual_block", z.residual_block, (_n(2, 3), _n(3, 3), _n(3, 3)), (0, 1, 2)),
    Case("enumerate_weights", z.enumerate_weights, (_n(3), [_n(3), _n(3), _n(3)])),
    Case("zip_rows", z.zip_rows, (X43, _n(4, 3)), (0, 1)),
    Case("dict_params_loop", z.dict_params_loop, (DICT_NET, _n(2, 3)), 1),
    Case("dict_update_inplace", z.dict_update_inplace, (_n(2, 3), _n(3, 3)), (0, 1)),
    Case("tuple_unpack_swap", z.tuple_unpack_swap, (_n(3), _n(3)), (0, 1)),
    Case("starred_unpack", z.starred_unpack, (_n(5),)),
    Case("early_return_norm_in", z.early_return_norm, (_n(3, scale=0.3),)),
    Case("early_return_norm_out", z.early_return_norm, (_n(3, scale=3.0),)),
    Case("while_break_accumulate", z.while_break_accumulate, (_n(3, scale=0.5),)),
    Case("while_condition_counter", z.while_condition_counter, (_n(3, scale=0.3),)),
    Case("list_append_stack", z.list_append_stack, (_n(3),)),
    Case("list_append_column_stack", z.list_append_column_stack, (_n(4),)),
    Case("keyword_helper_calls", z.keyword_helper_calls, (_n(4),)),
    Case("default_arg_branch", z.default_arg_branch, (_n(3), X43), (0, 1)),
    Case("call_kwargs_forward", z.call_kwargs_forward, (_n(4), 0.7), (0, 1)),
    Case("kwargs_same_names", z.kwargs_same_names, (_n(4), 0.7, 1.3), (0, 1, 2)),
    Case("module_layer_loss", z.module_layer_loss, (X43,)),
    Case("regressor_method", z.REG.loss, (_n(3), X43, _n(4)), (0, 1, 2)),
    Case("regressor_partial", functools.partial(z.REG.loss, y=_n(4)), (_n(3), X43), (0, 1)),
    Case("max_over_list", z.max_over_list, (_n(4),)),
    Case("generator_sum_pairs", z.generator_sum_pairs, (_n(4),)),
    Case("conditional_expression", z.conditional_expression, (_n(4),)),
    Case("conditional_expression_hard", z.conditional_expression, (_n(4) * 0.5, "hard")),
    Case("list_comprehension_norms", z.list_comprehension_norms, (X43,)),
    Case("nested_function_closure", z.nested_function_closure, (_n(4), 0.7), (0, 1)),
    Case("lambda_map", z.lambda_map, (_n(4),)),
    Case("reversed_recurrence", z.reversed_recurrence, (_n(5),)),
    Case("min_of_two_paths", z.min_of_two_paths, (_n(3),)),
    Case("any_all_guards", z.any_all_guards, (_n(3),)),
    Case("index_by_argmax", z.index_by_argmax, (_n(3), X43), (0, 1)),
    Case("flatten_params", z.flatten_params, (_n(9),)),
    Case("inplace_ops_chain", z.inplace_ops_chain, (_n(4),)),
    Case("matrix_rows_assign", z.matrix_rows_assign, (_n(4),)),
    Case("hidden_then_output", z.hidden_then_output, (_n(2, 3),)),
    Case("mlp_hidden_slice", z.mlp_hidden_slice, (_n(2, 3),)),
    Case("enumerate_sliced_layers", z.enumerate_sliced_layers, (_n(2, 3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])



def test_a_layer_added_to_a_sliced_list_builds_the_derivative_again():
    """``for layer in DENSE[:-1]`` is unrolled over the items the slice keeps; the list's length
    is part of what the derivative depends on, so a layer inserted builds it again."""
    x = _n(2, 3)
    before = tangentish.grad(z.hidden_then_output)(x)
    z.DENSE.insert(1, z.Dense(np.eye(3) * 0.5))
    try:
        got = tangentish.grad(z.hidden_then_output)(x)
        jac, err = reference(z.hidden_then_output, (x,), 0)
        assert np.all(np.abs(got - jac) <= err) and not np.allclose(got, before)
    finally:
        del z.DENSE[1]
    np.testing.assert_allclose(tangentish.grad(z.hidden_then_output)(x), before, rtol=1e-12)
