"""Gradient checking: compare derivatives with finite differences, cheaply and reliably.

``check_grads`` tests a derivative (user-supplied or tangentish's) along random
projections, estimates the error of its finite-difference reference instead of
relying on a fixed tolerance, localises failures to the worst element, and reports
kinks instead of failing on them.  Only NumPy, the standard library and tangentish's argument
checks (:mod:`tangentish.arguments`, :mod:`tangentish.errors`) are imported: bad arguments get the
same errors as everywhere in tangentish.
"""

from .check import check_grads
from .report import (
    CheckRecord,
    CheckReport,
    ElementReport,
    Failure,
    GradientCheckError,
    Kink,
    NonDifferentiablePoint,
)

__all__ = [
    "CheckRecord",
    "CheckReport",
    "ElementReport",
    "Failure",
    "GradientCheckError",
    "Kink",
    "NonDifferentiablePoint",
    "check_grads",
]
