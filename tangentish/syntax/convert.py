"""``ast`` to ``gast``, as ``gast.ast_to_gast`` does, at a fraction of its cost.

gast's converter visits every node through ``ast.NodeTransformer`` (a method looked up by name per
node, a dict comprehension per node).  This one keeps gast's own per-node-type conversions (the
``visit_*`` methods that differ between Python versions) and speeds up the generic case only.
Should gast's internals move, the plain ``gast.ast_to_gast`` is used.
"""

from __future__ import annotations

import ast
from typing import Any

import gast

try:
    from gast.ast3 import Ast3ToGAst as _Base
except ImportError:  # pragma: no cover - a gast without the module this builds on
    _Base = None

_MISSING = object()
_TARGETS: dict[type, Any] = {}
_METHODS: dict[type, Any] = {}


if _Base is not None:
    class _Converter(_Base):
        """Also measures the tree: ``deepest`` is its depth in nodes, expression contexts and
        operators left out (their parent has another child as deep or deeper)."""

        depth = deepest = 0

        def visit(self, node: ast.AST) -> Any:
            kind = node.__class__
            method = _METHODS.get(kind)
            if method is None:
                method = _METHODS[kind] = _method(kind)
            if method is _GENERIC or method is _VISIT_NAME:  # (they count themselves)
                return method(self, node)
            depth = self.depth = self.depth + 1
            if depth > self.deepest:
                self.deepest = depth
            converted = method(self, node)
            self.depth = depth - 1
            return converted

        def visit_Name(self, node: ast.Name) -> gast.Name:
            """gast's own ``visit_Name`` (its constructor, then ``ast.copy_location``) without
            their cost: the names are most of a function's nodes."""
            if self.depth >= self.deepest:
                self.deepest = self.depth + 1
            new = _NAME.__new__(_NAME)
            state = new.__dict__
            state["id"] = node.id
            ctx = node.ctx
            shared = _CONTEXTS.get(ctx.__class__)
            state["ctx"] = self.visit(ctx) if shared is None else shared
            state["annotation"] = state["type_comment"] = None
            _locate(new, node)
            return new

        def _visit(self, node: Any) -> Any:
            if isinstance(node, ast.AST):
                return self.visit(node)
            if node.__class__ is list:
                return [self._visit(n) for n in node]
            return node

        def generic_visit(self, node: ast.AST) -> Any:
            kind = node.__class__
            target = _TARGETS.get(kind, _MISSING)
            if target is _MISSING:
                target = _TARGETS[kind] = getattr(gast, kind.__name__, None)
            if target is None:  # not part of gast's tree
                return None
            new = target.__new__(target)
            state, own = new.__dict__, node.__dict__
            tree, visit, leaves, methods, contexts = ast.AST, self.visit, _LEAVES, _METHODS, _SHARED
            depth = self.depth = self.depth + 1
            if depth > self.deepest:
                self.deepest = depth
            for field in kind._fields:  # (what ``_visit`` does, without a call per field)
                value = own.get(field, _MISSING)
                if value is _MISSING:
                    value = getattr(node, field, _MISSING)
                    if value is _MISSING:
                        continue
                if value.__class__ is list:
                    value = [visit(item) if isinstance(item, tree) else self._visit(item)
                             for item in value]
                elif isinstance(value, tree):  # (a context or an operator made at once, other
                    leaf = leaves.get(value.__class__)  # nodes by their method: no visit call)
                    if leaf is not None:
                        value = contexts.get(leaf) or leaf.__new__(leaf)
                    else:
                        method = methods.get(value.__class__)
                        value = method(self, value) if method is _GENERIC or \
                            method is _VISIT_NAME else visit(value)
                state[field] = value
            self.depth = depth - 1
            for attribute in kind._attributes:
                value = own.get(attribute, _MISSING)
                if value is _MISSING:
                    value = getattr(node, attribute, _MISSING)
                if value is not _MISSING:
                    state[attribute] = value
            return new

    _NAME = gast.Name
    _GENERIC, _VISIT_NAME = _Converter.generic_visit, _Converter.visit_Name
    _DEPRECATED = ("visit_Num", "visit_Str", "visit_Bytes", "visit_NameConstant",
                   "visit_Ellipsis")

    def _method(kind: type) -> Any:
        """The converter's method for ``kind``; for a constant, ``generic_visit`` directly when
        ``ast.NodeVisitor.visit_Constant`` would only look for deprecated visitors and find none
        (it looks again for every constant)."""
        method = getattr(_Converter, "visit_" + kind.__name__, _Converter.generic_visit)
        if method is getattr(ast.NodeVisitor, "visit_Constant", None) and \
                not any(hasattr(_Converter, name) for name in _DEPRECATED):
            return _Converter.generic_visit
        return method

    def _locate(new: gast.AST, node: ast.AST) -> None:
        """``ast.copy_location(new, node)`` for a node whose class has all four positions."""
        state, own = new.__dict__, node.__dict__
        for attribute in _POSITIONS:
            value = own.get(attribute)
            if value is None:
                value = getattr(node, attribute, None)
            if value is not None or attribute.startswith("end_") and hasattr(node, attribute):
                state[attribute] = value

    def _leaves() -> dict[type, type]:
        """The gast class of each node class without fields or positions that the converter
        makes with ``generic_visit`` (contexts and operators: a third of a function's nodes)."""
        found = {}
        for base in (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop):
            for kind in base.__subclasses__():
                target = getattr(gast, kind.__name__, None)
                if target is not None and not kind._fields and not kind._attributes and \
                        _method(kind) is _Converter.generic_visit:
                    found[kind] = target
        return found

    _POSITIONS = ("lineno", "col_offset", "end_lineno", "end_col_offset")
    _LEAVES = _leaves()
    # One instance of each expression context for every tree, as :func:`~.build.clone` shares
    # them (they carry nothing; no pass writes to one): a name is one node, not two (parsed
    # templates are kept for the process's life, walked by its every full collection).
    _SHARED: dict[type, gast.AST] = {kind: kind() for kind in (gast.Load, gast.Store, gast.Del)}
    _CONTEXTS = {kind: _SHARED[leaf] for kind, leaf in _LEAVES.items() if leaf in _SHARED}


def ast_to_gast(node: ast.AST) -> gast.AST:
    """The gast tree of ``node`` (the same as ``gast.ast_to_gast(node)``)."""
    return measured_gast(node)[0]


def measured_gast(node: ast.AST) -> tuple[gast.AST, int | None]:
    """:func:`ast_to_gast` of ``node``, and the depth of ``node`` in nodes (expression contexts
    left out, as :func:`~.build.child_fields` does; None when not measured)."""
    if _Base is None:  # pragma: no cover
        return gast.ast_to_gast(node), None
    converter = _Converter()
    return converter.visit(node), converter.deepest
