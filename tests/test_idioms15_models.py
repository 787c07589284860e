"""``idioms15_models_zoo`` (Gaussian processes, attention, batch normalisation, small classes)
in every first-order mode against central differences within their error estimate
(``idioms15_check``), and the refusals among them named by line."""

from __future__ import annotations

import idioms15_models_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1521)
_n = lambda *shape: R.normal(0.0, 1.0, shape)  # noqa: E731  (seeded points)

CASES = [
    Case("gp_slogdet", z.gp_slogdet, (np.array([0.1, 0.2, -1.0]), _n(4, 2), _n(4))),
    Case("gp_slogdet_X", z.gp_slogdet, (np.array([0.1, 0.2, -1.0]), _n(4, 2), _n(4)), (1, 2)),
    Case("legacy_rng", z.legacy_rng, (_n(3),)),
    Case("inv_chol", z.inv_chol, (_n(3, 3),)),
    Case("einsum_path", z.einsum_path, (_n(2, 3), _n(3, 3), _n(3, 2)), (0, 1, 2)),
    Case("matrix_sqrt_newton", z.matrix_sqrt_newton, (_n(2, 2),)),
    Case("kmeans_assign", z.kmeans_assign, (_n(5, 2), _n(2, 2)), (0, 1)),
    Case("softmax_attention_mask", z.softmax_attention_mask, (_n(3, 2), _n(3, 2), _n(3, 2)),
         (0, 1, 2)),
    Case("masked_fill_inplace", z.masked_fill_inplace, (_n(3, 2), _n(3, 2)), (0, 1)),
    Case("batchnorm_train", z.batchnorm_train, (_n(4, 3), _n(3), _n(3)), (0, 1, 2)),
    Case("batchnorm_train_x", z.batchnorm_train, (_n(4, 3), _n(3), _n(3))),
    Case("quad_descent", z.quad_descent, (_n(2),)),
    Case("poly_loss", z.poly_loss, (_n(3),)),
    Case("net_loss", z.net_loss, (_n(4, 3), _n(4, 2))),  # (super() in NET's method: refusals4)
]
if np.linalg.eigvals(np.eye(2)).dtype.kind == "f":  # (NumPy 2.5's eig is complex always: refused)
    CASES.append(Case("eig_general", z.eig_general, (_n(2, 2),)))  # (refused until eig's rule)
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])

