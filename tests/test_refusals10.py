"""The refusals refusals10 lifted (``refusals10_zoo``; the dict forms are in
``test_dict_locals.py``).  Each program in every first-order mode against central differences
within their error estimate, and ``hvp`` against differences of the checked gradient
(``idioms15_check``); what stays refused names the construct, the file and line, with a hint."""

from __future__ import annotations

import numpy as np
import pytest
import refusals10_zoo as z
from helpers import assert_grad_close, numeric_grad
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(5810)

CASES = [  # (one function, arrays of several ranks: the write is the same for each)
    Case("transposed_row_added_3d", z.transposed_row_added, (_n(2, 3, 4), _n(2)), (0, 1)),
    Case("transposed_row_added_1d", z.transposed_row_added, (_n(4), 0.7), (0, 1)),
    Case("transposed_row_scaled_2d", z.transposed_row_scaled, (_n(3, 4), _n(3)), (0, 1)),
    Case("transposed_row_set_3d", z.transposed_row_set, (_n(3, 2, 2), 0.6), (0, 1)),
    Case("closures_in_a_list", z.closures_in_a_list, (_n(3), 0.7), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


def test_a_transposed_row_of_a_parameter_in_place():
    """``x.T[0] *= v`` on a parameter of unknown rank (3 here): the gradient against central
    differences (each call on a copy); the derivative leaves the caller's array as it was, as
    for every argument it changes."""
    x, v = _n(2, 3, 4), _n(3, 2)
    expected = numeric_grad(lambda a, b: z.transposed_row_of_a_parameter(a.copy(), b), [x, v],
                            wrt=(0, 1))
    got = tangentish.grad(z.transposed_row_of_a_parameter, wrt=(0, 1))(x.copy(), v)
    for actual, want in zip(got, expected, strict=True):
        assert_grad_close(actual, want, rtol=1e-6, atol=1e-8)
    y = x.copy()
    tangentish.grad(z.transposed_row_of_a_parameter)(y, v)
    np.testing.assert_array_equal(y, x)


@pytest.mark.parametrize("fn", [z.closures_passed_on, z.closures_read_late])
def test_closures_used_otherwise_stay_refused(fn):
    """The loop variable handed on, or called by a function made in the loop (which reads it
    when called, the last item): left as written, refused."""
    for transform in (tangentish.grad, tangentish.jvp):
        check_refusal(fn, (_n(3),), ("lambda z: z * x",), transform)


def test_a_parameter_object_names_the_ways_that_work():
    """An object of a plain class under ``wrt`` (``params.W``) raises ``ArgumentError`` naming
    its class, with a dataclass or the arrays as the way; an argument called (``params(x)``)
    is refused naming the call, with ``grad(params)(x)`` as the way (which works)."""
    params, x = z.Params(_n(3, 2), _n(2)), _n(2, 3)
    with pytest.raises(tangentish.ArgumentError, match="is a Params object") as info:
        tangentish.grad(z.reads_an_object)(params, x)
    assert "@dataclass" in str(info.value) and "test_refusals10.py" in str(info.value)
    for transform in (tangentish.grad, tangentish.jvp):
        check_refusal(z.calls_an_object, (params, x), ("`params(...)`", "return np.sum(params(x))",
                                                       "tangentish.grad(params)(x)"), transform)
    assert_grad_close(tangentish.grad(params)(x, out_bar=np.ones((2, 2))),
                      numeric_grad(lambda v: np.sum(params(v)), [x]), rtol=1e-6)


def test_seterr_restored_names_errstate():
    """``np.seterr(**old)`` stays refused (``**`` of a local value); the hint says how to write
    it: ``with np.errstate(...)``, which is supported."""
    line = z.seterr_restored.__code__.co_firstlineno + 3
    for transform in (tangentish.grad, tangentish.jvp):
        check_refusal(z.seterr_restored, (np.array([0.5, 2.0]),),
                      ("`**` keyword unpacking", "np.seterr(**old)", f"line {line}",
                       "with np.errstate("), transform)
    np.seterr(all="warn")
