"""``idioms20_learn_zoo`` (Rasch and 2PL likelihoods with index arrays, a censored Tobit, NMF
updates in place, a planar flow, a VAE ELBO from a dict, an RBF MMD, soft ranks, L-BFGS's
two loops, an unscented transform, a particle filter, log-domain Sinkhorn with ``while``, a GP
marginal likelihood by ``solve_triangular``, EM responsibilities, a graph convolution by
``np.add.at``, a recommender from dicts, InfoNCE, a mixture density network, a pinball sum, a
Student-t regression, ordinal cut-points by ``np.cumsum(np.exp(...))``) checked by
``test_idioms20.py`` (one mode each, turn by turn) against central differences within their
error estimate."""

from __future__ import annotations

import idioms20_learn_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2004)

PERSON = np.array([0, 0, 1, 1, 2, 2, 3, 3, 0, 2])
ITEM = np.array([0, 1, 1, 2, 0, 2, 1, 0, 2, 1])
Y01 = np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 0], dtype=float)
X5 = _n(8, 3)
Y_TOBIT = np.maximum(X5 @ np.array([1.0, -0.5, 0.3]) + _n(8, scale=0.5), 0.0)
V = _u(0.2, 1.0, 5, 4)
S_LIST = [_n(4), _n(4)]
Y_LIST = [s * 1.5 + 0.1 * _n(4) for s in S_LIST]
COST = (np.arange(4.0)[:, None] - np.arange(3.0)[None, :] * 1.3) ** 2 / 4
EDGES = np.array([[0, 1], [1, 2], [2, 0], [3, 1], [1, 3]])
VAE = {"enc": _n(4, 3, scale=0.5), "mu": _n(3, 2, scale=0.5), "logvar": _n(3, 2, scale=0.3),
       "dec": _n(2, 4, scale=0.5)}
REC = {"P": _n(4, 2, scale=0.5), "Q": _n(3, 2, scale=0.5), "bu": _n(4, scale=0.1),
       "bi": _n(3, scale=0.1), "mu": 3.0}
USERS, ITEMS = np.array([0, 1, 2, 3, 0, 2]), np.array([0, 1, 2, 0, 2, 1])

CASES = [
    Case("rasch_loglik", z.rasch_loglik, (_n(4), _n(3), PERSON, ITEM, Y01), (0, 1)),
    Case("two_pl_loglik", z.two_pl_loglik, (_n(10, scale=0.5), PERSON, ITEM, Y01, 3)),
    Case("tobit_loglik", z.tobit_loglik, (np.array([0.9, -0.4, 0.2]), -0.6, X5, Y_TOBIT), (0, 1)),
    Case("nmf_multiplicative", z.nmf_multiplicative, (V, _u(0.3, 1.0, 5, 2), _u(0.3, 1.0, 2, 4)),
         (0, 1, 2)),
    Case("planar_flow_logdensity", z.planar_flow_logdensity,
         (_n(5, 2), np.array([0.5, -0.3]), np.array([0.8, 0.4]), 0.1), (0, 1, 2, 3)),
    Case("vae_elbo", z.vae_elbo, (VAE, (_u(0, 1, 3, 4) > 0.5).astype(float), _n(3, 2)), 0),
    Case("rbf_mmd", z.rbf_mmd, (_n(4, 2), _n(5, 2) + 0.5), (0, 1)),
    Case("soft_rank_spearman", z.soft_rank_spearman, (_n(6), _n(6)), (0, 1)),
    Case("lbfgs_direction", z.lbfgs_direction, (_n(4), S_LIST, Y_LIST), (0, 1, 2)),
    Case("unscented_transform", z.unscented_transform,
         (np.array([0.3, -0.2]), np.array([[0.5, 0.1], [0.1, 0.3]])), (0, 1)),
    Case("particle_filter_loglik", z.particle_filter_loglik,
         (np.array([0.8, -0.5]), np.array([0.2, 0.5, -0.1, 0.3]), _n(5, 6))),
    Case("sinkhorn_log", z.sinkhorn_log,
         (np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.5, 0.3, 0.2]), COST)),
    Case("gp_log_marginal", z.gp_log_marginal, (np.array([0.1, 0.2, -1.0]), _n(6, 2), _n(6)),
         (0, 1, 2)),
    Case("em_responsibilities", z.em_responsibilities,
         (_n(7), np.array([-1.0, 0.5, 1.5]), np.array([-0.2, 0.1, 0.0]), np.array([0.2, -0.1, 0.3])),
         (0, 1, 2, 3)),
    Case("gcn_message_passing", z.gcn_message_passing, (_n(4, 3), _n(3, 2), EDGES, 4), (0, 1)),
    Case("recommender_loss_module_default", z.recommender_loss_module_default,
         (REC, USERS, ITEMS, np.array([4.0, 3.0, 5.0, 2.0, 3.5, 4.5]))),
    Case("info_nce", z.info_nce, (_n(4, 3), _n(4, 3)), (0, 1)),
    Case("mdn_loss", z.mdn_loss, (_n(5, 3), _n(3, 2), _n(3, 2), _n(3, 2, scale=0.3), _n(5)),
         (0, 1, 2, 3)),
    # (no residual is 0 at the point: np.maximum has its kink there)
    Case("pinball_sum", z.pinball_sum, (_n(6, 3), _n(6) + 0.05), (0, 1)),
    Case("student_t_regression", z.student_t_regression, (_n(3), X5, _n(8), 4.0, 0.2), (0, 3, 4)),
    Case("ordinal_logistic", z.ordinal_logistic,
         (np.array([0.5, -0.3, 0.2]), np.array([-0.5, 0.2, 0.1]), X5,
          np.array([0, 1, 2, 3, 1, 2, 0, 3])), (0, 1)),
]
