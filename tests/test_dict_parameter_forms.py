"""Questions about a dict parameter's keys, answered at transform time (passes/container_parts.py).

A dict parameter's keys are part of the derivative's specialisation, so ``sorted(params)``,
``sorted(params.items())``, ``enumerate(params)``, ``'b' in params``, ``params.get('w', d)``,
``sum(f(v) for v in params.values())``, ``w, b = params.values()`` and ``a, b = (params[k] for k
in ('a', 'b'))`` are
constants or unrolled loops (they were refused as "this use of the dict", the last as "a generator
expression"), and ``params = {k: ... for k, v in params.items()}`` rebinds a copy.  Each form is
checked against finite differences in both modes, and at second order; the keys are given out of
sorted order, so an order taken wrong changes the gradient.
"""

import numpy as np
import pytest

import tangentish

W = np.array([0.3, -0.2, 0.5])
B = np.array([0.1, 0.4])
PARAMS = {"w": W, "b": B, "a": np.array([[0.7, -0.3], [0.2, 0.9]])}


def sorted_keys(params):
    total = 0.0
    for i, k in enumerate(sorted(params)):
        total = total + np.sum(np.sin(params[k])) * (i + 1.0)
    return total


def sorted_keys_reversed(params):
    total = 0.0
    for i, k in enumerate(sorted(params.keys(), reverse=True)):
        total = total + np.sum(np.sin(params[k])) * (i + 1.0)
    return total


def sorted_items(params):
    total = 0.0
    for i, (k, v) in enumerate(sorted(params.items())):
        total = total + np.sum(v * v) * (i + len(k))
    return total


def enumerate_plain(params):
    total = 0.0
    for i, k in enumerate(params):
        total = total + np.sum(np.cos(params[k])) * (i + 1.0)
    return total


def listed_keys(params):
    total = np.sum(np.tanh(params["b"]))
    for k in list(params):
        total = total + np.sum(params[k] ** 2)
    return total


def keys_method(params):  # (at second order this crashed: AttributeError in dense.hvp)
    total = 0.0
    for k in params.keys():  # noqa: SIM118 (the method is the form under test)
        total = total + np.sum(np.sin(params[k]) * params["b"][0])
    return total


def over_tuple_of_values(params):
    total = 0.0
    for v in tuple(params.values()):
        total = total + np.sum(v ** 3)
    return total


def sum_of_generator(params):
    return sum(np.sum(v ** 2) for v in params.values()) + max(np.sum(v) for v in params.values())


def min_over_items(params):
    return min(np.sum(np.exp(v)) * len(k) for k, v in params.items())


def membership(params):
    s = np.sum(params["w"] ** 2)
    if "b" in params:
        s = s + np.sum(np.sin(params["b"]))
    if "z" not in params:
        s = s * 2.0
    if "z" in params:
        s = s * 100.0
    return s


def get_with_default(params):
    extra = params.get("z", np.ones(2))
    scale = params.get("scale")
    s = np.sum(params.get("w", 0.0) ** 2) + np.sum(extra * params["b"])
    if scale is None:
        s = s * 3.0
    return s


def nested(tree):
    total = 0.0
    for name in sorted(tree["layers"]):
        total = total + np.sum(np.tanh(tree["layers"][name]))
    return total + sum(np.sum(v) for v in tree["layers"].values())


def unpacked_generator(params):
    w, a, b = (np.tanh(params[k]) for k in ("w", "a", "b"))  # (run to its end: a display)
    return np.sum(w) * np.sum(a @ b)


def unpacked_views(params):  # (PARAMS's keys in order: w, b, a)
    w, b, a = params.values()
    (k0, v0), _, (k2, v2) = params.items()
    first, *_ = params.keys()
    return np.sum(w * w) * np.sum(a @ b) + np.sum(v0) * len(k0 + k2) + np.sum(v2 * v2) + len(first)


def rebound_in_a_loop(params):  # (an unrolled optimizer: the argument rebound to dicts built)
    for step in range(2):
        grads = {"w": np.cos(params["w"]), "b": params["b"] * np.sum(params["a"])}
        params = {k: v - 0.1 * (step + 1) * grads.get(k, v) for k, v in params.items()}
    params["b"] = params["b"] * 2.0  # (into the copy: the caller's dict is left alone)
    return np.sum(np.sin(params["w"])) + np.sum(params["a"] @ params["b"])


