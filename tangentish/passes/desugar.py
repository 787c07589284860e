"""Desugar control flow into the few forms the later passes handle.

Guarantee to the next stage (on the function's AST, before normalization):

- every ``for`` loop iterates over a ``range(...)`` (possibly sliced, ``range(...)[::-1]``); loops
  over arrays, lists, ``enumerate``, ``zip`` and ``reversed`` index their sequences instead;
- list comprehensions are loops that ``append`` to a fresh list;
- there is no ``continue``, and the only ``break`` is ``if <flag>: break`` as the last statement
  of a loop body: a ``break``/``continue`` sets a flag and the rest of the body is guarded by it;
- there is a single ``return``, the last statement; an early ``return v`` assigns ``v`` to the
  output variable (and leaves loops through a flag), and what follows it is guarded.

Every iteration therefore runs the whole body, and the reverse pass can replay it.

    for v in xs:                         _seq = xs
        if v > 3:                        _brk = False
            break                        for _i in range(len(_seq)):
        s = s + v                            v = _seq[_i]
                                             if v > 3:
                                                 _brk = True
                                             if not _brk:
                                                 s = s + v
                                             if _brk:
                                                 break
"""

from __future__ import annotations

import copy

import gast

from ..errors import UnsupportedConstructError
from ..syntax.naming import Namer, names_in
from ..syntax.nodes import with_context
from ..syntax.parse import SourceInfo


def _name(identifier: str, store: bool = False) -> gast.Name:
    ctx = gast.Store() if store else gast.Load()
    return gast.Name(id=identifier, ctx=ctx, annotation=None, type_comment=None)


def _const(value: object) -> gast.Constant:
    return gast.Constant(value=value, kind=None)


def _assign(identifier: str, value: gast.expr, where: gast.AST) -> gast.Assign:
    node = gast.Assign(targets=[_name(identifier, True)], value=value, type_comment=None)
    return gast.copy_location(node, where)


def _call(func: str, *args: gast.expr) -> gast.Call:
    return gast.Call(func=_name(func), args=list(args), keywords=[])


def _if(test: gast.expr, body: list, orelse: list, where: gast.AST) -> gast.If:
    return gast.copy_location(gast.If(test=test, body=body, orelse=orelse), where)


def _not(identifier: str) -> gast.UnaryOp:
    return gast.UnaryOp(op=gast.Not(), operand=_name(identifier))


NEVER, MAYBE, ALWAYS = 0, 1, 2


