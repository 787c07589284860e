"""Derivative knowledge, one module per family.  Importing this package registers every rule."""

from . import (  # noqa: F401  (imported for their registrations)
    containers,
    numpy_binary,
    numpy_elementwise,
    numpy_reductions,
    numpy_shapes,
    operators,
    runtime_helpers,
    scalar_math,
)
