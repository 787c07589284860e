"""Parts of container parameters named by locals (:mod:`tangentish.passes.unroll`): loops over
lists of dicts or namedtuples unrolled, aliases (``q = params[0]``), unpacking, ``enumerate``,
``zip``, ``reversed`` and ``.items()``; in grad, vjp, jvp, hessian and check_grads, each against
central finite differences.  One unrolled MLP gradient is a golden file
(``tests/golden/containers/``; ``TANGENTISH_UPDATE_GOLDEN=1``)."""

from __future__ import annotations

import dataclasses
from collections import namedtuple

import numpy as np
import pytest
from test_containers import GOLDEN, UPDATE, assert_same_tree, numeric
from test_containers import test_jvp_takes_tangents_in_the_structure as jvp_in_the_structure

import tangentish
from tangentish.arguments.trees import LEAF, leaves, structure
from tangentish.errors import UnsupportedConstructError

L = namedtuple("L", "w b")


@dataclasses.dataclass
class Head:
    v: np.ndarray
    scale: float


def dict_layers(params, x):
    for layer in params["layers"]:
        x = np.tanh(layer["w"] @ x + layer["b"])
    return np.sum(x ** 2)


def namedtuple_layers(params, x):
    for layer in params:
        x = np.tanh(layer.w @ x + layer.b)
    return np.sum(x ** 2)


def alias(params, x):
    q = params[0]
    w, b = q.w, q.b
    return np.sum(np.tanh(w @ x + b) ** 2)


def unpacked(params, x):
    first, second = params
    return np.sum(np.tanh(second.w @ np.tanh(first.w @ x + first.b) + second.b) ** 2)


def nested_alias(p, x):
    q = p["l"][0]
    h = p["h"]
    return np.sum(np.sin(q.w @ x) * h.v) * h.scale


def enumerate_zip(params, x):
    layers, scales = params["layers"], params["scales"]
    for i, (layer, s) in enumerate(zip(layers, scales), start=1):  # noqa: B905 (no strict=)
        x = np.tanh(layer["w"] @ x + layer["b"]) * s / i
    return np.sum(x ** 2)


def reversed_items(params, x):
    total = 0.0
    for key, value in params["enc"].items():
        total = total + np.sum(value * x) * (2.0 if key == "a" else 1.0)
    for layer in reversed(params["layers"]):
        x = np.sin(layer["w"] @ x)
    return total + np.sum(x)


def unpack_in_loop(params, x):
    for layer in params:
        w, b = layer
        x = np.tanh(w @ x + b)
    return np.sum(x ** 2)


def nested_loops(params, x):
    for block in params["blocks"]:
        for layer in block["layers"]:
            x = np.tanh(layer.w @ x + layer.b)
    return np.sum(x ** 2)


def early_return(params, x):
    for layer in params:
        if np.sum(x) > 100.0:
            return np.sum(x)
        x = np.tanh(layer.w @ x + layer.b)
    return np.sum(x ** 2)


def comprehension(params, x):
    ys = [np.sum(np.sin(w @ x)) * i for i, (w, _) in enumerate(params)]
    zs = [layer.b * x for layer in params]
    return ys[0] + ys[1] + np.sum(zs[1])


def loops_in_a_loop(params, x):
    for layer in params:
        x = np.sin(layer.w @ x)
    n = 0
    while n < 2:
        for layer in params:  # (bound again before it is read: fine)
            x = np.tanh(layer.w @ x + layer.b)
        n = n + 1
    return np.sum(x ** 2)


def indexed(params, x):
    for i in range(len(params["layers"])):
        x = np.tanh(params["layers"][i]["w"] @ x) * params["scales"][i]
    for key in params["head"]:
        x = x * params["head"][key]
    return np.sum(x)


def _layers(rng, n=2, make=dict):
    if make is dict:
        return [{"w": rng.normal(size=(3, 3)) * 0.5, "b": rng.normal(size=3)} for _ in range(n)]
    return [L(rng.normal(size=(3, 3)) * 0.5, rng.normal(size=3)) for _ in range(n)]


def _cases():
    rng = np.random.default_rng(13)
    x = rng.normal(size=3)
    return [
        ("dict_layers", dict_layers, {"layers": _layers(rng)}, x),
        ("namedtuple_layers", namedtuple_layers, _layers(rng, make=L), x),
        ("alias", alias, _layers(rng, make=L), x),
        ("unpacked", unpacked, _layers(rng, make=L), x),
        ("nested_alias", nested_alias, {"l": _layers(rng, 1, L), "h": Head(rng.normal(size=3),
                                                                            1.5)}, x),
        ("enumerate_zip", enumerate_zip, {"layers": _layers(rng, 3), "scales": [0.5, 2.0, 1.0]},
         x),
        ("reversed_items", reversed_items, {"enc": {"a": rng.normal(size=3), "b": 2.0},
                                            "layers": _layers(rng)}, x),
        ("nested_loops", nested_loops, {"blocks": [{"layers": _layers(rng, 2, L)},
                                                   {"layers": _layers(rng, 1, L)}]}, x),
        ("early_return", early_return, _layers(rng, make=L), x),
        ("loops_in_a_loop", loops_in_a_loop, _layers(rng, make=L), x),
        ("comprehension", comprehension, _layers(rng, make=L), x),
        ("indexed", indexed, {"layers": _layers(rng), "scales": [0.5, 2.0],
                              "head": {"a": rng.normal(size=3), "b": 1.5}}, x),
        ("unpack_in_loop", unpack_in_loop, [(layer.w, layer.b) for layer in _layers(rng, 2, L)]
         + [L(*_layers(rng, 1, L)[0])], x),
    ]


