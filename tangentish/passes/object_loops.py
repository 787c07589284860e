"""Loops over lists and tuples of objects or functions known when the derivative is built,
unrolled: one copy of the body per item, the loop variable read as the item's path.

Guarantee to the next stage (:mod:`.desugar`): no loop (or one-``for`` list comprehension) runs
over such a sequence; each call of its items is a call of a path (``LAYERS[0](x)``,
``self.layers[1](x)``, ``np.sin(x)``), which the call lowering follows (:mod:`.method_calls`).

What is unrolled is a loop whose iterable is, or zips, enumerates, reverses or slices (``L[:-1]``):

- a list or tuple the function reads from its module or closure (``LAYERS``, ``NET.layers``), at
  least one of whose items is an object of a user's class or a function (a list of arrays is
  data: an ordinary loop), or the ``.values()`` or ``.items()`` of such a dict with string keys
  (``ACTS["tanh"]`` each); its length (a dict's keys) is part of what the derivative depends on
  (:func:`..syntax.scope.resolve_sequence`), and each item's class is (the path of a call);
- such a list or tuple below ``self`` in a bound method whose object's layout keys the transform
  (:mod:`..layouts`);
- a display of such things (``(np.tanh, np.sin)``, ``[self.l1, self.l2]``).

A loop variable the body assigns, ``break``/``continue`` in the body, or a read of the variable
in a nested function are refused at their line.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     for act, scale in zip((np.tanh, np.sin), (1.0, 2.0)):
    ...         x = act(x) * scale
    ...     return np.sum(x)
    >>> info = parse_function(f)
    >>> unroll_object_loops(info, info.node)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        x = np.tanh(x) * 1.0
        x = np.sin(x) * 2.0
        return np.sum(x)
"""

from __future__ import annotations

import functools
import types
from typing import Any

import gast
import numpy as np

from ..errors import UnsupportedConstructError
from ..layouts import LONGEST, Layout
from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.printer import expression_text
from ..syntax.resolve import constant_path, constant_slice
from ..syntax.tree_walk import walk

_NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)
_WRAPPERS = frozenset({"reversed", "enumerate", "zip"})  # (the calls ``wrapped`` follows)


def unroll_object_loops(info: SourceInfo, node: gast.FunctionDef) -> bool:
    """Rewrite ``node`` (the function or a helper inlined into it) in place: see the module.
    Whether it unrolled anything (else every node and every name is where it was).  The caller
    knows whether ``node`` has a loop or a comprehension (its survey, :mod:`.desugar`)."""
    unroller = _Unroller(info, node)
    unroller.run()
    return unroller.unrolled_any


