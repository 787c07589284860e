"""List comprehensions lowered where Python evaluates them, for :mod:`desugar_loops`.

:class:`Hoister` replaces each list comprehension of one statement by the loop that builds it,
emitted before the statement (``LoopLowering.comprehension_loop`` writes the loop).  One Python
evaluates on some paths only (a later operand of ``and``/``or``, a branch of ``a if c else b``, a
later comparison of a chain) runs on those paths alone: the expression becomes statements, the
comprehension's loop inside the ``if`` that reaches it.  :class:`Renamer` gives a comprehension's
names their fresh spellings.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> def f(y, w):
    ...     return w > 0 and sum([v * w for v in y])
    >>> info = parse_function(f); desugar(info)
    >>> print(function_text(info.node), end="")
    def f(y, w):
        _both = w > 0
        if _both:
            _list = []
            for _i in range(len(y)):
                _v = y[_i]
                _list.append(_v * w)
            _both = sum(_list)
        return _both
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build


def _located(node: gast.AST, where: gast.AST) -> gast.AST:
    return gast.copy_location(node, where)


class Hoister(build.Transformer):
    """Replace each list comprehension of one statement (not of its nested blocks) by a loop
    emitted before the statement."""

    def __init__(self, owner: Any, hoisted: list):
        self.owner, self.hoisted = owner, hoisted

    def visit_ListComp(self, node: gast.ListComp) -> gast.expr:
        first = node.generators[0]  # (the only part evaluated where the comprehension is)
        first.iter = self.visit(first.iter)
        return self.owner.comprehension_loop(node, self.hoisted)

    def visit_For(self, node: gast.For) -> gast.For:
        node.iter = self.visit(node.iter)
        return node

    def visit_While(self, node: gast.While) -> gast.While:
        return node

    def visit_FunctionDef(self, node: gast.FunctionDef) -> gast.FunctionDef:
        return node  # a nested function is desugared when it is inlined

    def visit_Lambda(self, node: gast.Lambda) -> gast.Lambda:
        return node

    def visit_If(self, node: gast.If) -> gast.If:
        node.test = self.visit(node.test)
        return node

    # A comprehension Python evaluates only on some paths (a later operand of ``and``/``or``,
    # a branch of ``a if c else b``, a later comparison of a chain) runs on those paths alone:
    # the expression is made statements (``_r = a``, then ``if _r:`` the comprehension's loop and
    # ``_r = b``), not hoisted whole before it, which ran it where Python does not (``y is not
    # None and sum(v for v in y)`` raised at y = None, and its tape went out of step).
    def visit_BoolOp(self, node: gast.BoolOp) -> gast.expr:
        if not any(_comprehends(value) for value in node.values[1:]):
            return self.generic_visit(node)
        result = self.owner.namer.fresh("_either" if isinstance(node.op, gast.Or) else "_both")
        self.hoisted.append(_located(build.assign(result, self.visit(node.values[0])), node))
        for value in node.values[1:]:
            test = build.name(result)
            self._lazy(build.not_(test) if isinstance(node.op, gast.Or) else test,
                       [(result, value)], node)
        return _located(build.name(result), node)

    def visit_IfExp(self, node: gast.IfExp) -> gast.expr:
        if not (_comprehends(node.body) or _comprehends(node.orelse)):
            return self.generic_visit(node)
        result = self.owner.namer.fresh("_chosen")
        self._lazy(self.visit(node.test), [(result, node.body)], node, [(result, node.orelse)])
        return _located(build.name(result), node)

    def visit_Compare(self, node: gast.Compare) -> gast.expr:
        if len(node.ops) < 2 or not any(_comprehends(c) for c in node.comparators[1:]):
            return self.generic_visit(node)
        result, left = self.owner.namer.fresh("_chain"), self.visit(node.left)
        for index, (op, comparator) in enumerate(zip(node.ops, node.comparators, strict=True)):
            operand = self.owner.namer.fresh("_operand")
            compare = gast.Compare(left=left, ops=[op], comparators=[build.name(operand)])
            steps = [(operand, comparator), (result, compare)]
            if index:
                self._lazy(build.name(result), steps, node)
            else:
                for target, value in steps:
                    self.hoisted.append(_located(build.assign(target, self.visit(value)), node))
            left = build.name(operand)
        return _located(build.name(result), node)

    def _lazy(self, test: gast.expr, then: list[tuple[str, gast.expr]], where: gast.AST,
              orelse: list[tuple[str, gast.expr]] = ()) -> None:
        """``if test:`` binding each ``(name, value)`` of ``then`` (else ``orelse``), each value's
        comprehensions hoisted inside its branch."""
        blocks = []
        for steps in (then, orelse):
            block: list[gast.stmt] = []
            for target, value in steps:
                value = Hoister(self.owner, block).visit(value)
                block.append(_located(build.assign(target, value), where))
            blocks.append(block)
        self.hoisted.append(_located(build.if_(test, *blocks), where))


def _comprehends(node: gast.expr) -> bool:
    """Whether ``node`` holds a list comprehension."""
    return any(n.__class__ is gast.ListComp for n in build.nodes(node))


class Renamer(build.Transformer):
    def __init__(self, renames: dict[str, str]):
        self.renames = renames

    def visit_Name(self, node: gast.Name) -> gast.Name:
        node.id = self.renames.get(node.id, node.id)
        return node
