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
        def visit(self, node: ast.AST) -> Any:
            kind = node.__class__
            method = _METHODS.get(kind)
            if method is None:
                method = _METHODS[kind] = getattr(_Converter, "visit_" + kind.__name__,
                                                  _Converter.generic_visit)
            return method(self, node)

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
            state = new.__dict__
            for field in kind._fields:
                value = getattr(node, field, _MISSING)
                if value is not _MISSING:
                    state[field] = self._visit(value)
            for attribute in kind._attributes:
                value = getattr(node, attribute, _MISSING)
                if value is not _MISSING:
                    state[attribute] = value
            return new


def ast_to_gast(node: ast.AST) -> gast.AST:
    """The gast tree of ``node`` (the same as ``gast.ast_to_gast(node)``)."""
    if _Base is None:  # pragma: no cover
        return gast.ast_to_gast(node)
    return _Converter().visit(node)
