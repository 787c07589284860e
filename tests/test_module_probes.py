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
