"""tangentish.arguments: the one wrt resolver and the checks made on each call of a derivative."""

from __future__ import annotations  # annotations are strings here: the resolver must read them

import inspect

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish import arguments, pipeline
from tangentish.arguments import (
    KEYWORD,
    POSITIONAL,
    VARARGS,
    VARKW,
    CallCheck,
    Wrt,
    check_argument,
    check_aux_pair,
    check_cotangent,
    check_tangent,
    parameters,
    resolve_wrt,
)
from tangentish.arguments.results import check_gradient, check_gradients, check_output_tangent
from tangentish.errors import (
    ArgumentError,
    ArgumentValueError,
    InternalError,
    UnsupportedValueError,
)
from tangentish.syntax.parse import parse_function


def model(w, b, /, x, y=2.0, *rest, scale=1.0, flag: bool = True, **extra):
    return w


def loss(w, x, b=0.5, *, scale=1.0):
    return scale * np.sum((x @ w + b) ** 2)


def counted(x, n: int):
    return x * n


def defaults_under_wrt(x, y=2, /):
    return x * y * y


# -- parameters -----------------------------------------------------------------------------------

def test_parameters_from_the_code_object_agree_with_inspect():
    fast = parameters(model)
    assert [(p.name, p.kind, p.positional_only, p.default) for p in fast] == [
        ("w", POSITIONAL, True, inspect.Parameter.empty),
        ("b", POSITIONAL, True, inspect.Parameter.empty),
        ("x", POSITIONAL, False, inspect.Parameter.empty),
        ("y", POSITIONAL, False, 2.0),
        ("rest", VARARGS, False, inspect.Parameter.empty),
        ("scale", KEYWORD, False, 1.0),
        ("flag", KEYWORD, False, True),
        ("extra", VARKW, False, inspect.Parameter.empty),
    ]
    slow = inspect.signature(model).parameters
    assert [p.name for p in fast] == list(slow)
    assert fast[6].annotation == "bool"


def test_parameters_of_what_has_no_signature_is_none():
    assert parameters(min) is None


# -- resolve_wrt ----------------------------------------------------------------------------------

@pytest.mark.parametrize("wrt, names, positions, single", [
    (0, ("w",), (0,), True),
    (-1, ("b",), (2,), True),
    ("x", ("x",), (1,), True),
    (np.int64(1), ("x",), (1,), True),
    (("w", -1), ("w", "b"), (0, 2), False),
    (["b", 0], ("b", "w"), (2, 0), False),
    (("w",), ("w",), (0,), False),
    ("scale", ("scale",), (None,), True),
])
def test_resolve_wrt_forms(wrt, names, positions, single):
    assert resolve_wrt(loss, wrt) == Wrt(names, positions, single)


@pytest.mark.parametrize("wrt, cls, fragment", [
    (True, ArgumentError, "bool"),
    (np.bool_(False), ArgumentError, "bool"),
    (1.0, ArgumentError, "indexes are ints: wrt=1"),
    (1.5, ArgumentError, "float"),
    (None, ArgumentError, "wrt=None"),
    ({0}, ArgumentError, "set"),
    ((), ArgumentError, "empty"),
    ((0, [1]), ArgumentError, "list"),
    (3, ArgumentValueError, "out of range"),
    (-4, ArgumentValueError, "out of range"),
    ("X", ArgumentValueError, "did you mean 'x'"),
    ("sclae", ArgumentValueError, "did you mean 'scale'"),
    ((0, "w"), ArgumentValueError, "twice"),
    ((1, -2), ArgumentValueError, "twice"),
])
def test_resolve_wrt_refuses(wrt, cls, fragment):
    with pytest.raises(cls, match=None) as info:
        resolve_wrt(loss, wrt)
    message = str(info.value)
    assert fragment in message and "hint:" in message
    assert "def loss(w, x, b=0.5, *, scale=1.0):" in message  # points at the signature


def test_keyword_only_by_index_says_to_use_the_name():
    with pytest.raises(ArgumentValueError, match="chosen by name"):
        resolve_wrt(loss, 3)


def test_parameters_that_cannot_hold_a_real_number():
    with pytest.raises(ArgumentError, match="annotated as int"):
        resolve_wrt(counted, "n")
    with pytest.raises(ArgumentError, match="annotated as bool"):
        resolve_wrt(model, "flag")
    with pytest.raises(ArgumentError, match=r"\*args"):
        resolve_wrt(model, "rest")
    with pytest.raises(ArgumentError, match=r"\*\*kwargs"):
        resolve_wrt(model, "extra")


