"""A user's tangent template whose temporary holds a symbolic zero (``t = 2.0 * d[a]`` with ``a``
constant) and then meets ``@``, a transpose or an index: the temporary must be a zero shaped like
its expression (``np.zeros_like(2.0 * a)``), never a bare ``0.0`` (``0.0 @ b`` raises).  Each row
is one way to make the temporary, checked in forward mode with ``a`` constant and with ``a``
varying, against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_grad

import tangentish

# (temporary made from d[a], the tangent of a @ b written with it)
FORMS = [
    ("t = d[a]", "t @ b"),
    ("t = 2.0 * d[a]", "0.5 * (t @ b)"),
    ("t = -d[a]", "-(t @ b)"),
    ("t = d[a] / 4.0", "4.0 * (t @ b)"),
    ("t = d[a] @ np.eye(3)", "t @ b"),
    ("t = np.swapaxes(d[a], -1, -2)", "np.swapaxes(t, -1, -2) @ b"),
    ("t = d[a][::-1]", "t[::-1] @ b"),
    ("t = np.reshape(d[a], (-1,))", "np.reshape(t, (2, 3)) @ b"),
]

TEMPLATE = '''
import numpy as np
from tangentish.extend import d, rule


def product(a, b):
    return a @ b


@rule(product)
class Product:
    def adjoint(out, a, b):
        d[a] = d[out] @ np.swapaxes(b, -1, -2)
        d[b] = np.swapaxes(a, -1, -2) @ d[out]

    def tangent(out, a, b):
        {make}
        d[out] = {use} + a @ d[b]


A = np.arange(6.0).reshape(2, 3) / 5.0
W = np.array([[0.3, -1.1], [0.7, 0.2]])


def constant_a(b):
    return np.sum(product(A, b) ** 2 * W)


def both(a, b):
    return np.sum(product(a, b) ** 2 * W)
'''


@pytest.mark.parametrize("make, use", FORMS, ids=[make for make, _ in FORMS])
def test_a_zero_temporary_keeps_its_shape(tmp_path, make, use) -> None:
    name = f"zeros_{FORMS.index((make, use))}"
    module = module_from_text(tmp_path, name, TEMPLATE.format(make=make, use=use))
    rng = np.random.default_rng(7)
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 2))
    u, v = rng.standard_normal((2, 3)), rng.standard_normal((3, 2))

    _, slope = tangentish.jvp(module.constant_a, (b,), (v,))
    assert slope == pytest.approx(np.sum(numeric_grad(module.constant_a, [b]) * v), rel=1e-6)

    _, slope = tangentish.jvp(module.both, (a, b), (u, v))
    ga, gb = numeric_grad(module.both, [a, b], (0, 1))
    assert slope == pytest.approx(np.sum(ga * u) + np.sum(gb * v), rel=1e-6)
