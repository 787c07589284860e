"""``idioms15_dicts_zoo``: dicts of configuration built from a module's dict (merged, copied,
``dict(...)`` with keywords, nested) in every first-order mode against central differences; the
derivative built again when the module's dict gains a key, reading its values live; and the
writes that would change a module's or the caller's value refused by name and line."""

from __future__ import annotations

import idioms15_dicts_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, check_refusal

import tangentish

R = np.random.default_rng(1519)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)

CASES = [
    Case("merged_dicts", z.merged_dicts, (_n(3), 0.2), (0, 1)),
    Case("merged_dicts_w", z.merged_dicts, (_n(3), 0.2)),
    Case("dict_of_defaults", z.dict_of_defaults, (_n(3), 0.7), (0, 1)),
    Case("dict_keywords_over_defaults", z.dict_keywords_over_defaults, (_n(3), 0.7), (0, 1)),
    Case("copied_defaults", z.copied_defaults, (_n(3), 0.7), (0, 1)),
    Case("nested_config", z.nested_config, (_n(3), 0.4), (0, 1)),
    Case("integer_keys_copy", z.integer_keys_copy, (_n(3), 0.4), (0, 1)),
    Case("state_arrays_merged", z.state_arrays_merged, (_n(3),)),
    Case("iterate_module_dict", z.iterate_module_dict, (_n(3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])


def test_a_key_added_to_the_module_dict_builds_the_derivative_again_and_values_are_live():
    """The keys of a module's dict a function copies are part of what its derivative depends
    on (it is unrolled over them); their values are read when the derivative runs."""
    x = _n(3)
    gradient = tangentish.grad(z.iterate_module_dict)
    before = gradient(x)
    np.testing.assert_allclose(before, 2 * x * sum(len(k) * v for k, v in z.DEFAULTS.items()))
    saved = dict(z.DEFAULTS)
    try:
        z.DEFAULTS["momentum"] = 0.9
        z.DEFAULTS["lr"] = 0.3
        expected = 2 * x * sum(len(k) * v for k, v in z.DEFAULTS.items())
        np.testing.assert_allclose(tangentish.grad(z.iterate_module_dict)(x), expected)
    finally:
        z.DEFAULTS.clear()
        z.DEFAULTS.update(saved)
    np.testing.assert_allclose(tangentish.grad(z.iterate_module_dict)(x), before)


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.module_array_through_copy, (_n(3),), ("module-level value 'STATE'", 'st["w"] += x')),
    (z.module_array_item, (_n(3),), ("module-level value 'STATE'", "w += x")),
    (z.parameter_dict_copy, (_n(3), {"w": np.ones(3)}),
     ("varies with the differentiated arguments", "dict")),
    (z.parameter_dict_write, (_n(3), {"w": np.ones(3)}),
     ("varies with the differentiated arguments", "dict")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_writes_into_the_callers_or_the_modules_values_are_refused(refused, transform):
    """Python would change the module's array (or the caller's dict) in place; the derivative
    never writes the user's values, so it refuses, naming the line, never a raw error."""
    check_refusal(*refused, transform)
    assert np.array_equal(z.STATE["w"], [0.5, -0.25, 1.0])
