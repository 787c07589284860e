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


def statements(body: list[gast.stmt]):
    """Every statement of a structured body, nested blocks included, in source order."""
    for stmt in body:
        yield stmt
        for field in ("body", "orelse"):
            if isinstance(stmt, (gast.If, gast.For, gast.While)):
                yield from statements(getattr(stmt, field))


def defined_name(stmt: gast.stmt) -> str | None:
    """The variable a statement gives a value: its target, or the variable it updates in place
    (``x[i] = v``, ``xs.append(v)``)."""
    updated = getattr(stmt, "updates", None)
    if updated is not None:
        return updated
    if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name):
        return stmt.targets[0].id
    return None


def analyze(norm: Normalized, wrt: list[str], registry: Registry = REGISTRY) -> Activity:
    """Forward *varied* and backward *useful* sweeps, repeated until loops add nothing."""
    assigns = [s for s in statements(norm.body)
               if getattr(s, "op", None) and defined_name(s) is not None]
    flows = {id(s): flowing_names(s.op, norm.info, registry) for s in assigns}
    varied = set(wrt)
    changed = True
    while changed:
        size = len(varied)
        for stmt in assigns:
            if any(n in varied for n in flows[id(stmt)]):
                varied.add(defined_name(stmt))
        changed = len(varied) != size
    useful: set[str] = set()
    for stmt in statements(norm.body):
        if isinstance(stmt, gast.Return):
            useful.update(_names(stmt.value))
    changed = True
    while changed:
        size = len(useful)
        for stmt in reversed(assigns):
            if defined_name(stmt) in useful:
                useful.update(flows[id(stmt)])
        changed = len(useful) != size
    return Activity(varied, useful)