class _Unroller:
    def __init__(self, info: SourceInfo, node: gast.FunctionDef):
        self.info, self.node = info, node
        self.pending: list[tuple[list, gast.expr]] = []  # (the sequences a loop reads)
        self.unrolled_any = False

    # (The three below walk the function: made on the first loop or comprehension that runs over
    # a name or a path, which most functions, looping over ranges, never have.)
    @functools.cached_property
    def local(self) -> set[str]:
        args = self.node.args
        return {a.id for a in args.posonlyargs + args.args + args.kwonlyargs} | {
            a.id for a in (args.vararg, args.kwarg) if a is not None} | {
            n.id for n in build.node_list(self.node) if isinstance(n, gast.Name)
            and isinstance(n.ctx, (gast.Store, gast.Del))}

    @functools.cached_property
    def receiver(self) -> str | None:
        outer = self.info.node  # (``self`` is the bound method's, in a method inlined into it too)
        own = outer.args.posonlyargs + outer.args.args
        first = own[0].id if own else None
        if not isinstance(self.info.receiver, Layout):
            return None
        rebound = any(isinstance(n, gast.Name) and n.id == first and
                      isinstance(n.ctx, (gast.Store, gast.Del))
                      for each in (outer, self.node) for n in build.nodes(each))
        return None if rebound else first

    @functools.cached_property
    def changed(self) -> list[tuple[list, gast.AST]]:
        outer = self.info.node
        return _changed(outer) + ([] if self.node is outer else _changed(self.node))

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    def run(self) -> None:
        self.node.body = self.block(self.node.body)

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, gast.For):
                items = self.items(stmt.iter)
                if items is not None:
                    self.unrolled_any = True
                    out.extend(self.block(self.unrolled(stmt, items)))
                    continue
            if not isinstance(stmt, _NESTED):
                for field in ("body", "orelse", "finalbody"):
                    if isinstance(getattr(stmt, field, None), list):
                        setattr(stmt, field, self.block(getattr(stmt, field)))
                for handler in getattr(stmt, "handlers", ()):
                    handler.body = self.block(handler.body)
                _Displays(self).visit(stmt)
            out.append(stmt)
        return out

    # -- what a loop runs over -------------------------------------------------------------
    def items(self, node: gast.expr) -> list[gast.expr] | None:
        """One expression per iteration when ``node`` runs over a known sequence of objects or
        functions (see the module), else None.  The sequences it reads are then part of what
        the derivative depends on (their lengths), and the function must not change them."""
        self.pending = []
        items = self.iterated(node)
        if items is None:
            return None
        self.taken = (self.local, self.changed, self.receiver)  # (before an unrolling changes it)
        for parts, where in self.pending:
            for path, changing in self.changed:
                if path[:len(parts)] == parts or parts[:len(path)] == path:
                    raise self.error(
                        f"a loop runs over `{expression_text(where)}`, which the function "
                        "changes (the loop is unrolled over its items when the derivative is "
                        "built)", changing, hint="change the list outside the differentiated "
                        "function, or loop over a copy made before the change")
            if parts[0] != self.receiver:
                self.info.lookup_sequence(parts)  # (its length recorded)
        return [e for e, _ in items]

    def iterated(self, node: gast.expr) -> list[tuple[gast.expr, bool]] | None:
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Name):
            if node.func.id not in _WRAPPERS:  # (``range(n)``: no items, whatever it names)
                return None
            return self.wrapped(node) if node.func.id not in self.local else None
        column = self.column(node)  # (an empty one too: no iteration to follow)
        return column if column is not None and (any(d for _, d in column) or not column) \
            else None

    def wrapped(self, node: gast.Call) -> list[tuple[gast.expr, bool]] | None:
        name, args = node.func.id, node.args
        if name == "reversed" and len(args) == 1 and not node.keywords:
            items = self.iterated(args[0])
            return None if items is None else items[::-1]
        if name == "enumerate" and len(args) in (1, 2) and not node.keywords:
            items = self.iterated(args[0])
            start = args[1].value if len(args) == 2 and isinstance(args[1], gast.Constant) else 0
            if items is None or type(start) is not int:
                return None
            return [(build.tuple_([build.constant(start + i), e]), True)
                    for i, (e, _) in enumerate(items)]
        if name == "zip" and args and all(  # (``strict=``: a constant, the lengths equal)
                k.arg == "strict" and isinstance(k.value, gast.Constant) and
                type(k.value.value) is bool for k in node.keywords):
            columns = [self.iterated(a) if isinstance(a, gast.Call) else self.column(a)
                       for a in args]  # (`zip(reversed(LAYERS), ...)`: a wrapped one)
            if any(c is None for c in columns) or not any(d for c in columns for _, d in c) or \
                    any(k.value.value for k in node.keywords) and len({len(c) for c in columns}) > 1:
                return None
            return [(build.tuple_([e for e, _ in row]), True)
                    for row in zip(*columns, strict=False)]
        return None

    def column(self, node: gast.expr) -> list[tuple[gast.expr, bool]] | None:
        """The items of a display, or of a known list or tuple as paths into it, each with
        whether it is an object of a user's class or a function."""
        if isinstance(node, (gast.Tuple, gast.List)):
            if any(isinstance(e, gast.Starred) for e in node.elts):
                return None
            return [(build.clone(e), self.deciding(e)) for e in node.elts]
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                node.func.attr in ("values", "items") and not node.args and not node.keywords:
            return self.view(node.func.value, node.func.attr == "items")
        if isinstance(node, gast.Name) and node.id in self.local and node.id != self.receiver:
            from .local_displays import bound_display  # (`acts = [np.sin, np.cos]` read)

            display = bound_display(self.node, node)
            return None if display is None else self.column(display)
        if isinstance(node, gast.Subscript) and constant_slice(node.slice) is not None:
            whole = self.column(node.value)  # (`LAYERS[:-1]`: the paths of the items it keeps)
            return None if whole is None else whole[constant_slice(node.slice)]
        parts = constant_path(node)
        if parts is None or parts[0] in self.local and parts[0] != self.receiver:
            return None
        if parts[0] == self.receiver:
            found = self.info.receiver.at(parts[1:])
            if found is None or found.items is None:
                return None
            deciding = [_decides(item) for item in found.items]
        else:
            known, value = self.info.lookup_path(parts)
            if not known or type(value) not in (list, tuple) or len(value) > LONGEST:
                return None
            deciding = [_deciding(item) for item in value]
        self.pending.append((parts, node))
        return [(_located(build.subscript(build.clone(node), build.constant(i)), node), d)
                for i, d in enumerate(deciding)]

    def view(self, node: gast.expr, items: bool) -> list[tuple[gast.expr, bool]] | None:
        """``ACTS.values()`` (``ACTS.items()``) of a dict the function reads from its module or
        closure, with string keys: its items as paths ``ACTS["tanh"]`` (pairs of the key and
        the path); its keys, in order, are part of what the derivative depends on."""
        parts = constant_path(node)
        if parts is None or parts[0] in self.local:
            return None
        known, value = self.info.lookup_path(parts)
        if not known or type(value) is not dict or len(value) > LONGEST or \
                not all(type(k) is str for k in value):
            return None
        self.pending.append((parts, node))
        paths = [_located(build.subscript(build.clone(node), build.constant(k)), node)
                 for k in value]
        return [(build.tuple_([build.constant(k), path]) if items else path, _deciding(v))
                for k, path, v in zip(value, paths, value.values(), strict=True)]

    def deciding(self, node: gast.expr) -> bool:
        """Whether ``node`` (an item of a display) is an object of a user's class or a
        function."""
        parts = constant_path(node)
        if parts is None:
            return False
        if parts[0] == self.receiver:
            found = self.info.receiver.at(parts[1:])
            return found is not None and _decides(found)
        if parts[0] in self.local:
            return False
        found, value = self.info.lookup_path(parts)
        return found and _deciding(value)

    # -- unrolling -------------------------------------------------------------------------
    def unrolled(self, loop: gast.For, items: list[gast.expr]) -> list[gast.stmt]:
        """One copy of the body per item; the loop variable as Python leaves it after the loop
        when something else reads it."""
        names = build.names(loop.target)
        if not isinstance(loop.target, (gast.Name, gast.Tuple)) or \
                any(not isinstance(e, gast.Name) for e in _flat(loop.target)):
            raise self.error("cannot unroll a loop over objects or functions whose target is "
                             "not a name or a tuple of names", loop,
                             hint="loop with a plain name (`for layer in LAYERS:`)")
        from .unroll import first_jump  # (loops over objects only)

        jump = first_jump(loop.body)
        if jump is not None:
            word = "break" if isinstance(jump, gast.Break) else "continue"
            raise self.error(
                f"`{word}` in a loop over objects or functions, which is unrolled (one copy of "
                "the body per item)", jump,
                hint=f"replace `{word}` by an `if` around the rest of the body")
        for node in (n for stmt in loop.body for n in walk(stmt)):
            if isinstance(node, gast.Name) and node.id in names and \
                    not isinstance(node.ctx, gast.Load):
                raise self.error(
                    f"the loop variable `{node.id}` of a loop over objects or functions is "
                    "assigned in its body (the loop is unrolled, the variable read as each item)",
                    node, hint="assign another name")
            if isinstance(node, _NESTED) and set(names) & build.loads(node):
                raise self.error(
                    "a loop over objects or functions whose variable a nested function reads "
                    "(the loop is unrolled)", node, hint="pass the item as an argument")
        out: list[gast.stmt] = []
        for item in items:
            values = _bound(loop.target, item)
            if values is None:
                raise self.error("cannot unpack this loop's items into its target", loop,
                                 hint="unpack as many names as each item has")
            out.extend(_Substitute(values).visit(build.clone(s)) for s in loop.body)
        if items and _reads(self.node, names) > sum(_reads(s, names) for s in loop.body):
            out.append(_located(build.assign(build.clone(loop.target), items[-1]), loop))
        return out + loop.orelse


