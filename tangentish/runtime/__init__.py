"""The only helpers that generated derivative code calls (as ``_rt.<name>``), one module per family.

Each one is small, pure and documented, so that a reader of generated code can look it up; a
helper never writes into its arguments (``add_at`` and ``zero_index`` work in place only on an
array nothing else refers to, where the transform could not prove that itself: see
``passes/owned.py``) and arrays it returns are fresh or the incoming gradient unchanged.

The few that common code calls (:data:`_COMMON`: all that the goldens of ``tests/golden`` call;
``benchmarks/runtime_calls.py`` counts them), by family:

- machinery: ``seed`` (the seed meets the output), ``check_unshared`` (an in-place change that
  another name would see is refused), ``rewind``/``replay`` (split motion),
  ``catch_warnings``/``simplefilter``/``filterwarnings``/``resetwarnings`` (the ``warnings``
  module's: a user's ``catch_warnings`` block, carried); (``UNBOUND``, a name with no value yet
  on this path, stays only where a read may meet it: ``passes/placeholders.py``);
- checks: ``in_place`` (``x op= v`` on an array leaves what NumPy's update in place would: its
  shape and dtype, or NumPy's error; ``passes/in_place_guards.py``);
- broadcast: ``unbroadcast``, ``unreduce`` (a gradient back to an operand's shape; with
  ``view=True``, a full reduction's as a read-only view), ``like`` (what the tape keeps of an
  array read only for its shape), ``zeros_like``, ``widen_to`` (the adjoint of a Python number
  made of a NumPy value, in that value's precision: ``passes/weak_results.py``), and
  ``reduced_size`` (a mean's count, which generated code says as ``np.size(t)`` or
  ``np.shape(t)[k]`` unless its axis is a tuple or a variable: ``passes/spelling.py``);
- selection: ``chosen`` (selects by a weight), ``divided`` (``np.where(c, a / b, 0.0)``
  dividing only where ``c`` holds: ``passes/masked_ratios.py``), ``pick_first``, ``ties`` (the weights of
  ``maximum`` and ``max``; ``clip``'s is ``(a >= lo) & (a <= hi)`` where its bounds are literals,
  else ``clip_inside``);
- indexing: ``unindex``, ``add_at``, ``zero_index``, ``set_index``;
- products: ``matmul_left``, ``matmul_right`` (code specialized to proven ranks says ``g @ b.T``);
- rearrange: ``unjoin`` (``concatenate``'s adjoint).

Every other name is emitted by the rules of particular NumPy and SciPy functions (their templates
name it) or by the rules of these helpers (a derivative differentiated again).  ``Like``,
``NO_DERIVATIVE`` and ``UNPROBED`` are values generated code holds, public because their reprs
name them.

- :mod:`.broadcast`: a gradient back to an operand's shape (``unbroadcast``, ``unreduce``...);
- :mod:`.selection`: max/min with ties, ``clip``, ``maximum``/``minimum``, ``np.maximum.at``;
- :mod:`.products`: ``matmul``, ``dot``, ``inner``, ``cumsum``, ``prod``;
- :mod:`.indexing`: reading and writing ``x[i]``;
- :mod:`.special`: norms and functions whose derivative formula divides by 0 somewhere;
- :mod:`.containers`: lists, tuples, ``concatenate``/``stack``;
- :mod:`.machinery`: the seed check, placeholders, aliasing checks, split motion's rewind/replay;
- :mod:`.rearrange`: diagonals, repeat, tile, pad, joins and splits, differences;
- :mod:`.gradients`: np.gradient's adjoint (O(n), a stencil of three neighbours) and its tangent
  in its spacing;
- :mod:`.pad_stats`: np.pad's tangent, and the modes that compute the padding (mean, maximum...);
- :mod:`.gather`: take, sort, choose, select, compress, interp;
- :mod:`.quantiles`: the weights of median, quantile and percentile;
- :mod:`.convolutions`: the adjoints of scipy.signal's N-dimensional convolutions;
- :mod:`.distances`: the points and pairs of scipy.spatial.distance's cdist and pdist, squareform;
- :mod:`.contract`: the subscripts and axes of einsum and tensordot adjoints, kron, convolve;
- :mod:`.composites`: weights, exponents and index maps of trapezoid, vander, insert, polyint,
  cov/corrcoef, and the adjoint and tangent of linalg.multi_dot;
- :mod:`.linalg`: what eigh, svd and solve adjoints need beyond plain NumPy;
- :mod:`.eigenspaces`: values and vectors of a decomposition read together, refused at a repeated
  value;
- :mod:`.triangular`: scipy.linalg's triangular solves and Cholesky factor;
- :mod:`.symmetric_reads`: the triangle scipy.linalg's symmetric solves and ``cho_factor`` read,
  the row order of ``lu_factor``'s pivots, ``multivariate_normal``'s covariance;
- :mod:`.determinant`: det's derivatives as cofactors, defined at singular matrices too;
- :mod:`.polygamma`: digamma and its derivatives (for ``math.gamma``/``math.lgamma``);
- :mod:`.power_series`: the modified Bessel functions of integer order (for ``np.i0``) and
  ``log1p``'s excess over its tangent (generalized distributions' shape slopes);
- :mod:`.gamma_gaps`: scipy.special's beta and binom differentiated at the poles of Gamma;
- :mod:`.spectra`: complex intermediates (``np.fft``'s adjoints, a real operand's real part);
- :mod:`.checks`: refusals at run time (a derivative not computed, a complex value);
- :mod:`.probes`: where a helper's own derivative can be non-zero (its result on a NaN seed).

Each helper is loaded with its family module on its first use (``_rt.unbroadcast`` in generated
code, or ``from tangentish.runtime import unbroadcast``): a derivative read back from the
persistent cache imports the three or four families it calls, not all of them.  :func:`families`
imports every one (for whoever reads them all, such as an export's runtime file).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from ..lazy import lazy_attributes as _lazy_attributes
from .polygamma import polygamma as polygamma  # (named as its module: bound now, never shadowed)

_FAMILIES = {
    "broadcast": (
        "Like", "as_start", "average_part", "average_result", "average_weights", "diff_mask", "fit",
        "gradient_mask", "like", "outer_left", "reduced_size", "unbroadcast", "unreduce",
        "weighs", "weights_along", "where_count", "widen_to", "zeros_like",
    ),
    "checks": (
        "array_operand", "checked", "copyto_cast", "default_changed", "extended_slots", "fails",
        "float_target", "in_place",
        "no_derivative", "no_tangent",
        "out_written",
        "matrices_only", "real_eigenvalues",
        "real_only", "values_only",
    ),
    "composites": (
        "after_initial", "axis_pads", "cov_axes", "cov_counts", "cov_ddof", "cov_scale",
        "ediff1d_span", "half_steps", "insert_like", "insert_sources",
        "multi_dot_adjoint",
        "multi_dot_adjoint_with", "multi_dot_cross", "multi_dot_tangent", "polydiv_pad",
        "poly_drop", "polyfit_lhs", "polyfit_rows", "polyint_scale",
        "trapezoid_weights", "vander_powers",
    ),
    "containers": (
        "appended", "drop_last", "extended", "join_dtype", "joined", "own", "repeated", "settled",
        "spread",
        "tolisted", "unlisted", "unpopped", "unrepeated", "untolisted",
    ),
    "contract": (
        "cross_reach", "einsum_adjoint_subscripts", "einsum_gather", "einsum_spread", "series_at",
        "series_slope",
        "series_coefficients", "tensordot_adjoint_axes", "tensordot_adjoint_order", "unconvolve",
        "uncorrelate_first", "uncorrelate_second", "unkron_left", "unkron_right", "unpolyder",
        "unpolyval", "unseries", "unseries_der", "unseries_slope", "vander_slopes",
    ),
    "eigenspaces": (
        "distinct_items", "distinct_only", "divided_differences", "divided_slopes",
        "eigh_function", "svd_function", "values_and_vectors",
        "values_weight",
    ),
    "determinant": (
        "cofactors", "cofactors_curvature", "cofactors_tangent", "nonsingular_only",
    ),
    "convolutions": (
        "convolve_in", "lagged", "unconvolve_first", "unconvolve_second",
    ),
    "distances": (
        "as_points", "pair_rows", "resquareform", "unsquareform",
    ),
    "gamma_gaps": (
        "beta_curvature", "beta_slope", "beta_twist", "binom_curvature", "binom_kcurvature",
        "binom_kslope", "binom_slope", "binom_twist", "polygamma_gap",
    ),
    "gather": (
        "interp_end", "interp_inside", "interp_slope", "item_of", "order_of", "period_of",
        "running_share", "running_source", "unrunning_share",
        "unchoose", "uncompress", "unextract", "uninterp", "uninterp_slope", "unitem", "unselect",
        "taken_at", "tied_mean", "unique_cotangent", "unique_source", "unique_tangent", "unreduceat",
        "unselect_default", "untake", "untake_along_axis",
    ),
    "item_masks": (
        "appended_mask", "extended_mask", "factor_masks", "item_arrays", "kept_list", "ungathered",
        "unpopped_mask",
    ),
    "indexing": (
        "add_at", "added_at", "along_axis_index", "diagonal_index", "flat_read", "mask_index",
        "put_index",
        "read_mask", "reads", "set_index", "slot_values", "slotted", "unindex", "unwritten",
        "written", "written_count", "zero_index",
    ),
    "linalg": (
        "basis_free", "field_index",
        "frechet_block", "frechet_scale", "full_rank_only", "full_rank_pinv", "gap_inverse",
        "matrix_power_curvature",
        "matrix_power_tangent", "named_field", "nonzero_diagonal", "part", "residuals_fit", "solve_columns",
        "tall_only", "tensor_axes", "tensor_inv_shapes", "tensor_solve_shapes",
        "thin_cotangent", "thin_only",
    ),
    "machinery": (
        "NO_DERIVATIVE", "UNBOUND", "aux_pair", "catch_warnings", "check_like", "check_not_array",
        "check_not_module", "check_unshared", "filterwarnings",
        "private", "put_back", "replay", "resetwarnings", "rewind", "rewind_append", "rewind_del",
        "rewind_pop", "rewind_put_back", "seed", "simplefilter", "snapshot", "unresolved",
    ),
    "pad_stats": (
        "pad_tangent",
    ),
    "polygamma": (
        "polygamma",
    ),
    "power_series": (
        "bessel_i", "gev_t", "log1p_excess", "sine_moment",
    ),
    "probes": (
        "UNPROBED", "probe", "reached", "reached_at", "reached_tangent",
    ),
    "products": (
        "cumprod_curvature", "cumprod_tangent", "dot_left", "dot_right", "initial_added",
        "initial_dropped", "inner_left", "inner_right", "inverse_permutation", "matmul_left",
        "matmul_right", "prod_others", "prod_others_adjoint", "reached_product",
        "prod_others_curvature", "uncumprod", "uncumprod_curvature", "uncumsum",
    ),
    "quantiles": (
        "edges_follow", "q_axes", "quantile_axes", "quantile_weights", "rehistogram", "unhistogram",
    ),
    "gradients": ("regradient", "spacing_shift", "ungradient", "ungradient_reach"),
    "rearrange": (
        "as_column", "block_ndim", "diff_edge", "lifted_shape", "linspace_steps", "moved",
        "pad_border", "positions", "recast", "rejoin",
        "split_axis", "undiag", "undiagonal", "undiff", "undiff_reach",
        "unjoin", "unmoved", "unpad",
        "unrepeat", "unrollaxis", "unsplit", "untile", "untrace",
    ),
    "selection": (
        "at_kept", "at_won", "chosen", "clip_inside", "clip_lower", "clip_reaches_lower",
        "clip_reaches_upper", "clip_upper", "divided",
        "extremum_from",
        "fpick_first", "kept_ties", "maximum_at", "minimum_at", "pick_first", "start_share",
        "step", "ties",
    ),
    "spectra": (
        "angle_partial", "dft", "dft_adjoint", "onto", "part_of", "phase", "real_seed",
        "squared_as", "squared_distance", "squared_hypot", "squared_magnitude", "unonto",
    ),
    "solve_reach": (
        "banded_reach", "cho_reached", "cho_system", "lstsq_masks", "lu_reached", "lu_system",
        "reached_solve", "solution_reach", "triangular_reached", "triangular_system",
    ),
    "special": (
        "log2_sum_exp2", "log_sum_exp", "lower_degree", "nan_outside", "one_axis", "power", "ratio",
        "running_log2_sum_exp2", "running_log_sum_exp", "running_lse_adjoint", "running_lse_tangent",
        "safe_log",
        "safe_log1p", "safe_reciprocal", "share", "share2",
        "significant", "sinc_curvature", "sinc_slope", "unnorm", "unnorm_curvature", "unnorm_partial",
        "unnorm_scale",
    ),
    "symmetric_reads": (
        "fold_covariance", "fold_reads", "full_covariance", "lu_rows", "mean_or_zero",
        "read_matrix",
    ),
    "triangular": (
        "as_lower", "other_trans", "transposed_if", "triangle",
    ),
}

_COMMON = frozenset({
    "add_at", "check_unshared", "chosen", "divided", "in_place", "like", "matmul_left",
    "matmul_right", "pick_first", "reduced_size", "replay", "rewind", "seed", "set_index", "ties",
    "unbroadcast", "unindex", "unjoin", "unreduce", "widen_to", "zero_index", "zeros_like",
})

_HOME = {name: family for family, names in _FAMILIES.items() for name in names}

__all__ = sorted(_HOME)

__getattr__, __dir__ = _lazy_attributes(__name__, _HOME, globals())


def helper_named(value: object, names: frozenset[str]) -> bool:
    """Whether ``value`` is the helper of one of ``names`` (``_rt.power`` for ``{"power"}``), asked
    without importing its family (a helper whose family is not imported is no value anyone holds):
    for the passes' tables of helpers, which a plain function's transform consults."""
    try:
        name = value.__name__  # type: ignore[attr-defined]
        if name not in names:
            return False
    except Exception:  # (no name, or not a string: no helper)
        return False
    module = sys.modules.get(f"{__name__}.{_HOME.get(name)}")
    return module is not None and getattr(module, name, None) is value


def families() -> list[ModuleType]:
    """Every family module, imported."""
    return [importlib.import_module(f".{family}", __name__) for family in sorted(_FAMILIES)]
