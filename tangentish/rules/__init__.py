"""Derivative knowledge, one module per family.  Importing this package registers every rule, each
parsed on its first lookup; ``scipy.special``'s are imported (SciPy is never a dependency) on the
first lookup that misses once ``scipy.special`` is imported (``scipy.linalg``'s and
``scipy.stats``' alike; see
:class:`tangentish.registry.Registry`),
and ``np.fft``'s likewise once ``numpy.fft`` is; the rules of tangentish's own runtime helpers
(``runtime_helpers``, ``runtime_families``: for derivative code differentiated again) on the first
question about one of those helpers.
"""

from ..registry import REGISTRY
from . import (  # noqa: F401  (imported for their registrations)
    containers,
    numpy_binary,
    numpy_composites,
    numpy_elementwise,
    numpy_gather,
    numpy_joins,
    numpy_linalg,
    numpy_nan,
    numpy_products,
    numpy_quantiles,
    numpy_rearrange,
    numpy_reductions,
    numpy_shapes,
    operators,
    scalar_math,
)

REGISTRY.add_provider("scipy.special", f"{__name__}.scipy_special")
REGISTRY.add_provider("scipy.linalg", f"{__name__}.scipy_linalg")
REGISTRY.add_provider("scipy.stats", f"{__name__}.scipy_stats")
REGISTRY.add_provider("numpy.fft", f"{__name__}.numpy_fft")  # (NumPy 2 imports it on first use)
REGISTRY.add_key_provider("tangentish.runtime", f"{__name__}.runtime_families",
                          f"{__name__}.runtime_helpers")
