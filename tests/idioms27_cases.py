"""The rows of the ``idioms27`` zoos (``idioms27_zoo``, ``idioms27_more_zoo``,
``idioms27_style_zoo``, ``idioms27_extra_zoo``), one table (``tests/test_idioms27.py``)."""

from __future__ import annotations

import idioms27_extra_zoo as e
import idioms27_more_zoo as m
import idioms27_style_zoo as s
import idioms27_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _p = seeded(2701)

T_PK = np.array([1.0, 3.0, 8.0, 13.0, 20.0, 26.0, 36.0])
Y_PK = np.array([2.1, 2.6, 1.6, 2.5, 1.5, 2.0, 1.1])
CONC = np.array([0.1, 0.5, 1.0, 2.0, 5.0])
LABELS_PROP = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
TRIPLES = np.array([[0, 1, 2], [1, 0, 3], [2, 3, 1], [0, 2, 0]])
MASK_ALS = np.array([[1, 1, 0, 1], [0, 1, 1, 1], [1, 0, 1, 1]], dtype=bool)
REL = np.array([2.0, 0.0, 1.0, 3.0, 1.0])
BOXES = np.array([[0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 4.0]])
CV_X = _n(9, 2)
CV_Y = CV_X @ np.array([1.0, -0.5]) + _n(9, scale=0.1)
T_GN = np.linspace(0.0, 2.0, 6)

