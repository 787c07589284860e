"""The rows of the ``idioms28`` zoos (``idioms28_zoo``, ``idioms28_more_zoo``,
``idioms28_extra_zoo``, ``idioms28_style_zoo``), one table (``tests/test_idioms28.py``), and the
programs of theirs still refused (:data:`REFUSED`)."""

from __future__ import annotations

import idioms28_extra_zoo as x
import idioms28_more_zoo as m
import idioms28_style_zoo as s
import idioms28_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _p = seeded(2801)

COV = np.array([[0.04, 0.006, 0.002], [0.006, 0.09, 0.01], [0.002, 0.01, 0.0625]])
MU = np.array([0.06, 0.1, 0.08])
EDGES = [(0, 1), (1, 2), (0, 2)]
MEASURED = [np.array([1.0, 0.1, 0.3]), np.array([0.9, -0.2, 0.2]), np.array([1.6, 0.5, 0.6])]
POSES = np.array([[0.0, 0.0, 0.1], [1.1, 0.2, 0.35], [1.7, 0.6, 0.6]])
DATA = np.array([-1.3, -0.9, -0.2, 0.4, 1.1, 1.8, 2.3])
X_GLM = _n(6, 2, scale=0.5)
COUNTS = np.array([0.0, 2.0, 1.0, 4.0, 1.0, 3.0])
SERIES = np.array([0.3, 0.5, 0.1, -0.4, -0.2, 0.35])
X_LR = _n(6, 3)
Y_LR = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0])
ONE_HOT = np.eye(3)[[0, 2, 1, 2]]
LANDMARKS = np.array([[1.0, 2.0], [3.0, -1.0], [-2.0, 0.5]])
T_W = np.array([0.5, 1.2, 0.8, 2.1, 1.6])

