"""Feature probes of modules (passes/module_probes.py) and ``np.ndarray`` methods called through
the class (passes/unbound_methods.py), as code written for several NumPy versions spells them.
Each was refused before (``cannot resolve `np.trapz```: the name NumPy 2 lacks was looked up
though ``or`` never evaluates it; ``np.ndarray.sum``: no rule).  Every program is checked in every
mode against central differences, and to second order."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish

X = np.array([0.4, -1.1, 0.8, 1.5])


def trapezoid_or_trapz(x):
    integrate = getattr(np, "trapezoid", None) or np.trapz
    return integrate(x * x)


def trapezoid_if_present(x):
    integrate = np.trapezoid if hasattr(np, "trapezoid") else np.trapz
    return integrate(np.sin(x), dx=0.5)


def missing_with_a_default(x):
    reduce = getattr(np, "no_such_function", np.sum)
    return reduce(np.tanh(x) ** 2)


def called_through_getattr(x):
    return getattr(np, "sum")(x ** 3) + getattr(np, "cos")(x[0])  # noqa: B009 (the idiom)


def probe_in_a_condition(x):
    if hasattr(np, "no_such_function"):
        return np.sum(x)
    return np.sum(np.exp(0.5 * x))


def probes_with_and(x):
    scale = hasattr(np, "linalg") and 2.0
    return scale * np.sum(x * x)


def array_methods_through_the_class(x):
    m = np.outer(x, x[:2])
    return np.ndarray.sum(np.ndarray.mean(m, axis=0) ** 2) + np.ndarray.dot(x, x)


PROGRAMS = [trapezoid_or_trapz, trapezoid_if_present, missing_with_a_default,
            called_through_getattr, probe_in_a_condition, probes_with_and,
            array_methods_through_the_class]


@pytest.mark.parametrize("f", PROGRAMS, ids=[f.__name__ for f in PROGRAMS])
def test_probe_programs_in_every_mode(f):
    assert_both_orders(f, X.copy())


def shadowed_module(x, np=np):
    return getattr(np, "sum")(x * x)  # noqa: B009 (the idiom under test)


def test_a_module_the_function_binds_is_not_folded():
    """``np`` a parameter: nothing is decided from the module, and the call stays refused as
    before rather than computed for a module the caller may not pass."""
    with pytest.raises(tangentish.TangentishError):
        tangentish.grad(shadowed_module)(X.copy())


def no_default(x):
    return getattr(np, "no_such_function")(x)  # noqa: B009 (the idiom under test)


def test_a_missing_attribute_without_default_is_an_error():
    with pytest.raises((tangentish.TangentishError, AttributeError)):
        tangentish.grad(no_default)(X.copy())


# -- getattr(np, name)(x) of a variable name bound only to string constants (named_attributes.py):
# refused before ("cannot differentiate a call to the value `getattr(np, name)` returns").

def named_once(x):
    name = "tanh"
    reduce = getattr(np, "sum")  # noqa: B009 (the idiom under test)
    return reduce(getattr(np, name)(x) ** 2)


def named_in_a_loop(x):
    total = 0.0
    for name in ("sin", "cos", "exp"):
        total = total + np.sum(getattr(np, name)(x * 0.5))
    return total


def named_with_keywords_and_a_rebinding(x):
    out = 0.0
    for name in ["sum", "prod", "sum"]:  # (a list; a string twice)
        out = out + getattr(np, name)(np.outer(x, x[:2]), axis=0) @ np.array([1.0, -2.0])
    name = "mean"
    return out + getattr(np, name)(x ** 3)


def named_as_a_value(x):
    name = "exp"
    grow = getattr(np, name)
    return np.sum(grow(-x * x))


def read_on_the_second_trip(x):  # (Python reads `name` only once it holds a value)
    total = 0.0
    for k in range(3):
        if k > 0:
            total = total + np.sum(getattr(np, name)(x) * k)  # noqa: F821
        name = "cosh"
        name = "sinh"  # noqa: F841
    return total


NAMED = [named_once, named_in_a_loop, named_with_keywords_and_a_rebinding, named_as_a_value,
         read_on_the_second_trip]


@pytest.mark.parametrize("f", NAMED, ids=[f.__name__ for f in NAMED])
def test_getattr_of_a_name_holding_constant_strings(f):
    assert_both_orders(f, X.copy())


def named_by_a_parameter(x, name="sin"):
    name = name.lower()  # (rebound: a string default read as such is its default, idioms28)
    return np.sum(getattr(np, name)(x))


def named_on_one_path(x):
    if x[0] > 9.0:
        name = "sin"
    return np.sum(getattr(np, name)(x))


def named_then_changed(x):
    name = "sin"
    name += "h"
    return np.sum(getattr(np, name)(x))


def named_by_unpacking(x):  # (a binding other than `name = "s"` and a loop over strings)
    name, other = "sin", "cos"
    return np.sum(getattr(np, name)(x)) + len(other)


@pytest.mark.parametrize("f", [named_by_a_parameter, named_on_one_path, named_then_changed,
                               named_by_unpacking])
def test_getattr_of_a_name_that_may_hold_another_value_is_refused(f):
    with pytest.raises(tangentish.UnsupportedConstructError, match="getattr") as info:
        tangentish.grad(f)(X.copy())
    assert "getattr(np, name)" in info.value.location.line


def read_before_bound(x):
    y = np.sum(getattr(np, name)(x))  # noqa: F821 (Python raises)
    name = "sin"
    name = "cos"  # noqa: F841
    return y


def test_a_name_read_before_it_holds_a_string_is_an_error_as_in_python():
    with pytest.raises(UnboundLocalError):
        read_before_bound(X.copy())
    with pytest.raises(tangentish.UnsupportedConstructError, match="before it is assigned"):
        tangentish.grad(read_before_bound)(X.copy())
