"""Desugar control flow into the few forms the later passes handle.

Guarantee to the next stage (on the function's AST, before normalization):

- there is a single ``return``, the last statement.  An early ``return v`` assigns ``v`` to the
  result variable and sets the flag ``_done``; code that may run after it is guarded by
  ``if not _done:`` (or, inside a loop, left by ``break``, whose own lowering guards the rest of
  the body).  A branch that always returns absorbs the code after its ``if`` into the other branch
  instead, so the common ``if c: return a`` / ``return b`` needs no flag;
- every ``for`` loop iterates over a ``range(...)`` (see :mod:`desugar_loops`), there is no
  ``continue``, and the only ``break`` is ``if <flag>: break`` as the last statement of a body.

Every mode (grad, value_and_grad, jvp, vjp, second order) consumes this one lowering.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(s):
    ...     if s > 0:
    ...         if s > -1:
    ...             return 2 * s
    ...     return s
    >>> info = parse_function(f)
    >>> desugar(info)
    >>> print(function_text(info.node), end="")
    def f(s):
        _done = False
        if s > 0:
            if s > -1:
                result = 2 * s
                _done = True
        if not _done:
            result = s
            _done = True
        return result
"""

from __future__ import annotations

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.naming import Namer, names_in
from ..syntax.parse import SourceInfo
from .dataflow import blocks, live_after, statements
from .desugar_loops import LoopLowering

NEVER, MAYBE, ALWAYS = 0, 1, 2


def _located(node: gast.stmt, where: gast.AST) -> gast.stmt:
    return gast.copy_location(node, where)


def _own_returns(node: gast.AST) -> list[gast.Return]:
    """The ``return`` statements of this function, not of functions nested in it (only statement
    lists are walked: an expression holds no statement, a lambda no ``return``)."""
    if node.__class__ in SIMPLE:  # (most statements: nothing below them to look at)
        return []
    found: list[gast.Return] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, gast.Return):
            found.append(current)
        elif not isinstance(current, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef,
                                      gast.Lambda, gast.expr)):
            stack.extend(reversed([child for child in build.children(current)
                                   if not isinstance(child, gast.expr)]))
    return found


# Statements that hold only expressions, so no `return` (exact classes: a subclass may differ).
SIMPLE = frozenset({gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Expr, gast.Pass,
                     gast.Break, gast.Continue, gast.Delete, gast.Assert,
                     gast.Raise})


def exits(stmts: list[gast.stmt]) -> int:
    """Whether running ``stmts`` returns NEVER, ALWAYS, or MAYBE (decided syntactically)."""
    maybe = False
    for stmt in stmts:
        if isinstance(stmt, gast.Return):
            return ALWAYS
        if isinstance(stmt, gast.If):
            both = (exits(stmt.body), exits(stmt.orelse))
            if both == (ALWAYS, ALWAYS):
                return ALWAYS
            maybe = maybe or both != (NEVER, NEVER)
        elif isinstance(stmt, (gast.For, gast.While)):
            maybe = maybe or bool(_own_returns(stmt))
    return MAYBE if maybe else NEVER


