"""Static methods called through ``self`` (``self.penalty(x)``, ``self.inner.scale(v)``) are
their class's functions, called as module-level helpers are (passes/method_calls.py): inlined
when small, else a derivative of their own (here a ``tangentish.checkpoint`` one).  Each way of
reaching one in grad, value_and_grad, vjp and jvp against central differences, and the second
order against the project's checker; a class method stays refused at the call."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode, module_from_text

import tangentish
from tangentish.errors import UnsupportedConstructError

CLASSES = '''
import numpy as np

import tangentish


class Inner:
    def __init__(self, k):
        self.k = k

    @staticmethod
    def scale(v, power=2):
        return np.sum(np.abs(v) ** power)

    def __call__(self, v):
        return self.k * self.scale(v, 3)


class Quadratic:
    def __init__(self, A, b):
        self.A = A
        self.b = b
        self.inner = Inner(0.5)

    @staticmethod
    def penalty(x):
        return 0.01 * np.sum(x ** 4)

    @staticmethod
    @tangentish.checkpoint
    def smooth(x):
        return np.sum(np.log1p(np.exp(x)))

    @classmethod
    def unit(cls, x):
        return np.sum(x)

    def value(self, x):
        return 0.5 * x @ self.A @ x - self.b @ x + self.penalty(x) + self.smooth(x * 2.0)

    def nested(self, x):
        return self.inner(x) + self.inner.scale(np.sin(x)) + self.value(x)

    def with_class_method(self, x):
        return self.unit(x) * 2.0


QUAD = Quadratic(np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 3.0]]),
                 np.array([1.0, -1.0, 0.5]))


def through_module_object(x):
    return QUAD.value(x) * 2.0 + QUAD.penalty(x)
'''

X = np.array([0.3, -0.7, 1.1])


@pytest.fixture(scope="module")
def user(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("static"), "user_static", CLASSES)


def _functions(user):
    return {"bound": user.QUAD.value, "held": user.QUAD.nested,
            "module_object": user.through_module_object}


@pytest.mark.parametrize("way", ["bound", "held", "module_object"])
def test_static_methods_through_self(user, way):
    f = _functions(user)[way]
    assert_every_mode(f, X, np.array([1.0, -2.0, 0.5]))
    tangentish.check_grads(f, (X,), order=2, seed=2)


def test_a_small_one_is_inlined_and_a_checkpointed_one_called(user):
    source = tangentish.grad(user.QUAD.value).source
    assert "= 0.01 * np.sum(x ** 4)" in source and "grad_smooth_wrt_x(" in source, source


def test_a_class_method_is_refused_at_the_call(user):
    with pytest.raises(UnsupportedConstructError, match="not a plain method") as info:
        tangentish.grad(user.QUAD.with_class_method)(X)
    assert "user_static.py" in str(info.value) and "self.unit(x)" in str(info.value)
