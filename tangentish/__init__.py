"""tangentish: source-to-source automatic differentiation for Python and NumPy.

``tangentish.grad(f)`` rewrites ``f``'s source into a readable primal-plus-adjoint function; the
generated code is at ``.source``.
"""

from . import rules  # noqa: F401  (registers the derivative rules)
from .api import (
    Pullback,
    grad,
    hessian,
    hvp,
    jacobian,
    jvp,
    source,
    stop_gradient,
    value_and_grad,
    vjp,
)
from .checking import CheckReport, GradientCheckError, check_grads
from .errors import (
    ArgumentError,
    MissingRuleError,
    NonScalarOutputError,
    RuleDefinitionError,
    SourceUnavailableError,
    TangentishError,
    UnsupportedConstructError,
)

__version__ = "0.1.0"

__all__ = [
    "ArgumentError",
    "CheckReport",
    "GradientCheckError",
    "MissingRuleError",
    "NonScalarOutputError",
    "RuleDefinitionError",
    "SourceUnavailableError",
    "TangentishError",
    "UnsupportedConstructError",
    "check_grads",
    "grad",
    "hessian",
    "hvp",
    "jacobian",
    "jvp",
    "Pullback",
    "stop_gradient",
    "vjp",
    "source",
    "value_and_grad",
]
