"""A helper called with a derivative of its own selects inside it; the caller's singular partials
stay on where that derivative can reach (``passes/supports_called.py``, ``runtime/probes.py``).

1. :data:`READS` x :data:`SINGULAR` x :data:`KINDS`: ``f(x) = sin(helper(u))`` for ``u`` a
   singular function of ``x`` (singular at the first ``K`` elements: their value 0 or out of the
   domain, or their partial inf), the helper reading the others only.  The caller's adjoint of
   ``u`` came back from the helper's gradient with no support of its own, and the singular
   partial made ``0 * inf = NaN`` at the unread elements, in every reverse mode (fuzz seed 4877,
   program 34: ``np.sqrt(np.concatenate((v * v, v)))`` at ``v[0] = 0``, read at ``[2]`` only).
2. :data:`ZEROED` x :data:`KINDS`: the helper's value 0 by structure where ``x <= 0``
   (``np.where``, ``np.maximum``, a slice written), a ``np.sqrt`` of it in the caller: the
   tangent from the helper's ``jvp`` had no support, and forward mode made ``0 * inf`` there
   (also through a triangular solve, whose probe SciPy's ``check_finite`` refused).

References: finite differences (:func:`helpers.one_sided_jacobian`: one-sided at a singular
point), of ``f`` and of its gradient for the second order.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian, seed_for
from test_structural_reach import SINGULAR as REACH_SINGULAR

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unread, 0 * inf)

# name: (decorator, statements): why the helper gets a derivative of its own (not inlined)
KINDS = {
    "changes_a_local_in_place": ("", "s = np.ones(2)\n    s[0] = 2.0"),
    "checkpointed": ("@tangentish.checkpoint", "s = np.array([2.0, 1.0])"),
}

# name: (expression of x, points where its partial is not finite, interior range)
SINGULAR = {**REACH_SINGULAR, "sqrt_of_a_square": ("np.sqrt({0} * {0})", [0.0], (0.5, 2.0))}

# the helper's return, reading b from element K on only
READS = {
    "index": "return b[K] * s[0]",
    "slice": "return np.sum(b[K:] * s[0])",
    "take": "return np.sum(np.take(b, [K, K + 2])) * s[0]",
    "where": "return np.sum(np.where(np.arange(b.size) >= K, b, 0.0)) * s[0]",
    "two_parameters": "return b[K] * s[0] + np.tanh(c) * b[K + 1]",
}

READ_TEXT = '''import numpy as np
import tangentish


DECORATOR
def helper(b, c=0.5):
    SETUP
    READ


def f(x):
    u = EXPR
    return np.sin(helper(u, x[-1]))
'''


def _point(singular: str, name: str) -> np.ndarray:
    _, bad, interior = SINGULAR[singular]
    return np.concatenate([bad, np.random.default_rng(seed_for(name)).uniform(*interior, 3)])


def _text(template: str, kind: str, **parts: str) -> str:
    decorator, setup = KINDS[kind]
    text = template.replace("DECORATOR", decorator).replace("SETUP", setup)
    for key, value in parts.items():
        text = text.replace(key, value)
    return text


def _every_mode(f, x: np.ndarray, name: str) -> None:
    expected = one_sided_jacobian(f, x)
    assert np.isfinite(expected).all()
    rng = np.random.default_rng(seed_for(name))
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tangentish.value_and_grad(f)(x)[1], expected, rtol=1e-5,
                               atol=1e-6)
    _, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(pullback(-1.5), -1.5 * expected, rtol=1e-5, atol=1e-6)
    direction = rng.uniform(0.5, 1.5, x.shape)
    _, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-5, atol=1e-6)
    curvature = one_sided_jacobian(tangentish.grad(f), x)
    np.testing.assert_allclose(tangentish.hessian(f)(x), curvature, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(tangentish.hvp(f)(x, direction), curvature @ direction,
                               rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("read", sorted(READS))
def test_a_helper_reading_some_elements(tmp_path, read: str, singular: str, kind: str) -> None:
    name = f"reads_{read}_{singular}_{kind}"
    bad = len(SINGULAR[singular][1])
    text = _text(READ_TEXT, kind, READ=READS[read], EXPR=SINGULAR[singular][0].format("x"))
    module = module_from_text(tmp_path, name, text.replace("K", str(bad)))
    _every_mode(module.f, _point(singular, name), name)


# the helper's value, 0 by structure where x <= 0
ZEROED = {
    "where": "return np.where(x > 0, x, 0.0) * s[0]",
    "maximum": "return np.maximum(x, 0.0) * s[0]",
    "written": "y = np.zeros(x.shape)\n    y[K:] = x[K:] * s[0]\n    return y",
    "tuple_item": "return (np.where(x > 0, x, 0.0) * s[0], x[0])",
    # (a lower triangular solve: 0 up to the first x > 0; SciPy's check_finite refused the
    # probe's NaN in the helper's jvp and gradient, so no support: jvp NaN, stop 61)
    "solve_triangular": "L = x.size * np.eye(x.size) - 0.1 * np.tril(np.ones((x.size, x.size)), -1)"
                        "\n    return sla.solve_triangular(L, np.where(x > 0, x, 0.0), lower=True) * s[0]",
}

ZEROED_TEXT = '''import numpy as np
import scipy.linalg as sla
import tangentish


DECORATOR
def helper(x):
    SETUP
    VALUE


def f(x):
    return np.sum(np.sqrt(ITEM) * np.arange(1.0, 1.0 + x.size))
'''


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("zeroed", sorted(ZEROED))
def test_a_helper_zero_by_structure(tmp_path, zeroed: str, kind: str) -> None:
    name = f"zeroed_{zeroed}_{kind}"
    item = "helper(x)[0]" if zeroed == "tuple_item" else "helper(x)"
    text = _text(ZEROED_TEXT, kind, VALUE=ZEROED[zeroed], ITEM=item)
    module = module_from_text(tmp_path, name, text.replace("K", "2"))
    x = np.concatenate([[-1.0, -0.5], np.random.default_rng(seed_for(name)).uniform(0.5, 2.0, 3)])
    _every_mode(module.f, x, name)


def test_no_probe_where_no_singular_partial_needs_it(tmp_path) -> None:
    """The probe (a second call of the helper's derivative) is made only where a singular
    partial meets what it says, in either mode."""
    text = _text(READ_TEXT, "changes_a_local_in_place", READ=READS["slice"], EXPR="np.tanh(x)")
    module = module_from_text(tmp_path, "reads_no_probe", text.replace("K", "1"))
    for mode in ("grad", "jvp"):
        assert "_rt.reached" not in tangentish.source(module.f, mode=mode)


NANMEAN = '''import numpy as np


def helper(y):
    s = np.ones(2)
    s[0] = 2.0
    return np.nanmean(y) * s[0]


def f(x):
    return np.sqrt(helper(np.where(x > 0, x, 0.0)) + 1.0)


def root_squared(x):
    return np.nanmean(np.sqrt(x) ** 2)
'''


def test_a_probe_through_a_nan_skipping_reduction(tmp_path) -> None:
    """``np.nanmean``'s tangent skipped a NaN tangent at an element that is not NaN: the probe
    (a NaN direction where ``x > 0``) looked unreached, and ``jvp`` was 0 where it is not; and
    ``0 * inf`` at ``sqrt(0) ** 2`` became a made-up finite tangent where the adjoint says NaN."""
    module = module_from_text(tmp_path, "reach_nanmean", NANMEAN)
    x = np.array([-1.0, 0.5, 2.0])
    _every_mode(module.f, x, "reach_nanmean")
    point, direction = np.array([0.0, 1.0, 2.0]), np.ones(3)
    assert np.isnan(tangentish.jvp(module.root_squared)(point, x_dot=direction)[1])
    assert np.isnan(tangentish.grad(module.root_squared)(point) @ direction)


def test_reach_is_everywhere_where_the_derivative_raises() -> None:
    """A helper's derivative that raises on the probe: reach not known, so everywhere (True), for
    an item of its result too (``_rt.reached(...)[0]`` was a TypeError: 'bool' object is not
    subscriptable, a gradient of two parameters through ``scipy.linalg.solve_triangular``)."""
    from tangentish import runtime

    def raising(b, c, *, out_bar):
        raise ValueError("array must not contain infs or NaNs")

    probe = runtime.probe(np.ones(2), np.array([True, False]))
    assert runtime.reached_at(raising, 0, np.ones(2), 1.0, out_bar=probe) is True
