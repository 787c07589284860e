"""The ``idioms32`` zoos: NumPy written the way people write it (``idioms32_zoo``: ODE
integrators, Gaussian processes, Kalman filters, least squares, image filters;
``idioms32_more_zoo``: einsum, masked losses, attention, log-sum-exp, polynomial fits and the
Python around them), against central differences within their error estimate, with
``RuntimeWarning`` an error (``idioms15_check``).

The CI budget runs every row in ``grad``, the rows of :data:`RUN` in another mode each, and the
tests below of what this table's fixes do; ``python test_idioms32.py`` checks every row in every
mode."""

from __future__ import annotations

import sys
from functools import partial

import idioms32_helpers as h
import idioms32_more_zoo as m
import numpy as np
import pytest
from helpers import numeric_jacobian
from idioms15_check import by_name
from idioms20_check import check_every_mode, check_quietly
from idioms32_cases import CASES

import tangentish
from tangentish.errors import UnsupportedConstructError

BY_NAME = by_name(CASES)
RUN = (("nested_generator_sum", "jvp"), ("partial_rebound", "vjp"), ("legendre_vander", "jvp"),
       ("recursion_elsewhere", "jvp"), ("functions_returned", "vjp"), ("dicts_built_by_helpers", "jvp"))


@pytest.mark.parametrize("name, mode", RUN)
def test_each_program_in_its_mode_against_finite_differences(name, mode):
    check_quietly(BY_NAME[name], mode)


def test_every_program_in_grad_against_finite_differences():
    """Every row in one mode (~2.7 CPU-s for the 98): the table keeps its programs working."""
    for case in CASES:
        check_quietly(case, "grad")


# A nested generator: its items taken at once by a builtin (passes/nested_generators.py), or
# kept, and refused by name.

def _gen_next(x):
    def gen():
        for v in x:
            yield v * v
    return next(gen())


def _gen_zipped(x):
    def gen():
        for v in x:
            yield np.sin(v)
    return sum(a * b for a, b in zip(gen(), x[:2]))  # noqa: B905


def _gen_held(x):
    def gen():
        for v in x:
            yield v * v
    g = gen()
    return sum(g) + 0.0 * sum(gen())


def _gen_sent(x):
    def gen():
        total = 0.0
        for v in x:
            total = yield total + v
    return sum(gen())


def _gen_elsewhere_held(x):
    g = h.chunks(x, 2)
    return sum(np.sum(c) for c in g)


@pytest.mark.parametrize("fn", [_gen_next, _gen_zipped, _gen_held, _gen_sent, _gen_elsewhere_held])
def test_a_nested_generator_not_taken_at_once_is_refused_by_name(fn):
    """``next(gen())``, ``zip(gen(), x)``, a name holding it, a ``yield`` read as a value, another
    module's generator held by a name: the generator runs lazily there, kept; the fence names it
    (never a wrong derivative)."""
    with pytest.raises(UnsupportedConstructError, match=r"a generator \(`yield`\)"):
        tangentish.grad(fn)(np.array([0.5, -1.0, 2.0]))


# A recursion whose depth a literal decides, in a conditional expression (chosen_factories.py)


def _sin_depth_default(x, n=3):
    return x if n == 0 else _sin_depth_default(np.sin(x), n - 1)


def _too_deep(x):
    return np.sum(_sin_depth_default(x, 9))


def test_a_recursion_of_the_differentiated_function_or_too_deep_is_refused_with_the_form():
    """``grad(f)`` of a recursive ``f`` itself (its depth a parameter), or a literal depth past
    the inlining limit: refused by name with the wrapper to write (never a RecursionError);
    ``f(x, 3)`` called from another function is inlined (``recursion_literal_depth``)."""
    for fn in (_sin_depth_default, _too_deep):
        with pytest.raises(UnsupportedConstructError, match=r"recursive call.*\n(.*\n)*.*"
                           r"def loss\(x\): return f\(x, 3\)"):
            tangentish.grad(fn)(np.array([0.5, 1.0]))
    x = np.array([0.5, 1.0])
    expected = np.cos(x) * np.cos(np.sin(x)) * np.cos(np.sin(np.sin(x)))
    expected = 2 * np.sin(np.sin(np.sin(x))) * expected
    np.testing.assert_allclose(tangentish.grad(m.recursion_literal_depth)(x), expected,
                               rtol=1e-13)


# Helpers of another module taking **kwargs or recursive: inlined (rows kwargs_elsewhere,
# recursion_elsewhere); factories of functions read as what they return (functions_returned);
# what is still out of reach refused by name


