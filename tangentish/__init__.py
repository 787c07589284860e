"""tangentish: source-to-source automatic differentiation for Python and NumPy.

``tangentish.grad(f)`` rewrites ``f``'s source into a readable primal-plus-adjoint function; the
generated code is at ``.source``.

The transforms are loaded on first use (``tangentish.grad`` imports NumPy and the rules), so that
importing a submodule such as the pytest plugin stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

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

__version__ = "0.1.0"

_LAZY = {
    "Pullback": "api", "grad": "api", "hessian": "api", "hvp": "api", "jacobian": "api",
    "jvp": "api", "source": "api", "stop_gradient": "api", "value_and_grad": "api",
    "vjp": "api", "CheckReport": "checking", "GradientCheckError": "checking",
    "check_grads": "checking",
}

__all__ = [
    "ArgumentError",
    "ArgumentValueError",
    "CheckReport",
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
    "grad",
    "hessian",
    "hvp",
    "jacobian",
    "jvp",
    "source",
    "stop_gradient",
    "value_and_grad",
    "vjp",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tangentish' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
