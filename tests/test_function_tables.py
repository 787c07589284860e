"""A module-level dict of functions read with a constant key (``ACTS["tanh"](x)``): the call is of
the item the path names (``syntax.resolve.constant_path`` reads a constant string key as a
``scope.Key``, a dict's item in a resolved path); it was refused as "a call to a local value".
A loop over its ``.values()`` or ``.items()`` is unrolled (passes/object_loops.py), its keys in
order part of what the derivative depends on.  Every form of the path (a NumPy function, a user
function inlined, a dict in a dict, a list in a dict, a dict in an object) and of the loop, in
every mode and at second order, against central differences; the cache notices the item replaced
and the keys reordered.  A key known only when the function runs (``ACTS[name](x)``) makes one
copy of the statement per key (passes/function_tables.py), ``KeyError`` for another key, as the
dict raises; where the call may not run (a conditional expression) it is refused with a hint."""

import types

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish


def relu(v):
    return np.maximum(v, 0.0)


def softplus(v):
    return np.log1p(np.exp(v))


ACTS = {"tanh": np.tanh, "relu": relu, "softplus": softplus}
CONFIG = {"acts": {"hidden": np.sin, "out": softplus}, "layers": [np.tanh, relu]}
MODEL = types.SimpleNamespace(acts={"gate": np.tanh})


def numpy_item(x):
    return np.sum(ACTS["tanh"](x) ** 2)


def user_item(x):
    return np.sum(ACTS["relu"](x) * x + ACTS["softplus"](2.0 * x))


def nested_dicts(x):
    return np.sum(CONFIG["acts"]["out"](CONFIG["acts"]["hidden"](x)))


def list_in_a_dict(x):
    return np.sum(CONFIG["layers"][1](CONFIG["layers"][0](x) + 0.2) * x)


def dict_in_an_object(x):
    return np.sum(MODEL.acts["gate"](x) * np.cos(x))


def in_a_loop(x):
    for _ in range(2):
        x = ACTS["tanh"](x) + 0.5 * x
    return np.sum(x * x)


SCALES = {"tanh": 1.5, "relu": 0.5, "softplus": -1.0}


def over_values(x):
    for act in ACTS.values():
        x = act(x) + 0.1 * x
    return np.sum(x)


def over_items(x):
    total = 0.0
    for name, act in ACTS.items():
        total = total + SCALES[name] * np.sum(act(x) * x)
    return total


def zipped_with_scales(x):
    return sum([np.sum(act(s * x)) for act, s in zip(CONFIG["acts"].values(), (0.5, 2.0),
                                                       strict=True)])


def enumerated(x):
    for k, (_, act) in enumerate(MODEL.acts.items()):
        x = act(x) * (k + 1.0)
    return np.sum(x ** 2)


def by_parameter(x, name="softplus"):
    y = ACTS[name](x)
    return np.sum(y * x) + 0.5 * np.sum(y * y)


def by_loop_over_names(x):
    for name in ("tanh", "relu", "tanh"):
        x = ACTS[name](x) + 0.1 * x
    return np.sum(x)


def by_attribute(x):
    total = 0.0
    for layer in (MODEL_CFG.first, MODEL_CFG.second):
        total += np.sum(CONFIG["acts"][layer](x)) * 1.5
    return total


MODEL_CFG = types.SimpleNamespace(first="hidden", second="out")


def _stack(a):
    for name in ("tanh", "softplus", "tanh"):
        a = ACTS[name](a) * 0.9
    return a * 3.0


def in_an_inlined_helper(x):  # (the helper's statements copied into f's: fuzz seed 4811
    return np.sum(_stack(x) * x)  # program 56, refused before as a key not a constant)


CASES = [numpy_item, user_item, nested_dicts, list_in_a_dict, dict_in_an_object, in_a_loop,
         over_values, over_items, zipped_with_scales, enumerated, by_parameter,
         by_loop_over_names, by_attribute, in_an_inlined_helper]
POINT = np.array([0.3, -0.8, 1.2])


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_every_mode_matches_differences(f):
    assert_both_orders(f, POINT, seed=5)


def test_closed_form():
    g = tangentish.grad(numpy_item)(POINT)
    t = np.tanh(POINT)
    np.testing.assert_allclose(g, 2.0 * t * (1.0 - t * t))


def test_replacing_the_item_builds_again():  # (at the next grad(f): README, Caching)
    before = tangentish.grad(numpy_item)(POINT)
    ACTS["tanh"] = np.sin
    try:
        np.testing.assert_allclose(tangentish.grad(numpy_item)(POINT),
                                   2.0 * np.sin(POINT) * np.cos(POINT))
    finally:
        ACTS["tanh"] = np.tanh
    np.testing.assert_allclose(tangentish.grad(numpy_item)(POINT), before)


def test_reordering_the_keys_builds_again():
    before = tangentish.grad(over_values)(POINT)
    ACTS["tanh"] = ACTS.pop("tanh")  # (now last: tanh applied after softplus)
    try:
        assert not np.allclose(tangentish.grad(over_values)(POINT), before)
        assert_both_orders(over_values, POINT, seed=5)
    finally:
        ACTS.update({k: ACTS.pop(k) for k in ("relu", "softplus")})
    np.testing.assert_allclose(tangentish.grad(over_values)(POINT), before)


def missing_key(x):
    return np.sum(ACTS["gelu"](x))


def maybe_called(x, name="tanh"):
    return np.sum(ACTS[name](x) if name in ACTS else x)


@pytest.mark.parametrize("f", [missing_key, maybe_called], ids=lambda f: f.__name__)
def test_a_key_that_is_not_a_constant_it_holds_is_refused_with_a_hint(f):
    with pytest.raises(tangentish.UnsupportedConstructError, match="an item of a container") \
            as info:
        tangentish.grad(f)(POINT)
    assert "test_function_tables.py" in str(info.value) and "ACTS.values()" in str(info.value)


def test_another_key_raises_key_error_as_the_dict_does():
    with pytest.raises(KeyError, match="gelu"):
        by_parameter(POINT, "gelu")
    with pytest.raises(KeyError, match="gelu"):
        tangentish.grad(by_parameter)(POINT, "gelu")
    t = np.tanh(POINT)  # (the closed form, another key than the default)
    np.testing.assert_allclose(tangentish.grad(by_parameter)(POINT, "tanh"),
                               t + (POINT + t) * (1 - t * t))


def test_a_key_added_builds_again():
    before = tangentish.grad(by_parameter)(POINT, "relu")
    ACTS["cube"] = np.negative
    try:
        np.testing.assert_allclose(tangentish.grad(by_parameter)(POINT, "cube"),
                                   -2.0 * POINT + POINT)
    finally:
        del ACTS["cube"]
    np.testing.assert_allclose(tangentish.grad(by_parameter)(POINT, "relu"), before)