def _depth_given(x, n=3):
    return np.sum(h.poly(x, n))


def _partial_computed(y):
    g = _make_doubled(0.5)
    return np.sum(g(y))


def _make_doubled(s):
    return partial(h.scaled_tanh, scale=2.0 * s)


def test_what_a_helper_of_another_module_or_a_factory_still_cannot_be_is_refused_by_name():
    """A recursion of another module whose depth is the caller's parameter (not a literal), a
    factory returning a ``partial`` of a computed argument (it is not a display of functions
    and arguments): refused by name, never a wrong derivative."""
    x = np.array([0.5, 1.0])
    with pytest.raises(UnsupportedConstructError, match=r"recursive call to idioms32_helpers.poly"
                       r"(.*\n)*.*of this module or another"):
        tangentish.grad(_depth_given)(x)
    with pytest.raises(UnsupportedConstructError, match=r"call to a local value(.*\n)*.*g\(y\)"):
        tangentish.grad(_partial_computed)(x)


def _doubled_tanh(x, scale=1.0):
    return np.tanh(2.0 * scale * x)


def test_a_function_a_factory_returned_rebound_in_its_module_derives_again(monkeypatch):
    """``act_pair()`` read as ``(scaled_tanh, np.cos)`` when the derivative was built: rebinding
    ``scaled_tanh`` in the helpers' module, or a constant an inlined helper of that module reads,
    gives what ``f`` computes now (the first read through the module, the second live)."""
    case = BY_NAME["functions_returned"]
    gradient = tangentish.grad(case.fn)
    gradient(*case.args)
    monkeypatch.setattr(h, "scaled_tanh", _doubled_tanh)
    monkeypatch.setattr(h, "GAIN", 0.5)
    for fn in (case.fn, m.kwargs_elsewhere):
        point = BY_NAME[fn.__name__].args
        want = numeric_jacobian(fn, point, 0)
        np.testing.assert_allclose(tangentish.grad(fn)(*point), want, rtol=1e-6, atol=1e-8)


# A tuple or list of keys read from the module (computed_keys.free_keys), kept by its items:
# a derivative held when the list changes derives again (stale.py watches it per call).

KEYS_HELD = ["w", "b"]


def _keys_loop(params):
    total = 0.0
    for k in KEYS_HELD:
        total += np.sum(params[k] ** 2)
    return total


def _keys_comprehension(params):
    return sum(np.sum(params[k] ** 2) for k in KEYS_HELD)


def _keys_dict_local(x):
    d = {k: x * (i + 1.0) for i, k in enumerate(KEYS_HELD)}
    return sum(np.sum(v ** 2) for v in d.values())


def _appended(keys):
    keys.append("c")


def _replaced(keys):
    keys[1] = "c"


def _rebound(keys):
    sys.modules[__name__].KEYS_HELD = ("w",)


@pytest.mark.parametrize("fn, change", [(_keys_loop, _appended), (_keys_loop, _replaced),
                                        (_keys_comprehension, _rebound),
                                        (_keys_dict_local, _appended), (_keys_dict_local, _rebound)],
                         ids=["loop-appended", "loop-replaced", "comprehension-rebound",
                              "dict_local-appended", "dict_local-rebound"])
def test_a_derivative_held_over_a_global_list_of_keys_follows_its_change(fn, change, monkeypatch):
    """``for k in KEYS`` over a dict under ``wrt``, a generator over it, and a dict local built
    from it: each a derivative written with the keys; after ``KEYS.append``, ``KEYS[1] = ...``
    or ``KEYS = (...)`` the derivative already held gives what ``f`` computes now (the dict
    local's held one gave the old keys' gradient before)."""
    monkeypatch.setattr(sys.modules[__name__], "KEYS_HELD", ["w", "b"])
    dicts = fn is not _keys_dict_local
    point = {"w": np.array([1.0, 2.0]), "b": np.array([0.5]), "c": np.array([3.0])} \
        if dicts else np.array([1.0, 2.0])
    gradient = tangentish.grad(fn)
    gradient(point)
    change(KEYS_HELD)
    got = gradient(point)
    keys = sys.modules[__name__].KEYS_HELD
    if dicts:
        for k, v in point.items():
            np.testing.assert_allclose(got[k], 2 * v if k in keys else 0.0 * v)
    else:
        weight = sum((i + 1.0) ** 2 for i in range(len(keys)))
        np.testing.assert_allclose(got, 2 * weight * point)


if __name__ == "__main__":
    check_every_mode(CASES)
