"""A template compiled once into a plan: one maker per node, so instantiating it at a call site is
a cheap clone-and-substitute instead of a walk that asks, at every node of every use, what the node
is.

A maker takes the instantiator (:class:`~tangentish.syntax.template._Instantiator`, which holds one
call site's bindings) and returns the node's instance: a new node (a statement may give several, or
none), its children made in the template's field order, so fresh names and rule-module aliases are
taken in the same order at every use.  What the template alone decides is decided here, once: which
names are placeholders, which are machinery (``np``, ``_rt``: their alias is read at the call site),
which are builtins, where the ``d[p]`` and ``if given(p):`` forms are, which keywords mention which
placeholders.  What depends on the call site (a template-local name's fresh name, a rule-module
global's alias, a ``d[p]`` read, a literal list bound to ``p``) the instantiator answers.

    >>> import tangentish.rules  # registers the derivative rules
    >>> import numpy as np
    >>> from tangentish.registry import REGISTRY
    >>> template = REGISTRY.lookup("adjoint", np.sin)
    >>> len(plan(template)), plan(template) is plan(template)  # one per statement, kept
    (1, True)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

import gast

from .. import ir
from ..registry import ADJOINT, Template
from . import build
from .build import nodes, slice_as_expression
from .listed_values import local_values, may_be_list

CONTEXTS = (gast.Load, gast.Store, gast.Del)  # carry nothing: shared, never copied
ROLES = frozenset({"np", "math", "_rt"})  # machinery as templates spell it
MACHINERY = ROLES | {"d", "given"}

Maker = Callable[[Any], Any]  # the instantiator → the node's instance (a node, a list or None)
# A maker takes what it reads besides the instantiator as default arguments (one tuple), not as
# closure cells (a cell each): plans are kept for the process's life, so each object in them is
# walked by every full collection after (a test process that uses every rule holds ~2,000 plans).
_NAME, _SUBSCRIPT, _CALL = gast.Name, gast.Subscript, gast.Call


def is_d(node: gast.AST) -> bool:
    return isinstance(node, gast.Subscript) and getattr(node.value, "id", None) == "d"


def is_given(test: gast.AST) -> bool:
    return (isinstance(test, gast.Call) and getattr(test.func, "id", None) == "given"
            and len(test.args) == 1 and isinstance(test.args[0], gast.Name))


_PLANS: dict[int, tuple[Template, list[tuple[bool, Maker]]]] = {}  # id(template) → (template, its makers)


def plan(template: Template) -> list[tuple[bool, Maker]]:
    """The makers of ``template``'s statements, as :func:`made` takes them (compiled on the
    template's first use, then kept)."""
    known = _PLANS.get(id(template))
    if known is not None and known[0] is template:
        return known[1]
    makers = [(True, m) for m in _Compiler(template).statements(template.body)]
    if len(_PLANS) > 4096:  # (a bound: rules re-registered many times)
        _PLANS.clear()
    _PLANS[id(template)] = (template, makers)
    return makers


def _positions(node: gast.AST) -> dict[str, Any]:
    own = node.__dict__
    return {attribute: own[attribute] for attribute in node._attributes if attribute in own}


def made(makers: list[tuple[bool, Any]], worker: Any) -> list:
    """A list field (or a template's body): each item made (a statement may give several, or
    none) or kept as it is."""
    out: list = []
    for made, payload in makers:
        if made:
            item = payload(worker)
            if item is None:
                continue
            if item.__class__ is list:
                out.extend(item)
                continue
            out.append(item)
        else:
            out.append(payload)
    return out


