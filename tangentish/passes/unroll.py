"""Parts of container parameters named by locals, before the containers are flattened: aliases
resolved, unpacking split, loops over containers of containers unrolled.

Guarantee to the next stage (:mod:`.containers`, which runs on the result): no local names a part
of a container parameter that holds a dict, a namedtuple or a dataclass (a *structured* part);
each read of such a local is the constant path it stands for.  The structure is known at transform
time, so:

- ``q = params[0]`` (a structured part) makes ``q`` an alias: the statement goes, each later read
  of ``q`` becomes ``params[0]``.  Rebinding is followed in straight-line code; an alias bound
  inside an ``if``, ``while``, ``try`` or ``with`` holds only inside it;
- ``first, second = params`` (a structured list, tuple or namedtuple of known length) binds each
  name to its item: an alias for a structured item, ``name = params[i]`` for the others;
- ``for layer in params['layers']:`` over a structured list, tuple or namedtuple becomes one copy
  of the body per item, the loop variable bound to the item as above (``enumerate(...)`` and
  ``zip(...)`` of such containers too); ``len(...)`` of one is its length.

A container of arrays (``for w in params['ws']``) keeps its display (:mod:`.containers`).  What
cannot be resolved statically raises :class:`UnsupportedConstructError` at its line: ``break`` or
``continue`` in an unrolled loop, an alias name bound to another value too, read where its binding
is not known (after an ``if`` that binds it, in a nested function) or rebound in a loop.

    >>> import numpy as np
    >>> from collections import namedtuple
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> L = namedtuple("L", "w b")
    >>> def mlp(params, x):
    ...     for i, layer in enumerate(params["layers"]):
    ...         x = np.tanh(layer.w @ x + layer.b)
    ...     return np.sum(x)
    >>> info = parse_function(mlp)
    >>> tree = structure({"layers": [L(np.ones((2, 2)), np.ones(2))] * 2})
    >>> resolve_container_parts(info, (("params", tree),))
    >>> print(function_text(info.node), end="")
    def mlp(params, x):
        i = 0
        x = np.tanh(params['layers'][0].w @ x + params['layers'][0].b)
        i = 1
        x = np.tanh(params['layers'][1].w @ x + params['layers'][1].b)
        return np.sum(x)
"""

from __future__ import annotations

from typing import Any

import gast

from ..arguments.trees import DATACLASS, LIST, NAMEDTUPLE, TUPLE
from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.printer import expression_text
from .container_parts import NONE, Part, constant_key, located, loop_items, structured

_SEQUENCES = (LIST, TUPLE, NAMEDTUPLE)  # (unpacked by position)
_BLOCKS = ("body", "orelse", "finalbody")
_NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)


def resolve_container_parts(info: SourceInfo, trees: tuple) -> None:
    """Rewrite ``info.node`` (see the module) for the container parameters in ``trees`` (pairs of
    parameter name and :class:`Tree`); a parameter the function assigns again is left alone."""
    node = info.node
    stored = {n.id for n in build.nodes(node) if isinstance(n, gast.Name)
              and isinstance(n.ctx, (gast.Store, gast.Del))}
    parts = {root: Part(root, tree) for root, tree in trees if root not in stored}
    if not any(structured(part.tree) for part in parts.values()):
        return
    resolver = _Resolver(info, parts)
    node.body = resolver.block(node.body)
    resolver.check(node)


