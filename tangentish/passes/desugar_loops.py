"""Loop lowering for :mod:`desugar`: every loop over a range, jumps as flags, comprehensions as loops.

- ``for t in <iterable>`` becomes ``for _i in range(len(seq)): t = seq[_i]`` (``enumerate``, ``zip``
  and ``reversed`` index their sequences).  The sequence is evaluated once, before the loop, as
  Python does: a name the body rebinds is first copied (``_seq = w``).  A transpose ``X.T`` of a
  name the body does not rebind (``X *= 0.9`` changes it in place) is read through it,
  ``t = X.T[_i]``: the view Python runs over sees the body's changes of ``X``, as that does,
  and no other name holds a view of ``X`` while it changes; ``for v in x.flat`` is
  ``for _i in range(x.size): v = x.flat[_i]`` (the array stored first if the body rebinds ``x``);
- ``break``/``continue`` set flags (``_brk``, ``_cont``) and the rest of the body is guarded by them;
  the only ``break`` left is ``if _brk: break``, the last statement of the body; a loop's ``else``
  follows the loop, under ``if not _brk:`` when the loop has a ``break``;
- a list comprehension is a loop appending to a fresh list;
- a tuple assignment of a tuple to names it does not read (``u, v = y[0], y[1]``, and a loop's
  ``i, r = _i + 0, y[_i]``) binds them one by one, so a view bound there is a view's own
  assignment for :mod:`view_writes`.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> def f(xs):
    ...     s = 0.0
    ...     for v in xs:
    ...         if v > 3:
    ...             break
    ...         s = s + v
    ...     return s
    >>> info = parse_function(f)
    >>> desugar(info)
    >>> print(function_text(info.node), end="")
    def f(xs):
        s = 0.0
        _brk = False
        for _i in range(len(xs)):
            v = xs[_i]
            if v > 3:
                _brk = True
            if not _brk:
                s = s + v
            if _brk:
                break
        return s

A loop that runs backwards counts its sequence once, before it (``reversed`` reads a list from
its length at the start: what the body appends is not reached):

    >>> def g(xs):
    ...     for v in reversed(xs):
    ...         xs.append(v)
    ...     return xs[-1]
    >>> info = parse_function(g)
    >>> desugar(info)
    >>> print(function_text(info.node), end="")
    def g(xs):
        _len = len(xs)
        for _i in range(_len):
            v = xs[_len - 1 - _i]
            xs.append(v)
        return xs[-1]
"""

from __future__ import annotations

import copy
from typing import Protocol

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build, tree_walk
from ..syntax.naming import Namer
from .dataflow import assigned, statements, stores


class Owner(Protocol):
    """What loop lowering needs of the pass it works for (:class:`~.desugar.Desugarer`): its
    namer and its way of reporting a construct."""

    namer: Namer

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError: ...


def _located(node: gast.AST, where: gast.AST) -> gast.AST:
    return gast.copy_location(node, where)


def _is_call(node: gast.AST, function: str) -> bool:
    return (isinstance(node, gast.Call) and isinstance(node.func, gast.Name)
            and node.func.id == function)


def _transposed(node: gast.expr) -> bool:
    """``X.T`` of a name."""
    return isinstance(node, gast.Attribute) and node.attr == "T" and \
        isinstance(node.value, gast.Name)


def _flat(node: gast.expr) -> bool:
    """``x.flat``: the iterator over an array's elements in C order, which reads them from the
    array as it goes (as ``x.flat[_i]`` does: a write into ``x`` in the loop is seen)."""
    return isinstance(node, gast.Attribute) and node.attr == "flat"


def _rebinds(stmts: list[gast.stmt]) -> set[str]:
    """The names ``stmts`` bind to another value: not by ``x op= v`` alone, which changes an
    array in place (the only kind of value whose ``.T`` a loop can run over)."""
    return {name for stmt in statements(stmts) if not (
        isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name))
        for name in stores(stmt)}


def jumps_of(stmts: list[gast.stmt]) -> set[type]:
    """The kinds of jump (Break/Continue) that leave *this* loop body (not nested loops)."""
    found: set[type] = set()
    for stmt in stmts:
        if isinstance(stmt, (gast.Break, gast.Continue)):
            found.add(type(stmt))
        elif isinstance(stmt, gast.If):
            found |= jumps_of(stmt.body) | jumps_of(stmt.orelse)
    return found