_CHANGING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort",
                       "reverse", "__setitem__", "__delitem__", "__iadd__"})


def _changed(node: gast.AST) -> list[tuple[list, gast.AST]]:
    """The constant paths ``node`` changes (``LAYERS.append(...)``, ``self.layers[i] = ...``,
    ``NET.layers = ...``), with where."""
    out = []
    for each in walk(node):
        if isinstance(each, gast.Call) and isinstance(each.func, gast.Attribute) and \
                each.func.attr in _CHANGING:
            target = each.func.value
        elif isinstance(each, (gast.Attribute, gast.Subscript)) and \
                isinstance(each.ctx, (gast.Store, gast.Del)):
            target = each if isinstance(each, gast.Attribute) else each.value
        else:
            continue
        while isinstance(target, gast.Subscript) and constant_path(target) is None:
            target = target.value  # (``LAYERS[i] = ...`` changes LAYERS)
        path = constant_path(target)
        if path is not None:
            out.append((path, each))
    return out


def _reads(node: gast.AST, names: list[str]) -> int:
    return sum(isinstance(n, gast.Name) and n.id in names and isinstance(n.ctx, gast.Load)
               for n in walk(node))


def _flat(target: gast.expr) -> list[gast.expr]:
    if isinstance(target, gast.Tuple):
        return [e for each in target.elts for e in _flat(each)]
    return [target]


