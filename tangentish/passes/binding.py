"""Bind an operation's operands to the parameters of the template that differentiates it."""

from __future__ import annotations

import gast

from ..errors import MissingRuleError, UnsupportedConstructError
from ..registry import ADJOINT, REGISTRY, TANGENT, Registry, Template
from ..syntax.parse import SourceInfo
from .normalize import Op


def bind(op: Op, template: Template, info: SourceInfo) -> dict[str, gast.expr]:
    """Map the template's parameter names to the operands the call passed."""
    params = template.params
    if len(op.args) > len(params):
        raise UnsupportedConstructError(
            f"{op.label} was called with {len(op.args)} positional arguments; its rule "
            f"{template.name!r} ({template.origin}) takes at most {len(params)}",
            info.location(op.node), hint="pass the extra arguments by keyword",
        )
    values = dict(zip(params, op.args, strict=False))
    for key, value in op.keywords.items():
        if key == "out":
            raise UnsupportedConstructError(
                f"the argument `out=` of {op.label} is not supported: it writes into an "
                "existing array", info.location(op.node),
                hint="drop `out=` and assign the result to a new variable",
            )
        if key not in params or key in values:
            raise UnsupportedConstructError(
                f"the argument `{key}=` of {op.label} is not handled by its derivative rule "
                f"{template.name!r} ({template.origin})",
                info.location(op.node),
                hint=f"drop the argument or compute it another way; the rule takes "
                f"{', '.join(params)}",
            )
        values[key] = value
    return values


def differentiated_params(template: Template) -> set[str]:
    """The parameters a template assigns a derivative to (``d[p] = ...`` or ``d[y] = ...d[p]``)."""
    found = set()
    for stmt in template.body:
        for node in gast.walk(stmt):
            if (isinstance(node, gast.Subscript) and getattr(node.value, "id", None) == "d"
                    and isinstance(node.slice, gast.Name)):
                found.add(node.slice.id)
    found.discard(template.result)
    return found


def adjoint_template(op: Op, info: SourceInfo, registry: Registry = REGISTRY) -> Template:
    """The adjoint rule for ``op``, or a :class:`MissingRuleError` naming the call site."""
    template = registry.lookup(ADJOINT, op.key)
    if template is not None:
        return template
    raise MissingRuleError(
        f"no derivative rule for {op.label}", info.location(op.node),
        hint="register one with `@tangentish.extend.adjoint(<function>)` (see examples/), or "
        "declare it with tangentish.extend.non_differentiable if it has no derivative",
    )


def tangent_template(op: Op, info: SourceInfo, registry: Registry = REGISTRY) -> Template:
    """The tangent rule for ``op``, or a :class:`MissingRuleError` naming the call site."""
    template = registry.lookup(TANGENT, op.key)
    if template is not None:
        return template
    raise MissingRuleError(
        f"no forward-mode (tangent) rule for {op.label}", info.location(op.node),
        hint="register one with `@tangentish.extend.tangent(<function>)` (see examples/), or "
        "use reverse mode (tangentish.grad / tangentish.vjp)",
    )