class _Compiler:
    def __init__(self, template: Template):
        self.template = template
        self.placeholders = template.placeholders
        self.stored = {n.id for s in template.body for n in nodes(s)
                       if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}

    def statements(self, body: list[gast.stmt]) -> list[Maker]:
        return [self.maker(stmt) for stmt in body]

    def maker(self, node: gast.AST) -> Maker:
        kind = node.__class__
        if kind is gast.Name:
            return self.name(node)
        if kind is gast.Subscript:
            return self.subscript(node)
        if kind is gast.Call:
            return self.call(node)
        if kind is gast.Assign and is_d(node.targets[0]):
            return self.contribution(node)
        if kind is gast.If and is_given(node.test):
            return self.given(node)
        return self.copy(node)

    def copy(self, node: gast.AST) -> Maker:
        """A new node of the same kind, each child made: what is kept (strings, contexts,
        positions) written at once, then the children made in field order."""
        return self.assemble(node.__class__, *self.fields(node))

    def fields(self, node: gast.AST) -> tuple[dict[str, Any], list[tuple[str, bool, Any]]]:
        """What a copy of ``node`` keeps as it is, and its fields' makers: (field, a list?, the
        maker or the items' makers), in field order."""
        own = node.__dict__
        kept = _positions(node)
        made_fields: list[tuple[str, bool, Any]] = []
        for field in node.__class__._fields:
            value = own.get(field)
            if value.__class__ is list:
                made_fields.append((field, True, [
                    (True, self.maker(item)) if isinstance(item, gast.AST) else (False, item)
                    for item in value]))
            elif isinstance(value, gast.AST) and value.__class__ not in CONTEXTS:
                made_fields.append((field, False, self.maker(value)))
            else:
                kept[field] = value
        return kept, made_fields

    @staticmethod
    def assemble(kind: type, kept: dict[str, Any], made_fields: list[tuple[str, bool, Any]]
                 ) -> Maker:
        if not made_fields:
            def leaf(worker: Any, kind: type = kind, kept: dict = kept) -> gast.AST:
                new = kind.__new__(kind)
                new.__dict__.update(kept)
                return new
            return leaf

        def make(worker: Any, kind: type = kind, kept: dict = kept,
                 made_fields: list = made_fields) -> gast.AST:
            new = kind.__new__(kind)
            state = new.__dict__
            state.update(kept)
            for field, many, payload in made_fields:
                state[field] = made(payload, worker) if many else payload(worker)
            return new
        return make

    def name(self, node: gast.Name) -> Maker:
        identifier = node.id
        if identifier in self.placeholders:
            return lambda worker, identifier=identifier: slice_as_expression(
                worker.bound(identifier))
        fixed = {"ctx": node.ctx, "annotation": None, "type_comment": None, **_positions(node)}
        if identifier in ROLES and identifier not in self.stored:
            def role(worker: Any, identifier: str = identifier, fixed: dict = fixed) -> gast.Name:
                new = _NAME.__new__(_NAME)
                state = new.__dict__
                state["id"] = worker.machinery.aliases[identifier]
                state.update(fixed)
                return new
            return role
        if isinstance(node.ctx, gast.Load) and identifier not in self.stored and (
                identifier in MACHINERY or hasattr(builtins, identifier)):
            fixed["id"] = identifier

            def same(worker: Any, fixed: dict = fixed) -> gast.Name:
                new = _NAME.__new__(_NAME)
                new.__dict__.update(fixed)
                return new
            return same
        return lambda worker, node=node: worker.name(node)  # a local or a rule-module global

    def subscript(self, node: gast.Subscript) -> Maker:
        if is_d(node):
            return lambda worker, node=node: worker.read(node)
        index = node.slice
        bound = index.id if isinstance(index, gast.Name) and index.id in self.placeholders \
            else None
        parts = (self.maker(node.value), self.maker(index) if bound is None else None, bound,
                 {"ctx": node.ctx, **_positions(node)})

        def make(worker: Any, parts: tuple = parts) -> gast.Subscript:
            value, index, bound, fixed = parts
            new_index = index(worker) if bound is None else worker.bound(bound)
            new = _SUBSCRIPT.__new__(_SUBSCRIPT)
            state = new.__dict__
            state["value"] = value(worker)
            state["slice"] = new_index
            state.update(fixed)
            return new
        return make

    def call(self, node: gast.Call) -> Maker:
        """A call, each keyword that passes on a placeholder the call site did not pass dropped
        (the rest copied: positions go with the call only when nothing was dropped), then
        offered to the instantiator's ``simplify``.  Only a keyword that hands the parameter on
        as it is (``axis=axis``, ``x=d[x]``, or through a helper of :data:`NONE_KEEPING`) is
        dropped: the callee's default stands for the omitted argument there.  Any other keyword
        that computes from it (``axis=_rt.quantile_axes(q, a, axis)``) is kept, with the
        parameter's default in its place: its value is not the callee's default.  Each child
        is compiled once: the form that drops keywords reuses the copy's makers."""
        mentions = [{n.id for n in nodes(k.value) if isinstance(n, gast.Name)}
                    & self.placeholders if _hands_on(k.value, self.placeholders) else set()
                    for k in node.keywords]
        kept, made_fields = self.fields(node)
        copied = self.assemble(gast.Call, kept, made_fields)
        if not any(mentions):
            def plain(worker: Any, copied: Maker = copied) -> gast.expr:
                new = copied(worker)
                return new if worker.simplify is None else worker.simplify(new)
            return plain
        payloads = {field: payload for field, _, payload in made_fields}
        keywords = [(m, k) for m, (_, k) in zip(mentions, payloads["keywords"], strict=True)]
        parts = (copied, payloads["func"], payloads["args"], keywords, [m for m in mentions if m])

        def make(worker: Any, parts: tuple = parts) -> gast.expr:
            copied, func, args, keywords, optional = parts
            present = worker.values.keys()
            if any(not m <= present for m in optional):
                new = _CALL.__new__(_CALL)
                state = new.__dict__
                state["func"] = func(worker)
                state["args"] = made(args, worker)
                state["keywords"] = [k(worker) for m, k in keywords if m <= present]
            else:
                new = copied(worker)
            return new if worker.simplify is None else worker.simplify(new)
        return make

    def contribution(self, node: gast.Assign) -> Maker:
        """``d[p] = e``: ``<derivative of p's argument> = e``, or nothing when it has none."""
        placeholder, value = node.targets[0].slice.id, self.maker(node.value)
        if self.template.kind == ADJOINT and may_be_list(
                node.value, self.template.namespace, local_values(self.template.body)):
            value = _settled(value)  # (a list or tuple: in the adjoint form, listed_values.py)

        def make(worker: Any, placeholder: str = placeholder,
                 value: Maker = value) -> gast.stmt | list | None:
            bound = worker.values.get(placeholder)
            if isinstance(bound, (gast.Tuple, gast.List)):
                return worker.distribute(placeholder, bound, value)
            name = worker.derivative_of(placeholder)
            if name is None:
                return None
            new = build.assign(name, value(worker))
            ir.note(new).contribution = worker.values[placeholder].id
            return new
        return make

    def given(self, node: gast.If) -> Maker:
        """``if given(p):``, decided by whether the call passed ``p``."""
        parts = (node.test.args[0].id, [(True, m) for m in self.statements(node.body)],
                 [(True, m) for m in self.statements(node.orelse)])
        return lambda worker, parts=parts: made(
            parts[1] if parts[0] in worker.values else parts[2], worker)


def _settled(value: Maker) -> Maker:
    """``value``'s maker, its instance wrapped in ``_rt.settled(...)``."""
    def make(worker: Any, value: Maker = value) -> gast.expr:
        return build.call(f"{worker.machinery.aliases['_rt']}.settled", value(worker))
    return make


NONE_KEEPING = frozenset({"inverse_permutation", "one_axis"})
"""Runtime helpers that give ``None`` for ``None`` (an omitted ``axes=``/``axis=``): a keyword
``k=_rt.helper(p)`` of an omitted ``p`` is the callee's default, as ``k=p`` is."""


def _hands_on(value: gast.expr, placeholders: frozenset[str] | set[str]) -> bool:
    """Whether a keyword's ``value`` is a placeholder as it is: ``p``, ``d[p]``, or
    ``_rt.helper(p)`` of a helper of :data:`NONE_KEEPING`."""
    if isinstance(value, gast.Name):
        return value.id in placeholders
    if isinstance(value, gast.Subscript):
        return is_d(value)
    func = value.func if isinstance(value, gast.Call) else None
    return isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name) and \
        func.value.id == "_rt" and func.attr in NONE_KEEPING and not value.keywords and \
        len(value.args) == 1 and _hands_on(value.args[0], placeholders)
