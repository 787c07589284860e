"""``idioms16_data_zoo`` (dataclasses and namedtuples of arrays, nested dicts, generators in
``sum``, ``sorted`` with ``key=``, ``np.add.at``/``bincount`` scatter, boolean masks) in every
first-order mode against central differences within their error estimate (``idioms15_check``),
and hvp for the scalar ones differentiated in one array."""

from __future__ import annotations

import idioms16_data_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

import tangentish

R = np.random.default_rng(1605)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)

X42 = _n(4, 2)
IDX = np.array([0, 2, 2, 1, 0])
NESTED = {"enc": {"W": _n(2, 3), "b": _n(3)}, "dec": {"W": _n(3, 1), "b": _n(1)}}
FLAT = {"alpha": _n(3), "b": _n(2), "gamma_long": _n(2)}
TARGET = np.array([0.3, np.nan, -1.2, 0.5, np.nan])

CASES = [
    Case("namedtuple_linear", z.namedtuple_linear, (z.Params(_n(2), 0.3), X42, _n(4))),
    Case("namedtuple_built_inside", z.namedtuple_built_inside, (_n(2), 0.3, X42), (0, 1)),
    Case("typed_namedtuple_layers", z.typed_namedtuple_layers,
         ([z.Layer(_n(2, 3), _n(3)), z.Layer(_n(3, 2), _n(2))], X42)),
    Case("typed_namedtuple_layers_x", z.typed_namedtuple_layers,
         ([z.Layer(_n(2, 3), _n(3)), z.Layer(_n(3, 2), _n(2))], X42), 1),
    Case("dataclass_nll", z.dataclass_nll, (z.Gaussian(_n(3), _n(3, scale=0.3)), _n(4, 3))),
    Case("dataclass_built_inside", z.dataclass_built_inside, (_n(3), _n(3), _n(4, 3)), (0, 1, 2)),
    Case("springs_energy", z.springs_energy,
         ([z.Spring(2.0, 0.5), z.Spring(1.5, 0.8)], np.array([0.0, 0.7, 1.2])), (0, 1)),
    Case("springs_energy_pos", z.springs_energy,
         ([z.Spring(2.0, 0.5), z.Spring(1.5, 0.8)], np.array([0.0, 0.7, 1.2])), 1),
    Case("nested_dict_mlp", z.nested_dict_mlp, (NESTED, X42)),
    Case("nested_dict_mlp_x", z.nested_dict_mlp, (NESTED, X42), 1),
    Case("dict_of_lists", z.dict_of_lists, ({"weights": [_n(2, 2), _n(2, 2)], "scale": 0.5}, X42)),
    Case("generator_l2", z.generator_l2, (FLAT,)),
    Case("generator_over_list", z.generator_over_list, ([_n(2, 2), _n(2, 3)], X42), (0, 1)),
    Case("generator_with_condition", z.generator_with_condition, (_n(6),)),
    Case("sorted_keys_dict", z.sorted_keys_dict, (FLAT,)),
    Case("sorted_list_of_pairs", z.sorted_list_of_pairs, (_n(3),)),
    Case("sorted_values", z.sorted_values, (np.array([0.3, 1.9, -0.8]),)),
    Case("add_at_scatter", z.add_at_scatter, (_n(5), IDX)),
    Case("bincount_weights", z.bincount_weights, (_n(5), IDX)),
    Case("boolean_mask_loss", z.boolean_mask_loss, (_n(5), TARGET)),
    Case("mask_where_huber", z.mask_where_huber, (np.array([0.3, -2.0, 1.4, -0.6]),)),
    Case("masked_assignment", z.masked_assignment, (np.array([0.3, -2.0, 1.4, -0.6]),)),
    Case("mask_count_mean", z.mask_count_mean, (np.array([0.3, -2.0, 1.4, -0.6]),)),
    Case("zip_lists_weighted", z.zip_lists_weighted, ([0.5, 1.5], [_n(2), _n(3)]), (0, 1)),
    Case("dict_comprehension_scale", z.dict_comprehension_scale,
         ({"a": _n(2), "b": _n(3)}, 0.7), (0, 1)),
    Case("enumerate_start", z.enumerate_start, (_n(4),)),
    Case("list_of_arrays_stack", z.list_of_arrays_stack, (_n(3),)),
    Case("max_with_key", z.max_with_key, (np.array([0.9, 0.1, 0.4]),)),
    Case("tuple_of_params_unpack", z.tuple_of_params_unpack,
         (((_n(2, 3), _n(3)), (_n(3, 2), _n(2))), X42), (0, 1)),
    Case("dict_get_default", z.dict_get_default, ({"scale": 1.5}, _n(3)), (0, 1)),
    Case("argsort_gather", z.argsort_gather, (_n(4), _n(4)), (0, 1)),
    Case("unique_inverse_means", z.unique_inverse_means, (_n(5), np.array([3, 1, 3, 7, 1]))),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])


@pytest.mark.parametrize(("tangent", "said"), [
    ({"weights": np.ones((2, 2, 2)), "scale": 1.0},
     "at ['weights'] it is an array of shape (2, 2, 2) where its argument has a list of 2"),
    ({"weights": [np.ones((2, 2))], "scale": 1.0},
     "at ['weights'] it is a list of 1 where its argument has a list of 2"),
    ([1.0, 2.0], "but it is a list of 2"),
])
def test_a_tangent_of_another_structure_is_refused_naming_where_it_differs(tangent, said):
    params = {"weights": [np.eye(2), np.eye(2)], "scale": 0.5}
    derivative = tangentish.jvp(z.dict_of_lists)
    with pytest.raises(tangentish.ArgumentError) as caught:
        derivative(params, X42, params_dot=tangent)
    assert said in str(caught.value)


def test_a_field_of_a_namedtuple_inside_a_tangent_is_spelled_with_a_dot():
    layers = [z.Layer(_n(2, 3), _n(3)), z.Layer(_n(3, 2), _n(2))]
    wrong = [z.Layer(_n(2, 3), [1.0, 2.0, 3.0]), layers[1]]
    with pytest.raises(tangentish.ArgumentError, match=r"at \[0\]\.b it is a list of 3"):
        tangentish.jvp(z.typed_namedtuple_layers)(layers, X42, layers_dot=wrong)
