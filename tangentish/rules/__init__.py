"""Derivative knowledge, one module per family.  Importing this package registers the rules of
the families most functions call, each parsed on its first lookup.  The other families
(:data:`ON_DEMAND`: containers and lists, ``math`` and the builtins with a derivative, sorting,
joins, linear algebra, products other than ``@``, NaN-aware reductions, quantiles, rearranging,
composites, and the runtime helpers the passes lower some forms to) are imported on the first
question finding no rule about a key whose ``__name__`` they list (``np.sort``: ``"sort"``; every
key they register has one of their names: ``tests/test_rule_families.py``).  ``scipy.special``'s
rules are imported (SciPy is never a dependency) on the first lookup that misses once
``scipy.special`` is imported (``scipy.linalg``'s, ``scipy.stats``' and ``statistics``' alike; see
:class:`tangentish.registry.Registry`), and ``np.fft``'s likewise once ``numpy.fft`` is; the rules
of tangentish's own runtime helpers (``runtime_helpers``, ``runtime_families``: for derivative
code differentiated again) on the first question about one of those helpers.
"""

from ..registry import REGISTRY
from . import (  # noqa: F401  (imported for their registrations)
    numpy_binary,
    numpy_elementwise,
    numpy_reductions,
    numpy_shapes,
    operators,
)

ON_DEMAND = {  # family -> the ``__name__`` of every key it registers
    "containers": "append concatenate extend hstack list pop setitem stack sum tuple vstack",
    "scalar_math": (  # (``math``'s and the builtins with a derivative; fma: Python 3.13's,
        # sumprod: 3.12's)
        "cbrt ceil comb degrees dist erf erfc exp2 factorial floor fma fsum gamma gcd isclose "
        "isfinite isinf isnan isqrt lcm lgamma log max min nextafter perm pow prod radians sorted "
        "sumprod trunc ulp"
    ),
    "numpy_composites": (
        "after_initial axis_pads ediff1d ediff1d_span half_steps geomspace insert insert_like insert_sources "
        "multi_dot poly polyadd polydiv polydiv_pad polyfit polyfit_lhs polyfit_rows polyint polyint_scale "
        "polymul polysub "
        "trapezoid "
        "trapezoid_weights trapz "
        "vander vander_powers"
    ),
    "numpy_covariance": "corrcoef cov cov_axes cov_counts cov_ddof cov_scale",
    "numpy_gather": (
        "accumulate argpartition choose compress diff digitize extract gradient interp interp_end "
        "interp_inside isin "
        "item lexsort order_of partition reduceat regradient running_share running_source select "
        "sort spacing_shift take "
        "take_along_axis taken_at tied_mean tolist unique unique_cotangent unique_source "
        "ungradient unique_tangent unrunning_share"
    ),
    "numpy_joins": (
        "append arange array_split broadcast_arrays column_stack dsplit dstack hsplit linspace "
        "logspace meshgrid row_stack split split_axis unstack vsplit"
    ),
    "matrix_functions": (
        "divided_differences divided_slopes eigh_function svd_function"
    ),
    "numpy_linalg": (
        "cholesky cross det diagonal distinct_items distinct_only eig eigh eigvals eigvalsh inv "
        "lstsq matrix_power matrix_rank matrix_transpose outer pinv qr slogdet solve svd svdvals "
        "tensordot trace values_and_vectors values_weight vecdot"
    ),
    "numpy_products": (
        "convolve correlate cross einsum einsum_path kron matvec polyder polyval tensordot vdot vecdot "
        "vecmat"
    ),
    "numpy_nan": (
        "average cumprod cumulative_prod cumulative_sum nancumprod nancumsum nanmax nanmean "
        "nanmin nanprod nanstd nansum nanvar ptp"
    ),
    "numpy_quantiles": (
        "edges_follow histogram median nanmedian nanpercentile nanquantile percentile q_axes "
        "quantile quantile_axes quantile_weights rehistogram unhistogram"
    ),
    "runtime_forms": (
        "as_start bessel_i cho_reached cho_system cross_reach diff_mask drop_last einsum_adjoint_subscripts "
        "extremum_from gradient_mask kept_ties log1p_excess lu_reached lu_system poly_drop "
        "log2_sum_exp2 log_sum_exp one_axis reached_product reached_solve running_log2_sum_exp2 "
        "running_log_sum_exp "
        "running_lse_adjoint running_lse_tangent series_at series_slope squared_as squared_distance "
        "squared_hypot "
        "squared_magnitude "
        "series_coefficients sine_moment start_share "
        "tensordot_adjoint_axes "
        "tensordot_adjoint_order triangular_reached triangular_system undiff_reach unseries "
        "unseries_slope ungradient_reach "
        "vander_slopes weighs "
        "where_count"
    ),
    "numpy_rearrange": (
        "argwhere array array_equiv asanyarray asarray asarray_chkfinite ascontiguousarray "
        "asfortranarray astype atleast_1d atleast_2d atleast_3d bartlett bincount bitwise_and "
        "bitwise_count bitwise_or bitwise_xor blackman broadcast_to delete diag diag_indices "
        "diag_indices_from diagflat diagonal divmod empty flip fliplr flipud float32 frexp "
        "full_like "
        "gcd hamming hanning indices invert iscomplexobj isrealobj lcm left_shift "
        "mask_indices matrix_transpose modf moveaxis nanargmax nanargmin packbits pad "
        "positions ravel_multi_index real_if_close repeat require resize right_shift roll "
        "rollaxis rot90 sliding_window_view swapaxes tile trace tri tril tril_indices "
        "tril_indices_from triu triu_indices triu_indices_from unpackbits unravel_index "
        "alltrue in1d round_ sometrue "  # (NumPy 1.x's names, gone from NumPy 2)
        "bool bool_ int8 int16 int32 int64 intc intp longlong uint8 uint16 uint32 uint64 uintc "
        "uintp ulonglong"  # (integer casts: names differ by NumPy and machine)
    ),
}

for _family, _names in ON_DEMAND.items():
    REGISTRY.add_named_provider(f"{__name__}.{_family}", *_names.split())

REGISTRY.add_provider("scipy.special", f"{__name__}.scipy_special")
REGISTRY.add_provider("scipy.linalg", f"{__name__}.scipy_linalg")
REGISTRY.add_provider("scipy.signal", f"{__name__}.scipy_signal")
REGISTRY.add_provider("scipy.spatial.distance", f"{__name__}.scipy_spatial")
REGISTRY.add_provider("scipy.stats", f"{__name__}.scipy_stats")
REGISTRY.add_provider("scipy.optimize", f"{__name__}.scipy_optimize")
REGISTRY.add_provider("scipy.integrate", f"{__name__}.scipy_integrate")
REGISTRY.add_provider("numpy.fft", f"{__name__}.numpy_fft")  # (NumPy 2 imports it on first use)
REGISTRY.add_provider("numpy.polynomial", f"{__name__}.numpy_series")  # (the same)
REGISTRY.add_provider("statistics", f"{__name__}.python_statistics")  # (the standard library's)
REGISTRY.add_key_provider("tangentish.runtime", f"{__name__}.runtime_families",
                          f"{__name__}.runtime_helpers")
REGISTRY.add_key_provider("tangentish.runtime.spectra", f"{__name__}.complex_forms")  # (the
# helpers of complex adjoints, _rt.dft_adjoint...: a gradient of np.fft.irfft(x) is real code)
REGISTRY.add_key_provider("numpy.lib.scimath", f"{__name__}.complex_forms")  # (np.emath's:
# complex_holomorphic's rules, with the complex forms their values meet)