class Desugarer:
    def __init__(self, info: SourceInfo, node: gast.FunctionDef | None = None):
        self.info = info
        self.node = node if node is not None else info.node
        self.namer = Namer(names_in(self.node))
        self.out: str | None = None
        self.done: str | None = None

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    # -- returns -------------------------------------------------------------------------------
    def run(self) -> None:
        node = self.node
        body = self.comprehensions(node.body)
        if _needs_single_exit(body):
            self.out = self.namer.fresh("result")
            body, _ = self.returns(body, in_loop=False)
            last = body[-1] if body else node
            body.append(gast.copy_location(gast.Return(value=_name(self.out)), last))
            if self.done:
                body.insert(0, _assign(self.done, _const(False), node))
        node.body = self.loops(body)

    def returns(self, stmts: list, in_loop: bool) -> tuple[list, int]:
        out: list = []
        for index, stmt in enumerate(stmts):
            if isinstance(stmt, gast.Return):
                value = stmt.value if stmt.value is not None else _const(None)
                out.append(_assign(self.out, value, stmt))
                if in_loop:
                    out.append(_assign(self._done(), _const(True), stmt))
                    out.append(gast.copy_location(gast.Break(), stmt))
                return out, ALWAYS
            if isinstance(stmt, gast.If):
                body, then_exit = self.returns(stmt.body, in_loop)
                orelse, else_exit = self.returns(stmt.orelse, in_loop)
                rest = stmts[index + 1:]
                if then_exit == ALWAYS and else_exit == ALWAYS:
                    out.append(_if(stmt.test, body, orelse, stmt))
                    return out, ALWAYS
                if not in_loop and rest and ALWAYS in (then_exit, else_exit) and \
                        NEVER in (then_exit, else_exit):
                    rest, rest_exit = self.returns(rest, in_loop)
                    if then_exit == ALWAYS:
                        orelse = orelse + rest
                    else:
                        body = body + rest
                    out.append(_if(stmt.test, body, orelse, stmt))
                    return out, max(rest_exit, MAYBE)
                out.append(_if(stmt.test, body, orelse, stmt))
                if then_exit or else_exit:
                    return self._guard_rest(out, rest, in_loop, stmt, False)
                continue
            if isinstance(stmt, (gast.For, gast.While)):
                body, body_exit = self.returns(stmt.body, in_loop=True)
                stmt.body = body
                out.append(stmt)
                if body_exit:
                    return self._guard_rest(out, stmts[index + 1:], in_loop, stmt, True)
                continue
            out.append(stmt)
        return out, NEVER

    def _done(self) -> str:
        if self.done is None:
            self.done = self.namer.fresh("_done")
        return self.done

    def _guard_rest(self, out: list, rest: list, in_loop: bool, where: gast.AST,
                    after_loop: bool):
        """Code after a statement that may have returned runs only if it did not."""
        flag = self._done()
        rest, _ = self.returns(rest, in_loop)
        if in_loop:  # the return already left this loop, unless it was in an inner loop
            if after_loop:
                out.append(_if(_name(flag), [gast.copy_location(gast.Break(), where)], [],
                               where))
            out.extend(rest)
        elif rest:
            out.append(_if(_not(flag), rest, [], rest[0]))
        return out, MAYBE

    # -- loops ---------------------------------------------------------------------------------
    def loops(self, stmts: list) -> list:
        out = []
        for stmt in stmts:
            if isinstance(stmt, gast.If):
                stmt.body, stmt.orelse = self.loops(stmt.body), self.loops(stmt.orelse)
            elif isinstance(stmt, (gast.For, gast.While)):
                if stmt.orelse:
                    raise self.error("cannot differentiate a loop with an `else` clause", stmt,
                                     hint="set a flag before `break` and test it after the loop")
                stmt.body = self.loops(stmt.body)
                if isinstance(stmt, gast.For):
                    out.extend(self.iteration(stmt))
                    stmt = out.pop()
                out.extend(self.jumps(stmt))
                continue
            out.append(stmt)
        return out

    def iteration(self, loop: gast.For) -> list:
        """Rewrite ``for t in <iterable>`` to iterate over a range; returns setup + the loop."""
        iterable = loop.iter
        if _is_call(iterable, "range"):
            return [loop]
        if _is_call(iterable, "reversed") and len(iterable.args) == 1 and \
                _is_call(iterable.args[0], "range"):
            loop.iter = gast.Subscript(value=iterable.args[0],
                                       slice=gast.Slice(lower=None, upper=None, step=_const(-1)),
                                       ctx=gast.Load())
            return [loop]
        setup: list = []
        index = self.namer.fresh("_i")
        length = self.sequence_length(iterable, setup, loop)
        element = self.element(iterable, _name(index), setup, loop, reverse=False)
        bind = gast.copy_location(gast.Assign(targets=[with_context(loop.target, gast.Store)], value=element,
                                              type_comment=None), loop)
        new = gast.For(target=_name(index, True), iter=_call("range", length),
                       body=[bind, *loop.body], orelse=[], type_comment=None)
        return [*setup, gast.copy_location(new, loop)]

    def sequence_length(self, iterable: gast.expr, setup: list, where: gast.AST) -> gast.expr:
        if _is_call(iterable, "zip"):
            return _call("min", *(self.sequence_length(a, setup, where) for a in iterable.args))
        if _is_call(iterable, "enumerate") or _is_call(iterable, "reversed"):
            return self.sequence_length(iterable.args[0], setup, where)
        return _call("len", self._stored(iterable, setup, where))

    def element(self, iterable: gast.expr, index: gast.expr, setup: list, where: gast.AST,
                reverse: bool) -> gast.expr:
        if _is_call(iterable, "zip"):
            if iterable.keywords:
                raise self.error("cannot differentiate `zip(..., strict=...)`", where,
                                 hint="drop the keyword argument")
            parts = [self.element(a, index, setup, where, reverse) for a in iterable.args]
            return gast.Tuple(elts=parts, ctx=gast.Load())
        if _is_call(iterable, "enumerate"):
            start = iterable.args[1] if len(iterable.args) > 1 else next(
                (k.value for k in iterable.keywords if k.arg == "start"), _const(0))
            counter = index if not reverse else self._reversed_index(iterable.args[0], index,
                                                                     setup, where)
            position = gast.BinOp(left=copy.deepcopy(counter), op=gast.Add(), right=start)
            item = self.element(iterable.args[0], index, setup, where, reverse)
            return gast.Tuple(elts=[position, item], ctx=gast.Load())
        if _is_call(iterable, "reversed"):
            return self.element(iterable.args[0], index, setup, where, not reverse)
        sequence = self._stored(iterable, setup, where)
        position = self._reversed_index(iterable, index, setup, where) if reverse else index
        return gast.Subscript(value=sequence, slice=copy.deepcopy(position), ctx=gast.Load())

    def _reversed_index(self, iterable, index, setup, where) -> gast.expr:
        length = self.sequence_length(iterable, setup, where)
        last = gast.BinOp(left=length, op=gast.Sub(), right=_const(1))
        return gast.BinOp(left=last, op=gast.Sub(), right=copy.deepcopy(index))

    def _stored(self, iterable: gast.expr, setup: list, where: gast.AST) -> gast.expr:
        """The sequence in a variable of its own (evaluated once, before the loop)."""
        if isinstance(iterable, gast.Name):
            return _name(iterable.id)
        for stmt in setup:
            if gast.dump(stmt.value) == gast.dump(iterable):
                return _name(stmt.targets[0].id)
        name = self.namer.fresh("_seq")
        setup.append(_assign(name, iterable, where))
        return _name(name)

    def jumps(self, loop: gast.For | gast.While) -> list:
        """Replace ``break``/``continue`` of this loop by flags; returns setup + the loop."""
        kinds = _jumps(loop.body)
        if not kinds:
            return [loop]
        brk = self.namer.fresh("_brk") if gast.Break in kinds else None
        cont = self.namer.fresh("_cont") if gast.Continue in kinds else None
        skip = cont or brk
        body, _ = self._flagged(loop.body, brk, cont, skip, loop)
        if cont:
            body.insert(0, _assign(cont, _const(False), loop))
        setup = []
        if brk:
            setup.append(_assign(brk, _const(False), loop))
            body.append(_if(_name(brk), [gast.copy_location(gast.Break(), loop)], [], loop))
        loop.body = body
        return [*setup, loop]

    def _flagged(self, stmts, brk, cont, skip, where) -> tuple[list, bool]:
        out: list = []
        for index, stmt in enumerate(stmts):
            jumped = False
            if isinstance(stmt, gast.Break):
                out.append(_assign(brk, _const(True), stmt))
                if cont:
                    out.append(_assign(cont, _const(True), stmt))
                return out, True
            if isinstance(stmt, gast.Continue):
                out.append(_assign(cont, _const(True), stmt))
                return out, True
            if isinstance(stmt, gast.If):
                stmt.body, jumped_then = self._flagged(stmt.body, brk, cont, skip, where)
                stmt.orelse, jumped_else = self._flagged(stmt.orelse, brk, cont, skip, where)
                jumped = jumped_then or jumped_else
            out.append(stmt)
            rest = stmts[index + 1:]
            if jumped and rest:
                rest, _ = self._flagged(rest, brk, cont, skip, where)
                out.append(_if(_not(skip), rest, [], rest[0]))
                return out, True
            if jumped:
                return out, True
        return out, False

    # -- comprehensions ------------------------------------------------------------------------
    def comprehensions(self, stmts: list) -> list:
        out: list = []
        for stmt in stmts:
            for field in ("body", "orelse"):
                if isinstance(stmt, (gast.If, gast.For, gast.While)):
                    setattr(stmt, field, self.comprehensions(getattr(stmt, field)))
            hoisted: list = []
            _Hoister(self, hoisted).visit(stmt)
            out.extend(hoisted)
            out.append(stmt)
        return out

    def comprehension_loop(self, node: gast.ListComp, hoisted: list) -> gast.Name:
        if len(node.generators) != 1 or node.generators[0].is_async:
            raise self.error("cannot differentiate a list comprehension with several `for`s",
                             node, hint="write the loops out with `append`")
        generator = node.generators[0]
        result = self.namer.fresh("_list")
        renames = {n.id: self.namer.fresh(f"_{n.id}") for n in gast.walk(generator.target)
                   if isinstance(n, gast.Name)}
        target = _Renamer(renames).visit(copy.deepcopy(generator.target))
        element = _Renamer(renames).visit(copy.deepcopy(node.elt))
        append = gast.Expr(value=gast.Call(
            func=gast.Attribute(value=_name(result), attr="append", ctx=gast.Load()),
            args=[element], keywords=[]))
        body: list = [gast.copy_location(append, node)]
        for condition in reversed(generator.ifs):
            body = [_if(_Renamer(renames).visit(copy.deepcopy(condition)), body, [], node)]
        loop = gast.For(target=target, iter=generator.iter, body=body, orelse=[],
                        type_comment=None)
        hoisted.append(_assign(result, gast.List(elts=[], ctx=gast.Load()), node))
        hoisted.append(gast.copy_location(loop, node))
        return _name(result)


