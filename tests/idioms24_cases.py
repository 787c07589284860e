"""The rows of the ``idioms24`` zoo (``idioms24_zoo``), one table (``tests/test_idioms24.py``)."""

from __future__ import annotations

import idioms24_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _p = seeded(2401)

X43 = _n(4, 3)
X52 = _n(5, 2)
GRU = {k: _n(3, 2, scale=0.5) if k[0] == "W" else _n(3, 3, scale=0.5)
       for k in ("Wz", "Uz", "Wr", "Ur", "Wh", "Uh")}
J3 = _n(3, 3, scale=0.2)
MASK = np.tril(np.ones((3, 4), dtype=bool), 1)
SQUARE = np.array([[0.0, 0.0], [1.2, 0.1], [1.3, 1.1], [0.1, 0.9], [-0.4, 0.5]])
VERTS = np.array([[0.0, 0.0, 0.0], [1.0, 0.1, 0.2], [0.2, 1.1, -0.1], [0.3, 0.4, 1.2]])
FACES = np.array([[0, 1, 2], [0, 1, 3], [1, 2, 3]])
CHAIN = np.array([[0.0, 0.0], [1.0, 0.2], [1.5, 1.1], [2.4, 1.3], [2.6, 2.4]])

CASES = [
    Case("kuramoto", z.kuramoto, (_n(4), _n(4, scale=0.3)), (0, 1)),
    Case("brusselator_heun", z.brusselator_heun, (np.array([1.1, 2.9]), 1.0, 3.0), (0, 1, 2)),
    Case("wave_ring_leapfrog", z.wave_ring_leapfrog, (_n(6), 1.2), (0, 1)),
    Case("mean_field_fixed_point", z.mean_field_fixed_point, (J3 + J3.T, _n(3)), (0, 1)),
    Case("orbit_polar", z.orbit_polar, (np.array([1.0, 0.2]), np.array([0.1, 0.9])), (0, 1)),
    Case("double_pendulum_energy", z.double_pendulum_energy, (np.array([0.3, -0.5, 0.8, 1.1]),)),
    Case("von_mises_mixture", z.von_mises_mixture,
         (_u(-3, 3, 6), np.array([-1.0, 1.5]), np.array([0.2, 0.9]), np.array([0.3, -0.2])),
         (1, 2, 3)),
    Case("kde_weighted", z.kde_weighted, (_n(3), _n(5), _u(0.5, 1.5, 5), 0.7), (0, 1, 2, 3)),
    Case("student_t_nll", z.student_t_nll, (np.array([0.1, -0.2, 1.1]), _n(6))),
    Case("mahalanobis_cov", z.mahalanobis_cov, (X43, _n(3)), (0, 1)),
    Case("corrcoef_penalty", z.corrcoef_penalty, (X43,)),
    Case("median_abs_deviation_loss", z.median_abs_deviation_loss,
         (np.array([0.3, -1.2, 0.9, 2.1, -0.4]),)),
    Case("wls_normal_equations", z.wls_normal_equations,
         (_n(2), _n(5, 2), _n(5), _u(0.5, 2.0, 5)), (0, 1, 2, 3)),
    Case("sorted_pairs_loss", z.sorted_pairs_loss, (_n(5), np.array([1, 0, 1, 0, 0]))),
    Case("gru_sequence", z.gru_sequence, (GRU, [_n(2), _n(2), _n(2)]), (0, 1)),
    Case("masked_attention", z.masked_attention, (_n(3, 2), _n(4, 2), _n(4, 2), MASK),
         (0, 1, 2)),
    Case("layer_norm_mlp", z.layer_norm_mlp, (_n(2, 3), _u(0.5, 1.5, 3), _n(3), _n(3, 2)),
         (0, 1, 2, 3)),
    Case("gumbel_softmax", z.gumbel_softmax, (_n(2, 3),)),
    Case("info_nce", z.info_nce, (_n(3, 2), _n(3, 2)), (0, 1)),
    Case("label_smoothing_ce", z.label_smoothing_ce, (_n(3, 4), np.array([0, 3, 1]))),
    Case("focal_binary", z.focal_binary, (_n(5), np.array([1, 0, 0, 1, 1]))),
    Case("distillation_kl", z.distillation_kl, (_n(2, 3), _n(2, 3)), (0, 1)),
    Case("callable_layers", z.callable_layers, (_n(3, 2), X43[:, :3])),
    Case("triplet_margin", z.triplet_margin, (_n(4, 2), _n(4, 2), _n(4, 2)), (0, 1, 2)),
    Case("ackley", z.ackley, (_n(3, scale=0.5),)),
    Case("griewank", z.griewank, (_n(4, scale=3.0),)),
    Case("styblinski_tang_star", z.styblinski_tang_star, (_n(4),)),
    Case("michalewicz", z.michalewicz, (_u(0.5, 2.5, 3),)),
    Case("rosenbrock_walrus", z.rosenbrock_walrus, (_n(4),)),
    Case("fir_valid", z.fir_valid, (_n(3), _n(7)), (0, 1)),
    Case("autocorr_full", z.autocorr_full, (_n(6),)),
    Case("cumsum_window", z.cumsum_window, (_n(7),)),
    Case("interp_resample", z.interp_resample, (_n(5), np.array([0.05, 0.3, 0.55, 0.9]))),
    Case("gradient_smoothness", z.gradient_smoothness, (_n(6),)),
    Case("polyval_fit", z.polyval_fit, (_n(3), np.linspace(-1, 1, 5), _n(5)), (0, 1, 2)),
    Case("piecewise_softclip", z.piecewise_softclip, (np.array([-2.1, -0.3, 0.4, 1.7]),)),
    Case("select_regimes", z.select_regimes, (np.array([-1.1, -0.2, 0.3, 0.8]),)),
    Case("drawdown", z.drawdown, (np.array([0.05, -0.1, 0.03, 0.08, -0.02, 0.04]),)),
    Case("heat_padded", z.heat_padded, (_n(5), 0.2), (0, 1)),
    Case("shoelace_area", z.shoelace_area, (SQUARE,)),
    Case("rotate_points", z.rotate_points, ([0.3, -0.7, 1.1], _n(3, 2)), (0, 1)),
    Case("safe_pairwise", z.safe_pairwise, (X52,)),
    Case("triangle_mesh_area", z.triangle_mesh_area, (VERTS, FACES)),
    Case("bond_angles", z.bond_angles, (CHAIN,)),
    Case("closest_center_soft", z.closest_center_soft, (_n(4, 2), _n(3, 2)), (0, 1)),
    Case("enumerate_start_decay", z.enumerate_start_decay, ([_n(2), _n(3), _n(2, 2)],)),
]