CASES = _cases()
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize("name, f, params, x", CASES, ids=IDS)
def test_grad(name, f, params, x):
    assert_same_tree(tangentish.grad(f)(params, x), numeric(f, (params, x), 0), params)


@pytest.mark.parametrize("name, f, params, x", CASES, ids=IDS)
def test_vjp(name, f, params, x):
    value, pullback = tangentish.vjp(f)(params, x)
    np.testing.assert_allclose(value, f(params, x))
    expected = numeric(f, (params, x), 0)
    got = pullback(2.0)
    got = got[0] if isinstance(got, tuple) and not isinstance(params, tuple) and \
        len(got) != len(params) else got
    shape = structure(params)
    for g, e, (_, sub) in zip(leaves(got, shape), leaves(expected, shape), shape.leaf_paths(),
                              strict=True):
        if sub.kind == LEAF:
            np.testing.assert_allclose(g, 2.0 * np.asarray(e), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name, f, params, x", CASES, ids=IDS)
def test_jvp(name, f, params, x):
    jvp_in_the_structure(name, f, params, x)  # (a random tangent, against finite differences)


@pytest.mark.parametrize("name, f, params, x", CASES, ids=IDS)
def test_check_grads(name, f, params, x):
    assert tangentish.check_grads(f, (params, x), wrt=0).ok


@pytest.mark.parametrize("name, f, params, x", CASES[:3], ids=IDS[:3])
def test_hessian(name, f, params, x):
    shape = structure(params)
    blocks = tangentish.hessian(f)(params, x)
    gradient = tangentish.grad(f)
    paths = [path for path, sub in shape.leaf_paths() if sub.kind == LEAF]
    for i, path in enumerate(paths):
        block_row = leaves(blocks, structure(blocks))
        for index in np.ndindex(np.shape(_at(params, path))):
            row = numeric(lambda p, v, path=path, index=index:
                          np.asarray(_at(gradient(p, v), path))[index], (params, x), 0)
            for j, other in enumerate(paths):
                got = np.asarray(block_row[i * len(paths) + j])[index]
                np.testing.assert_allclose(got, _at(row, other), rtol=1e-4, atol=1e-5)


def _at(tree, path):
    for key in path:
        tree = getattr(tree, key) if isinstance(key, str) and not isinstance(tree, dict) \
            else tree[key]
    return tree


def test_unrolled_mlp_golden():
    params = {"layers": _layers(np.random.default_rng(0))}
    text = tangentish.grad(dict_layers).specialized(params, np.ones(3)).source
    assert "params_layers_0_w_bar" in text and "params_layers_1_b_bar" in text
    path = GOLDEN / "dict_layers.py"
    if UPDATE:
        path.write_text(text)
    assert path.exists(), f"no golden file {path}; run with TANGENTISH_UPDATE_GOLDEN=1"
    assert text == path.read_text()


def breaks(params, x):
    for layer in params:
        if np.sum(x) > 10.0:
            break
        x = layer.w @ x
    return np.sum(x)


def after_if(params, x):
    q = params[0]
    if np.sum(x) > 0.0:
        q = params[1]
        x = x * 2.0
    return np.sum(q.w @ x)


def also_assigned(params, x):
    q = params[0]
    s = np.sum(q.w @ x)
    q = 2.0
    return s * q


def in_lambda(params, x):
    q = params[0]
    f = lambda v: q.w @ v  # noqa: E731
    return np.sum(f(x))


def rebound_in_loop(params, x):
    q = params[0]
    while np.sum(x) < 3.0:
        x = x + np.sum(q.w)
        q = params[1]
    return np.sum(x)


def helper_gets_a_part(params, x):
    def step(layer, v):
        return np.tanh(layer.w @ v)
    for layer in params:
        x = step(layer, x)
    return np.sum(x)


def variable_index(params, x):
    i = 0
    while i < 2:
        x = params[i].w @ x
        i = i + 1
    return np.sum(x)


@pytest.mark.parametrize("f, message", [
    (helper_gets_a_part, "cannot differentiate this use of the namedtuple L params[0]"),
    (variable_index, "params is used as a whole, but it holds a namedtuple L"),
    (breaks, "`break` in a loop over a container of containers"),
    (after_if, "'q' stands for params[1], but which part it names here is not known"),
    (also_assigned, "'q' stands for params[0] and is also assigned another value"),
    (in_lambda, "'q' stands for params[0], but which part it names here is not known"),
    (rebound_in_loop, "'q' stands for params[1], but which part it names here is not known"),
], ids=["helper", "variable_index", "break", "after_if", "also_assigned", "lambda", "rebound_in_loop"])
def test_refused_with_the_line(f, message):
    params = _layers(np.random.default_rng(1), make=L)
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(params, np.ones(3))
    assert message in str(info.value)
    assert info.value.location is not None and info.value.location.line
    assert info.value.hint
