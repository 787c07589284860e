"""Container outputs: functions returning dicts, lists, tuples, namedtuples and dataclasses (nested,
with constant leaves), through ``vjp``, ``jvp``, ``jacobian`` (both modes) and ``grad``'s refusal.

Every derivative is compared with central finite differences (``tests/helpers.numeric_grad``) of
the output's leaves, read by this file's own small flattening (not tangentish's); the structure of
each result (container types, keys, ``None`` at constant leaves) is asserted too.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import pathlib
import subprocess
import sys
from collections import namedtuple
from typing import Any

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.errors import (
    ArgumentError,
    ArgumentValueError,
    NonScalarOutputError,
    UnsupportedConstructError,
)

HERE = pathlib.Path(__file__).parent
Pair = namedtuple("Pair", "s v")


@dataclasses.dataclass
class Stats:
    c: Any
    total: Any
    count: Any


@dataclasses.dataclass
class Checked:
    a: Any

    def __post_init__(self):
        self.a = self.a


def out_dict(x):
    return {"s": np.sum(x ** 2), "v": np.sin(x)}


def out_list(x):
    return [np.sum(x ** 2), np.sin(x) * x]


def out_tuple(x):
    return (np.tanh(x), np.prod(x))


def out_tuple_constants(x):
    return (np.sin(x), 3, [x * 2.0, None])


def out_namedtuple(x):
    return Pair(v=x * x, s=np.sum(np.exp(x)))  # keywords out of field order


def out_dataclass(x):
    return Stats(np.cos(x), np.sum(x), 2)


def out_nested(x):
    h = x * 3.0
    return {"enc": {"w": h[:2], "b": (np.sum(x), None)}, "name": "m", "z": [x ** 3, Pair(x, 1)]}


def out_built_list(x):  # a leaf of the display holds a list the loop built
    xs = []
    for i in range(3):
        xs.append(np.sin(x) * (i + 1.0))
    return {"xs": xs, "n": len(xs)}


def out_branches(x):
    if x[0] > 0:
        return {"a": x * 2.0, "n": 1}
    return {"a": -np.exp(x), "n": 0}


KINDS = {"dict": out_dict, "list": out_list, "tuple": out_tuple,
         "tuple_constants": out_tuple_constants, "namedtuple": out_namedtuple,
         "dataclass": out_dataclass, "nested": out_nested, "built_list": out_built_list,
         "branches": out_branches}
X = np.array([0.3, -0.7, 1.2])


# -- the test's own view of a tree: leaves in order, and the same structure with new leaves ------

def flat(value: Any) -> list:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in flat(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in flat(v)]
    if dataclasses.is_dataclass(value):
        return [leaf for f in dataclasses.fields(value) for leaf in flat(getattr(value, f.name))]
    return [value]


def same_structure(result: Any, like: Any, leaf_check=None) -> None:
    """``result`` has the containers of ``like`` (types, keys, lengths); leaves may differ."""
    if isinstance(like, (dict, list, tuple)) or dataclasses.is_dataclass(like):
        assert type(result) is type(like), (type(result), type(like))
    if isinstance(like, dict):
        assert list(result) == list(like)
        for k in like:
            same_structure(result[k], like[k], leaf_check)
    elif isinstance(like, (list, tuple)):
        assert len(result) == len(like)
        for r, v in zip(result, like, strict=True):
            same_structure(r, v, leaf_check)
    elif dataclasses.is_dataclass(like):
        for f in dataclasses.fields(like):
            same_structure(getattr(result, f.name), getattr(like, f.name), leaf_check)


def is_float(leaf: Any) -> bool:
    return isinstance(leaf, (float, np.floating)) or (
        isinstance(leaf, np.ndarray) and leaf.dtype.kind == "f")


def fd_jacobian(f, x) -> list:
    """Per output leaf: its Jacobian block (leaf.shape + x.shape) by central differences, or None
    at a constant leaf."""
    blocks = []
    for i, leaf in enumerate(flat(f(x))):
        if not is_float(leaf):
            blocks.append(None)
            continue
        rows = [numeric_grad(lambda z, i=i, k=k: np.ravel(flat(f(z))[i])[k], (x,))
                for k in range(np.size(leaf))]
        blocks.append(np.reshape(rows, np.shape(leaf) + np.shape(x)))
    return blocks


def cotangent_like(value: Any, rng) -> tuple[Any, list]:
    """A random cotangent in the structure of ``value`` (None at constants) and its leaves."""
    leaves = [rng.standard_normal(np.shape(v)) if is_float(v) else None for v in flat(value)]
    return rebuild_like(value, iter(leaves)), leaves


def rebuild_like(like: Any, parts) -> Any:
    if isinstance(like, dict):
        return {k: rebuild_like(v, parts) for k, v in like.items()}
    if isinstance(like, tuple) and hasattr(like, "_fields"):
        return type(like)(*(rebuild_like(v, parts) for v in like))
    if isinstance(like, (list, tuple)):
        return type(like)(rebuild_like(v, parts) for v in like)
    if dataclasses.is_dataclass(like):
        return type(like)(**{f.name: rebuild_like(getattr(like, f.name), parts)
                             for f in dataclasses.fields(like)})
    return next(parts)


def close(actual, expected) -> None:
    np.testing.assert_allclose(np.asarray(actual, float), expected, rtol=1e-5, atol=1e-7)


# -- the table: each kind of container x each mode --------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("x", [X, -X], ids=["x", "minus_x"])
def test_vjp(kind, x):
    f = KINDS[kind]
    value, pullback = tangentish.vjp(f)(x)
    same_structure(value, f(x))
    for got, want in zip(flat(value), flat(f(x)), strict=True):
        assert got == want if not is_float(want) else np.allclose(got, want)
    cotangent, leaves = cotangent_like(value, np.random.default_rng(len(kind)))
    expected = sum(np.tensordot(c, b, axes=np.ndim(c)) for c, b in zip(leaves, fd_jacobian(f, x),
                                                                         strict=True)
                   if c is not None)
    close(pullback(cotangent), expected)


@pytest.mark.parametrize("kind", list(KINDS))
def test_jvp(kind):
    f = KINDS[kind]
    v = np.array([0.5, -1.0, 2.0])
    value, tangent = tangentish.jvp(f)(X, x_dot=v)
    same_structure(value, f(X))
    same_structure(tangent, f(X))
    for t, block in zip(flat(tangent), fd_jacobian(f, X), strict=True):
        if block is None:
            assert t is None
        else:
            close(t, block @ v)


@pytest.mark.parametrize("mode", ["rev", "fwd"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_jacobian(kind, mode):
    f = KINDS[kind]
    blocks = tangentish.jacobian(f, mode=mode)(X)
    same_structure(blocks, f(X))  # JAX's layout: the output's structure, blocks at its leaves
    for got, want in zip(flat(blocks), fd_jacobian(f, X), strict=True):
        if want is None:
            assert got is None
        else:
            close(got, want)


def test_jacobian_with_several_wrt_nests_blocks_inside_the_output():
    def f(x, y):
        return {"p": x * y, "q": Pair(np.sum(x), y ** 2)}

    x, y = X, np.array([2.0, -1.0, 0.5])
    blocks = tangentish.jacobian(f, wrt=(0, 1))(x, y)
    assert isinstance(blocks["q"], Pair) and isinstance(blocks["q"].s, tuple)
    close(blocks["p"][0], np.diag(y))
    close(blocks["p"][1], np.diag(x))
    close(blocks["q"].s[0], numeric_grad(lambda z: np.sum(z), (x,)))
    close(blocks["q"].v[1], np.diag(2.0 * y))


@pytest.mark.parametrize("kind", ["dict", "namedtuple", "dataclass", "nested", "built_list",
                                  "branches"])
@pytest.mark.parametrize("transform", ["grad", "value_and_grad"])
def test_gradients_need_a_scalar_output(kind, transform):
    with pytest.raises(NonScalarOutputError, match=r"needs a scalar output.*\n.*\n.*\n.*"
                                                   r"\n?.*tangentish.vjp"):
        getattr(tangentish, transform)(KINDS[kind])(X)


@pytest.mark.parametrize("kind", ["list", "tuple"])
def test_gradients_of_tuple_and_list_outputs_say_so(kind):
    with pytest.raises(NonScalarOutputError, match="needs a single output"):
        tangentish.grad(KINDS[kind])(X)


# -- generated code ------------------------------------------------------------------------------

def test_leaves_get_names_in_generated_code():
    text = tangentish.source(out_nested, mode="vjp")
    assert "out_enc_w = " in text and "out_enc_b_0_bar = " in text and "out_z_0_bar" in text
    assert "out_z_1_v = 1" in text
    assert "out_name = 'm'" in text
    forward = tangentish.source(out_nested, mode="jvp")
    assert "out_z_0_dot = " in forward
    assert tangentish.source(out_nested, mode="vjp") == text  # (cached or not: the same text)


def test_generated_source_is_the_same_in_a_fresh_process():
    code = ("import sys; sys.path.insert(0, 'tests'); import test_outputs as t, tangentish; "
            "print(tangentish.source(t.out_nested, mode='vjp'), end='')")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=HERE.parent, env={**os.environ, "PYTHONPATH": str(HERE.parent)})
    assert got.stdout == tangentish.source(out_nested, mode="vjp")


# -- constants, cotangents, aux -----------------------------------------------------------------

def test_constant_leaves_take_none_or_zero_cotangents():
    _, pullback = tangentish.vjp(out_dataclass)(X)
    expected = pullback(Stats(np.ones(3), 1.0, None))
    close(pullback(Stats(np.ones(3), 1.0, 0)), expected)
    close(expected, -np.sin(X) + 1.0)
    with pytest.raises(ArgumentValueError, match=r"at output.count.*not zero.*a constant"):
        pullback(Stats(np.ones(3), 1.0, 5.0))


def test_cotangents_of_the_wrong_structure_or_shape_are_refused():
    _, pullback = tangentish.vjp(out_dict)(X)
    with pytest.raises(ArgumentError, match="structure of the output"):
        pullback({"v": np.ones(3), "s": 1.0})  # keys in another order
    with pytest.raises(ArgumentError, match="structure of the output"):
        pullback((1.0, np.ones(3)))
    with pytest.raises(ArgumentValueError, match=r"at output\['v'\].*shape \(2,\)"):
        pullback({"s": 1.0, "v": np.ones(2)})


def test_aux_may_be_a_dict():
    def loss(x):
        error = np.sum(x ** 2)
        return error, {"error": error, "size": x.size, "scaled": x * 2.0}

    gradient, aux = tangentish.grad(loss, has_aux=True)(X)
    close(gradient, numeric_grad(lambda z: loss(z)[0], (X,)))
    assert list(aux) == ["error", "size", "scaled"] and aux["size"] == 3
    (value, aux), gradient = tangentish.value_and_grad(loss, has_aux=True)(X)
    close(aux["scaled"], X * 2.0)

    def both(x):
        return {"s": np.sum(x), "v": x * x}, {"n": 1}

    value, tangent, aux = tangentish.jvp(both, has_aux=True)(X, x_dot=np.ones(3))
    assert aux == {"n": 1} and list(tangent) == ["s", "v"]
    close(tangent["v"], 2.0 * X)
    value, pullback, aux = tangentish.vjp(both, has_aux=True)(X)
    close(pullback({"s": 1.0, "v": np.ones(3)}), 1.0 + 2.0 * X)


# -- what is refused, and where ------------------------------------------------------------------

def test_a_structure_that_depends_on_the_data_is_refused():
    def f(x):
        if x[0] > 0:
            return {"a": x}
        return {"a": x, "b": x * 2.0}

    with pytest.raises(UnsupportedConstructError, match="structure that depends on the data") \
            as info:
        tangentish.vjp(f)
    assert "test_outputs.py" in str(info.value)

    def g(x):
        if x[0] > 0:
            return {"a": x}
        return x

    with pytest.raises(UnsupportedConstructError, match="depends on the data"):
        tangentish.jvp(g)


def test_a_dict_passed_on_is_refused():  # (one bound to a name: tests/test_dict_locals.py)
    def f(x):  # (passed where it runs once: a local first, passes/dict_hoist.py)
        return np.sum(x) * len({"a": np.sin(x)})

    np.testing.assert_array_equal(tangentish.grad(f)(np.ones(3)), np.ones(3))

    def g(x, c=True):  # (in a branch of a conditional expression: not bound first)
        return np.sum(x) * (len({"a": np.sin(x)}) if c else 1)

    with pytest.raises(UnsupportedConstructError, match="dict display") as info:
        tangentish.vjp(g)
    assert "return {" in str(info.value) and "d = {" in str(info.value)  # (how to write it)


@pytest.mark.parametrize("body, message", [
    ("return {k: x}", "keys are not constants"),
    ("return {'a': x, 'a': x}", "twice"),
    ("return {**other, 'a': x}", "`\\*\\*`"),
    ("return Pair(x)", "leaves 'v' to its default"),
    ("return Pair(x, x, x)", "positional"),
    ("return Pair(x, w=x)", "unknown"),
    ("return Checked(x)", "__post_init__"),
    ("return Pair(*(x, x))", "star arguments"),
    ("if x[0] > 0:\n        return {'a': x}", "reaching its end"),
])
def test_returns_whose_structure_is_not_in_the_code_are_refused(body, message, tmp_path):
    source = ("import numpy as np\nfrom test_outputs import Pair, Checked\nk = 'a'\n"
              f"other = {{}}\ndef f(x):\n    {body}\n")
    path = tmp_path / "returns_mod.py"
    path.write_text(source)
    namespace: dict = {"__name__": "returns_mod", "__file__": str(path)}
    exec(compile(source, str(path), "exec"), namespace)  # (tests/ is on sys.path: conftest.py)
    with pytest.raises(UnsupportedConstructError, match=message) as info:
        tangentish.vjp(namespace["f"])
    assert "returns_mod.py" in str(info.value)


def helper_dict(x):
    return {"a": np.sin(x)}


def helper_written_dict(x):
    d = {}
    d["a"] = np.sin(x)
    return d


def test_a_helper_returning_a_dict_display_is_inlined_and_others_are_refused_at_the_call():
    """A small helper returning a dict display with constant keys is inlined (its call's value
    a dict local, passes/record_helpers.py); one that writes its dict keeps its own derivative,
    which may not return a dict."""
    def f(x):
        return np.sum(helper_dict(x)["a"])

    def g(x):
        return np.sum(helper_written_dict(x)["a"])

    np.testing.assert_allclose(tangentish.grad(f)(X), np.cos(X), rtol=1e-14)
    with pytest.raises(UnsupportedConstructError, match="helper_written_dict.*only the "
                       "differentiated"):
        tangentish.grad(g)(X)


# -- check_grads ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
def test_check_grads_checks_container_outputs_in_both_modes(kind):
    report = tangentish.check_grads(KINDS[kind], (X,))
    assert report.ok and len(report.failures) == 0


def test_check_grads_finds_a_wrong_leaf():
    def wrong(x):  # the derivative ignores one factor: AD is half of finite differences
        return {"n": 1, "a": tangentish.stop_gradient(x) * x}

    report = tangentish.check_grads(wrong, (X,), raise_on_failure=False)
    assert not report.ok
    assert "tangentish.vjp" in report.summary() and "tangentish.jvp" in report.summary()


def test_check_grads_with_containers_in_and_out():
    def f(p, x):
        return {"a": p["w"] * x, "n": 2, "b": (np.sum(p["w"]) * p["c"],)}

    params = {"w": np.array([1.0, -0.5, 2.0]), "c": 2.0, "k": 1}
    assert tangentish.check_grads(f, (params, X), wrt=(0, 1)).ok


def test_check_grads_of_container_outputs_refuses_what_it_cannot_check():
    with pytest.raises(ArgumentError, match="first order only"):
        tangentish.check_grads(out_dict, (X,), order=2)
    with pytest.raises(ArgumentError, match="first order only"):
        tangentish.check_grads(out_dict, (X,), jvp=lambda x, t: None)


def test_derivatives_of_such_derivatives_and_exports_are_refused():
    with pytest.raises(ArgumentError, match="flat tuple of the leaves"):
        tangentish.vjp(tangentish.jvp(out_dict))
    with pytest.raises(ArgumentError, match="flat tuple of the leaves"):
        tangentish.jvp(tangentish.vjp(out_dict))
    from tangentish.export import ExportError, build_export

    with pytest.raises(ExportError, match="flat tuple of the leaves"):
        build_export(out_dict, 0, "vjp", stem="out_dict_vjp")


def test_other_callables_and_call_forms_return_containers_too():
    def scaled(x, s):
        return {"a": x * s, "n": 1}

    value, tangent = tangentish.jvp(functools.partial(scaled, s=3.0))(X, x_dot=np.ones(3))
    close(tangent["a"], 3.0)
    assert tangent["n"] is None and value["n"] == 1
    value, tangent = tangentish.jvp(out_namedtuple, (X,), (np.ones(3),))  # JAX's form
    assert isinstance(tangent, Pair)
    close(tangent.v, 2.0 * X)
    value, pullback = tangentish.vjp(out_namedtuple, X)
    (got,) = pullback(Pair(1.0, np.zeros(3)))
    close(got, np.exp(X))
    _, pullback = tangentish.vjp(lambda x: {"a": np.sin(x)})(X)
    close(pullback({"a": np.ones(3)}), np.cos(X))


def test_a_tuple_output_whose_tangent_is_zero_keeps_its_structure():
    def f(x):  # the tangent is a symbolic zero of the whole tuple
        return (tangentish.stop_gradient(x) * 2.0, tangentish.stop_gradient(x[:2]))

    value, tangent = tangentish.jvp(f)(X, x_dot=np.ones(3))
    assert isinstance(tangent, tuple) and len(tangent) == 2
    close(tangent[0], np.zeros(3))
    close(tangent[1], np.zeros(2))


def test_rebinding_the_returned_class_rebuilds_the_derivative(monkeypatch):
    before = tangentish.jvp(out_namedtuple)(X, x_dot=np.ones(3))[1]
    assert type(before) is Pair
    Other = namedtuple("Other", "s v")
    monkeypatch.setitem(out_namedtuple.__globals__, "Pair", Other)
    after = tangentish.jvp(out_namedtuple)(X, x_dot=np.ones(3))[1]
    assert type(after) is Other
    close(after.v, 2.0 * X)


@pytest.mark.parametrize("mode", ["vjp", "jvp"])
def test_generated_source_golden(mode):
    """The whole text, reviewed (``TANGENTISH_UPDATE_GOLDEN=1`` writes it after a change)."""
    text = tangentish.source(out_nested, mode=mode)
    path = HERE / "golden" / "containers" / f"outputs_{mode}_out_nested.py"  # (test_golden skips)
    if os.environ.get("TANGENTISH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"no golden file {path}; run with TANGENTISH_UPDATE_GOLDEN=1"
    assert text == path.read_text()
