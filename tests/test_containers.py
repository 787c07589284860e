"""Containers (pytrees) under ``wrt``: dicts, lists, tuples, namedtuples and dataclasses of floats
and arrays, differentiated leaf by leaf and given back in their own structure.

Every gradient is compared, leaf by leaf, with central finite differences; the structure (types,
keys and their order), the leaves' shapes and dtypes are asserted; the generated source of one
dict case is a golden file (``tests/golden/containers/``; ``TANGENTISH_UPDATE_GOLDEN=1``).
"""

from __future__ import annotations

import copy
import dataclasses
import os
import pathlib
from collections import namedtuple

import numpy as np
import pytest

import tangentish
from tangentish.arguments.trees import LEAF, leaves, rebuild, structure
from tangentish.cache import CACHE
from tangentish.errors import ArgumentError, UnsupportedConstructError

GOLDEN = pathlib.Path(__file__).parent / "golden" / "containers"
UPDATE = os.environ.get("TANGENTISH_UPDATE_GOLDEN") == "1"

Affine = namedtuple("Affine", "w b")


@dataclasses.dataclass
class Layer:
    w: np.ndarray
    b: np.ndarray
    scale: float = 1.0
    name: str = "layer"


def numeric(f, args: tuple, argnum: int, eps: float = 1e-6):
    """Central differences of scalar ``f`` with respect to every float leaf of ``args[argnum]``,
    in its structure (``None`` at constants)."""
    value = args[argnum]
    tree = structure(value)
    flat = leaves(value, tree)
    grads = []
    for i, (leaf, (_, sub)) in enumerate(zip(flat, tree.leaf_paths(), strict=True)):
        if sub.kind != LEAF:
            grads.append(None)
            continue
        base = np.asarray(leaf, dtype=np.float64)
        grad = np.zeros_like(base)
        for index in np.ndindex(base.shape):
            total = 0.0
            for sign in (1.0, -1.0):
                moved = base.copy()
                moved[index] += sign * eps
                new = list(flat)
                new[i] = moved if np.ndim(leaf) else float(moved)
                changed = list(copy.copy(args))
                changed[argnum] = rebuild(tree, new, value)
                total += sign * float(f(*changed))
            grad[index] = total / (2 * eps)
        grads.append(grad if np.ndim(leaf) else float(grad))
    return rebuild(tree, grads, value)


def assert_same_tree(actual, expected, like, rtol=1e-5, atol=1e-6):
    """Same structure (types, keys in order), leaves close, of the argument's shapes and dtypes."""
    if isinstance(like, (dict, list, tuple)) or dataclasses.is_dataclass(like):
        assert type(actual) is type(expected) is type(like)
    if isinstance(like, dict):
        assert list(actual) == list(expected) == list(like)
        for key in like:
            assert_same_tree(actual[key], expected[key], like[key], rtol, atol)
    elif isinstance(like, (list, tuple)):
        assert len(actual) == len(expected) == len(like)
        for a, e, v in zip(actual, expected, like, strict=True):
            assert_same_tree(a, e, v, rtol, atol)
    elif dataclasses.is_dataclass(like):
        for field in dataclasses.fields(like):
            assert_same_tree(getattr(actual, field.name), getattr(expected, field.name),
                             getattr(like, field.name), rtol, atol)
    elif expected is None:
        assert actual is None
    else:
        assert isinstance(actual, (float, np.ndarray)) and np.shape(actual) == np.shape(like)
        if isinstance(like, np.ndarray):
            assert actual.dtype == like.dtype
        tolerance = 1e-2 if getattr(like, "dtype", None) == np.float32 else rtol
        np.testing.assert_allclose(actual, expected, rtol=tolerance, atol=atol)


# -- the functions ---------------------------------------------------------------------------


def dict_loss(params, x):
    h = np.tanh(x @ params["W1"] + params["b1"])
    return np.sum(h @ params["W2"]) * params["scale"]


def nested_loss(params, x):
    h = np.tanh(x @ params["enc"]["W"] + params["enc"]["b"])
    return np.sum((h @ params["dec"]["W"]) ** 2)


