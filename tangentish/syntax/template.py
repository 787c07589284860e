"""Instantiate a derivative template at one call site.

Guarantee: ``instantiate`` returns plain statements in which every placeholder has been replaced by
the call's argument, ``d[p]`` reads became the derivative variable of ``p``'s argument, template-local
names are fresh, ``if given(p):`` was decided, and keywords mentioning an omitted parameter are gone.
An assignment ``d[p] = e`` becomes ``<deriv of p> = e`` whose note records ``contribution = <primal
name>`` (the reverse pass turns it into an accumulation); it is dropped when ``p``'s argument is
inactive.

    template   d[x] = _rt.unbroadcast(d[z] * y, x)        call   prod = a * b
    result     a_bar = _rt.unbroadcast(prod_bar * b, a)    (contribution to a)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

import gast

from .. import ir
from ..errors import RuleDefinitionError
from ..registry import Template
from . import build
from .build import clone, nodes
from .naming import Namer
from .resolve import DEFAULT, Machinery
from .template_plan import MACHINERY, ROLES, made, plan


class _Instantiator:
    """One call site's bindings, asked by the template's plan (:mod:`template_plan`), which makes
    the new nodes: the template itself is never changed (one walk that copies as it substitutes,
    rather than a clone and then a rewrite)."""

    def __init__(self, template: Template, values: dict[str, gast.expr],
                 derivative: Callable[[str], str | None], namer: Namer,
                 reads: dict[str, str] | None = None,
                 zero: Callable[[gast.expr], gast.expr] | None = None,
                 extras: dict[str, Any] | None = None, machinery: Machinery = DEFAULT,
                 simplify: Callable[[gast.Call], gast.expr] | None = None):
        self.simplify = simplify
        self.zero = zero or (lambda primal: gast.Constant(value=0.0, kind=None))
        self.machinery = machinery
        self.extras = extras if extras is not None else {}
        self.template = template
        self.values = values
        self.derivative = derivative
        self.namer = namer
        self.reads = reads or {}
        self.locals: dict[str, str] = {}

    def bound(self, placeholder: str) -> gast.expr:
        """A copy of what the call passed for ``placeholder`` (its default, or ``None``)."""
        if placeholder in self.values:
            return clone(self.values[placeholder])
        default = self.template.defaults.get(placeholder)
        if default is not None:
            return clone(default)
        return gast.Constant(value=None, kind=None)

    def derivative_of(self, placeholder: str) -> str | None:
        value = self.values.get(placeholder)
        if isinstance(value, gast.Name):
            return self.derivative(value.id)
        return None

    def read(self, node: gast.Subscript) -> gast.expr:
        """A read ``d[p]``: the derivative variable of ``p``'s argument, or a zero."""
        placeholder = node.slice.id
        bound = self.values.get(placeholder)
        if isinstance(bound, (gast.Tuple, gast.List)) and placeholder not in self.reads:
            return self._sequence_derivative(bound)
        name = self.reads.get(placeholder) or self.derivative_of(placeholder)
        if name is None:
            return self.zero(self.bound(placeholder))
        return build.name(name)

    def name(self, node: gast.Name) -> gast.Name:
        """A name that is no placeholder: machinery by its alias, a template-local name fresh, a
        rule-module global as a cell, a builtin as it is."""
        identifier = node.id
        if identifier in ROLES and identifier not in self.locals:
            identifier = self.machinery.aliases[identifier]
        elif isinstance(node.ctx, gast.Store) or identifier in self.locals:
            if identifier not in self.locals:
                self.locals[identifier] = self.namer.fresh(identifier)
            identifier = self.locals[identifier]
        elif identifier not in MACHINERY and not hasattr(builtins, identifier):
            identifier = self._template_global(node)
        new = build.name(identifier)
        new.ctx = node.ctx
        return _placed(new, node)

    def _sequence_derivative(self, bound: gast.expr) -> gast.expr:
        """``d[a]`` for a literal ``a = [x, y]``: ``[x_dot, zeros_like(y)]`` (zero if no item has
        a derivative)."""
        if not any(isinstance(n, gast.Name) and self.derivative(n.id) is not None
                   for n in nodes(bound)):
            return self.zero(clone(bound))
        items = []
        for element in bound.elts:
            if isinstance(element, (gast.Tuple, gast.List)):
                items.append(self._sequence_derivative(element))
            elif isinstance(element, gast.Name) and self.derivative(element.id) is not None:
                items.append(build.name(self.derivative(element.id)))
            else:
                items.append(self.zero(clone(element)))
        return type(bound)(elts=items, ctx=gast.Load())

    def distribute(self, placeholder: str, bound: gast.expr,
                   value: Callable[[_Instantiator], gast.expr]) -> list | None:
        """``d[a] = e`` where the call passed a literal list/tuple ``a = [x, y]``: compute ``e``
        (made by ``value``) once and hand element ``i`` of it to each differentiable entry
        (``x_bar = e[0]``)."""
        if not any(isinstance(n, gast.Name) and self.derivative(n.id) is not None
                   for n in nodes(bound)):
            return None
        made = value(self)
        if isinstance(made, gast.Name):  # d[a] = d[y]: read the items straight from y_bar
            out: list[gast.stmt] = []
            self._hand_out(bound, made, out)
            return out
        temp = self.namer.fresh(f"{placeholder}_bar")
        out = [build.assign(temp, made)]
        self._hand_out(bound, build.name(temp), out)
        return out

    def _hand_out(self, bound: gast.expr, source: gast.expr, out: list[gast.stmt]) -> None:
        for index, element in enumerate(bound.elts):
            item = gast.Subscript(value=clone(source),
                                  slice=gast.Constant(value=index, kind=None), ctx=gast.Load())
            if isinstance(element, (gast.Tuple, gast.List)):
                self._hand_out(element, item, out)
            elif isinstance(element, gast.Name) and self.derivative(element.id) is not None:
                contribution = build.assign(self.derivative(element.id), item)
                ir.note(contribution).contribution = element.id
                out.append(contribution)

    def _template_global(self, node: gast.Name) -> str:
        """A name the rule's own module defines (a helper of the rule's author): generated code
        reaches it as a closure cell under a name that collides with nothing."""
        namespace = self.template.namespace
        if node.id not in namespace:
            raise RuleDefinitionError(
                f"rule {self.template.name!r} ({self.template.origin}) uses the name {node.id!r}, "
                "which its module does not define",
                hint="templates may use their parameters, d[...], np, math, _rt, builtins and "
                "names of their own module")
        value = namespace[node.id]
        for alias, known in self.extras.items():
            if known is value:
                return alias
        alias = node.id if node.id not in self.namer.taken else self.namer.fresh(node.id)
        self.namer.reserve(alias)
        self.extras[alias] = value
        return alias


