"""Derivative knowledge, one module per family.  Importing this package registers every rule."""

import importlib.util

from . import (  # noqa: F401  (imported for their registrations)
    containers,
    numpy_binary,
    numpy_elementwise,
    numpy_gather,
    numpy_joins,
    numpy_linalg,
    numpy_nan,
    numpy_products,
    numpy_rearrange,
    numpy_reductions,
    numpy_shapes,
    operators,
    runtime_families,
    runtime_helpers,
    scalar_math,
)

if importlib.util.find_spec("scipy") is not None:  # optional: rules only where SciPy is installed
    from . import scipy_special  # noqa: F401
