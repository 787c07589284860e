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

from . import (
    composites,
    containers,
    methods,
    numpy_binary,
    numpy_elementwise,
    numpy_reductions,
    numpy_shapes,
    operators,
    runtime_helpers,
    scalar_math,
)
from .common import Const, Row

FAMILIES = (operators, methods, scalar_math, numpy_elementwise, numpy_binary, numpy_reductions,
            numpy_shapes, containers, runtime_helpers, composites)
TABLE: list[Row] = [row for family in FAMILIES for row in family.ROWS]

__all__ = ["TABLE", "Const", "Row"]
