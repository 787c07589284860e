"""A helper whose output does not depend on one of its parameters gives that parameter nothing.

A helper differentiated on its own (a method, a ``@tangentish.checkpoint`` function, one too big
to inline) returns ``np.zeros_like(p)`` for a parameter no adjoint reached: its record lists it
(``Record.zeros``).  The caller's adjoint then takes an explicit zero for that argument, which the
structural-zero analysis knows is 0 everywhere: a singular value feeding it (``np.sqrt(v)`` at
``v <= 0``) is not multiplied into ``0 * inf`` (fuzz seed 2907 program 123: NaN), and the helper
is differentiated with respect to the other parameters only, or not called at all.

Each row against central differences at points where the ignored argument is NaN or singular
elsewhere in its elements, in every reverse-mode entry point."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_reverse_modes

import tangentish


class Model:
    def __init__(self):
        self.k = 1.5

    @tangentish.checkpoint
    def ignores_scale(self, a, *, scale=2.0):
        count = 0
        while count > 0:
            count -= 1
        return np.sum(np.tanh(a)) * self.k

    @tangentish.checkpoint
    def scale_in_a_test(self, a, scale):
        if np.all(scale > 0.0):
            return np.sum(a * a)
        return np.sum(a)

    @tangentish.checkpoint
    def scale_through_sign(self, a, scale):
        return np.sum(a * np.sign(scale))


MODEL = Model()


@tangentish.checkpoint
def checkpointed(a, scale, b):
    s = np.sum(np.sin(a) * b)
    unused = np.exp(scale)
    del unused
    return s


def method_ignoring(v):
    x = np.sqrt(v)
    return MODEL.ignores_scale(v, scale=x) + np.sum(v * v)


def method_test_only(v):
    x = np.sqrt(v)
    return MODEL.scale_in_a_test(v * 2.0, x)


def method_sign_only(v):
    x = np.log(v * v)  # (-inf at v = 0, where log's partial is inf)
    return MODEL.scale_through_sign(v, x) + np.sum(v)


def checkpoint_ignoring(v):
    return checkpointed(v, np.arcsin(v * 3.0), 2.0)


def all_ignored(v):
    x = np.sqrt(v)
    return MODEL.ignores_scale(np.ones(3), scale=x) + np.sum(np.cos(v))


FUNCTIONS = [method_ignoring, method_test_only, method_sign_only, checkpoint_ignoring,
             all_ignored]
POINTS = [np.array([0.5, -0.25, 2.0]), np.array([-1.5, 0.0, 0.75]), np.array([0.2, 0.4, 0.9])]


@pytest.mark.parametrize("point", range(len(POINTS)))
@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_every_reverse_entry_point(f, point):
    with np.errstate(invalid="ignore", divide="ignore"):  # (the primal's own NaN, unused)
        assert_reverse_modes(f, POINTS[point], 3.0)


def test_the_helper_is_differentiated_with_respect_to_what_reaches_its_output():
    source = tangentish.grad(method_ignoring).source
    assert "grad_ignores_scale_wrt_a(" in source, source
    assert "wrt_a_scale" not in source, source


def test_a_helper_giving_nothing_is_not_called():
    source = tangentish.grad(all_ignored).source
    assert "grad_ignores_scale" not in source, source


def test_the_record_lists_the_zero_gradients():
    derivative = tangentish.grad(Model.scale_in_a_test, wrt=("a", "scale"))
    assert derivative.record.zeros == ("scale",)
    assert tangentish.grad(Model.scale_in_a_test, wrt="a").record.zeros == ()


def test_a_zero_gradient_is_still_returned_by_the_helper_itself():
    grads = tangentish.grad(Model.scale_through_sign, wrt=("a", "scale"))(
        MODEL, np.array([1.0, 2.0]), np.array([-1.0, 3.0]))
    np.testing.assert_array_equal(grads[1], [0.0, 0.0])
    np.testing.assert_array_equal(grads[0], [-1.0, 1.0])