def _bound(target: gast.expr, item: gast.expr) -> dict[str, gast.expr] | None:
    if isinstance(target, gast.Name):
        return {target.id: item}
    if not isinstance(item, gast.Tuple) or len(item.elts) != len(target.elts):
        return None
    values: dict[str, gast.expr] = {}
    for each, value in zip(target.elts, item.elts, strict=True):
        inner = _bound(each, value)
        if inner is None:
            return None
        values.update(inner)
    return values


def _decides(found: Layout) -> bool:
    return found.items is None and (found.function is not None or _user_class(found.cls))


def _user_class(cls: type) -> bool:
    return cls.__module__ not in ("builtins", "numpy") and not issubclass(cls, np.ndarray)


def _deciding(value: Any) -> bool:
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, np.ufunc)):
        return True
    return not isinstance(value, (type, types.ModuleType, np.ndarray, np.generic)) and \
        _user_class(type(value)) and hasattr(value, "__dict__")


class _Substitute(build.Transformer):
    """Reads of the loop's names → their items' expressions."""

    def __init__(self, values: dict[str, gast.expr]):
        self.values = values

    def visit_Name(self, node: gast.Name) -> gast.expr:
        value = self.values.get(node.id)
        if value is None or not isinstance(node.ctx, gast.Load):
            return node
        return _located(build.clone(value), node)


class _Displays(build.Transformer):
    """``[layer(x) for layer in LAYERS]`` (one ``for``, no ``if``) → a display, one item per
    element."""

    def __init__(self, unroller: _Unroller):
        self.unroller = unroller

    def visit_ListComp(self, node: gast.ListComp) -> gast.expr:
        self.generic_visit(node)
        first = node.generators[0]
        if len(node.generators) > 1 or first.ifs or first.is_async or \
                any(isinstance(n, _NESTED) for n in walk(node.elt)):
            return node
        items = self.unroller.items(first.iter)
        if items is None:
            return node
        values = [_bound(first.target, item) for item in items]
        if any(v is None for v in values):
            return node
        self.unroller.unrolled_any = True
        return _located(build.list_([_Substitute(v).visit(build.clone(node.elt))
                                    for v in values]), node)

    def visit_FunctionDef(self, node: gast.FunctionDef) -> gast.FunctionDef:
        return node

    visit_Lambda = visit_FunctionDef


def _located(node: gast.AST, where: gast.AST) -> gast.AST:
    from .container_parts import located  # (a loop unrolled: imported then)

    return located(node, where)