def mlp(layers, x):
    h = x
    for W, b in layers:
        h = np.tanh(h @ W + b)
    return np.sum(h * h)


def affine_loss(p, x):
    return np.sum(np.sin(x * p.w + p.b))


def layer_loss(layer, x):
    return np.sum(np.tanh(x @ layer.w + layer.b)) * layer.scale


def mixed_loss(cfg, x):
    h = x * cfg["w"]
    for _ in range(cfg["n"]):
        h = np.sin(h)
    if cfg["mode"] == "double":
        h = 2.0 * h
    return np.sum(h)


def indexed_loss(ws, x):
    total = 0.0
    for i in range(len(ws)):
        total = total + np.sum(np.sin(ws[i] * x))
    return total + np.sum(ws[-1] ** 2)


def _data(rng):
    x = rng.normal(size=(4, 3))
    params = {"W1": rng.normal(size=(3, 5)), "b1": rng.normal(size=5),
              "W2": rng.normal(size=(5, 2)).astype(np.float32), "scale": 1.5}
    nested = {"enc": {"W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)},
              "dec": {"W": rng.normal(size=(4, 2))}}
    layers = [(rng.normal(size=(3, 4)), rng.normal(size=4)),
              (rng.normal(size=(4, 2)), rng.normal(size=2))]
    return x, params, nested, layers


def _cases(rng):
    x, params, nested, layers = _data(rng)
    return [
        ("dict", dict_loss, params, x),
        ("nested_dict", nested_loss, nested, x),
        ("list_of_tuples", mlp, layers, x),
        ("namedtuple", affine_loss, Affine(rng.normal(size=3), 0.3), rng.normal(size=3)),
        ("dataclass", layer_loss, Layer(rng.normal(size=(3, 2)), rng.normal(size=2), 2.0), x),
        ("mixed_leaves", mixed_loss, {"w": rng.normal(size=3), "n": 2, "mode": "double",
                                      "unused": None}, rng.normal(size=3)),
        ("list_indexed", indexed_loss, [rng.normal(size=3), rng.normal(size=3)],
         rng.normal(size=3)),
    ]


CASES = _cases(np.random.default_rng(13))
IDS = [c[0] for c in CASES]


@pytest.mark.parametrize("name, f, tree, x", CASES, ids=IDS)
def test_grad_matches_finite_differences(name, f, tree, x):
    expected = numeric(f, (tree, x), 0)
    assert_same_tree(tangentish.grad(f)(tree, x), expected, tree)


@pytest.mark.parametrize("name, f, tree, x", CASES, ids=IDS)
def test_value_and_grad(name, f, tree, x):
    value, grads = tangentish.value_and_grad(f)(tree, x)
    np.testing.assert_allclose(value, f(tree, x))
    assert_same_tree(grads, numeric(f, (tree, x), 0), tree)


@pytest.mark.parametrize("name, f, tree, x", CASES, ids=IDS)
def test_vjp(name, f, tree, x):
    value, pullback = tangentish.vjp(f)(tree, x)
    np.testing.assert_allclose(value, f(tree, x))
    expected = numeric(f, (tree, x), 0)
    assert_same_tree(pullback(1.0), expected, tree)
    twice = pullback(2.0)  # the pullback runs again
    flat = leaves(twice, structure(expected))
    for got, want in zip(flat, leaves(expected, structure(expected)), strict=True):
        if want is not None:
            np.testing.assert_allclose(got, 2.0 * np.asarray(want), rtol=1e-2)


@pytest.mark.parametrize("name, f, tree, x", CASES, ids=IDS)
def test_jvp_takes_tangents_in_the_structure(name, f, tree, x):
    rng = np.random.default_rng(1)
    shape = structure(tree)
    direction = [rng.normal(size=np.shape(leaf)) if sub.kind == LEAF else None
                 for leaf, (_, sub) in zip(leaves(tree, shape), shape.leaf_paths(), strict=True)]
    tangent = rebuild(shape, direction, tree)
    value, derivative = tangentish.jvp(f)(tree, x, **{f"{_first(f)}_dot": tangent})
    np.testing.assert_allclose(value, f(tree, x))
    grads = leaves(numeric(f, (tree, x), 0), shape)
    expected = sum(float(np.sum(g * d)) for g, d in zip(grads, direction, strict=True)
                   if g is not None)
    np.testing.assert_allclose(derivative, expected, rtol=1e-4, atol=1e-6)


def _first(f) -> str:
    return f.__code__.co_varnames[0]


def test_gradient_keeps_key_order_shapes_and_float32():
    x, params, _, _ = _data(np.random.default_rng(0))
    reordered = {k: params[k] for k in ("scale", "W2", "b1", "W1")}
    grads = tangentish.grad(dict_loss)(reordered, x)
    assert list(grads) == ["scale", "W2", "b1", "W1"]
    assert grads["W2"].dtype == np.float32 and grads["W1"].dtype == np.float64
    assert {k: np.shape(v) for k, v in grads.items()} == {k: np.shape(v)
                                                          for k, v in reordered.items()}


def test_constants_get_none():
    cfg = {"w": np.ones(3), "n": 2, "mode": "double", "unused": None, "ids": np.arange(3)}
    grads = tangentish.grad(mixed_loss)(cfg, np.ones(3))
    assert list(grads) == list(cfg)
    assert grads["n"] is None and grads["mode"] is None and grads["unused"] is None
    assert grads["ids"] is None and grads["w"].shape == (3,)


def test_several_wrt_with_a_container_and_an_array():
    x, params, _, _ = _data(np.random.default_rng(2))
    g_params, g_x = tangentish.grad(dict_loss, wrt=(0, 1))(params, x)
    assert_same_tree(g_params, numeric(dict_loss, (params, x), 0), params)
    np.testing.assert_allclose(g_x, numeric(lambda p, v: dict_loss(params, v), (params, x), 1),
                               rtol=1e-4)


def test_a_new_structure_is_a_new_transform_and_the_same_one_a_hit():
    def loss(ws, x):
        total = 0.0
        for w in ws:
            total = total + np.sum(np.sin(w * x))
        return total

    rng = np.random.default_rng(3)
    x = rng.normal(size=3)
    derivative = tangentish.grad(loss)
    two = [rng.normal(size=3), rng.normal(size=3)]
    three = [rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)]
    built = CACHE.stats.misses
    assert_same_tree(derivative(two, x), numeric(loss, (two, x), 0), two)
    assert CACHE.stats.misses == built + 1
    hits = CACHE.stats.hits
    again = [w + 1.0 for w in two]
    assert_same_tree(derivative(again, x), numeric(loss, (again, x), 0), again)
    assert CACHE.stats.misses == built + 1 and CACHE.stats.hits > hits
    assert_same_tree(derivative(three, x), numeric(loss, (three, x), 0), three)
    assert CACHE.stats.misses == built + 2
    assert "ws_2" in derivative.specialized(three, x).source