class _Resolver:
    """The sequential walk: the aliases bound so far (``env``), statements rewritten in order."""

    def __init__(self, info: SourceInfo, parts: dict[str, Part]):
        self.info, self.parts = info, parts
        self.env: dict[str, Part] = {}
        self.aliased: dict[str, Part] = {}  # every alias ever bound: its last part (for errors)

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    def resolve(self, node: gast.expr) -> Part | None:
        """The part a constant path (``params['layers'][0].w``, an alias's reads) names, or None."""
        if isinstance(node, gast.Name):
            if not isinstance(node.ctx, gast.Load):
                return None
            return self.env.get(node.id) or self.parts.get(node.id)
        if isinstance(node, gast.Subscript):
            inner, key = self.resolve(node.value), constant_key(node.slice)
            return None if inner is None or key is NONE else inner.child(key)
        if isinstance(node, gast.Attribute):
            inner = self.resolve(node.value)
            if inner is None or inner.tree.kind not in (NAMEDTUPLE, DATACLASS):
                return None
            return inner.child(node.attr)
        return None

    def substitute(self, node: Any) -> Any:
        return _Substitute(self).visit(node) if isinstance(node, gast.AST) else node

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            out.extend(self.statement(stmt))
        return out

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        if isinstance(stmt, _NESTED):
            return [stmt]  # reads of aliases in it are refused by check()
        if isinstance(stmt, gast.For):
            stmt.iter = self.substitute(stmt.iter)
            items = loop_items(stmt.iter, self.resolve)
            if items is not None:
                return self.unroll(stmt, items)
        if isinstance(stmt, gast.Assign):
            stmt.value = self.substitute(stmt.value)
            bound = self.bind(stmt.targets[0], stmt.value, stmt) if len(stmt.targets) == 1 \
                else None
            if bound is not None:
                return bound
        self.compound(stmt, loop=isinstance(stmt, (gast.For, gast.While)))
        return [stmt]

    def compound(self, stmt: gast.stmt, loop: bool) -> None:
        """Expressions substituted; inner blocks walked, their aliases local to them."""
        for name in build.child_fields(stmt.__class__):
            value = getattr(stmt, name, None)
            if name in _BLOCKS and isinstance(value, list):
                setattr(stmt, name, self.inner(value, loop and name == "body"))
            elif name == "handlers":
                for handler in value:
                    handler.type = self.substitute(handler.type)
                    handler.body = self.inner(handler.body, False)
            elif isinstance(value, list):
                setattr(stmt, name, [self.substitute(v) for v in value])
            else:
                setattr(stmt, name, self.substitute(value))

    def inner(self, stmts: list[gast.stmt], loop: bool) -> list[gast.stmt]:
        before = dict(self.env)
        out = self.block(stmts)
        changed = {n for n in {*before, *self.env} if before.get(n) is not self.env.get(n)}
        again = sorted(changed & set(before))
        if loop and again:
            raise self.error(
                f"{again[0]!r} stands for {_spell(before[again[0]])} and is bound to another part "
                "inside a loop that is not unrolled", stmts[0], hint="use a new name inside the "
                "loop; only loops over containers of containers are unrolled")
        self.env = {n: p for n, p in before.items() if n not in changed}
        return out

    def bind(self, target: gast.expr, value: gast.expr, where: gast.AST,
             every: bool = False) -> list | None:
        """Statements binding ``target`` to ``value`` with aliases for structured parts (for
        every container part with ``every``: a loop variable), or None when nothing in it is
        structured (the statement stays as it is).  The items of an unpacking are bound like loop
        variables."""
        part = self.resolve(value)
        if isinstance(target, gast.Name):
            if part is None or not (structured(part.tree) or every and part.tree.is_container):
                return None
            self.env[target.id] = self.aliased[target.id] = part
            return []
        if not isinstance(target, (gast.Tuple, gast.List)):
            return None
        values = self.unpacked(target, value, part, where)
        if values is None:
            return None
        out: list[gast.stmt] = []
        for each, item in zip(target.elts, values, strict=True):
            bound = self.bind(each, item, where, True)
            out.extend(bound if bound is not None else [located(build.assign(each, item), where)])
        return out

    def unpacked(self, target: gast.expr, value: gast.expr, part: Part | None,
                 where: gast.AST) -> list | None:
        """The values the names of ``target`` get, one each, or None."""
        if part is not None:
            if not structured(part.tree) or part.tree.kind not in _SEQUENCES:
                return None
            values = [item.expression(where) for item in part.items()]
        elif isinstance(value, (gast.Tuple, gast.List)):
            values = value.elts
            parts = [self.resolve(v) for v in values]
            if not any(self.holds(v) for v in values):
                return None
            written = {n for t in target.elts for n in build.names(t)}
            if any(p is None and written & build.loads(v) for p, v in zip(parts, values, strict=True)):
                return None  # (a, x = x, q: the plain items would see the new values)
        else:
            return None
        if any(isinstance(t, gast.Starred) for t in target.elts) or \
                len(values) != len(target.elts):
            raise self.error(
                f"cannot unpack {len(values)} items into {len(target.elts)} names here", where,
                hint="unpack a container part into as many plain names as it has items")
        return values

    def holds(self, node: gast.expr) -> bool:
        """Whether ``node`` is a structured part or a display holding one."""
        if isinstance(node, (gast.Tuple, gast.List)):
            return any(self.holds(e) for e in node.elts)
        part = self.resolve(node)
        return part is not None and structured(part.tree)

    def unroll(self, loop: gast.For, items: list[gast.expr]) -> list[gast.stmt]:
        jump = _jump(loop.body)
        if jump is not None:
            word = "break" if isinstance(jump, gast.Break) else "continue"
            raise self.error(
                f"`{word}` in a loop over a container of containers, which is unrolled (one copy "
                "of the body per item)", jump, hint=f"replace `{word}` by an `if` around the rest "
                "of the body, or loop over indexes of an array instead")
        out: list[gast.stmt] = []
        for item in items:
            target = build.clone(loop.target)
            bound = self.bind(target, item, loop, every=True)
            plain = [located(build.assign(target, item), loop)]
            out.extend(bound if bound is not None else plain)
            out.extend(self.block(build.clone(loop.body)))
        return out + self.block(loop.orelse)

    def check(self, node: gast.FunctionDef) -> None:
        """Every alias read is resolved; an alias name is never an ordinary variable too."""
        for each in build.nodes(node):
            if not isinstance(each, gast.Name) or each.id not in self.aliased:
                continue
            what = f"{each.id!r} stands for {_spell(self.aliased[each.id])}"
            if isinstance(each.ctx, gast.Load):
                raise self.error(
                    f"{what}, but which part it names here is not known when the derivative is "
                    "built", each, hint="read it after its binding in the same block: not after "
                    "an `if`/`while` that binds it, nor in a nested function (pass the part as an "
                    "argument)")
            raise self.error(f"{what} and is also assigned another value", each,
                             hint="use a different name for the other value")