CASES = [
    # physics
    Case("spring_chain_energy", z.spring_chain_energy, (_n(5), _u(0.5, 2.0, 5)), (0, 1)),
    Case("nbody_potential", z.nbody_potential, (_n(4, 3), _u(0.5, 2.0, 4)), (0, 1)),
    Case("lennard_jones", z.lennard_jones,
         (np.array([[0.0, 0.0], [1.1, 0.1], [0.4, 1.05]]) + _n(3, 2, scale=0.02),)),
    Case("heat_steps", z.heat_steps, (np.sin(np.linspace(0, np.pi, 7)) + _n(7, scale=0.1), 0.8),
         (0, 1)),
    Case("pendulum_verlet", z.pendulum_verlet, (0.4, 0.1, 1.3), (0, 1, 2)),
    Case("projectile_range", z.projectile_range, (3.0, 0.7), (0, 1)),
    # finance
    Case("portfolio_sharpe", z.portfolio_sharpe, (_n(3), MU, COV), (0, 1, 2)),
    Case("bs_call_math", z.bs_call_math, (1.05, 1.0, 0.25), (0, 1, 2)),
    Case("bs_book_value", z.bs_book_value, (_u(0.9, 1.1, 4), _u(0.9, 1.1, 4), _u(0.15, 0.4, 4)),
         (0, 1, 2)),
    Case("bond_price_duration", z.bond_price_duration, (0.04,)),
    Case("cvar_loss", z.cvar_loss, (_u(0.2, 0.5, 3), _n(6, 3, scale=0.1))),
    Case("gbm_basket_call", z.gbm_basket_call, (0.3, _n(8, 4))),
    # robotics
    Case("planar_arm_rotations", z.planar_arm_rotations,
         (_n(3), _u(0.5, 1.0, 3), np.array([1.0, 1.2])), (0, 1)),
    Case("chain_by_reduce", z.chain_by_reduce, (_n(3, scale=0.5), _u(0.5, 1.0, 3)), (0, 1)),
    Case("diff_drive", z.diff_drive, (_u(0.5, 1.5, 5, 2),)),
    Case("pose_graph_error", z.pose_graph_error, (POSES + _n(3, 3, scale=0.05), EDGES, MEASURED)),
    # statistics
    Case("gmm_nll", z.gmm_nll, (np.array([-1.0, 1.5]), _n(2, scale=0.2), _n(2), DATA), (0, 1, 2)),
    Case("loo_kde", z.loo_kde, (-0.3, DATA)),
    Case("poisson_glm", z.poisson_glm, (_n(2, scale=0.3), X_GLM, COUNTS), (0, 1)),
    Case("student_t_nll", z.student_t_nll, (np.array([0.2, -0.1, 1.2]), DATA)),
    Case("ar1_nll", z.ar1_nll, (0.5, 0.4, SERIES), (0, 1, 2)),
    Case("logistic_l2", z.logistic_l2, (_n(3), X_LR, Y_LR), (0, 1)),
    # ML layers
    Case("attention", m.attention, (_n(3, 4), _n(5, 4), _n(5, 2)), (0, 1, 2)),
    Case("multi_head", m.multi_head, (_n(3, 4), _n(4, 4, scale=0.5), _n(4, 4, scale=0.5)),
         (0, 1, 2)),
    Case("layer_norm", m.layer_norm, (_n(3, 4), _u(0.5, 1.5, 4), _n(4)), (0, 1, 2)),
    Case("conv1d_valid", m.conv1d_valid, (_n(7), _n(3)), (0, 1)),
    Case("conv2d_slices", m.conv2d_slices, (_n(5, 5), _n(2, 3)), (0, 1)),
    Case("gru_step", m.gru_step, (_n(3), _n(2), _n(3, 5), _n(3, 5), _n(3, 5)), (0, 1, 2, 3, 4)),
    Case("batchnorm_relu", m.batchnorm_relu, (_n(5, 3), _n(3, 2), _u(0.5, 1.5, 2), _n(2)),
         (0, 1, 2, 3)),
    Case("maxpool_head", m.maxpool_head, (_n(4, 4), _n(4)), (0, 1)),
    # optimization test functions
    Case("rastrigin", m.rastrigin, (_n(4),)),
    Case("ackley", m.ackley, (_n(3),)),
    Case("beale", m.beale, (np.array([1.2, 0.3]),)),
    Case("himmelblau", m.himmelblau, (np.array([2.5, 1.5]),)),
    Case("styblinski_tang", m.styblinski_tang, (_n(3),)),
    Case("levy", m.levy, (_n(4),)),
    Case("rosenbrock_zip", m.rosenbrock_zip, (_n(4),)),
    # array-API style
    Case("xp_softmax_xent", m.xp_softmax_xent, (_n(4, 3), ONE_HOT)),
    Case("xp_kw_energy", m.xp_kw_energy, (_n(4),)),
    Case("xp_helper_cosine", m.xp_helper_cosine, (_n(3), _n(3)), (0, 1)),
    Case("xp_ridge", m.XpRidge(_n(5, 3), _n(5)).loss, (_n(3),)),
    Case("xp_mlp", m.XpMlp().forward, (_n(3, 2), _n(4, 3)), (0, 1)),
    # the Python around the NumPy
    Case("hypot_star", m.hypot_star, (_n(3),)),
    Case("star_slice_helper", m.star_slice_helper, (_n(3),)),
    Case("varargs_total", m.varargs_total, (_n(3), _n(3)), (0, 1)),
    Case("dataclass_springs", m.dataclass_springs,
         ([m.Spring(1.5, 0.9), m.Spring(0.7, 1.2)], _n(3)), (0, 1), second=False),
    Case("namedtuple_pose_cost", m.namedtuple_pose_cost, (m.Pose(0.3, -0.2, 0.4), LANDMARKS)),
    Case("reduce_matrix_chain", m.reduce_matrix_chain, (_n(2, 3), _n(3, 3), _n(3, 2)), (0, 1, 2)),
    Case("enumerate_zip_weights", m.enumerate_zip_weights, ([_n(2), _n(3)], [0.5, 1.5]), (0, 1)),
    Case("stacked_features", m.stacked_features, (_n(4),)),
    # part three
    Case("hypot3_springs", x.hypot3_springs, (_n(3, 3),)),
    Case("quaternion_rotate", x.quaternion_rotate, (_n(4), _n(3)), (0, 1)),
    Case("torque_balance", x.torque_balance, (_n(3, 3), _n(3, 3)), (0, 1)),
    Case("periodic_heat", x.periodic_heat, (_n(6),)),
    Case("einsum_gravity", x.einsum_gravity, (_n(3, 2), _u(0.5, 1.5, 3)), (0, 1)),
    Case("weibull_nll", x.weibull_nll, (0.2, 0.1, T_W), (0, 1)),
    Case("gamma_nll", x.gamma_nll, (np.array([0.4, 0.2]), T_W)),
    Case("beta_binomial_nll", x.beta_binomial_nll,
         (np.array([0.3, 0.5]), np.array([2.0, 5.0, 1.0]), np.array([6.0, 8.0, 4.0]))),
    Case("negbin_nll", x.negbin_nll, (0.5, 0.3, np.array([0.0, 3.0, 1.0, 6.0])), (0, 1)),
    Case("mixture_logsumexp", x.mixture_logsumexp, (_n(3), _n(5)), (0, 1)),
    Case("lstm_step", x.lstm_step, (_n(2), _n(2), _n(3), _n(8, 5, scale=0.5)), (0, 1, 2, 3)),
    Case("rms_norm", x.rms_norm, (_n(2, 4), _n(4)), (0, 1)),
    Case("gelu_both", x.gelu_both, (_n(5),)),
    Case("focal_loss", x.focal_loss, (_n(5), np.array([1, 0, 1, 1, 0]))),
    Case("info_nce", x.info_nce, (_n(3, 4), _n(3, 4)), (0, 1)),
    Case("label_smoothing", x.label_smoothing, (_n(3, 4), np.array([0, 3, 1]))),
    Case("window_conv", x.window_conv, (_n(7), _n(3)), (0, 1)),
    Case("griewank", x.griewank, (_n(4),)),
    Case("michalewicz", x.michalewicz, (_u(0.5, 2.5, 3),)),
    Case("goldstein_price", x.goldstein_price, (np.array([0.2, -0.8]),)),
    Case("fsum_generator", x.fsum_generator, (_n(4),)),
    Case("sorted_key_top", x.sorted_key_top, (_n(4, 2),)),
    Case("dict_params", x.dict_params, (_n(3),)),
    Case("getattr_activation", x.getattr_activation, (_n(3),)),
    # part four
    Case("arm_potential", s.arm_potential, (_n(2),)),
    Case("unpack_rows", s.unpack_rows, (_n(3, 4),)),
    Case("call_kwargs", s.call_kwargs, (_n(3),)),
    Case("reduce_add_quadratics", s.reduce_add_quadratics, (_n(2), [_n(2, 2), _n(2, 2)])),
    Case("accumulate_prices", s.accumulate_prices, (_n(4, scale=0.05),)),
    Case("max_drawdown_soft", s.max_drawdown_soft, (_n(5, scale=0.05),)),
    Case("cov_from_chol", s.cov_from_chol,
         (np.array([1.0, 0.2, 0.9, -0.1, 0.3, 1.1]), _n(4, 3))),
    Case("bs_vega_sum", s.bs_vega_sum, (np.array([0.2, 0.3]),)),
    Case("matrix_exp_rotation", s.matrix_exp_rotation, (0.7,)),
    Case("np_piecewise", s.np_piecewise, (_n(4),)),
    Case("where_guard_sqrt", s.where_guard_sqrt, (np.array([0.5, -0.3, 1.2]),)),
    Case("enumerate_start", s.enumerate_start, (_n(3),)),
    Case("zip_three", s.zip_three, (_n(3), _n(3), _n(3)), (0, 1, 2)),
    Case("dict_items_loop", s.dict_items_loop, (_n(3),)),
    Case("nested_comprehension", s.nested_comprehension, (_n(2, 3),)),
    Case("string_default_getattr", s.string_default_getattr, (_n(3),)),
]

# (refused, clearly: a local function called with `*p` in a generator; a property of an object
# built in the function; a second star after a call of the user's in one statement, which may
# change what it spreads; `xp = _namespace(x)`, refused here before, is idioms29's
# found_namespace_norm, passes/helper_modules.py)
REFUSED = [(s.star_args_energy, ("star unpacking",)),
           (s.class_with_property, ("_Box",)), (m.star_slices_one_line, ("star unpacking",))]
