"""tangentish: source-to-source automatic differentiation for Python and NumPy.

``tangentish.grad(f)`` rewrites ``f``'s source into a readable primal-plus-adjoint function; the
generated code is at ``.source`` (``tangentish.show`` prints it; notebooks display it).  ``f`` may
be any callable: a function, a lambda, a partial, a bound method or a callable object.

The transforms are loaded on first use (``tangentish.grad`` imports NumPy and the rules), so that
importing a submodule such as the pytest plugin stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import (
    ArgumentError,
    ArgumentValueError,
    InternalError,
    MissingRuleError,
    NonScalarOutputError,
    RuleDefinitionError,
    SourceUnavailableError,
    TangentishError,
    UnsupportedConstructError,
    UnsupportedValueError,
)
from .lazy import lazy_attributes as _lazy_attributes

__version__ = "0.1.0"

if TYPE_CHECKING:  # what type checkers see of the names loaded on first use below
    from .api import grad, jvp, show, source, stop_gradient, value_and_grad, vjp
    from .checking import CheckReport, GradientCheckError, check_grads
    from .dense import DenseSizeWarning, hessian, hvp, jacobian
    from .markers import checkpoint
    from .pullback import Pullback
    from .records import refresh_environment

_LAZY = {
    "Pullback": "pullback", "grad": "api", "jvp": "api", "show": "api", "source": "api",
    "stop_gradient": "api", "value_and_grad": "api", "vjp": "api",
    "refresh_environment": "records",
    "DenseSizeWarning": "dense", "hessian": "dense", "hvp": "dense", "jacobian": "dense",
    "CheckReport": "checking", "GradientCheckError": "checking", "check_grads": "checking",
    "load_ipython_extension": "display", "checkpoint": "markers",
}

__all__ = [
    "ArgumentError",
    "ArgumentValueError",
    "CheckReport",
    "DenseSizeWarning",
    "GradientCheckError",
    "InternalError",
    "MissingRuleError",
    "NonScalarOutputError",
    "Pullback",
    "RuleDefinitionError",
    "SourceUnavailableError",
    "TangentishError",
    "UnsupportedConstructError",
    "UnsupportedValueError",
    "check_grads",
    "checkpoint",
    "grad",
    "hessian",
    "hvp",
    "jacobian",
    "jvp",
    "refresh_environment",
    "show",
    "source",
    "stop_gradient",
    "value_and_grad",
    "vjp",
]

__getattr__, __dir__ = _lazy_attributes(__name__, _LAZY, globals())