def _placed(new: gast.AST, old: gast.AST) -> gast.AST:
    """``new`` at ``old``'s position in the rule's source."""
    own, state = old.__dict__, new.__dict__  # (written directly: cheaper than setattr)
    for attribute in old._attributes:
        if attribute in own:
            state[attribute] = own[attribute]
    return new


def instantiate(template: Template, values: dict[str, gast.expr],
                derivative: Callable[[str], str | None], namer: Namer,
                reads: dict[str, str] | None = None,
                zero: Callable[[gast.expr], gast.expr] | None = None,
                extras: dict[str, Any] | None = None,
                machinery: Machinery = DEFAULT,
                simplify: Callable[[gast.Call], gast.expr] | None = None) -> list[gast.stmt]:
    """The template's statements specialised to one call site (see the module docstring).

    ``reads`` overrides the variable that ``d[p]`` reads for some placeholders (an in-place
    update reads the result's adjoint from the name it was handed on to); ``zero(primal)`` makes
    the node that stands for the derivative of a value that has none; ``extras`` collects the
    rule-module names the generated code must be given (alias → value); ``machinery`` names the
    aliases of ``np``, ``math`` and ``_rt`` in the generated code; ``simplify`` may replace each
    call the template makes once it is instantiated."""
    worker = _Instantiator(template, values, derivative, namer, reads, zero, extras, machinery,
                           simplify)
    return made(plan(template), worker)