class Desugarer:
    def __init__(self, info: SourceInfo, node: gast.FunctionDef, taken: set[str] | None = None,
                 comprehensions: bool = True, constants: frozenset[str] = frozenset()):
        self.info = info
        self.node = node
        self.constants = constants  # an inlined helper's parameters given constants (loop_orders)
        self.namer = Namer(names_in(node) if taken is None else taken)
        self.result = ""
        self.done = ""
        self.comprehensions = comprehensions  # False: the function surely holds none
        self.rewrote = False  # whether run() changed the function (returns, comprehensions)

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    def run(self) -> None:
        node = self.node
        loops = LoopLowering(self)
        body = loops.comprehensions(node.body) if self.comprehensions else node.body
        returns = [r for stmt in body for r in _own_returns(stmt)]
        if returns and not (len(returns) == 1 and body[-1] is returns[0]):
            self.rewrote = True
            self.result = self.namer.fresh("result")
            self.done = self.namer.fresh("_done")
            body, ending = self.returns(body, in_loop=False)
            if ending != ALWAYS:  # falling off the end returns None
                tail = [_located(build.assign(self.result, build.constant(None)), node)]
                body += [_located(build.if_(build.not_(build.name(self.done)), tail), node)] \
                    if ending == MAYBE else tail
            body.insert(0, _located(build.assign(self.done, build.constant(False)), node))
            body.append(_located(build.return_(build.name(self.result)), body[-1]))
        node.body = loops.loops(body)

    def returns(self, stmts: list[gast.stmt], in_loop: bool) -> tuple[list[gast.stmt], int]:
        """Lower the returns in ``stmts`` (see the module docstring); returns the new statements
        and whether they return NEVER, MAYBE or ALWAYS."""
        out: list[gast.stmt] = []
        for index, stmt in enumerate(stmts):
            rest = stmts[index + 1:]
            if isinstance(stmt, gast.Return):
                out.extend(self._return(stmt, in_loop))
                return out, ALWAYS
            if isinstance(stmt, gast.If):
                if _absorb(stmt, rest):
                    rest = []
                stmt.body, then_exit = self.returns(stmt.body, in_loop)
                stmt.orelse, else_exit = self.returns(stmt.orelse, in_loop)
                out.append(stmt)
                if (then_exit, else_exit) == (ALWAYS, ALWAYS):
                    return out, ALWAYS
                if (then_exit, else_exit) != (NEVER, NEVER):
                    return self._after(out, rest, in_loop, stmt, loop=False)
                continue
            if isinstance(stmt, (gast.For, gast.While)):
                stmt.body, body_exit = self.returns(stmt.body, in_loop=True)
                out.append(stmt)
                if body_exit != NEVER:
                    return self._after(out, rest, in_loop, stmt, loop=True)
                continue
            out.append(stmt)
        return out, NEVER

    def _return(self, stmt: gast.Return, in_loop: bool) -> list[gast.stmt]:
        value = stmt.value if stmt.value is not None else build.constant(None)
        lowered = [_located(build.assign(self.result, value), stmt),
                   _located(build.assign(self.done, build.constant(True)), stmt)]
        if in_loop:
            lowered.append(_located(gast.Break(), stmt))
        return lowered

    def _after(self, out: list[gast.stmt], rest: list[gast.stmt], in_loop: bool,
               where: gast.stmt, loop: bool) -> tuple[list[gast.stmt], int]:
        """The code after a statement that may have returned runs only if it did not."""
        rest, rest_exit = self.returns(rest, in_loop)
        if in_loop:  # the return's `break` left this loop; an inner loop's must be passed on
            if loop:
                flag = build.if_(build.name(self.done), [_located(gast.Break(), where)])
                out.append(_located(flag, where))
            out.extend(rest)
        elif rest:
            out.append(_located(build.if_(build.not_(build.name(self.done)), rest), rest[0]))
        return out, ALWAYS if rest_exit == ALWAYS else MAYBE


def _absorb(stmt: gast.If, rest: list[gast.stmt]) -> bool:
    """``if c: <always returns> else: B`` followed by ``rest`` ≡ ``if c: ... else: B; rest``;
    returns whether ``rest`` moved into a branch."""
    if not rest:
        return False
    then_exit, else_exit = exits(stmt.body), exits(stmt.orelse)
    if then_exit == ALWAYS and else_exit != ALWAYS:
        stmt.orelse = stmt.orelse + rest
        return True
    if else_exit == ALWAYS and then_exit != ALWAYS:
        stmt.body = stmt.body + rest
        return True
    return False


def _drop_deletes(info: SourceInfo, node: gast.FunctionDef) -> bool:
    """Remove each ``del name`` (the fence lets no other ``del`` through): it only frees memory
    when no later code reads the name, which is checked here, so the function computes the same
    without it.  Generated gradients free their large values this way (:mod:`release`), and are
    differentiated again."""
    deletes = [s for s in statements(node.body) if isinstance(s, gast.Delete)]
    if not deletes:
        return False
    items = [s for s in deletes if not isinstance(s.targets[0], gast.Name)]
    for block in blocks(node.body) if items else ():  # (`del xs[i]`, `del d[k]`: the fence let
        block[:] = [p for s in block for p in _popped(s)]  # no other item through)
    deletes = [s for s in deletes if isinstance(s.targets[0], gast.Name)]
    closed = {n.id for stmt in node.body for inner in build.nodes(stmt)
              if isinstance(inner, (gast.FunctionDef, gast.Lambda))
              for n in build.nodes(inner) if isinstance(n, gast.Name)}
    live = live_after(node.body, {id(s) for s in deletes})
    for stmt in deletes:
        for name in (t.id for t in stmt.targets):
            if name in live[id(stmt)] or name in closed:
                raise UnsupportedConstructError(
                    f"cannot differentiate `del {name}`: {name!r} is read after it",
                    info.location(stmt), hint=f"drop the `del`, or bind {name!r} again first")
    for block in blocks(node.body):
        if any(isinstance(s, gast.Delete) for s in block):
            block[:] = [s for s in block if not isinstance(s, gast.Delete)] or \
                [gast.copy_location(gast.Pass(), block[0])]
    return True


def _popped(stmt: gast.stmt) -> list[gast.stmt]:
    """``del xs[i], d[k]`` as ``xs.pop(i)`` then ``d.pop(k)`` (each removes its item from a
    list or a dict, as ``del`` does); any other statement as it is."""
    if not isinstance(stmt, gast.Delete) or isinstance(stmt.targets[0], gast.Name):
        return [stmt]
    return [gast.copy_location(build.expression(build.call(
        build.attribute(build.name(t.value.id), "pop"), build.clone(t.slice))), stmt)
        for t in stmt.targets]