class _Substitute(build.Transformer):
    """Reads of aliases → their paths; ``len`` of a structured part → its length."""

    def __init__(self, resolver: _Resolver):
        self.resolver = resolver

    def visit_Name(self, node: gast.Name) -> gast.expr:
        part = self.resolver.env.get(node.id)
        if part is None or not isinstance(node.ctx, gast.Load):
            return node
        return part.expression(node)

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        if isinstance(node.func, gast.Name) and node.func.id == "len" and len(node.args) == 1 \
                and not node.keywords:
            part = self.resolver.resolve(node.args[0])
            if part is not None and structured(part.tree):
                return located(build.constant(len(part.tree.keys)), node)
        return node

    def visit_Lambda(self, node: gast.Lambda) -> gast.expr:
        return node  # (reads of aliases in it are refused by check())


def _jump(body: list[gast.stmt]) -> gast.stmt | None:
    """The first ``break``/``continue`` of this loop (not of a loop or function inside it)."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        if isinstance(node, (gast.Break, gast.Continue)):
            return node
        if isinstance(node, (gast.For, gast.While)):
            stack.extend(reversed(node.orelse))
        elif not isinstance(node, _NESTED) and isinstance(node, gast.stmt):
            stack.extend(reversed([c for c in build.children(node) if isinstance(
                c, (gast.stmt, gast.excepthandler))]))
        elif isinstance(node, gast.excepthandler):
            stack.extend(reversed(node.body))
    return None


def _spell(part: Part) -> str:
    return expression_text(part.expression(gast.Pass()))

