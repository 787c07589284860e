"""What the adjoint sweep knows about the function's names: which are active, each one's adjoint
variable, and the facts the adjoint of one statement reads (:class:`~.derivation.Derivation`'s).

:class:`~.reverse.Reverse` is the sweep itself (blocks, loops, the zero analysis); this is the part
of it that :mod:`adjoint_code`, which writes the adjoint of one statement, works with.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish import registry, syntax
    >>> from tangentish.passes import activity, desugar, normalize
    >>> def f(x, n):
    ...     return np.sum(np.sin(x) * n)
    >>> info = syntax.parse.parse_function(f)
    >>> desugar.desugar(info); norm = normalize.normalize(info)
    >>> sweep = Sweep(norm, activity.analyze(norm, ["x"]), registry.REGISTRY, None)
    >>> sweep.derivative("sin_x"), sweep.derivative("n"), sweep.adjoint("x")
    ('sin_x_bar', None, 'x_bar')
"""

from __future__ import annotations

from typing import Any

from ..registry import Registry
from .activity import Activity
from .calls import CalleeBuilder
from .derivation import Derivation
from .normalize import Normalized


class Sweep(Derivation):
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry,
                 callees: CalleeBuilder | None):
        super().__init__(norm, activity, registry, callees)
        self.adjoints: dict[str, str] = {}
        self.derivative_names: set[str] = set()  # (the adjoints' names, as a set)
        self.supports: dict[str, Any] = {}  # primal -> where its adjoint may be non-zero (.supports)
        self.singular_fed: set[str] | None = None  # (.support_flow: on first use)
        self.loop_bound: set[str] = set()  # what the innermost loop around binds (.support_flow)
        self.python_numbers: frozenset[str] | None = None  # (.weak_results: on first use)

    def is_active(self, primal: str) -> bool:
        return primal in self.active

    def adjoint(self, primal: str) -> str:
        if primal not in self.adjoints:
            self.adjoints[primal] = self.namer.adjoint(primal)
            self.derivative_names.add(self.adjoints[primal])
        return self.adjoints[primal]

    def derivative(self, primal: str) -> str | None:
        """The adjoint of an active primal, ``None`` for an inactive one (for templates)."""
        return self.adjoint(primal) if primal in self.active else None