def _binds(target: gast.expr, element: gast.expr, top: bool = True) -> list[gast.stmt]:
    """``t = element``, one assignment per name where ``element`` is a tuple of the target's
    shape (``enumerate``, ``zip``: ``i = _i + 0; r = y[_i]``; ``u, v = y[0], y[1]``), so a row
    changed in place is seen as ``y[_i]``'s (:mod:`view_writes`), when the target binds names
    only and none that the element reads (``a, b = b, a`` stays one assignment)."""
    if isinstance(target, gast.Tuple) and isinstance(element, gast.Tuple) and \
            len(target.elts) == len(element.elts) and all(
                isinstance(n, (gast.Name, gast.Tuple)) for n in target.elts) and \
            not any(isinstance(n, gast.Starred) for n in element.elts) and \
            not {n.id for n in tree_walk.walk(target) if isinstance(n, gast.Name)} & \
            {n.id for n in tree_walk.walk(element) if isinstance(n, gast.Name)}:
        return [bind for t, e in zip(target.elts, element.elts, strict=True)
                for bind in _binds(t, e, top=False)]
    # (a loop's target as a whole: in context Store; a part of an assignment's: as written)
    return [build.assign(build.with_context(target, gast.Store) if top else
                         copy.deepcopy(target), element)]


def flagged(stmts: list[gast.stmt], brk: str | None, cont: str | None,
            skip: str) -> tuple[list[gast.stmt], bool]:
    """``stmts``, a loop body's, with each ``break`` setting ``brk`` (and ``cont``), each
    ``continue`` setting ``cont``, and what follows a jump under ``if not skip:``; whether a
    jump was found (only under ``if`` statements: :func:`jumps_of`)."""
    out: list[gast.stmt] = []
    for index, stmt in enumerate(stmts):
        if isinstance(stmt, gast.Break):
            out.append(_located(build.assign(brk, build.constant(True)), stmt))
            if cont:
                out.append(_located(build.assign(cont, build.constant(True)), stmt))
            return out, True
        if isinstance(stmt, gast.Continue):
            out.append(_located(build.assign(cont, build.constant(True)), stmt))
            return out, True
        jumped = False
        if isinstance(stmt, gast.If):
            stmt.body, jumped_then = flagged(stmt.body, brk, cont, skip)
            stmt.orelse, jumped_else = flagged(stmt.orelse, brk, cont, skip)
            jumped = jumped_then or jumped_else
        out.append(stmt)
        rest = stmts[index + 1:]
        if jumped:
            if rest:
                rest, _ = flagged(rest, brk, cont, skip)
                out.append(_located(build.if_(build.not_(build.name(skip)), rest), rest[0]))
            return out, True
    return out, False


