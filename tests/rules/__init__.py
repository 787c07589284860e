"""The rule table: one row per derivative rule, operator and method/attribute form, in one module
per rule family (``tests/rules/numpy_binary.py`` holds the rows of ``tangentish/rules/numpy_binary.py``).

``tests/test_rules.py`` checks every row's ``tangentish.grad`` against central finite differences and
proves that every registered adjoint rule is exercised by at least one row; ``tests/test_forward.py``
checks every row's forward mode against its reverse mode.

A row names a function written the way users write NumPy (straight-line code; non-scalar results are
reduced against fixed seeded weights so each element gets a distinct cotangent), the inputs as
``shapes`` (``float`` = a Python float, a tuple = a float64 array of that shape, ``()`` = a 0-d
array, ``Const(v)`` = a fixed non-differentiated argument), the ``domain`` the inputs are drawn from
(one ``(low, high)`` for every argument, or one per argument), ``wrt``, and optionally a ``setup``
that adjusts the drawn inputs (to plant ties or zeros).  Functions live at module level because
tangentish reads their source.
"""

from __future__ import annotations

import importlib.util

from . import (
    composites,
    containers,
    methods,
    more_elementwise,
    numpy_binary,
    numpy_composites,
    numpy_covariance,
    numpy_elementwise,
    numpy_fft,
    numpy_gather,
    numpy_joins,
    numpy_linalg,
    numpy_lowered,
    numpy_more,
    numpy_nan,
    numpy_products,
    numpy_quantiles,
    numpy_rearrange,
    numpy_reductions,
    numpy_series,
    numpy_shapes,
    operators,
    python_statistics,
    runtime_families,
    runtime_helpers,
    scalar_math,
)
from .common import Const, Row

FAMILIES = (operators, methods, scalar_math, numpy_elementwise, numpy_binary, more_elementwise,
            numpy_reductions, numpy_nan, numpy_quantiles, numpy_shapes, numpy_rearrange, numpy_joins,
            numpy_gather, numpy_products, numpy_series, numpy_linalg, numpy_more, numpy_fft, numpy_composites,
            numpy_covariance,
            numpy_lowered,
            containers, python_statistics,
            runtime_helpers, runtime_families, composites)
if importlib.util.find_spec("scipy") is not None:  # SciPy is optional: without it, no rows
    from . import (
        scipy_integrate,
        scipy_linalg,
        scipy_linalg_more,
        scipy_optimize,
        scipy_orders,
        scipy_signal,
        scipy_spatial,
        scipy_special,
        scipy_special_bessel,
        scipy_special_more,
        scipy_special_poles,
        scipy_stats,
        scipy_stats_beta_lognorm,
        scipy_stats_bounded,
        scipy_stats_circular,
        scipy_stats_discrete,
        scipy_stats_extreme,
        scipy_stats_location,
        scipy_stats_more,
        scipy_stats_powers,
        scipy_stats_sampling,
        scipy_stats_shapes,
        scipy_stats_skewnorm,
        scipy_stats_survival,
    )

    FAMILIES = (*FAMILIES, scipy_special, scipy_special_bessel, scipy_special_more, scipy_special_poles,
                scipy_orders,
                scipy_linalg, scipy_linalg_more, scipy_stats,
                scipy_stats_shapes,
                scipy_stats_beta_lognorm, scipy_stats_location, scipy_stats_discrete, scipy_stats_more,
                scipy_stats_extreme, scipy_stats_bounded, scipy_stats_circular, scipy_stats_survival,
                scipy_stats_skewnorm, scipy_stats_sampling, scipy_stats_powers,
                scipy_signal,
                scipy_spatial, scipy_optimize, scipy_integrate)
TABLE: list[Row] = [row for family in FAMILIES for row in family.ROWS]

__all__ = ["TABLE", "Const", "Row"]
