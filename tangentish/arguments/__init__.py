"""What the transforms and the derivatives they return accept: one resolver for ``wrt``, and the
checks made on every call of a derivative.

Guarantee to its callers (the API, the checker, the CLI, the pytest plugin, the pipeline): a ``wrt``
that passes :func:`resolve_wrt` names distinct, existing, real-valued parameters, and every other
``wrt`` raises :class:`~tangentish.errors.ArgumentError` saying why, the same way on every call;
a value that passes :func:`check_argument` is a float, a NumPy floating scalar or a floating array
(integers promoted to float64), and anything else raises before any user code runs::

    resolve_wrt(loss, ("w", -1))   ->  Wrt(names=("w", "b"), positions=(0, 2), single=False)
    resolve_wrt(loss, 1.0)         ->  ArgumentError: wrt=1.0 is a float, not a parameter index
    check_argument(3, "w", "loss") ->  3.0
    check_argument([1.0], "w", "loss")  ->  ArgumentError: ... w is a list ...

:class:`CallCheck` applies the same rules to each call of a generated derivative: positional and
keyword arguments as the signature allows, each ``x_dot`` tangent of its primal's shape, seeds and
cotangents real.  This module imports neither the API nor the pipeline nor the passes.
"""

from .calls import CallCheck
from .values import (
    as_real,
    check_argument,
    check_aux_pair,
    check_cotangent,
    check_seed,
    check_seed_value,
    check_tangent,
    like_dtype,
    refuse_matrix,
)
from .wrt import (
    KEYWORD,
    POSITIONAL,
    VARARGS,
    VARKW,
    Param,
    Wrt,
    WrtLike,
    caller_location,
    check_wrt_kinds,
    definition_location,
    is_wrt,
    own_parameters,
    parameters,
    pick_wrt,
    resolve_wrt,
)

__all__ = [
    "KEYWORD",
    "POSITIONAL",
    "VARARGS",
    "VARKW",
    "CallCheck",
    "Param",
    "Wrt",
    "WrtLike",
    "as_real",
    "caller_location",
    "check_argument",
    "check_aux_pair",
    "check_cotangent",
    "check_seed",
    "check_seed_value",
    "check_tangent",
    "check_wrt_kinds",
    "definition_location",
    "is_wrt",
    "like_dtype",
    "own_parameters",
    "parameters",
    "pick_wrt",
    "refuse_matrix",
    "resolve_wrt",
]
