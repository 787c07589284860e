"""The reads :mod:`.unroll` rewrites in each statement it keeps (:class:`Substitute`): an alias
read as the path it stands for, a list comprehension over a structured part as a display of its
items (those its filters of constant keys keep: ``if k != 'b'``, ``if k.startswith('W')``,
:func:`.computed_keys.static_truth`), ``sum(... for v in params.values())`` (or such a generator
unpacked, ``a, b = (params[k] for k in ('a', 'b'))``, which Python runs to its end) as such a display,
an index computed from constants as its value, ``len`` of a structured part as its length.

    >>> import numpy as np
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.passes.unroll import resolve_container_parts
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def decay(params):
    ...     return sum(np.sum(w ** 2) for k, w in params.items() if k.startswith("W"))
    >>> info = parse_function(decay)
    >>> tree = structure({"W1": np.ones(2), "b1": 0.5, "W2": np.ones(2)})
    >>> resolve_container_parts(info, (("params", tree),))
    >>> print(function_text(info.node), end="")
    def decay(params):
        return sum([np.sum(params['W1'] ** 2), np.sum(params['W2'] ** 2)])
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .computed_keys import static_truth
from .container_parts import (
    CONSUMERS,
    NESTED,
    NONE,
    Part,
    located,
    loop_items,
    static_lookup,
    structured,
)


class Substitute(build.Transformer):
    """Reads of aliases → their paths; ``len`` of a structured part → its length."""

    def __init__(self, resolver: Any):  # (unroll._Resolver)
        self.resolver = resolver

    def visit_Name(self, node: gast.Name) -> gast.expr:
        bound = self.resolver.env.get(node.id)
        if bound is None or not isinstance(node.ctx, gast.Load):
            return node
        return bound.expression(node) if isinstance(bound, Part) else \
            located(build.clone(bound), node)

    def visit_ListComp(self, node: gast.ListComp) -> gast.expr:
        """``[layer.w @ x for layer in params]`` over a structured part, or ``[params[k] for k
        in ('w', 'b')]`` over constant keys (``unroll._Resolver.keyed``) → a display, one item per
        element; any other comprehension: its own names hidden from the substitution."""
        first = node.generators[0]
        first.iter = self.visit(first.iter)
        items = loop_items(first.iter, self.resolver.resolve)
        if items is None:
            items = self.resolver.keyed(first.iter, first.target, [node.elt, *first.ifs])
        lambdas = any(isinstance(n, NESTED) for n in build.nodes(node.elt))
        if items is None or len(node.generators) > 1 or lambdas:
            return self.hidden(node)
        resolver, elements = self.resolver, []
        env, aliased = dict(resolver.env), dict(resolver.aliased)
        for item in items:
            target = build.clone(first.target)
            resolver.scoped = True  # (the comprehension's own names)
            bound = resolver.bind(target, item, node, every=True)
            resolver.scoped = False
            bound = [build.assign(target, item)] if bound is None else bound
            if all(isinstance(b.targets[0], gast.Name) for b in bound):
                resolver.env.update({b.targets[0].id: b.value for b in bound})  # (in place)
                kept = self._kept(first.ifs)
            else:
                kept = NONE
            if kept is NONE:
                resolver.env, resolver.aliased = env, aliased
                return self.hidden(node)
            if kept:
                elements.append(self.visit(build.clone(node.elt)))
            resolver.env = dict(env)
        resolver.aliased = aliased
        return located(build.list_(elements), node)

    def _kept(self, ifs: list[gast.expr]) -> Any:
        """Whether an item passes a comprehension's filters of constant keys (``if k !=
        'b'``, ``if k.startswith('W')``), its names bound: True or False, else NONE."""
        truths = [static_truth(self.visit(build.clone(test)), self.resolver.builtin_str)
                  for test in ifs]
        return NONE if NONE in truths else all(truths)

    def hidden(self, node: gast.expr) -> gast.expr:
        own = {n for g in node.generators for n in build.names(g.target)}
        before = dict(self.resolver.env)
        self.resolver.env = {n: v for n, v in before.items() if n not in own}
        self.generic_visit(node)
        self.resolver.env = before
        return node

    visit_SetComp = visit_DictComp = visit_GeneratorExp = hidden

    def consumed(self, node: gast.GeneratorExp) -> gast.expr:
        """``sum(v @ v for v in params.values())``, ``sum(np.sum(params[k]) for k in KEYS)``:
        over a structured part or its constant keys, a list (a display)."""
        first = node.generators[0]
        iterated = self.visit(build.clone(first.iter))
        if loop_items(iterated, self.resolver.resolve) is None and self.resolver.keyed(
                iterated, first.target, [node.elt, *first.ifs]) is None:
            return node
        first.iter = iterated
        return located(gast.ListComp(elt=node.elt, generators=node.generators), node)

    def visit_Subscript(self, node: gast.Subscript) -> gast.expr:
        """An index computed from constants (``params[-1 - 0]``, once ``i`` is 0) → its value."""
        self.generic_visit(node)
        key = self.resolver.key(node.slice)
        if key is not NONE and not isinstance(node.slice, gast.Constant) and \
                self.resolver.resolve(node.value) is not None:
            node.slice = located(build.constant(key), node.slice)
        return node

    def visit_Compare(self, node: gast.Compare) -> gast.expr:
        self.generic_visit(node)
        return static_lookup(node, self.resolver.resolve) or node
    visit_Dict = visit_Compare  # (`{**params}`: a display of the dict part)

    def visit_Call(self, node: gast.Call) -> gast.expr:
        if isinstance(node.func, gast.Name) and node.func.id in CONSUMERS and \
                len(node.args) == 1 and isinstance(node.args[0], gast.GeneratorExp):
            node.args[0] = self.consumed(node.args[0])
        self.generic_visit(node)
        found = static_lookup(node, self.resolver.resolve)
        if found is not None:
            return found
        if isinstance(node.func, gast.Name) and node.func.id == "len" and len(node.args) == 1 \
                and not node.keywords:
            part = self.resolver.resolve(node.args[0])
            if part is not None and structured(part.tree):
                return located(build.constant(len(part.tree.keys)), node)
        return node

    def visit_Lambda(self, node: gast.Lambda) -> gast.expr:
        return node  # (reads of aliases in it are refused by check())