def test_leaves_get_readable_names_golden():
    x, params, _, _ = _data(np.random.default_rng(0))
    text = tangentish.grad(dict_loss).specialized(params, x).source
    assert "params_W1_bar" in text and "return params_W1_bar, params_b1_bar" in text
    path = GOLDEN / "dict_loss.py"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"no golden file {path}; run with TANGENTISH_UPDATE_GOLDEN=1"
    assert text == path.read_text()


def test_a_dataclass_attribute_is_not_a_missing_rule():
    layer = Layer(np.ones((3, 2)), np.zeros(2))
    grads = tangentish.grad(layer_loss)(layer, np.ones((1, 3)))
    assert isinstance(grads, Layer) and grads.w.shape == (3, 2)
    assert grads.name is None


# -- refused, clearly ------------------------------------------------------------------------


def dynamic_key(params, key):
    return np.sum(params[key])


def items_loop(params):
    total = 0.0
    for _, value in params.items():
        total = total + np.sum(value)
    return total


def _keyword_only_helper(*, params):
    return np.sum(params["w"])


def whole_dict(params):  # (positionally or by keyword: differentiated, test_far_dict_helpers.py)
    return _keyword_only_helper(params=params)


def writes(params):
    params["w"] = params["w"] * 2.0
    return np.sum(params["w"])


