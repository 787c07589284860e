"""``idioms20_style_zoo`` (``dict.get`` defaults, a config dataclass with a default factory,
``list.insert``/``extend``, ``sorted(zip(...))``,
``reversed(list(enumerate(...)))``, ``any``/``all`` guards, ``while True``, ``for``/``else``,
``first, *rest``, ``np.einsum`` traces, ``np.take_along_axis``, ``np.linalg.slogdet``, ``out=``,
a scalar ``np.where`` branch, a masked log under ``np.errstate``, ``np.clip(out=)``,
``math.fsum``, ``*=`` powers, ``np.stack`` of a comprehension, float32, and the NumPy functions
and habits the zoo's second half reaches) checked by
``test_idioms20.py`` (one mode each, turn by turn) against central differences within their
error estimate; the programs of the zoo tangentish refuses are in ``test_idioms20_refusals.py``."""

from __future__ import annotations

import idioms20_style_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2005)

X = np.array([0.7, -1.2, 0.4, 2.3, -0.3, 1.1])

CASES = [
    Case("dict_get_default", z.dict_get_default, ({"scale": 1.5}, X), (0, 1)),
    Case("configured_descent", z.configured_descent, (X,)),
    Case("list_insert_extend", z.list_insert_extend, (X,)),
    Case("sorted_pairs", z.sorted_pairs, (X, np.abs(X) + 0.5), (0, 1)),
    Case("reversed_enumerate", z.reversed_enumerate, (X,)),
    Case("guarded_any_all", z.guarded_any_all, (X, X[::-1]), (0, 1)),
    Case("while_true_break", z.while_true_break, (np.abs(X) + 0.5,)),
    Case("for_else_search", z.for_else_search, (X,)),
    Case("for_else_fallthrough", z.for_else_search, (X * 0.5,)),
    Case("unpack_rest", z.unpack_rest, (X,)),
    Case("einsum_out", z.einsum_out, (_n(3, 4), _n(4, 3), _n(3)), (0, 1, 2)),
    Case("take_along", z.take_along, (_n(3, 5), _n(3, 5)), 0),
    Case("slogdet_penalty", z.slogdet_penalty, (_n(3, 3),)),
    Case("out_argument", z.out_argument, (X, X[::-1]), (0, 1)),
    Case("where_scalar_branch", z.where_scalar_branch, (X,)),
    Case("masked_log_errstate", z.masked_log_errstate, (X,)),
    # (no element sits on a clip bound)
    Case("clip_in_place", z.clip_in_place, (X,)),
    Case("fsum_of_terms", z.fsum_of_terms, (X,)),
    Case("integer_power_loop", z.integer_power_loop, (X,)),
    Case("stack_comprehension", z.stack_comprehension, (_n(3, 3), [_n(3), _n(3), _n(3)]), (0, 1)),
    Case("float32_norm", z.float32_norm, (X.astype(np.float32),)),
]

CASES += [
    Case("running_peak_drawdown", z.running_peak_drawdown,
         (np.array([1.0, 1.3, 1.1, 1.6, 1.2, 0.9, 1.4]),)),
    Case("diff_prepend", z.diff_prepend, (X,)),
    Case("interp_moving_knots", z.interp_moving_knots,
         (np.array([0.1, -0.3, 0.2, 0.0]), np.array([1.0, -0.5, 2.0, 0.3]),
          np.array([1.5, 2.2, 3.1, 4.0])), (0, 1)),
    Case("lstsq_residual", z.lstsq_residual, (_n(6, 3), _n(6)), (0, 1)),
    Case("eigh_spread", z.eigh_spread, (_n(4, 4),)),
    Case("polyfit_curvature", z.polyfit_curvature, (X,)),
    Case("trapezoid_nonuniform", z.trapezoid_nonuniform,
         (np.array([0.0, 0.3, 0.5, 1.1, 1.6, 2.0]), X), (0, 1)),
    Case("outer_diag_in_place", z.outer_diag_in_place, (X[:4],)),
    Case("sorted_trimmed", z.sorted_trimmed, (X,)),
    Case("kron_tril", z.kron_tril, (_n(2, 2), _n(2, 3)), (0, 1)),
    Case("meshgrid_field", z.meshgrid_field, (np.array([1.2, 0.3, -0.2]),)),
    Case("view_of_copy_in_place", z.view_of_copy_in_place, (X,)),
    Case("cumprod_survival", z.cumprod_survival, (np.array([0.1, 0.2, 0.05, 0.3, 0.15]),)),
    Case("percentile_band", z.percentile_band, (X,)),
    Case("masked_mean_where", z.masked_mean_where,
         (X, np.array([True, False, True, True, False, True]))),
]

CASES += [
    Case("lambdas_capture_default", z.lambdas_capture_default, (X,)),
    Case("isinstance_branch", z.isinstance_branch, (X,)),
    Case("method_chains", z.method_chains, (_n(5, 3), _n(5)), (0, 1)),
    Case("norm_orders", z.norm_orders, (X,)),
    Case("match_loss", z.match_loss, (X,)),
    Case("slice_assign_list", z.slice_assign_list, (X,)),  # (refused before refusals9)
]
