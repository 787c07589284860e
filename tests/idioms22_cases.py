"""The rows of the ``idioms22`` zoo (``idioms22_zoo``), one table (``tests/test_idioms22.py``)."""

from __future__ import annotations

import idioms22_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _ = seeded(2201)

X5 = _n(5, 2)
Y5 = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
W5 = _u(0.5, 2.0, 5)
F2 = np.array([[1.0, 0.1], [0.0, 1.0]])
H12 = np.array([[1.0, 0.0]])
XG = _n(4, 2)

CASES = [
    Case("safe_ratio_mean", z.safe_ratio_mean,
         (_n(5), np.array([0.5, 0.0, -1.2, 0.0, 2.0])), (0, 1)),
    Case("sklearn_log_loss", z.sklearn_log_loss, (_n(5) * 2.0, Y5, W5)),
    Case("weighted_quantile_loss", z.weighted_quantile_loss, (_n(5), _n(5), W5), (0, 2)),
    Case("huber_sample_weight", z.huber_sample_weight,
         (np.array([0.4, -0.3]), X5, X5 @ np.array([1.0, 0.5]) + np.array(
             [0.1, 3.0, -0.2, -2.5, 0.3]), W5), (0, 3)),
    Case("himmelblau", z.himmelblau, (np.array([1.2, -0.7]),)),
    Case("beale", z.beale, (np.array([1.1, 0.4]),)),
    Case("kalman_joseph", z.kalman_joseph,
         (np.array([0.3, -0.1]), np.diag([0.5, 0.2]) + 0.05, np.array([0.4]), F2, H12,
          0.01 * np.eye(2), np.array([[0.1]])), (0, 1, 2)),
    Case("rk4_stages", z.rk4_stages, (np.array([0.6, 0.0]), 1.3), (0, 1)),
    Case("fem_bar_assembly", z.fem_bar_assembly, (2.0, np.array([0.0, 0.4, 1.1, 1.5, 2.3])),
         (0, 1)),
    Case("gp_cho_mean", z.gp_cho_mean, (0.1, XG, _n(4), _n(2, 2)), (0, 2)),
    Case("causal_attention", z.causal_attention, (_n(4, 3), _n(3, 2), _n(3, 2), _n(3, 2)),
         (0, 1, 2, 3)),
    Case("sobel_magnitude", z.sobel_magnitude, (_n(4, 5),)),
    Case("tv_denoise_energy", z.tv_denoise_energy, (_n(4, 4), _n(4, 4))),
]