def missing_key(params):
    return np.sum(params["nope"])


@pytest.mark.parametrize("f, args, message", [
    (dynamic_key, ({"w": np.ones(2)}, "w"), "cannot differentiate this use of the dict params"),
    (whole_dict, ({"w": np.ones(2)},), "cannot differentiate this use of the dict params"),
    (writes, ({"w": np.ones(2)},), "cannot write into the container parameter params['w']"),
    (missing_key, ({"w": np.ones(2)},), "params has no key 'nope'"),
], ids=["dynamic_key", "whole_dict_to_keyword_only", "write", "missing_key"])
def test_refused_with_the_line(f, args, message):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(*args)
    assert message in str(info.value)
    assert info.value.location is not None and info.value.location.line
    assert info.value.hint


def test_a_list_of_dicts_indexed_by_a_variable_is_refused():
    def loss(layers, x):
        i = 0
        while i < len(layers):  # (a range loop indexing them is unrolled)
            x = np.tanh(x @ layers[i]["W"])
            i = i + 1
        return np.sum(x)

    with pytest.raises(UnsupportedConstructError, match="holds a dict") as info:
        tangentish.grad(loss)([{"W": np.eye(2)}], np.ones(2))
    assert "layers[i]" in info.value.location.line


def test_items_of_a_dict_are_unrolled():  # (more in test_container_aliases.py)
    params = {"w": np.arange(2.0), "v": np.ones(3)}
    assert_same_tree(tangentish.grad(items_loop)(params), numeric(items_loop, (params,), 0),
                     params)


def test_a_list_of_dicts_indexed_by_constants_works():
    def loss(layers, x):
        return np.sum(np.tanh(x @ layers[0]["W"]) @ layers[1]["W"])

    layers = [{"W": np.full((2, 3), 0.3)}, {"W": np.full((3, 1), 0.2)}]
    x = np.ones(2)
    assert_same_tree(tangentish.grad(loss)(layers, x), numeric(loss, (layers, x), 0), layers)


def test_objects_in_a_container_are_refused():
    with pytest.raises(ArgumentError, match=r"params\['opt'\] is a set"):
        tangentish.grad(dict_loss)({"W1": np.ones((3, 2)), "opt": {1}}, np.ones(3))


def test_a_tangent_of_another_structure_is_refused():
    params = {"W1": np.ones((3, 2)), "b1": np.ones(2), "W2": np.ones((2, 1)), "scale": 1.0}
    with pytest.raises(ArgumentError, match="structure of its argument"):
        tangentish.jvp(dict_loss)(params, np.ones(3), params_dot={"W1": np.ones((3, 2))})


def test_nested_displays_differentiate_without_containers():
    """A list of tuples built in the function: each item gets its adjoint (it used to be zero)."""
    def loss(w0, b0, w1, b1, x):
        layers = [(w0, b0), (w1, b1)]
        for W, b in layers:
            x = np.tanh(x @ W + b)
        return np.sum(x)

    rng = np.random.default_rng(4)
    args = (rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=(3, 2)),
            rng.normal(size=2), rng.normal(size=3))
    grads = tangentish.grad(loss, wrt=(0, 1, 2, 3))(*args)
    for i, g in enumerate(grads):
        np.testing.assert_allclose(g, numeric(loss, args, i), rtol=1e-5, atol=1e-7)


def test_a_ragged_tuple_output_takes_a_ragged_cotangent():
    def f(x):
        return np.sin(x), np.sum(x)

    x = np.linspace(0.1, 0.5, 3)
    _, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(pullback((np.ones(3), 2.0)), np.cos(x) + 2.0)
    rows, total = tangentish.jacobian(f)(x)
    np.testing.assert_allclose(rows, np.diag(np.cos(x)))
    np.testing.assert_allclose(total, np.ones(3))
    np.testing.assert_allclose(tangentish.grad(f)(x, out_bar=(np.ones(3), 1.0)), np.cos(x) + 1.0)


