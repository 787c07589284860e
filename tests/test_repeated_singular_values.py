"""``np.linalg.svd`` at repeated singular values (``A = I``, ``diag(2, 2, 1)``), where the loss does
not depend on the basis chosen inside a repeated value's singular subspace and its derivative
exists: the polar factor ``U @ Vh`` and the nuclear norm's gradient (also ``U @ Vh``), first order
and second (``hvp``: the tangent of that gradient).

The rules' coupling of a pair ``i, j`` is ``(p_ij s_j + s_i p_ji) / (s_j^2 - s_i^2)``: its part
symmetric in ``p`` divides by ``s_j - s_i`` (0 by the convention for a repeated value, where the
loss gives it no weight), its antisymmetric part by ``s_j + s_i``, finite.  ``_rt.gap_inverse(s *
s)`` dropped both at a repeated value: the polar factor's tangent and the nuclear norm's Hessian
came out finite and wrong (0.25 and 0.33 off at ``I``).  Against central differences.
"""

from __future__ import annotations

import numpy as np
import pytest

import tangentish


def polar(a, e):
    u, _, vh = np.linalg.svd(a)
    return np.sum((u @ vh) * e)


def nuclear(a):
    return np.sum(np.linalg.svd(a, compute_uv=False))


RNG = np.random.default_rng(186)
E, D = RNG.standard_normal((3, 3)), RNG.standard_normal((3, 3))
POINTS = {"identity": np.eye(3), "pair": np.diag([2.0, 2.0, 1.0]),
          "distinct": np.diag([3.0, 2.0, 1.0]) + 0.1 * RNG.standard_normal((3, 3))}


def _along(fn, a, step=1e-6):
    return (fn(a + step * D) - fn(a - step * D)) / (2 * step)


@pytest.mark.parametrize("point", POINTS)
def test_polar_factor_and_nuclear_norm_at_repeated_singular_values(point):
    a = POINTS[point]
    _, tangent = tangentish.jvp(polar, wrt=0)(a, E, a_dot=D)
    np.testing.assert_allclose(tangent, _along(lambda x: polar(x, E), a), rtol=1e-6, atol=1e-8)
    gradient = tangentish.grad(nuclear)
    np.testing.assert_allclose(tangentish.hvp(nuclear)(a, D), _along(gradient, a), rtol=1e-6,
                               atol=1e-8)
