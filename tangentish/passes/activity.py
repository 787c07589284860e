"""Activity analysis: which variables vary with the ``wrt`` inputs *and* influence the output.

Guarantee to the next stage: ``Activity.active`` holds exactly the single-assignment names whose
adjoint can be non-zero.  A value is *varied* if it depends differentiably on a ``wrt`` input, and
*useful* if the output depends differentiably on it; only the template's differentiated parameters
propagate (``x.shape``, comparisons and ``np.argmax`` cut the chain).

    def f(x, n):                  varied: x, y, z        useful: z, y, x, n? no (n is an int
        y = x * 2.0               active: x, y, z        shape argument, not differentiated)
        z = np.reshape(y, n)
        return z
"""

from __future__ import annotations

from dataclasses import dataclass

import gast

from ..registry import ADJOINT, REGISTRY, Registry
from ..syntax.parse import SourceInfo
from .binding import bind, differentiated_params
from .normalize import Normalized, Op


@dataclass
class Activity:
    varied: set[str]
    useful: set[str]

    @property
    def active(self) -> set[str]:
        return self.varied & self.useful


def _names(node: gast.AST) -> list[str]:
    return [n.id for n in gast.walk(node) if isinstance(n, gast.Name)]


def flowing_names(op: Op, info: SourceInfo, registry: Registry = REGISTRY) -> list[str]:
    """The operand names whose derivative flows through ``op`` to its result."""
    if op.key is None:
        return op.operand_names()
    if registry.is_nondifferentiable(op.key):
        return []
    template = registry.lookup(ADJOINT, op.key)
    if template is None:
        return op.operand_names()  # unknown: conservative; the reverse pass reports it
    values = bind(op, template, info)
    return [n for p in sorted(differentiated_params(template)) if p in values
            for n in _names(values[p])]


def analyze(norm: Normalized, wrt: list[str], registry: Registry = REGISTRY) -> Activity:
    """Forward *varied* and backward *useful* sweeps over the straight-line body."""
    flows = {}
    for stmt in norm.body:
        if isinstance(stmt, gast.Assign) and stmt.op is not None:
            flows[id(stmt)] = flowing_names(stmt.op, norm.info, registry)
    varied = set(wrt)
    for stmt in norm.body:
        if isinstance(stmt, gast.Assign) and any(n in varied for n in flows[id(stmt)]):
            varied.add(stmt.targets[0].id)
    useful: set[str] = set()
    for stmt in reversed(norm.body):
        if isinstance(stmt, gast.Return):
            useful.update(_names(stmt.value))
        elif isinstance(stmt, gast.Assign) and stmt.targets[0].id in useful:
            useful.update(flows[id(stmt)])
    return Activity(varied, useful)