# -- more forms ------------------------------------------------------------------------------


def grows(ws, x):
    ws.append(ws[0] * x)  # the list changes inside: locally; the gradient has the input's form
    total = 0.0
    for w in ws:
        total = total + np.sum(w * w)
    return total


def pops(ws, x):
    last = ws.pop()
    return np.sum(last * ws[0] * x)


def _inner(layers, x):
    for W in layers:
        x = np.tanh(x @ W)
    return x


def calls_helper(layers, x):
    return np.sum(_inner(layers, x))


def unpacks(p, x):
    w, b = p
    return np.sum(w * x + b * b)


def namedtuple_of_list(p, x):
    return np.sum(p.w[0] * x + p.w[1] * p.b)


def sliced(ws, x):
    total = 0.0
    for w in ws[1:]:
        total = total + np.sum(w * w * x)
    return total


def with_default(x, params={"w": 2.0}, s=3.0):  # noqa: B006  (a default read, never written)
    return np.sum(x * params["w"] * s)


def pops_then_reads_the_last(ws, x):
    ws.pop()
    return np.sum(ws[-1] ** 2 * x)  # the item that is last now, not the one popped


def grows_through_an_alias(ws, x):
    same = ws
    same.append(ws[0] * x)
    return np.sum(ws[-1] ** 2) + np.sum(ws[0])


def grows_an_inner_list(t, x):
    for items in t:
        items.append(items[0] * x)
    return np.sum(t[0][-1] ** 2) + np.sum(t[1][-1])


MORE = [
    ("pops_then_reads_the_last", pops_then_reads_the_last,
     [np.array([1.0, 0.5]), np.array([2.0, -1.0]), np.array([3.0, 1.0])], 1.5),
    ("grows_through_an_alias", grows_through_an_alias,
     [np.array([1.0, 0.5]), np.array([2.0, -1.0])], 3.0),
    ("grows", grows, [np.array([1.0, 0.5]), np.array([2.0, -1.0])], 3.0),
    ("pops", pops, [np.array([1.0, 0.5]), np.array([2.0, -1.0])], 1.5),
    ("helper", calls_helper, [np.full((2, 2), 0.3), np.full((2, 2), -0.2)], np.ones(2)),
    ("unpacks", unpacks, Affine(np.array([0.5, 1.0]), 0.7), np.ones(2)),
    ("namedtuple_of_list", namedtuple_of_list,
     Affine([np.array([0.5, 1.0]), np.array([2.0, 3.0])], 0.7), np.ones(2)),
    ("sliced", sliced, [np.ones(2), np.array([1.0, 2.0]), 2.0], 1.5),
]


@pytest.mark.parametrize("name, f, tree, x", MORE, ids=[m[0] for m in MORE])
def test_more_forms(name, f, tree, x):
    expected = numeric(f, (copy.deepcopy(tree), x), 0)
    assert_same_tree(tangentish.grad(f)(tree, x), expected, tree)
    value, pullback = tangentish.vjp(f)(tree, x)
    assert_same_tree(pullback(1.0), expected, tree)


def test_an_inner_list_changed_through_another_name_is_refused():
    t = ([np.array([1.0, 0.5])], [np.array([2.0, -1.0]), np.array([0.5, 0.5])])
    with pytest.raises(UnsupportedConstructError, match="changed in place while the list"):
        tangentish.grad(grows_an_inner_list)(t, 3.0)


def test_keyword_only_default_and_aux():
    def keyword(x, *, params):
        return np.sum(x * params["w"]), "aux"

    grads, aux = tangentish.grad(keyword, wrt="params", has_aux=True)(
        np.arange(2.0), params={"w": np.ones(2)})
    np.testing.assert_allclose(grads["w"], [0.0, 1.0])
    assert aux == "aux"
    assert tangentish.grad(with_default, wrt="params")(np.ones(2)) == {"w": 6.0}
    text = tangentish.grad(with_default, wrt="params").specialized(np.ones(2)).source
    assert "def grad_with_default_wrt_params(x, params_w, s=3.0, *, out_bar=1.0):" in text