def test_positional_tuples_of_arguments():
    assert resolve_wrt(loss, -1, nargs=3).positions == (2,)
    with pytest.raises(ArgumentValueError, match="only 2 arguments"):
        resolve_wrt(loss, "b", nargs=2)
    with pytest.raises(ArgumentError, match="keyword-only"):
        resolve_wrt(loss, "scale", nargs=3)
    assert resolve_wrt(model, 5, nargs=6) == Wrt(("args[5]",), (5,), True)  # into *rest
    assert resolve_wrt(min, 1, nargs=2) == Wrt(("args[1]",), (1,), True)  # no signature
    with pytest.raises(ArgumentError, match="no signature"):
        resolve_wrt(min, "x", nargs=2)


def test_the_pipeline_resolves_through_the_same_resolver():
    info = parse_function(loss)
    for wrt in (0, "x", ("w", -1)):
        resolved = resolve_wrt(loss, wrt)
        assert pipeline.resolve_wrt(info, ["w", "x", "b", "scale"], wrt) == (
            list(resolved.names), resolved.single)
    with pytest.raises(ArgumentError, match="float"):
        pipeline.resolve_wrt(info, ["w", "x", "b", "scale"], 1.0)


def test_wrt_is_checked_on_every_call_cache_hit_or_not():
    df = tangentish.grad(loss, wrt=1)
    assert tangentish.grad(loss, wrt=np.int64(1)) is df  # an equal wrt of a valid kind: cached
    for bad in (1.0, True, (1.0,)):
        with pytest.raises(ArgumentError):
            tangentish.grad(loss, wrt=bad)


def test_arguments_imports_nothing_above_it():
    source = inspect.getsource(arguments)
    for module in (arguments.calls, arguments.values, arguments.results, arguments.wrt):
        source += inspect.getsource(module)
    for name in ("api", "pipeline", "passes", "cache", "checking"):
        assert f"from ..{name}" not in source and f"from tangentish.{name}" not in source


# -- values ---------------------------------------------------------------------------------------

def test_promotion_of_integers():
    assert check_argument(3, "x", "f") == 3.0 and type(check_argument(3, "x", "f")) is float
    assert check_argument(np.int32(3), "x", "f").dtype == np.float64
    assert check_argument(np.arange(3), "x", "f").dtype == np.float64
    same = np.ones(2, dtype=np.float32)
    assert check_argument(same, "x", "f") is same


@pytest.mark.parametrize("value, fragment", [
    (True, "a bool"), (np.array([True]), "boolean array"), (1j, "complex"),
    (np.ones(2, dtype=complex), "complex array"), (None, "None"), ([1.0], "a list"),
    ((1.0,), "a tuple"), ("1", "a str"), (np.array(["a"]), "dtype <U1"),
    (10 ** 400, "too large"), (np.ma.masked_array([1.0]), "masked"),
])
def test_values_refused_under_wrt(value, fragment):
    with pytest.raises(ArgumentError, match=None) as info:
        check_argument(value, "x", "grad_f_wrt_x")
    assert fragment in str(info.value)
    assert "cannot differentiate grad_f_wrt_x with respect to x" in str(info.value)


def test_tangents_take_the_primal_shape_and_dtype():
    primal = np.ones(3, dtype=np.float32)
    assert check_tangent(np.ones(3), primal, "x_dot", "jvp_f").dtype == np.float32
    assert check_tangent(np.arange(3), np.ones(3), "x_dot", "jvp_f").dtype == np.float64
    with pytest.raises(ArgumentValueError, match=r"shape \(2,\), but x has shape \(3,\)"):
        check_tangent(np.ones(2), primal, "x_dot", "jvp_f")


def test_cotangents_match_the_output():
    assert check_cotangent(2, 1.0, "vjp_f") == 2.0
    pair = check_cotangent((1.0, np.ones(2)), (0.5, np.zeros(2)), "vjp_f")
    assert pair[0] == 1.0 and pair[1].shape == (2,)
    with pytest.raises(ArgumentValueError, match="tuple of 2"):
        check_cotangent(1.0, (0.5, np.zeros(2)), "vjp_f")
    with pytest.raises(ArgumentError, match="complex"):
        check_cotangent(1j, 1.0, "vjp_f")


def test_aux_pair():
    assert check_aux_pair([1.0, "aux"], "f") == (1.0, "aux")
    with pytest.raises(ArgumentError, match="returned a float"):
        check_aux_pair(1.0, "f")
    with pytest.raises(ArgumentError, match="tuple of 3 values"):
        check_aux_pair((1, 2, 3), "f")


