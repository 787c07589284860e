"""Forward mode: an array whose elements are overwritten by a value with no tangent (``r =
np.copy(x); r[x < 0.0] = 0.0``) has a tangent 0 there by structure, so a singular partial
read there (``np.sqrt(r)`` at 0) contributes 0, not ``0 * inf``.  The support of the tangent
kept everywhere after such a write, and ``jvp`` gave NaN where ``grad`` and the finite
differences give a number (fuzz seed 5541 program 12; ``tangentish/passes/supports_moved.py``).
Each function in jvp (and the reverse modes) against central differences, at points where every
overwritten element is then read as ``sqrt(0)``; a sum along an axis (``np.sum(R, axis=0)``
of columns zeroed) keeps the mask along that axis, not ``np.any`` of all of it.  A complex
form's partial is as singular as its real twin's (``np.sqrt(r + 0j)``: call-led fuzz seed 223
program 26, jvp NaN where grad was right).  A tangent that a rule makes 0 by its convention,
``_rt.ratio(x, r)`` where ``r`` is 0 (``np.std``'s where the deviation is 0: of one element, a
constant), is 0 there by structure too, and so are the derivatives of ``_rt.ratio`` at second
order (call-led seed 331 program 11: jvp and hvp NaN, grad 0)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode


def masked_zero(x):
    r = np.copy(x)
    r[x < 0.0] = 0.0
    return np.sum(np.sqrt(r))


def masked_zero_selected(x):  # (the fuzz program, shrunk)
    r = np.copy(x)
    r[x < 0.0] = 0.0
    parts = [r]
    total = np.sum(parts, axis=0)
    return np.mean(np.sqrt(np.concatenate((total, x)))[np.arange(2 * x.size) < x.size])


def index_zero(x):
    r = x * 2.0
    r[0] = 0.0
    return np.sum(np.sqrt(r * r + 0.0) * np.arange(1, x.size + 1))


def slice_constant(x):
    r = np.sin(x)
    r[1:] = 0.0
    return np.sum(np.sqrt(np.abs(r)) + r)


def columns_zero(x):
    R = np.outer(np.ones(2), x)
    R[:, x < 0.0] = 0.0
    return np.sum(np.sqrt(np.sum(R, axis=0)))


def twice_zeroed(x):
    r = x ** 2
    r[0] = 0.0
    r[x > 1.0] = 0.0
    return np.sum(np.sqrt(r))


def complex_zeroed(x):  # (the complex form of np.sqrt, singular at 0 as np.sqrt is)
    r = x.copy()
    r[r < 0] = 0.0
    return np.sum(np.real(np.sqrt(r + 0j)) * np.arange(1.0, x.size + 1))


def std_of_one(x):  # (np.std of one value: 0, a constant; np.sqrt then singular at 0)
    return np.sin(np.sqrt(np.std(np.sum(x)))) + np.sum(x * x)


CASES = [
    (masked_zero, [-0.59, -0.1, 0.8]),
    (masked_zero_selected, [-0.59, -0.1]),
    (index_zero, [0.4, -0.7, 1.2]),
    (slice_constant, [0.3, 0.9, -0.4]),
    (columns_zero, [-0.5, 0.7, 0.2]),
    (twice_zeroed, [0.4, 1.3, -0.6]),
    (complex_zeroed, [-0.48, 0.41, -1.4]),
    (std_of_one, [0.3, -0.8, 1.1]),
]


@pytest.mark.parametrize("f, x", CASES, ids=[c[0].__name__ for c in CASES])
def test_a_tangent_overwritten_by_a_constant_is_zero_there(f, x):
    x = np.array(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_every_mode(f, x, np.linspace(1.0, -0.5, x.size))


def test_a_constant_deviation_has_no_curvature():
    """hvp of ``std_of_one``: ``sum(x * x)``'s, 2 v (the first term a constant)."""
    import tangentish

    x, v = np.array([0.3, -0.8, 1.1]), np.array([0.5, 1.0, -2.0])
    with np.errstate(divide="ignore", invalid="ignore"):  # (the gradient's own 1 / (2 sqrt(0)))
        np.testing.assert_allclose(tangentish.hvp(std_of_one)(x, v), 2.0 * v, rtol=1e-12)


def test_complex_forms_are_singular_where_their_real_twins_are():
    """Every holomorphic form (``rules/complex_holomorphic.py``) of a ufunc declared singular is
    declared singular too: else its tangent is ``0 * inf`` where the real rule's is 0."""
    from tangentish.registry import REGISTRY
    from tangentish.rules.complex_holomorphic import FORMS

    missing = [u.__name__ for u, form in FORMS.items()
               if u in REGISTRY.singular and form not in REGISTRY.singular]
    assert not missing