def test_a_partial_with_a_container():
    import functools

    layers = [np.full((2, 2), 0.3), np.full((2, 2), -0.2)]
    grads = tangentish.grad(functools.partial(calls_helper, x=np.ones(2)))(layers)
    expected = numeric(calls_helper, (layers, np.ones(2)), 0)
    assert_same_tree(grads, expected, layers)


def test_the_source_needs_the_structure():
    derivative = tangentish.grad(layer_loss)
    with pytest.raises(ArgumentError, match="depends on the structure"):
        derivative.source  # noqa: B018
    text = derivative.specialized(Layer(np.ones((3, 2)), np.zeros(2)), np.ones((1, 3))).source
    assert "def grad_layer_loss_wrt_layer(layer_w, layer_b, layer_scale, layer_name, x," in text


def vector_out(params, x):
    return np.sin(x @ params["W"]) * params["s"] + params["n"]


@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_jacobian_blocks_in_the_structure(mode):
    rng = np.random.default_rng(5)
    params = {"W": rng.normal(size=(3, 2)), "s": 1.5, "n": 2}
    x = rng.normal(size=3)
    blocks = tangentish.jacobian(vector_out, mode=mode)(params, x)
    assert list(blocks) == ["W", "s", "n"] and blocks["n"] is None
    for k in range(2):  # row k of the Jacobian is the gradient of output k
        expected = numeric(lambda p, v, k=k: vector_out(p, v)[k], (params, x), 0)
        np.testing.assert_allclose(blocks["W"][k], expected["W"], rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(blocks["s"][k], expected["s"], rtol=1e-5, atol=1e-8)
    layer = Layer(rng.normal(size=(3, 2)), rng.normal(size=2))
    found = tangentish.jacobian(lambda p, v: np.tanh(v @ p.w + p.b), mode=mode)(layer, x)
    assert isinstance(found, Layer) and found.w.shape == (2, 3, 2) and found.name is None


def curved(params, x):
    return np.sum(np.sin(x @ params["W"]) * params["s"] ** 2) + np.sum(params["b"] ** 3)


def test_hessian_and_hvp_in_the_structure():
    params = {"W": np.arange(6.0).reshape(3, 2) * 0.1, "s": 2.0, "n": 3, "b": np.array([0.5, 1.0])}
    x = np.array([1.0, -0.5, 2.0])
    blocks = tangentish.hessian(curved)(params, x)
    assert list(blocks) == list(params) and blocks["n"] is None
    assert blocks["W"]["W"].shape == (3, 2, 3, 2) and blocks["b"]["W"].shape == (2, 3, 2)
    assert blocks["W"]["n"] is None
    gradient = tangentish.grad(curved)
    for key in ("W", "s", "b"):  # H[key][other][i]: d gradient[key][i] / d params[other]
        for i in np.ndindex(np.shape(params[key])):
            row = numeric(lambda p, v, k=key, i=i: np.asarray(gradient(p, v)[k])[i],
                          (params, x), 0)
            for other in ("W", "s", "b"):
                np.testing.assert_allclose(np.asarray(blocks[key][other])[i], row[other],
                                           rtol=1e-5, atol=1e-6)
    direction = {"W": np.ones((3, 2)), "s": 1.0, "n": None, "b": np.array([1.0, -1.0])}
    product = tangentish.hvp(curved)(params, x, direction)
    assert product["n"] is None
    expected = numeric(lambda p, v: sum(np.sum(gradient(p, v)[k] * direction[k])
                                        for k in ("W", "s", "b")), (params, x), 0)
    for key in ("W", "s", "b"):
        np.testing.assert_allclose(product[key], expected[key], rtol=1e-5, atol=1e-6)


def test_transforms_of_a_derivative_say_to_use_the_function():
    with pytest.raises(ArgumentError, match="not by transforms of a derivative"):
        tangentish.jvp(tangentish.grad(curved))({"W": np.ones((3, 2))}, np.ones(3),
                                                params_dot={"W": np.ones((3, 2))})
    assert tangentish.check_grads(curved, ({"W": np.ones((3, 2)), "s": 1.0, "b": np.ones(2)},
                                           np.ones(3)), wrt=0, order=2).ok  # (over leaves)


@pytest.mark.parametrize("name, f, tree, x", CASES, ids=IDS)
def test_check_grads_over_leaves(name, f, tree, x):
    assert tangentish.check_grads(f, (tree, x), wrt=0).ok
    assert tangentish.check_grads(f, (tree, x), wrt=(1, 0)).ok


def test_check_grads_blames_the_leaf():
    from tangentish import extend
    from tangentish.checking.report import GradientCheckError

    def doubled_sin(x):
        return np.sin(x)

    extend.elementwise(doubled_sin, lambda y, x: 2.0 * np.cos(x))  # wrong on purpose

    def loss(p, x):
        return np.sum(doubled_sin(p["w"] * x)) + np.sum(p["v"])

    with pytest.raises(GradientCheckError, match=r"argument 0 \('p_w'\)"):
        tangentish.check_grads(loss, ({"w": np.ones(3), "v": np.ones(2), "n": 1}, np.ones(3)))


def test_jax_style_calls_with_containers():
    p, x = Affine(np.array([0.5, 1.0]), 0.7), np.array([1.0, -2.0])
    value, derivative = tangentish.jvp(affine_loss, (p, x), (Affine(np.ones(2), 1.0),
                                                             np.zeros(2)))
    expected = numeric(affine_loss, (p, x), 0)
    np.testing.assert_allclose(derivative, np.sum(expected.w) + expected.b)
    _, pullback = tangentish.vjp(affine_loss, p, x)
    g_p, g_x = pullback(1.0)
    assert_same_tree(g_p, expected, p)
    np.testing.assert_allclose(g_x, numeric(affine_loss, (p, x), 1), rtol=1e-5)


def nested_output(x):
    return np.sin(x), (x * 2.0, [np.sum(x), x ** 2])


def test_nested_tuple_and_list_outputs():
    x = np.array([0.5, 1.0])
    value, tangent = tangentish.jvp(nested_output)(x, x_dot=np.ones(2))
    assert isinstance(tangent[1][1], list)
    np.testing.assert_allclose(tangent[1][1][1], 2.0 * x)
    np.testing.assert_allclose(tangent[1][1][0], 2.0)
    _, pullback = tangentish.vjp(nested_output)(x)
    got = pullback((np.ones(2), (np.ones(2), [1.0, np.ones(2)])))
    np.testing.assert_allclose(got, np.cos(x) + 2.0 + 1.0 + 2.0 * x)
    with pytest.raises(tangentish.errors.ArgumentValueError, match="one per output value"):
        pullback((np.ones(2), np.ones(2)))
    blocks = tangentish.jacobian(nested_output)(x)  # the output's structure, blocks inside
    assert isinstance(blocks, tuple) and isinstance(blocks[1][1], list)
    np.testing.assert_allclose(blocks[1][1][1], np.diag(2.0 * x))
    np.testing.assert_allclose(blocks[1][1][0], [1.0, 1.0])


def test_dict_outputs_of_container_arguments():
    def named(p):
        return {"a": p["w"] * 2.0, "n": 3}

    value, tangent = tangentish.jvp(named)({"w": np.ones(2)}, p_dot={"w": np.full(2, 0.5)})
    assert value["n"] == 3 and np.allclose(value["a"], 2.0)
    np.testing.assert_allclose(tangent["a"], 1.0)
    assert tangent["n"] is None
    _, pullback = tangentish.vjp(named)({"w": np.ones(2)})
    got = pullback({"a": np.array([1.0, 2.0]), "n": None})
    np.testing.assert_allclose(got["w"], [2.0, 4.0])


def test_hessian_and_hvp_of_a_function_reading_fields():
    layer = Layer(np.array([[0.5], [-1.0], [2.0]]), np.array([0.3]), 1.5)
    x = np.array([[1.0, 0.5, -0.5]])
    blocks = tangentish.hessian(layer_loss)(layer, x)
    assert isinstance(blocks, Layer) and isinstance(blocks.w, Layer) and blocks.name is None
    gradient = tangentish.grad(layer_loss)
    row = numeric(lambda p, v: gradient(p, v).scale, (layer, x), 0)  # d grad.scale / d layer
    np.testing.assert_allclose(blocks.scale.w, row.w, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(blocks.scale.b, row.b, rtol=1e-5, atol=1e-7)
    direction = Layer(np.ones((3, 1)), np.ones(1), 1.0, None)
    product = tangentish.hvp(layer_loss)(layer, x, direction)
    expected = numeric(lambda p, v: float(np.sum(gradient(p, v).w) + np.sum(gradient(p, v).b)
                                          + gradient(p, v).scale), (layer, x), 0)
    np.testing.assert_allclose(product.w, expected.w, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(product.scale, expected.scale, rtol=1e-5, atol=1e-7)
    with pytest.raises(tangentish.errors.MissingRuleError, match="attribute `.w`"):
        tangentish.hessian(layer_loss)(np.ones((3, 1)), x)  # an array has no field w


def test_partials_of_container_functions_have_specialized():
    import functools  # (here: an import above would move the golden file's line numbers)

    p, x = Affine(np.array([0.5, 1.0]), 0.7), np.array([1.0, -2.0])
    derivative = tangentish.grad(functools.partial(affine_loss, x=x))  # reads fields: per structure
    with pytest.raises(ArgumentError, match="no source before it sees them"):
        assert derivative.source is None  # (raises)
    text = derivative.specialized(p).source
    assert text.startswith("def grad_affine_loss_wrt_p(p_w, p_b, x,")
    assert_same_tree(derivative(p), numeric(affine_loss, (p, x), 0), p)
    params = {"W1": np.ones((2, 3)) * 0.1, "b1": np.zeros(3), "W2": np.ones(3), "scale": 2.0}
    bound = tangentish.grad(functools.partial(dict_loss, x=np.array([[1.0, -1.0]])))
    assert "params_W1" in bound.specialized(params).source
    assert_same_tree(bound(params), numeric(dict_loss, (params, np.array([[1.0, -1.0]])), 0),
                     params)


def test_check_grads_order_2_over_leaves():
    def loss(params, x):
        return np.sum(np.tanh(params["w"] * x)) ** 2 * params["c"]

    params = {"w": np.array([0.3, -0.2]), "c": 1.5, "n": 2}
    x = np.array([1.0, 2.0])
    report = tangentish.check_grads(loss, (params, x), wrt=(0, 1), order=2)
    assert report.ok and any(r.kind == "order2" for r in report.records)
    p = Affine(np.array([0.3, -0.2]), 0.4)  # a function reading fields (built per structure)
    assert tangentish.check_grads(lambda q, x: np.sum(np.sin(q.w * x) + q.b ** 3), (p, x),
                                  order=2).ok


def flat_cube(x):
    return x ** 3


def _register_flat_cube():
    from tangentish import extend

    extend.elementwise(flat_cube, lambda y, x: 3.0 * tangentish.stop_gradient(x) ** 2)


_register_flat_cube()


def test_check_grads_order_2_over_leaves_finds_a_wrong_second_derivative():
    from tangentish.checking.report import GradientCheckError

    def loss(p, x):  # right gradient; its own derivative misses d(x**2)/dx
        return np.sum(flat_cube(p["w"] * x))

    params = {"w": np.array([0.3, -0.2, 0.5])}
    assert tangentish.check_grads(loss, (params, np.ones(3))).ok
    with pytest.raises(GradientCheckError, match=r"order2|second"):
        tangentish.check_grads(loss, (params, np.ones(3)), order=2)