def _locate(node: gast.AST, lineno: int, col: int) -> None:
    """Give nodes that desugaring created the position of the nearest located ancestor."""
    stack = [(node, lineno, col)]
    pop, push, tree, fields_of = stack.pop, stack.append, gast.AST, build.child_fields
    while stack:  # (build.children, inlined: this visits every node of the function)
        parent, lineno, col = pop()
        for field in fields_of(parent.__class__):
            value = getattr(parent, field, None)
            if value.__class__ is list:
                for child in value:
                    if isinstance(child, tree):
                        push(_located_child(child, lineno, col))
            elif isinstance(value, tree):
                push(_located_child(value, lineno, col))


def _located_child(child: gast.AST, lineno: int, col: int) -> tuple[gast.AST, int, int]:
    """``child`` given the position ``lineno, col`` if it has none, with the position its own
    children inherit."""
    own = getattr(child, "lineno", None)
    if own is None and "lineno" in child._attributes:
        child.lineno, child.col_offset = lineno, col
        child.end_lineno, child.end_col_offset = None, None
        own = lineno
    return child, own or lineno, getattr(child, "col_offset", None) or col


def _walked(info: SourceInfo, node: gast.FunctionDef) -> list[gast.AST]:
    """Every node of ``node`` (in no particular order): the body's as the fence walked them, if
    it left them and the body is still that list (read once), else walked."""
    known, info.body_nodes = info.body_nodes, None
    if known is None or known[0] is not node or known[1] is not node.body:
        return build.node_list(node)
    found = [node]
    for field in build.child_fields(node.__class__):
        value = getattr(node, field, None) if field != "body" else None
        for item in value if value.__class__ is list else [value]:
            if isinstance(item, gast.AST):
                found.extend(build.node_list(item))
    return found + known[2]


def _survey(info: SourceInfo, node: gast.FunctionDef
            ) -> tuple[set[str], set[str], set[type], bool]:
    """In one walk of ``node``: :func:`~tangentish.syntax.naming.names_in` of it, the names it
    assigns (a ``Store``), the classes of the nodes below it, and whether one of those lacks the
    position :func:`_locate` would give."""
    taken: set[str] = set()
    assigned: set[str] = set()
    kinds: set[type] = set()
    unlocated = False
    add, name_kind, function_kind, store, positioned = kinds.add, gast.Name, gast.FunctionDef, \
        gast.Store, _POSITIONED
    for current in _walked(info, node):
        kind = current.__class__
        add(kind)
        located = positioned.get(kind)
        if located is None:
            located = positioned[kind] = "lineno" in kind._attributes
        if located and getattr(current, "lineno", None) is None and current is not node:
            unlocated = True
        if kind is name_kind:
            taken.add(current.id)
            if current.ctx.__class__ is store:
                assigned.add(current.id)
        elif kind is function_kind:
            taken.add(current.name)
    return taken, assigned, kinds, unlocated


_POSITIONED: dict[type, bool] = {}  # node class → whether it has a position (``lineno``)
_REWRITTEN = frozenset({gast.For, gast.While, gast.ListComp})  # (what desugaring may rewrite)
_LOOPING = frozenset({gast.For, gast.ListComp})  # (what object_loops.py may unroll)


def desugar(info: SourceInfo, node: gast.FunctionDef | None = None,
            constants: frozenset[str] = frozenset()) -> None:
    """Rewrite ``info.node`` (or a function nested in it) in place (see the module docstring);
    ``constants``: parameters of an inlined helper given values not under ``wrt`` (a loop over
    one runs over ``tuple(p)``: :mod:`loop_orders`).
    When it changes no name (no ``return``, loop, comprehension or ``del`` rewritten), the names
    it found are left for normalization in ``info.names`` (see :class:`SourceInfo`)."""
    node = node if node is not None else info.node
    taken, assigned, kinds, unlocated = _survey(info, node)
    if not kinds.isdisjoint(_LOOPING) and _unrolled(info, node):  # (over layers: one copy of
        taken, assigned, kinds, unlocated = _survey(info, node)  # the body per layer)
    dropped = gast.Delete in kinds and _drop_deletes(info, node)
    desugarer = Desugarer(info, node, taken, comprehensions=gast.ListComp in kinds,
                          constants=constants)
    desugarer.run()
    rewrote = dropped or desugarer.rewrote or not kinds.isdisjoint(_REWRITTEN)
    if unlocated or rewrote:
        _locate(node, node.lineno, node.col_offset)  # (else every node has its position)
    if node is info.node:
        info.names = None if rewrote else (node, node.body, taken, assigned)
        info.early_result = desugarer.result or None


def _unrolled(info: SourceInfo, node: gast.FunctionDef) -> bool:
    """:func:`.object_loops.unroll_object_loops`, imported where a loop or list comprehension
    runs over something other than ``range(...)`` (which it never unrolls: most loops)."""
    for loop in build.node_list(node):
        over = loop.iter if loop.__class__ is gast.For else \
            loop.generators[0].iter if loop.__class__ is gast.ListComp else None
        if over is not None and not (over.__class__ is gast.Call and
                                     over.func.__class__ is gast.Name and over.func.id == "range"):
            from .object_loops import unroll_object_loops  # (a loop over a sequence)
            return unroll_object_loops(info, node)
    return False
