"""The rows of ``idioms24_tricky_zoo``."""

from __future__ import annotations

import idioms24_tricky_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _p = seeded(2402)

NET = {"W": _n(3, 2, scale=0.5), "b": _n(2, scale=0.5)}
STEP = {"W": _n(3, 2), "b": _n(2)}
WELL = _n(3, 3, scale=0.3) + np.eye(3) * 1.5

CASES = [
    Case("act_by_name", z.act_by_name, (_n(3, 3, scale=0.6), _n(2, 3)), (0, 1)),
    Case("partial_terms", z.partial_terms, (_n(4),)),
    Case("star_args", z.star_args, (_n(3), _n(3)), (0, 1)),
    Case("nonlocal_counter", z.nonlocal_counter, (_u(0.1, 1.0, 4),)),
    Case("recursive_halves", z.recursive_halves, (_n(8),)),
    Case("out_argument", z.out_argument, (_n(4), _n(4)), (0, 1)),
    Case("fill_diagonal_cov", z.fill_diagonal_cov, (_n(3, 3, scale=0.5), _n(3)), (0, 1)),
    Case("sort_in_place", z.sort_in_place, (_n(5),)),
    Case("mod_floor_phase", z.mod_floor_phase, (np.array([0.13, 0.71, 1.37, 2.2]), 1.3), (0, 1)),
    Case("floordiv_bins", z.floordiv_bins, (np.array([0.13, 0.71, 1.37, -2.2]), 0.6), (0, 1)),
    Case("builtin_abs_max_round", z.builtin_abs_max_round, (0.7, -0.4), (0, 1)),
    Case("eigh_energy", z.eigh_energy, (_n(3, 3),)),
    Case("svd_nuclear", z.svd_nuclear, (_n(3, 2),)),
    Case("det_inverse", z.det_inverse, (WELL,)),
    Case("expm_generator", z.expm_generator, (_n(3, scale=0.5),)),
    Case("matrix_power_chain", z.matrix_power_chain, (WELL / 2, _n(3)), (0, 1)),
    Case("kron_lift", z.kron_lift, (_n(2), _n(2, 2, scale=0.3)), (0, 1)),
    Case("bincount_weights", z.bincount_weights, (_n(5), np.array([0, 3, 1, 3, 0]))),
    Case("clip_active_bounds", z.clip_active_bounds, (_n(5), -0.5, 0.6), (0, 1, 2)),
    Case("reduceat_segments", z.reduceat_segments, (_n(7),)),
    Case("logaddexp_reduce", z.logaddexp_reduce, (_n(4),)),
    Case("split_chunks", z.split_chunks, (_n(7),)),
    Case("argsort_reorder", z.argsort_reorder, (_n(5), _n(5)), (0, 1)),
    Case("searchsorted_lookup", z.searchsorted_lookup,
         (_n(5), np.array([0.1, 0.33, 0.6, 0.95])), (0, 1)),
    Case("rot90_flip_stencil", z.rot90_flip_stencil, (_n(3, 3),)),
    Case("diff_prepend", z.diff_prepend, (_n(5),)),
    Case("convolve_same", z.convolve_same, (_n(6), _n(3)), (0, 1)),
    Case("nan_guarded", z.nan_guarded, (np.array([0.5, -0.3, 1.2, 2.0]),)),
    Case("trace_offset_diagonal", z.trace_offset_diagonal, (_n(3, 3),)),
    Case("einsum_ellipsis", z.einsum_ellipsis, (_n(2, 2, 2), _n(2, 2, 2)), (0, 1)),
    Case("qr_orthogonality", z.qr_orthogonality, (_n(3, 2),)),
    Case("repeat_tile", z.repeat_tile, (_n(3),)),
    Case("sgd_step_comprehension", z.sgd_step_comprehension, (NET, STEP, _n(2, 3)), (0, 1)),
    Case("sgd_step_items", z.sgd_step_items, (NET, STEP, _n(2, 3)), (0, 1)),
    Case("decay_over_keys", z.decay_over_keys, (NET, _n(2, 3))),
]