FORMS = [sorted_keys, sorted_keys_reversed, sorted_items, enumerate_plain, listed_keys, keys_method,
         over_tuple_of_values, sum_of_generator, min_over_items, membership, get_with_default,
         unpacked_generator, unpacked_views, rebound_in_a_loop]


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("f", FORMS, ids=lambda f: f.__name__)
def test_dict_key_questions_are_differentiated(f, order):
    tangentish.check_grads(f, (PARAMS,), order=order, warn=False)


def test_nested_dict():
    tree = {"layers": {"z": np.array([0.2, -0.4]), "c": np.array([1.1])}}
    tangentish.check_grads(nested, (tree,), warn=False)


def test_gradient_keeps_every_key():
    g = tangentish.grad(membership)(PARAMS)
    assert sorted(g) == ["a", "b", "w"]
    np.testing.assert_allclose(g["w"], 2.0 * 2.0 * W)
    np.testing.assert_allclose(g["b"], 2.0 * np.cos(B))
    np.testing.assert_array_equal(g["a"], np.zeros((2, 2)))


def values_sorted(params):
    return sum(np.sum(v) for v in sorted(params.values()))


def dynamic_get(params, key):
    return np.sum(params.get(key, params["w"]))


def keys_in_a_local(params):
    keys = list(params)
    return np.sum(params[keys[0]] ** 2)


def sorted_by_key(params):
    return sum(np.sum(params[k]) for k in sorted(params, key=len))


@pytest.mark.parametrize("f, args", [(values_sorted, (PARAMS,)), (dynamic_get, (PARAMS, "w")),
                                     (sorted_by_key, (PARAMS,)), (keys_in_a_local, (PARAMS,))],
                         ids=["sorted_values", "dynamic_get", "sorted_key_function", "keys_local"])
def test_what_stays_refused_names_the_dict(f, args):
    with pytest.raises(tangentish.UnsupportedConstructError, match="dict params"):
        tangentish.grad(f)(*args)


def test_a_rebound_dict_argument_is_copied_and_the_caller_s_is_unchanged():
    """``params = {...}`` of a dict under ``wrt`` (refused before as "binding 'params' other
    than to a dict"): the function reads a copy of it (passes/rebound_dicts.py); a dict argument
    not under ``wrt`` (its kind unknown when the derivative is built) is refused, naming it."""
    before = {k: np.copy(v) for k, v in PARAMS.items()}
    value, _ = tangentish.value_and_grad(rebound_in_a_loop)(PARAMS)
    assert value == rebound_in_a_loop({k: np.copy(v) for k, v in before.items()})
    assert all(np.array_equal(PARAMS[k], before[k]) for k in before) and list(PARAMS) == list(before)

    def constant(x, params):
        params = {k: v * x for k, v in params.items()}
        return np.sum(params["w"])

    with pytest.raises(tangentish.UnsupportedConstructError, match="params") as refused:
        tangentish.grad(constant)(0.5, PARAMS)
    assert "hint:" in str(refused.value)


def leaf_items(params):  # (was refused: "params['b'] has no key 0 (it has )")
    return np.sum(np.sin(params["w"]) * params["b"][0]) + params["w"][-1] ** 2


def leaf_slices_and_pairs(params):
    return np.sum(params["w"][1:] ** 2) + params["a"][0, 1] * params["a"][1][0]


def nested_leaf_items(tree):
    return tree["layers"][0]["w"][1] * np.sum(tree["layers"][1]["w"] ** 2) + tree["ws"][1][0]


def record_leaf_items(p):
    return p.w[0] * p.w[2] + np.sum(p.b[::-1] * p.b)


@pytest.mark.parametrize("f, args", [
    (leaf_items, (PARAMS,)), (leaf_slices_and_pairs, (PARAMS,)),
    (nested_leaf_items, ({"layers": [{"w": W}, {"w": B}], "ws": [B, W]},)),
    (record_leaf_items, (__import__("collections").namedtuple("P", "w b")(W, B),)),
], ids=["items", "slices_pairs", "nested", "namedtuple"])
@pytest.mark.parametrize("order", [1, 2])
def test_items_of_a_leaf_are_array_reads(f, args, order):
    tangentish.check_grads(f, args, order=order, warn=False)
