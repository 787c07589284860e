"""A method call on a receiver that is no array (``xp.sum(v)`` with ``xp`` a module, array-API
style, or another object) is refused, never differentiated as an array method.

``r.m(...)`` on a local name is read as an array method, ``x.sum(axis)`` as ``np.sum(x, axis)``.
Where ``r`` is the module NumPy (``MODS['np']``, ``__import__('numpy')``, a parameter that
is rebound), ``xp.sum(v)`` computes ``np.sum(v)`` while the rule read ``v`` as the
axis, which it does not differentiate: every derivative through it was a silent 0.  A receiver
that does not vary, with a value that varies at a parameter no array method differentiates (an
axis, a shape, an index, ``out``), cannot be an array (the call would fail there), so it is
refused, naming the call.  Array receivers that do not vary keep their rules, and a
local bound once to a module (``xp = np``, ``la = xp.linalg``) is read as the module, and so is
a parameter whose default is a module (``def f(x, xp=np)``, checked when the derivative runs;
the second table, against central differences)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import assert_every_mode

import tangentish
from tangentish.errors import UnsupportedConstructError

W = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
MODS = {"np": np, "math": math}


class Model:
    def sum(self, a, b=0.0):
        return np.sum(a) + b


MODEL_ARG = Model()


def from_dict(x):
    return MODS["np"].max(x)


def dunder_import(x):
    return np.linalg.norm(x) + __import__("numpy").sum(x)


def with_initial(x, xp=np):
    return xp.max(x ** 2, initial=0.0)  # (lowered as np.max's where=/initial= form: a crash)


def an_object(x, model=MODEL_ARG):
    return model.sum(x * x)


def rebound_default(x, xp=np):
    xp = np if xp is None else xp  # (rebound: which module it holds is known when it runs)
    return xp.sum(x ** 2)


REFUSED = [from_dict, dunder_import, rebound_default, an_object]
MODULE_DEFAULTS = [with_initial]  # (refused before idioms28, as `xp.sum(xp.cumsum(x))`,
# `xp.conj(x)`, `xp.reshape(x, s)`, `xp.mean(v, where=m)` and `m.prod(x)` were:
# passes/module_defaults.py; test_idioms28 checks the default when the derivative runs)


@pytest.mark.parametrize("f", REFUSED, ids=lambda f: f.__name__)
def test_a_receiver_that_is_no_array_is_refused(f):
    x = np.array([0.3, 0.6, 0.2])
    for transform, args in ((tangentish.grad, (x,)), (tangentish.jvp, (x, x))):
        with pytest.raises(UnsupportedConstructError, match="no array method differentiates") \
                as err:
            transform(f)(*args[:1], **({"x_dot": args[1]} if len(args) > 1 else {}))
        assert err.value.location.filename.endswith("test_module_receivers.py")


C = np.array([0.5, -1.5, 2.0])
IDX = np.array([0, 1, 0])


def constant_dot(x, c=C):
    return np.sum(np.sin(c.dot(W) * x[:2]))


def constant_clip(x):
    c = np.linspace(-1.0, 1.0, 3)
    return np.sum(c.clip(x[0], x[1]) ** 2)


def constant_choose(x):
    return np.sum(IDX.choose([x, 2.0 * x]) ** 2)


def constant_searchsorted(x):
    edges = np.array([0.1, 0.4, 0.9])
    return np.sum(edges.searchsorted(x) * x ** 2)


def local_alias(x):
    xp = np
    la = xp.linalg
    return xp.mean(np.sin(x)) + la.norm(xp.cumsum(x))  # (passes/module_aliases.py)


def module_array_initial(x):
    return C.max(initial=x[0] + 3.0) + C.sum(initial=x[1] ** 2)  # (refused before: `initial=`)


@pytest.mark.parametrize("f", [constant_dot, constant_clip, constant_choose,
                               constant_searchsorted, local_alias, module_array_initial,
                               *MODULE_DEFAULTS],
                         ids=lambda f: f.__name__)
def test_an_array_receiver_that_does_not_vary_keeps_its_rule(f):
    assert_every_mode(f, np.array([-0.35, 0.55, 0.2]), np.array([0.5, -1.0, 0.25]))
