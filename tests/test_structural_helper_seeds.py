"""Structural zeros handed to a helper with a derivative of its own (``passes/supports_called.py``,
:func:`handed_masks`).

A helper that is not inlined (here: it writes a local array in place) is differentiated on its
own.  What the caller hands its derivative may be 0 by structure: a tangent off the branch
``np.where`` took, or off what ``np.fmax``/``np.clip`` chose (forward, :data:`BEFORE`); a seed
off what the caller reads of the helper's value (reverse, :data:`AFTER`).  The helper cannot see
that from a computed value, so the caller hands a mask with it (``b_dot_mask``,
``out_bar_mask``), and a singular partial inside the helper (``np.sqrt(b)`` at ``b = 0``, or
where ``b < 0`` and its value is NaN and unread) gives 0 there, not ``0 * inf = NaN``.  Each
selection x each singular function, in every mode, against finite differences (one-sided at a
singular point, :func:`helpers.one_sided_jacobian`).  A zero that is not structural (``x ** 3``
at 0) still meets the helper's inf as IEEE says (:func:`test_a_computed_zero_stays_nan`).
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian, seed_for

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unread, 0 * inf)

# the helper's singular function of its parameter b: its partial is inf at b = 0 (its value is
# finite there) and its value NaN at b < 0 (for the first three)
SINGULAR = {
    "sqrt": "np.sqrt(b)",
    "power_half": "b ** 0.5",
    "sqrt_square": "np.sqrt(b * b)",  # (the lead: |b|, its tangent 0 by structure at b = 0)
    "arcsin_shifted": "np.arcsin(b - 1.0)",  # (inf at b = 0 from the left)
}

# forward: u, which the helper gets, is 0 (a constant) where x <= 0: its tangent is 0 there
BEFORE = {
    "where": "u = np.where(x > 0, x, 0.0)",
    "fmax": "u = np.fmax(x, 0.0)",
    "maximum": "u = np.maximum(x, 0.0)",
    "clip": "u = np.clip(x, 0.0, 5.0)",
    "sqrt_fmax": "u = np.sqrt(np.fmax(x - 0.125, 0.0))",
}

# reverse: the caller reads the helper's value of x only where x > 0 (elements 2 and 3)
AFTER = {
    "where": "r = np.where(x > 0, h(x), 0.0)",
    "slice": "r = h(x)[2:]",
    "index": "r = h(x)[[2, 3, 2]]",
}

# reverse, a helper returning a tuple or list (``h2``, ``h3``, ``h4``): the caller reads part of one item; the
# seed of each other item is 0 by structure too (one mask per item: fuzz seed 5170 program 1832)
ITEMS = {
    "tuple_slice": "r = h2(x)[1][2:]",
    "unpacked_index": "s, t = h2(x)\n    r = t[[2, 3, 2]] + s",
    "list_where": "r = np.where(x > 0, h3(x)[0], 0.0)",
    "second_of_three": "r = h4(x)[1][2:]",
    # the helper's output bound in branches (an early return): its seed's mask holds in the one
    # that ran
    "early_return": "r = h5(x)[1][2:]",
    "early_return_array": "r = h6(x)[2:]",
}

TEMPLATE = '''import numpy as np


def h(b):
    r = np.zeros(2)
    r[0] = 1.5
    return EXPR * r[0]


def h2(b):
    r = np.zeros(2)
    r[0] = 1.5
    return (np.sum(b), EXPR * r[0])


def h3(b):
    r = np.zeros(2)
    r[0] = 1.5
    return [EXPR * r[0], np.sum(b)]


def h4(b):
    r = np.zeros(2)
    r[0] = 1.5
    return np.sum(b), EXPR * r[0], np.sqrt(b)


def h5(b):
    r = np.zeros(2)
    r[0] = 1.5
    if np.size(b) > 100:
        return b * 2.0, b
    return np.sum(b), EXPR * r[0]


def h6(b):
    r = np.zeros(2)
    r[0] = 1.5
    if np.size(b) > 100:
        return b * 2.0
    return EXPR * r[0]


def before(x):
    SELECT
    return np.sum(h(u) * np.arange(1.0, 1.0 + np.size(u)))


def after(x):
    READ
    return np.sum(r * np.arange(1.0, 1.0 + np.size(r)))
'''

POINT = np.array([-0.7, -0.25, 0.6, 1.3])  # (away from kinks: the function is smooth there)


def _module(tmp_path, name: str, singular: str, select: str, read: str):
    text = TEMPLATE.replace("EXPR", SINGULAR[singular]).replace("SELECT", select)
    return module_from_text(tmp_path, name, text.replace("READ", read))


def _every_mode(f, x: np.ndarray, name: str) -> None:
    expected = one_sided_jacobian(f, x)
    assert np.isfinite(expected).all()
    rng = np.random.default_rng(seed_for(name))
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, rtol=1e-5, atol=1e-6)
    direction = rng.uniform(0.5, 1.5, x.shape)
    _, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-5, atol=1e-6)
    _, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(pullback(-2.0), -2.0 * expected, rtol=1e-5, atol=1e-6)
    for mode in ("rev", "fwd"):
        np.testing.assert_allclose(tangentish.jacobian(f, mode=mode)(x), expected, rtol=1e-5,
                                   atol=1e-6, err_msg=mode)
    curvature = one_sided_jacobian(tangentish.grad(f), x)
    np.testing.assert_allclose(tangentish.hessian(f)(x), curvature, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(tangentish.hvp(f)(x, direction), curvature @ direction,
                               rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("select", sorted(BEFORE))
def test_a_tangent_zero_by_structure(tmp_path, select: str, singular: str) -> None:
    name = f"before_{select}_{singular}"
    module = _module(tmp_path, name, singular, BEFORE[select], AFTER["slice"])
    _every_mode(module.before, POINT, name)


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("read", sorted(AFTER))
def test_a_seed_zero_by_structure(tmp_path, read: str, singular: str) -> None:
    name = f"after_{read}_{singular}"
    module = _module(tmp_path, name, singular, BEFORE["where"], AFTER[read])
    _every_mode(module.after, POINT, name)


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("read", sorted(ITEMS))
def test_a_seed_zero_by_structure_in_an_item(tmp_path, read: str, singular: str) -> None:
    name = f"items_{read}_{singular}"
    module = _module(tmp_path, name, singular, BEFORE["where"], ITEMS[read])
    _every_mode(module.after, POINT, name)


def test_masks_only_where_the_helper_reads_them(tmp_path) -> None:
    """A helper with no singular partial is called as before, with no mask; one with one takes
    it, in both modes (the lead of fuzzhunt14's generated code)."""
    text = TEMPLATE.replace("SELECT", BEFORE["where"]).replace("READ", AFTER["where"])
    smooth = module_from_text(tmp_path, "smooth_helper", text.replace("EXPR", "np.tanh(b)"))
    singular = module_from_text(tmp_path, "singular_helper", text.replace("EXPR", "np.sqrt(b)"))
    for f in (smooth.before, smooth.after):
        assert "b_dot_mask" not in tangentish.jvp(f).source
        assert "out_bar_mask" not in tangentish.grad(f).source
    assert "def jvp_h_wrt_b(b, *, b_dot, b_dot_mask):" in tangentish.jvp(singular.before).source
    assert "def grad_h_wrt_b(b, *, out_bar=1.0, out_bar_mask):" in \
        tangentish.grad(singular.after).source


COMPUTED = '''import numpy as np


def h(b):
    r = np.zeros(2)
    r[0] = 1.0
    return np.cbrt(b) * r[0]


def f(x):
    return np.sum(h(np.where(x > -10.0, x ** 3, 0.0)))
'''


def test_a_computed_zero_stays_nan(tmp_path) -> None:
    """``x ** 3`` has the tangent 0 at 0 by value, not by structure (the caller's mask is True
    there): the helper's ``cbrt`` meets it as IEEE says, NaN, never a silent 0 (the exact
    derivative of ``cbrt(x ** 3)`` is 1)."""
    module = module_from_text(tmp_path, "computed_zero", COMPUTED)
    x = np.array([0.0, 0.5])
    _, tangent = tangentish.jvp(module.f)(x, x_dot=np.array([1.0, 0.0]))
    assert np.isnan(tangent)
    assert np.isnan(tangentish.grad(module.f)(x)[0])
