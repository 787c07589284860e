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
  name to its item: an alias for a container item, ``name = params[i]`` for a leaf; so does an
  unpacking of what a loop would iterate (``w, b = params.values()``, ``(k, v), _ =
  params.items()``: the items in the dict's order), and of a generator over such items, which
  Python runs to its end first (``a, b = (params[k] for k in ('a', 'b'))``);
- ``for layer in params['layers']:`` over a structured list, tuple, namedtuple or dict (its keys)
  becomes one copy of the body per item, the loop variable bound to the item as above, and to
  the constant for an index or a key (through ``enumerate``, ``zip``, ``reversed``, ``.items()``,
  ``.values()``, ``.keys()``); so does ``for i in range(n)`` with constant bounds whose body
  indexes a structured part by ``i``; ``[layer.w @ x for layer in params]`` becomes a list
  display; ``len(...)`` of a structured part is its length.

A container of arrays (``for w in params['ws']``) keeps its display (:mod:`.containers`).  What
cannot be resolved statically raises :class:`UnsupportedConstructError` at its line: ``break`` or
``continue`` in an unrolled loop, an alias name bound to another value too, or read where its
binding is not known (after an ``if`` that binds it, in a nested function, in a loop before the
body binds it again).

    >>> import numpy as np
    >>> from collections import namedtuple
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> L = namedtuple("L", "w b")
    >>> def mlp(params, x):
    ...     for i, layer in enumerate(params["layers"], start=1):
    ...         x = np.tanh(layer.w @ x + layer.b) / i
    ...     return np.sum(x)
    >>> info = parse_function(mlp)
    >>> tree = structure({"layers": [L(np.ones((2, 2)), np.ones(2))] * 2})
    >>> resolve_container_parts(info, (("params", tree),))
    >>> print(function_text(info.node), end="")
    def mlp(params, x):
        x = np.tanh(params['layers'][0].w @ x + params['layers'][0].b) / 1
        x = np.tanh(params['layers'][1].w @ x + params['layers'][1].b) / 2
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
from .computed_keys import (
    bound_once,
    computed_key,
    free_keys,
    item_keys,
    loop_keys,
    str_is_builtin,
)
from .container_parts import NESTED, NONE, Part, first_jump, located, loop_items, structured
from .part_reads import Substitute

_SEQUENCES = (LIST, TUPLE, NAMEDTUPLE)  # (unpacked by position)
_BLOCKS = ("body", "orelse", "finalbody")
_MOST = 1000  # the longest range loop unrolled (over indexes of a structured part)


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
        self.env: dict[str, Part | gast.expr] = {}  # a part, or a constant (a loop's index, key)
        self.aliased: dict[str, Part | gast.expr] = {}  # every alias ever bound: its last value
        self.scoped = False  # binding a comprehension's names (nothing else assigns them)
        self.builtin_str, self.once = str_is_builtin(info), bound_once(info.node)

    def key(self, node: gast.expr) -> Any:
        """The constant a key computes (``'W' + str(1)``: :mod:`.computed_keys`), else NONE."""
        return computed_key(node, self.builtin_str)

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    def resolve(self, node: gast.expr) -> Part | None:
        """The part a constant path (``params['layers'][0].w``, an alias's reads) names, or None."""
        if isinstance(node, gast.Name):
            if not isinstance(node.ctx, gast.Load):
                return None
            bound = self.env.get(node.id)
            if bound is None:
                return self.parts.get(node.id)
            return bound if isinstance(bound, Part) else self.resolve(bound)
        if isinstance(node, gast.Subscript):
            inner, key = self.resolve(node.value), self.key(node.slice)
            return None if inner is None or key is NONE else inner.child(key)
        if isinstance(node, gast.Attribute):
            inner = self.resolve(node.value)
            if inner is None or inner.tree.kind not in (NAMEDTUPLE, DATACLASS):
                return None
            return inner.child(node.attr)
        return None

    def substitute(self, node: Any) -> Any:
        return Substitute(self).visit(node) if isinstance(node, gast.AST) else node

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            out.extend(self.statement(stmt))
        return out

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        if isinstance(stmt, NESTED):
            return [stmt]  # reads of aliases in it are refused by check()
        if isinstance(stmt, gast.For):
            stmt.iter = self.substitute(stmt.iter)
            items = loop_items(stmt.iter, self.resolve)
            items = self.indexes(stmt) if items is None else items
            if items is not None:
                return self.unroll(stmt, items)
        if isinstance(stmt, gast.Assign):
            if len(stmt.targets) == 1 and isinstance(stmt.targets[0], (gast.Tuple, gast.List)) \
                    and isinstance(stmt.value, gast.GeneratorExp):  # (run to its end: unpacked)
                stmt.value = Substitute(self).consumed(stmt.value)
            stmt.value = self.substitute(stmt.value)
            bound = self.bind(stmt.targets[0], stmt.value, stmt) if len(stmt.targets) == 1 \
                else None
            if bound is not None:
                return bound
            self.constant(stmt)
        self.compound(stmt, loop=isinstance(stmt, (gast.For, gast.While)))
        return [stmt]

    def constant(self, stmt: gast.Assign) -> None:
        """``L = len(params) // 2``, the only binding of ``L``: later reads are the constant (the
        statement stays, for what is not rewritten: a nested function reading ``L``)."""
        name = stmt.targets[0]
        if isinstance(name, gast.Name) and name.id in self.once and \
                type(value := self.key(stmt.value)) in (int, str):
            self.env[name.id] = located(build.constant(value), stmt.value)

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
        """A block whose aliases hold only inside it.  In a loop body, a name the body binds
        again is unknown at its top (from the second iteration on): read there, it is refused."""
        before = dict(self.env)
        if loop:  # (a dry run on a copy finds them)
            self.block(build.clone(stmts))
            self.env = {n: p for n, p in before.items() if self.env.get(n) is p}
        out = self.block(stmts)
        changed = {n for n in {*before, *self.env} if before.get(n) is not self.env.get(n)}
        self.env = {n: p for n, p in before.items() if n not in changed}
        return out

    def bind(self, target: gast.expr, value: gast.expr, where: gast.AST,
             every: bool = False) -> list | None:
        """Statements binding ``target`` to ``value`` with aliases for structured parts (for
        every container part with ``every``: a loop variable), or None when nothing in it is
        structured (the statement stays as it is).  The items of an unpacking are bound like loop
        variables."""
        part = self.resolve(value)
        if isinstance(target, gast.Name) and every and isinstance(value, gast.Constant):
            self.env[target.id] = self.aliased[target.id] = value
            return []
        if isinstance(target, gast.Name):
            if part is None or not (structured(part.tree) or every and part.tree.is_container):
                return None
            self.env[target.id] = self.aliased[target.id] = part
            return []
        if not isinstance(target, (gast.Tuple, gast.List)):
            return None
        values = self.unpacked(target, value, part, where, every)
        if values is None:
            return None
        out: list[gast.stmt] = []
        for each, item in zip(target.elts, values, strict=True):
            bound = self.bind(each, item, where, True)
            out.extend(bound if bound is not None else [located(build.assign(each, item), where)])
        return out

    def unpacked(self, target: gast.expr, value: gast.expr, part: Part | None,
                 where: gast.AST, every: bool = False) -> list | None:
        """The values the names of ``target`` get, one each, or None (a loop's item, with
        ``every``, also when it is all constants: ``for i, k in enumerate(params)``)."""
        if part is not None:
            if not structured(part.tree) or part.tree.kind not in _SEQUENCES:
                return None
            values = [item.expression(where) for item in part.items()]
        elif isinstance(value, (gast.Tuple, gast.List)):
            values = value.elts
            parts = [self.resolve(v) for v in values]
            constant = [isinstance(v, gast.Constant) for v in values]
            constants = every and (all(constant) or self.scoped and any(constant))
            if not constants and not any(self.holds(v) for v in values):
                return None
            written = {n for t in target.elts for n in build.names(t)}
            if any(p is None and written & build.loads(v) for p, v in zip(parts, values, strict=True)):
                return None  # (a, x = x, q: the plain items would see the new values)
        elif isinstance(value, gast.Call) and loop_items(value, self.resolve) is not None:
            values = loop_items(value, self.resolve)  # (`w, b = params.values()`: iterated)
        else:
            return None
        stars = [i for i, t in enumerate(target.elts) if isinstance(t, gast.Starred)]
        if len(stars) == 1 and len(values) >= len(target.elts) - 1:  # (`first, *rest = ...`)
            at, extra = stars[0], len(values) - len(target.elts) + 1
            target.elts[at] = target.elts[at].value  # (a list of the items in between)
            values = [*values[:at], build.list_(values[at:at + extra]), *values[at + extra:]]
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
        return (part := self.resolve(node)) is not None and structured(part.tree)

    def indexes(self, loop: gast.For) -> list[gast.expr] | None:
        """``for i in range(n)`` (constant bounds), or over a display of constants (``for k in
        ('enc', 'dec')``) or a global's (``for k in KEYS``), whose body indexes a structured
        part by a key computed from ``i`` (``params[i].w``, ``params['W' + str(i)]``,
        ``params[k]['W']``): the keys, to unroll it."""
        return self.keyed(loop.iter, loop.target, loop.body)

    def keyed(self, iterable: gast.expr, target: gast.expr,
              body: list[gast.AST]) -> list[gast.expr] | None:
        """:meth:`indexes` of a loop, or of a comprehension (``body``: its element and filters)."""
        keys = loop_keys(iterable, _MOST)
        free = keys is None and isinstance(iterable, gast.Name) and iterable.id not in self.env
        if not isinstance(target, gast.Name) or keys is None and not free:
            return None
        for node in (n for stmt in body for n in build.nodes(stmt)):
            if isinstance(node, gast.Subscript) and target.id in build.loads(node.slice):
                part = self.resolve(node.value)
                if part is not None and structured(part.tree):
                    if free:  # (`for k in KEYS`: a global's keys, kept: computed_keys.py)
                        keys = free_keys(self.info, iterable, _MOST)
                    return None if keys is None else \
                        [located(build.constant(k), iterable) for k in keys]
        return None

    def unroll(self, loop: gast.For, items: list[gast.expr]) -> list[gast.stmt]:
        jump = first_jump(loop.body)
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
            keys = item_keys(target, item, loop.body) if bound is None else {}
            before = {name: self.env.get(name) for name in keys}
            self.env.update(keys)  # (the statement binding them stays: nested functions, after)
            out.extend(self.block(build.clone(loop.body)))
            self.env.update(before)
            self.env = {n: p for n, p in self.env.items() if p is not None}
        return out + self.block(loop.orelse)

    def check(self, node: gast.AST, shadowed: frozenset = frozenset()) -> None:
        """Every alias read is resolved; an alias name is never an ordinary variable too (in a
        nested function, names of its own are its business)."""
        for each in build.children(node):
            if isinstance(each, NESTED):
                self.check(each, shadowed | build.name_uses(each)[1])
                continue
            self.check(each, shadowed)
            if not isinstance(each, gast.Name) or each.id not in self.aliased or \
                    each.id in shadowed:
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


def _spell(bound: Part | gast.expr) -> str:
    return expression_text(bound.expression(gast.Pass()) if isinstance(bound, Part) else bound)