CASES = [
    # robotics
    Case("euler_pointing", z.euler_pointing, (_n(3), _n(3)), (0, 1)),
    Case("dh_tip_error", z.dh_tip_error, (_n(3), _n(3, scale=0.3)), (0, 1)),
    Case("planar_arm_tip", z.planar_arm_tip, (_n(3), _u(0.5, 1.0, 3)), (0, 1)),
    Case("arm_manipulability", z.arm_manipulability, (_u(0.3, 1.2, 3), _u(0.5, 1.0, 3)), (0, 1)),
    Case("unicycle_odometry", z.unicycle_odometry, (_n(5, 2),)),
    # finance
    Case("hedged_book", z.hedged_book, (_u(0.8, 1.2, 4), 0.25), (0, 1)),
    Case("implied_vol", z.implied_vol, (0.06,)),
    Case("risk_parity_loss", z.risk_parity_loss, (_n(3), _n(8, 3, scale=0.1)), (0, 1)),
    Case("asian_call_mc", z.asian_call_mc, (0.3,)),
    # ecology
    Case("lotka_volterra_fit", z.lotka_volterra_fit,
         (np.array([1.0, 0.6, 0.4, 0.5]), np.array([1.0, 0.5])), (0, 1)),
    Case("competitive_lv", z.competitive_lv,
         (_u(0.5, 1.0, 3), _u(0.1, 0.5, 3, 3), _u(0.2, 0.5, 3)), (0, 1, 2)),
    Case("leslie_growth", z.leslie_growth, (_u(0.2, 1.5, 4), _u(0.3, 0.9, 3)), (0, 1)),
    # astronomy
    Case("elements_to_position", z.elements_to_position,
         (np.array([1.3, 0.2, 0.4, 0.7, 1.1, 2.0]),)),
    Case("state_to_elements", z.state_to_elements,
         (np.array([1.0, 0.1, 0.05]), np.array([0.05, 0.9, 0.2])), (0, 1)),
    # pharmacokinetics
    Case("pk_nll", z.pk_nll, (np.log([1.2, 0.15, 30.0]), T_PK, Y_PK)),
    Case("two_compartment", z.two_compartment, (np.array([0.3, 0.5, 0.2]), [0.5, 1.0, 2.5])),
    Case("emax_hill", z.emax_hill, (np.array([0.1, 1.0, 0.8, 1.5]), CONC, _u(0.1, 1.0, 5))),
    Case("auc_and_peak", z.auc_and_peak, (np.log([1.2, 0.15, 30.0]), T_PK)),
    # splines and images
    Case("bspline_fit", z.bspline_fit, (_n(6), _u(0.05, 0.95, 5)), (0, 1)),
    Case("de_casteljau", z.de_casteljau, (_n(4, 2), 0.3), (0, 1)),
    Case("natural_spline_energy", z.natural_spline_energy, (_n(6),)),
    Case("harris_response", z.harris_response, (_n(6, 6),)),
    Case("unsharp_mask", z.unsharp_mask, (_n(4, 5),)),
    # graphs
    Case("heat_kernel_smoothing", z.heat_kernel_smoothing, (_u(0.5, 1.5, 5), _n(4)), (0, 1)),
    Case("label_propagation", z.label_propagation, (_u(0.5, 1.5, 5), LABELS_PROP)),
    # part two
    Case("bpr_loss", m.bpr_loss, (_n(3, 2), _n(4, 2), TRIPLES), (0, 1)),
    Case("als_user_sweep", m.als_user_sweep, (_n(4, 2), _n(3, 4), MASK_ALS), (0, 1)),
    Case("ranknet_loss", m.ranknet_loss, (_n(5), REL)),
    Case("listnet_loss", m.listnet_loss, (_n(2, 5), _n(2, 5)), (0, 1)),
    Case("soft_ndcg", m.soft_ndcg, (_n(5), REL)),
    Case("sinkhorn_cost", m.sinkhorn_cost, (_n(3, 2), _n(4, 2)), (0, 1)),
    Case("wasserstein_1d", m.wasserstein_1d, (_n(5), _n(5)), (0, 1)),
    Case("chamfer", m.chamfer, (_n(3, 2), _n(4, 2)), (0, 1)),
    Case("giou_loss", m.giou_loss, (BOXES + _n(2, 4, scale=0.1), BOXES + 0.5)),
    Case("soft_dice", m.soft_dice, (_n(3, 3), (_n(3, 3) > 0).astype(float))),
    Case("arcface_loss", m.arcface_loss, (_n(4, 3), _n(3, 3), np.array([0, 2, 1, 2])), (0, 1)),
    Case("center_loss", m.center_loss, (_n(4, 2), _n(3, 2), np.array([0, 2, 1, 2])), (0, 1)),
    Case("cv_ridge", m.cv_ridge, (-0.5, CV_X, CV_Y), (0, 1, 2)),
    # part three
    Case("dataclass_mlp", s.dataclass_mlp,
         (s.MLPWeights(_n(2, 3), _n(3), _n(3, 1), 1.5), _n(4, 2), _n(4)), (0, 1)),
    Case("gp_namedtuple_nll", s.gp_namedtuple_nll,
         (s.KernelParams(-0.2, 0.1, -1.5), _n(4, 2), _n(4)), (0, 1, 2)),
    Case("robust_fit", s.robust_fit, (_n(2), _n(6, 2), _n(6, scale=2.0)), (0, 1, 2)),
    Case("reduce_layers", s.reduce_layers, ([(_n(2, 3), _n(3)), (_n(3, 2), _n(2))], _n(4, 2)),
         (0, 1)),
    Case("accumulate_returns", s.accumulate_returns, (_n(5), _n(5)), (0, 1)),
    Case("default_arg_lambdas", s.default_arg_lambdas, (_n(4),)),
    Case("configured_net", s.configured_net, ({"in": _n(3, 4), "out": _n(4, 2)}, _n(2, 3)),
         (0, 1)),
    Case("guarded_ratio", s.guarded_ratio,
         (_n(5), np.array([0.7, 0.0, -1.2, 0.0, 0.4])), (0, 1)),
    Case("validated_logreg", s.validated_logreg, (_n(3), _n(5, 3), np.array([1.0, 0, 0, 1, 1])),
         (0, 1)),
    Case("early_return_penalties", s.early_return_penalties, (_n(3), _n(4, 3)), (0, 1)),
    Case("filled_features", s.filled_features, (_n(5), _n(3), _u(0.5, 1.5, 3)), (0, 1, 2)),
    Case("reshape_round_trip", s.reshape_round_trip, (_n(2, 3), _n(4, 3)), (0, 1)),
    Case("slice_updates", s.slice_updates, (_n(5),)),
    # part four
    Case("bootstrap_se", e.bootstrap_se, (_n(6),)),
    Case("spectral_gap", e.spectral_gap, (_n(4, 2), 1.2), (0, 1)),
    Case("combination_energy", e.combination_energy,
         (np.array([[0.0, 0.0], [1.1, 0.1], [0.3, 1.2]]),)),
    Case("kernel_pca_variance", e.kernel_pca_variance, (_n(5, 2),)),
    Case("gauss_newton", e.gauss_newton,
         (np.array([1.0, 0.5]), T_GN, 1.2 * np.exp(-0.6 * T_GN)), (0, 2)),
    Case("particle_weights", e.particle_weights, (0.8, _n(3))),
    Case("triu_pairs", e.triu_pairs, (_n(5),)),
    Case("reversed_discount", e.reversed_discount, (_n(5),)),
    Case("zip_star_rows", e.zip_star_rows, (_n(3, 2),)),
    Case("lookup_interp", e.lookup_interp, (1.5, _u(0.1, 7.5, 4)), (0, 1)),
    Case("overlap_slices", e.overlap_slices, (_n(6),)),
    Case("ellipsis_write", e.ellipsis_write, (_n(4),)),
    Case("dict_value_inplace", e.dict_value_inplace, ({"W": _n(3, 2), "b": _n(2)}, _n(3)),
         (0, 1), second=False),  # (hvp in x alone: the comprehension over a dict held constant)
    Case("topk_sorted", e.topk_sorted, (_n(6),)),
    Case("float_loop", e.float_loop, (_n(3, 2),)),
    Case("batched_solve", e.batched_solve, (_n(2, 3, 3), _n(2, 3)), (0, 1)),
    Case("copyto_mask", e.copyto_mask, (_n(5),)),
    Case("param_alias_inplace", e.param_alias_inplace, (_n(4),)),
    Case("where_broadcast_scalar", e.where_broadcast_scalar, (_n(5), 0.7), (0, 1)),
    Case("running_norm", e.running_norm, (_n(4),)),
    Case("matrix_inplace_rows", e.matrix_inplace_rows, (_n(3, 3),)),
]
