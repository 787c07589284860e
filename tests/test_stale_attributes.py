"""A derivative already held follows a function of the user's reached through an attribute
(tangentish/stale.py): a method of a class, inlined for an object built in the function
(``k = K(2.0); k.m(x)``), a helper of a module of the user's (``lib.helper(x)``) and a function
in a dict of functions (``ACTS["act"](x)``).  Replacing ``K.m``, ``lib.helper`` or
``ACTS["act"]`` after ``g = grad(f)`` left ``g`` computing the old derivative (a
silently wrong gradient); each change is checked against central differences of ``f`` as it is
when ``g`` is called, and a replacement that cannot be differentiated raises from ``g``."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, source_module

import tangentish

X = np.array([0.4, -1.1, 0.7])

LIB = '''
import numpy as np


def helper(x):
    return x ** 2


def other(x):
    return np.sin(x) * 3.0
'''

USER = '''
import numpy as np
import stale_attr_lib as lib


class K:
    def __init__(self, w):
        self.w = w

    def m(self, x):
        return self.w * x ** 2


def tripled(self, x):
    return self.w * np.sin(x) * 3.0


def with_method(x):
    k = K(2.0)
    return np.sum(k.m(x))


def with_module_helper(x):
    return np.sum(lib.helper(x) * x)
'''


@pytest.fixture()
def user(tmp_path):
    with source_module(tmp_path, "stale_attr_lib", LIB) as lib, \
            source_module(tmp_path, "stale_attr_user", USER) as module:
        yield module, lib


def _follows(f, g):
    np.testing.assert_allclose(g(X), numeric_grad(f, (X,)), rtol=1e-6, atol=1e-8)


def test_a_held_gradient_follows_a_method_replaced_on_its_class(user):
    module, _ = user
    g = tangentish.grad(module.with_method)
    _follows(module.with_method, g)
    module.K.m = module.tripled
    _follows(module.with_method, g)
    value_and_grad = tangentish.value_and_grad(module.with_method)
    module.K.m = module.K.__dict__["m"]  # (unchanged: nothing to follow)
    np.testing.assert_allclose(value_and_grad(X)[1], g(X))


def test_a_held_gradient_follows_a_module_helper_rebound(user):
    module, lib = user
    g = tangentish.grad(module.with_module_helper)
    _follows(module.with_module_helper, g)
    lib.helper = lib.other
    _follows(module.with_module_helper, g)


SCALE_HERE = 2.0


def test_a_replacement_that_cannot_be_differentiated_raises_from_the_held_gradient(user):
    module, _ = user
    g = tangentish.grad(module.with_method)
    g(X)

    def elsewhere(self, x):  # (a method of another file writing into its object: not
        self.seen = SCALE_HERE  # inlined, no rule)
        return SCALE_HERE * self.w * x

    module.K.m = elsewhere
    with pytest.raises(tangentish.TangentishError):
        g(X)


def test_a_held_gradient_follows_a_replacement_of_another_file(user):
    module, _ = user
    g = tangentish.grad(module.with_method)
    g(X)

    def elsewhere(self, x):  # (another file's method reading only builtins and modules the
        return self.w * np.sin(x)  # function's module binds alike: inlined, passes/foreign_methods.py)

    module.K.m = elsewhere
    _follows(module.with_method, g)


TABLE = '''
import numpy as np


def softplus(z):
    return np.log1p(np.exp(z))


def square(z):
    return z * z


ACTS = {"act": softplus}


def layer(x):
    return np.sum(ACTS["act"](x) * x)
'''


def test_a_held_gradient_follows_a_function_replaced_in_a_dict_of_functions(tmp_path):
    """``ACTS["act"](x)`` (a table of activations): replacing the entry after ``g = grad(f)``."""
    with source_module(tmp_path, "stale_attr_table", TABLE) as module:
        g = tangentish.grad(module.layer)
        _follows(module.layer, g)
        module.ACTS["act"] = module.square
        _follows(module.layer, g)