class LoopLowering:
    def __init__(self, owner: Owner):
        self.owner = owner
        self.namer = owner.namer
        self.broke: dict[int, str] = {}  # id of a loop → its `break` flag (jumps)
        self.counted = False  # the loop being lowered runs backwards somewhere (iteration)

    def loops(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, gast.If):
                stmt.body, stmt.orelse = self.loops(stmt.body), self.loops(stmt.orelse)
            elif isinstance(stmt, (gast.For, gast.While)):
                orelse, stmt.orelse = self.loops(stmt.orelse), []
                stmt.body = self.loops(stmt.body)
                if isinstance(stmt, gast.For):
                    out.extend(self.iteration(stmt))
                    stmt = out.pop()
                out.extend(self.jumps(stmt))
                if orelse:  # (a loop's `else`: it runs unless a `break` left the loop)
                    flag = self.broke.pop(id(stmt), None)
                    out.extend(orelse if flag is None else
                               [_located(build.if_(build.not_(build.name(flag)), orelse), stmt)])
                continue
            binds = _binds(stmt.targets[0], stmt.value) if isinstance(stmt, gast.Assign) and \
                len(stmt.targets) == 1 and isinstance(stmt.value, gast.Tuple) else []
            if len(binds) > 1:  # (`u, v = y[0], y[1]`: one by one; else left as written)
                out.extend(_located(bind, stmt) for bind in binds)
                continue
            out.append(stmt)
        return out

    # -- for loops over sequences ------------------------------------------------------------
    def iteration(self, loop: gast.For) -> list[gast.stmt]:
        """``for t in <iterable>`` over a range; returns the setup statements + the loop."""
        iterable = loop.iter
        if _is_call(iterable, "range"):
            return [loop]
        if _is_call(iterable, "reversed") and len(iterable.args) == 1 and \
                _is_call(iterable.args[0], "range"):
            backwards = gast.Slice(lower=None, upper=None, step=build.constant(-1))
            loop.iter = build.subscript(iterable.args[0], backwards)
            return [loop]
        setup: list[gast.stmt] = []
        rebound = assigned(loop.body) | {n.id for n in tree_walk.walk(loop.target)
                                         if isinstance(n, gast.Name)}  # (`for y in zip(y, z)`)
        index = self.namer.fresh("_i")
        self.counted = any(_is_call(n, "reversed") for n in tree_walk.walk(iterable))
        length = self.length(iterable, setup, loop, rebound)
        element = self.element(iterable, build.name(index), setup, loop, rebound, False)
        binds = [_located(bind, loop) for bind in _binds(loop.target, element)]
        new = build.for_(index, build.call("range", length), [*binds, *loop.body])
        return [*setup, _located(new, loop)]

    def length(self, iterable: gast.expr, setup: list, where: gast.AST,
               rebound: set[str]) -> gast.expr:
        if _is_call(iterable, "zip"):
            if self.strict(iterable, where):  # Python's own check, with its ValueError
                checked = build.call("zip", *(self.stored(a, setup, where, rebound)
                                              for a in iterable.args),
                                     strict=build.constant(True))
                return build.call("len", build.call("tuple", checked))
            return build.call("min", *(self.length(a, setup, where, rebound)
                                       for a in iterable.args))
        if _is_call(iterable, "enumerate") or _is_call(iterable, "reversed"):
            return self.length(iterable.args[0], setup, where, rebound)
        if _flat(iterable):  # (x.flat: as many items as x has elements)
            return build.attribute(self.stored(iterable.value, setup, where, rebound), "size")
        return self.count(self.stored(iterable, setup, where, rebound), setup, where)

    def count(self, sequence: gast.expr, setup: list, where: gast.AST) -> gast.expr:
        """``len(sequence)``; in a variable set before a loop that runs backwards, which its
        range and each position (``_len - 1 - _i``) read: counted once, as ``reversed`` does
        (an item appended in the body is not reached), and not again at each step."""
        length = build.call("len", sequence)
        return self.bound(length, "_len", setup, where) if self.counted else length

    def bound(self, value: gast.expr, prefix: str, setup: list, where: gast.AST) -> gast.Name:
        """A name bound to ``value`` before the loop: the setup's, or a new one."""
        for stmt in setup:
            if gast.dump(stmt.value) == gast.dump(value):
                return build.name(stmt.targets[0].id)
        name = self.namer.fresh(prefix)
        setup.append(_located(build.assign(name, value), where))
        return build.name(name)

    def element(self, iterable: gast.expr, index: gast.expr, setup: list, where: gast.AST,
                rebound: set[str], reverse: bool) -> gast.expr:
        if _is_call(iterable, "zip"):
            self.strict(iterable, where)
            return build.tuple_([self.element(a, index, setup, where, rebound, reverse)
                                 for a in iterable.args])
        if _is_call(iterable, "enumerate"):
            start = iterable.args[1] if len(iterable.args) > 1 else next(
                (k.value for k in iterable.keywords if k.arg == "start"), build.constant(0))
            counter = self.position(iterable.args[0], index, setup, where, rebound) \
                if reverse else index
            item = self.element(iterable.args[0], index, setup, where, rebound, reverse)
            return build.tuple_([build.binop(copy.deepcopy(counter), "+", start), item])
        if _is_call(iterable, "reversed"):
            return self.element(iterable.args[0], index, setup, where, rebound, not reverse)
        position = self.position(iterable, index, setup, where, rebound) if reverse else index
        if _flat(iterable):  # x.flat[_i], a read through the array, as the iterator's own
            if reverse:
                raise self.owner.error(
                    "cannot differentiate `reversed(...)` of `.flat`: Python raises TypeError (a "
                    "flat iterator is not reversible)", where, hint="iterate over "
                    "`reversed(x.ravel())`, or over `x.flat` with the index counted down")
            array = self.stored(iterable.value, setup, where, rebound)
            return build.subscript(build.attribute(array, "flat"), copy.deepcopy(position))
        sequence = self.stored(iterable, setup, where, rebound)
        return build.subscript(sequence, copy.deepcopy(position))

    def strict(self, iterable: gast.Call, where: gast.AST) -> bool:
        """Whether ``zip(...)`` has ``strict=True`` (its lengths must agree: checked by ``zip``
        itself before the loop); anything but a literal ``strict=`` is refused."""
        for keyword in iterable.keywords:
            if keyword.arg != "strict" or not isinstance(keyword.value, gast.Constant):
                raise self.owner.error("cannot differentiate `zip(...)` with this keyword", where,
                                       hint="use `strict=True`, `strict=False` or no keyword")
        return any(k.value.value for k in iterable.keywords)

    def position(self, iterable: gast.expr, index: gast.expr, setup: list, where: gast.AST,
                 rebound: set[str]) -> gast.expr:
        """``len(seq) - 1 - index``: where a reversed iteration is."""
        last = build.binop(self.length(iterable, setup, where, rebound), "-", build.constant(1))
        return build.binop(last, "-", copy.deepcopy(index))

    def stored(self, iterable: gast.expr, setup: list, where: gast.AST,
               rebound: set[str]) -> gast.expr:
        """The sequence in a variable the body does not rebind (evaluated once, before the loop);
        a dict, a view or an iterator as the tuple of its items (:mod:`loop_orders`)."""
        from .loop_orders import unindexable  # (a loop over a name or an expression only)
        if unindexable(getattr(self.owner, "info", None), getattr(self.owner, "node", None),
                       iterable, getattr(self.owner, "constants", frozenset())):
            from .generator_helpers import taken_at_once  # (a generator's, checked)
            taken_at_once(self.owner, iterable, where)
            iterable = build.call("tuple", iterable)
        elif isinstance(iterable, gast.Name) and iterable.id not in rebound:
            return build.name(iterable.id)
        elif _transposed(iterable) and iterable.value.id not in _rebinds(where.body):
            return copy.deepcopy(iterable)  # (read through the array: see the docstring)
        return self.bound(iterable, "_seq", setup, where)

    # -- break and continue ----------------------------------------------------------------
    def jumps(self, loop: gast.For | gast.While) -> list[gast.stmt]:
        """Replace ``break``/``continue`` of this loop by flags; returns setup + the loop."""
        kinds = jumps_of(loop.body)
        if not kinds:
            return [loop]
        brk = self.namer.fresh("_brk") if gast.Break in kinds else None
        cont = self.namer.fresh("_cont") if gast.Continue in kinds else None
        skip = cont or brk
        body, _ = flagged(loop.body, brk, cont, skip)
        if cont:
            body.insert(0, _located(build.assign(cont, build.constant(False)), loop))
        setup = []
        if brk:
            self.broke[id(loop)] = brk
            setup.append(_located(build.assign(brk, build.constant(False)), loop))
            body.append(_located(build.if_(build.name(brk), [_located(gast.Break(), loop)]),
                                 loop))
        loop.body = body
        return [*setup, loop]

    # -- comprehensions --------------------------------------------------------------------
    def comprehensions(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        if not any(n.__class__ is gast.ListComp for s in stmts for n in build.nodes(s)):
            return stmts  # (most functions have none: one cheap walk instead of a rewrite)
        return self._hoist(stmts)

    def _hoist(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        from .comprehension_hoist import Hoister  # (what only some functions need)

        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, (gast.If, gast.For, gast.While)):
                stmt.body = self._hoist(stmt.body)
                stmt.orelse = self._hoist(stmt.orelse)
            hoisted: list[gast.stmt] = []
            Hoister(self, hoisted).visit(stmt)
            out.extend(hoisted)
            out.append(stmt)
        return out

    def comprehension_loop(self, node: gast.ListComp, hoisted: list) -> gast.Name:
        """``[e for a in x if c for b in y]`` → ``_list = []`` and the loops nesting as the
        ``for``s do (each ``if`` in the loop before it), appending ``e`` innermost; the targets
        renamed (a comprehension's names are its own)."""
        if any(generator.is_async for generator in node.generators):
            raise self.owner.error(
                "cannot differentiate an asynchronous comprehension", node,
                hint="write the loop out with `append`")
        from .comprehension_hoist import Renamer

        result = self.namer.fresh("_list")
        renames: dict[str, str] = {}
        loops = []
        for generator in node.generators:  # (each iterable sees the targets of those before)
            iterable = Renamer(dict(renames)).visit(copy.deepcopy(generator.iter))
            renames.update({n.id: self.namer.fresh(f"_{n.id}") for n in
                            tree_walk.walk(generator.target) if isinstance(n, gast.Name)})
            rename = Renamer(dict(renames))
            loops.append((rename.visit(copy.deepcopy(generator.target)), iterable,
                          [rename.visit(copy.deepcopy(c)) for c in generator.ifs]))
        element = Renamer(renames).visit(copy.deepcopy(node.elt))
        append = build.expression(build.call(build.attribute(build.name(result), "append"),
                                             element))
        body: list[gast.stmt] = [_located(append, node)]
        for target, iterable, conditions in reversed(loops):
            for condition in reversed(conditions):
                body = [_located(build.if_(condition, body), node)]
            body = [_located(gast.For(target=target, iter=iterable, body=body, orelse=[],
                                      type_comment=None), node)]
        hoisted.append(_located(build.assign(result, build.list_([])), node))
        hoisted.extend(self._hoist(body))  # (comprehensions inside: in the loop that binds
        return build.name(result)          # the names they read)