class _Hoister(gast.NodeTransformer):
    def __init__(self, owner: Desugarer, hoisted: list):
        self.owner, self.hoisted = owner, hoisted

    def visit_ListComp(self, node: gast.ListComp):
        self.generic_visit(node)
        return self.owner.comprehension_loop(node, self.hoisted)

    def visit_For(self, node):  # nested blocks were handled on their own
        node.iter = self.visit(node.iter)
        return node

    def visit_While(self, node):
        return node

    def visit_FunctionDef(self, node):  # a nested function is desugared when it is inlined
        return node

    def visit_Lambda(self, node):
        return node

    def visit_If(self, node):
        node.test = self.visit(node.test)
        return node


class _Renamer(gast.NodeTransformer):
    def __init__(self, renames: dict[str, str]):
        self.renames = renames

    def visit_Name(self, node: gast.Name):
        node.id = self.renames.get(node.id, node.id)
        return node


def _is_call(node: gast.AST, name: str) -> bool:
    return (isinstance(node, gast.Call) and isinstance(node.func, gast.Name)
            and node.func.id == name)


def _jumps(stmts: list) -> set:
    """The kinds of jump (Break/Continue) that leave *this* loop body (not nested loops)."""
    found = set()
    for stmt in stmts:
        if isinstance(stmt, (gast.Break, gast.Continue)):
            found.add(type(stmt))
        elif isinstance(stmt, gast.If):
            found |= _jumps(stmt.body) | _jumps(stmt.orelse)
    return found