# -- what a derivative returns ----------------------------------------------------------------------

def test_gradients_are_real_and_shaped_and_typed_like_their_arguments():
    x32 = np.ones(3, dtype=np.float32)
    assert check_gradient(np.ones(3), x32, "x", "grad_f").dtype == np.float32
    assert type(check_gradient(0, 2.0, "x", "grad_f")) is float
    assert check_gradient(1.5, np.float32(2.0), "x", "grad_f").dtype == np.float32
    with pytest.raises(InternalError, match=r"shape \(2,\) for x of shape \(3,\)"):
        check_gradient(np.ones(2), x32, "x", "grad_f")
    with pytest.raises(UnsupportedValueError, match="complex"):
        check_gradient(np.ones(3) * 1j, x32, "x", "grad_f")
    with pytest.raises(InternalError, match="tuple of 2"):
        check_gradients(np.ones(3), [x32, x32], Wrt(("x", "w"), (0, 1), False), "grad_f")
    with pytest.raises(InternalError, match="directional derivative of shape"):
        check_output_tangent(np.ones(2), np.ones(3), "jvp_f")


_OUTPUTS = {"array0_f32": np.array(1.5, np.float32), "array0_f64": np.array(1.5),
            "array1_f32": np.ones(1, np.float32), "np_f32": np.float32(1.5),
            "np_f64": np.float64(1.5), "float": 1.5}
_TANGENTS = {"array0_f64": np.array(0.25), "array0_f32": np.array(0.25, np.float32),
             "np_f64": np.float64(0.25), "np_f32": np.float32(0.25), "float": 0.25, "int": 0}


@pytest.mark.parametrize("output", sorted(_OUTPUTS))
def test_an_output_tangent_has_the_outputs_type_and_floating_dtype(output):
    """Whatever type and dtype the generated code's tangent came in (fuzz seed 6901 program 28:
    a float32 0-d array's tangent came back a NumPy scalar after its cast to float32), a jvp
    returns it as the output is: an ndarray (0-d included) for an ndarray, a scalar otherwise,
    in the output's floating dtype (float64 for a Python float), the value unchanged."""
    value = _OUTPUTS[output]
    for name, tangent in _TANGENTS.items():
        if np.ndim(value) and not np.ndim(tangent):
            tangent = np.full(np.shape(value), tangent)
        got = check_output_tangent(tangent, value, "jvp_f")
        where = f"{output} with a {name} tangent"
        assert isinstance(got, np.ndarray) is isinstance(value, np.ndarray), where
        assert np.shape(got) == np.shape(value), where
        wanted = getattr(value, "dtype", np.dtype(np.float64))
        assert np.result_type(got) == wanted, where
        assert np.all(np.asarray(got, dtype=np.float64) == np.asarray(tangent, dtype=np.float64))


# -- calls ----------------------------------------------------------------------------------------

def test_a_default_under_wrt_is_checked_and_promoted():
    got = tangentish.grad(defaults_under_wrt, wrt="y")(1.5)  # y=2 (an int) is not passed
    assert isinstance(got, float) and np.result_type(got) == np.float64  # (a float64: NumPy's
    assert got == pytest.approx(numeric_grad(  # arithmetic in the adjoint, test_scalar_singular)
        lambda y: defaults_under_wrt(1.5, y), (2.0,)))
    with pytest.raises(ArgumentError, match="None"):
        tangentish.grad(lambda x, y=None: x * y, wrt="y")(1.0)


def test_call_check_leaves_good_calls_alone():
    generated = tangentish.grad(loss, wrt=("w", "b")).__wrapped__
    check = CallCheck(generated, ("w", "x", "b", "scale"), resolve_wrt(loss, ("w", "b")), "g")
    w, x = np.ones(3), np.ones((2, 3))
    args, kwargs, primals = check.bind((w, x), {"scale": 2.0})
    assert args == (w, x) and kwargs == {"scale": 2.0, "b": 0.5}
    assert primals[0] is w and primals[1] == 0.5


def test_errors_point_at_the_callers_line():
    df = tangentish.grad(loss)
    with pytest.raises(ArgumentError) as info:
        df(np.ones(3), np.ones((2, 3)), sclae=2.0)
    message = str(info.value)
    assert "did you mean 'scale'" in message
    assert "df(np.ones(3), np.ones((2, 3)), sclae=2.0)" in message
    assert info.value.__cause__ is None and info.value.__suppress_context__