def _own_returns(node: gast.AST) -> list:
    """The ``return`` statements of this function, not of functions nested in it."""
    if isinstance(node, gast.Return):
        return [node]
    if isinstance(node, (gast.FunctionDef, gast.Lambda)):
        return []
    return [r for child in gast.iter_child_nodes(node) for r in _own_returns(child)]


def _needs_single_exit(body: list) -> bool:
    returns = [r for stmt in body for r in _own_returns(stmt)]
    return bool(returns) and not (len(returns) == 1 and body[-1] is returns[0])


def _locate(node: gast.AST, lineno: int, col: int) -> None:
    """Give nodes that desugaring created the position of the nearest located ancestor."""
    for child in gast.iter_child_nodes(node):
        if getattr(child, "lineno", None) is None and "lineno" in getattr(child, "_attributes", ()):
            child.lineno, child.col_offset = lineno, col
            child.end_lineno, child.end_col_offset = None, None
        _locate(child, getattr(child, "lineno", None) or lineno,
                getattr(child, "col_offset", None) or col)


def desugar(info: SourceInfo, node: gast.FunctionDef | None = None) -> None:
    """Rewrite ``info.node`` (or a function nested in it) in place (see the module docstring)."""
    node = node if node is not None else info.node
    Desugarer(info, node).run()
    _locate(node, node.lineno, node.col_offset)
