"""Size-one patterns: which axes of a name are of length 1, when the arguments' are known.

A *pattern* is a tuple with one bool per axis, true where the axis has length 1: ``(False, True)``
for an array of shape ``(8, 1)``, ``()`` for a scalar.  Broadcasting is decided by exactly that, so
a derivative specialized to its arguments' patterns (``facts``, set by :mod:`tangentish.api` for
one call signature) can un-broadcast in plain NumPy, or not at all.

Guarantee: ``patterns[name] == p`` only when ``name`` holds a value of pattern ``p`` on every run
whose arguments have the patterns of ``facts``.  Evidence: the facts of parameters never bound in
the body; names of proven rank 0 (:mod:`.ranks`: ``()``); copies; numbers bound to a name
(``dt = 0.01``: ``()``); a transpose of a matrix; an elementwise operation whose operands all have
patterns or are numbers (the rank is the largest, an axis is of length 1 only where it is in every
operand that has it); an operation that keeps its first operand's shape (``np.zeros_like``,
``np.roll``, ``np.sort``: ``shapes.keeps_shape``); basic indexing by ints, ``None`` and whole
slices (``x[:, None, :]``, ``x[i]``); arrays made to a size of a parameter or a literal one
(``np.eye(x.shape[0])``, ``np.zeros(len(x))``, ``np.arange(n)``); a full reduction (``()``); a
reduction over one literal axis; a matrix product of ranks 1 or 2.

:class:`Unbroadcasts` then rewrites ``_rt.unbroadcast(g, x)`` in the adjoint of an elementwise
operation whose result and ``x`` have patterns: dropped when they are equal (the shapes are), else
the sum over what broadcasting added (``np.sum(g, axis=0)``).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, b):
    ...     y = x + b
    ...     return np.sum(np.tanh(y))
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> norm.facts = {"x": (False, False), "b": (False,)}
    >>> sorted(size_one_patterns(norm, {}).items())  # doctest: +ELLIPSIS
    [('b', (False,)), ..., ('x', (False, False)), ('y', (False, False))]
"""

from __future__ import annotations

import builtins
import operator

import gast
import numpy as np

from .. import ir
from ..syntax import build
from .dataflow import definitions
from .list_items import ListItems
from .normalize import Normalized
from .shapes import FULL_REDUCTIONS, MORE_REDUCTIONS, elementwise_arity, hashable_in, is_number, keeps_shape
from .slice_shapes import int_value

Pattern = tuple[bool, ...]
_PRODUCTS = {operator.matmul, np.matmul, np.dot}


def size_one_patterns(norm: Normalized, ranks: dict[str, int]) -> dict[str, Pattern]:
    """The names whose pattern the facts fix (see the module docstring).  Flow-insensitive: a
    name's pattern is the one every statement binding it gives (and, for a parameter, its fact),
    solved from "no value yet" up, so loop-carried names are found too (``h = np.tanh(h @ w)``)."""
    facts = {name: pattern for name, pattern in norm.facts.items()
             if pattern is not None and name in norm.params}
    if not facts:
        return {}
    sites = definitions(norm.body)
    equations = binding_equations(sites, lambda name: name not in norm.params or name in facts)
    found: dict[str, Pattern | object] = {name: facts[name] for name in facts if name not in sites}
    for name in equations:
        found[name] = facts.get(name, _NONE_YET)
    counters = range_targets(sites)
    found.update(dict.fromkeys(counters, ()))  # (loop counters over range: Python ints)
    sizes = _sizes(sites, {name: facts[name] for name in facts if name not in sites})
    lists = ListItems(norm.body, sites, set(norm.params), counters)  # (numbers in a list)
    from .appended_lists import AppendedLists  # (a specialized gradient's: imported here)
    appended = AppendedLists(norm.body, sites, set(norm.params))  # (arrays stacked)
    items: dict[str, Pattern | object] = dict.fromkeys([*lists.given, *appended.given], _NONE_YET)
    changed = True
    while changed:  # each name changes at most twice (no value yet, a pattern, unknown)
        changed = False
        for name, given in [*lists.given.items(), *appended.given.items()]:
            value = items[name]
            for item in given:
                value = _join(value, _operand(item, found, norm))
            changed = changed or value != items[name]
            items[name] = value
        for name, stmts in equations.items():
            value = found[name]
            for stmt in stmts:
                listed, joined = lists.reads.get(id(stmt)), appended.joins.get(id(stmt))
                value = _join(value, () if ranks.get(name) == 0 or _is_constant(stmt, norm) else
                              items[listed] if listed is not None else
                              appended.pattern(stmt, items[joined], _UNKNOWN) if joined else
                              _pattern_of(ir.note(stmt).op, found, norm, counters, sizes))
            if value is not found[name]:
                changed = changed or value != found[name]
                found[name] = value
    return {name: value for name, value in found.items() if value.__class__ is tuple}


def number_lists(norm: Normalized, patterns: dict[str, Pattern],
                 float64: set[str]) -> dict[str, int]:
    """The lists of :mod:`.list_items` every item of which is a float64 number (pattern ``()``,
    a name of ``float64`` or a Python float), by their length (which never changes): their
    adjoints are float64 arrays of that length (``_rt.unindex(g, acc, 0)``), an item of which
    is a number."""
    if not patterns or not float64:
        return {}
    sites = definitions(norm.body)
    lists = ListItems(norm.body, sites, set(norm.params), range_targets(sites))
    return {name: len(sites[name][0].value.elts) for name, given in lists.given.items() if all(
        item.__class__ is gast.Constant and item.value.__class__ is float or
        item.__class__ is gast.Name and item.id in float64 and patterns.get(item.id) == ()
        for item in given)}


_NONE_YET, _UNKNOWN = object(), object()  # (below and above every pattern)


def binding_equations(sites: dict[str, list[gast.stmt]], admitted) -> dict[str, list[gast.stmt]]:
    """For each name ``admitted`` admits whose every definition is a simple binding or writes
    items into it (``x[1:-1] = v``), its simple bindings.  An item write keeps an array's shape
    and dtype, and a name whose bindings give it a pattern (or a dtype) is an array or a number,
    never a list (a number's item write raises)."""
    found = {}
    for name, stmts in sites.items():
        if admitted(name):
            kept = [stmt for stmt in stmts if not _writes_items(stmt, name)]
            if all(simple_binding(stmt) for stmt in kept):
                found[name] = kept
    return found


def _writes_items(stmt: gast.stmt, name: str) -> bool:
    """``name[index] = value``: values change, never the shape or dtype of an array."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            ir.note(stmt).updates != name:
        return False
    written = stmt.targets[0]
    return written.__class__ is gast.Subscript and written.value.__class__ is gast.Name and \
        written.value.id == name


def simple_binding(stmt: gast.stmt) -> bool:
    """``name = op(...)``: a binding whose pattern :func:`_pattern_of` may tell."""
    return isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
        isinstance(stmt.targets[0], gast.Name) and ir.note(stmt).updates is None and \
        ir.note(stmt).op is not None


def _join(a: Pattern | object, b: Pattern | object) -> Pattern | object:
    if a is _NONE_YET or a == b:
        return b
    return a if b is _NONE_YET else _UNKNOWN


def _is_constant(stmt: gast.Assign, norm: Normalized) -> bool:
    """``name = 0.01``: a Python number bound as a constant (its operation has no operand)."""
    op = ir.note(stmt).op
    return op.key is None and not op.args and _operand(stmt.value, {}, norm) == ()


def range_targets(sites: dict[str, list[gast.stmt]]) -> set[str]:
    """The names bound only as the target of loops over ``range(...)``: Python ints."""
    ranges = {name for name, stmts in sites.items() if len(stmts) == 1 and simple_binding(stmts[0])
              and ir.note(stmts[0]).op.key is builtins.range}
    return {name for name, stmts in sites.items() if all(
        isinstance(s, gast.For) and isinstance(s.target, gast.Name) and s.target.id == name
        and isinstance(s.iter, gast.Name) and s.iter.id in ranges for s in stmts)}


def _sizes(sites: dict[str, list[gast.stmt]], params: dict[str, Pattern]) -> dict[str, bool]:
    """The names bound once to a size of a parameter of known pattern (``n = x.shape[0]``,
    ``len(x)``), and whether it is 1."""
    ops = {name: ir.note(stmts[0]).op for name, stmts in sites.items()
           if len(stmts) == 1 and simple_binding(stmts[0])}
    shapes, sizes = {}, {}
    for name, op in ops.items():
        first = op.args[0] if op.args else None
        if first.__class__ is not gast.Name:
            continue
        if op.key is np.shape and len(op.args) == 1 and first.id in params:
            shapes[name] = params[first.id]
        elif op.key is builtins.len and len(op.args) == 1 and params.get(first.id):
            sizes[name] = params[first.id][0]
    for name, op in ops.items():
        if op.key is operator.getitem and len(op.args) == 2 and \
                op.args[0].__class__ is gast.Name and op.args[0].id in shapes:
            pattern, axis = shapes[op.args[0].id], int_value(op.args[1])
            if axis is not None and -len(pattern) <= axis < len(pattern):
                sizes[name] = pattern[axis]
    return sizes


_MADE = {np.eye: (1, {"dtype", "k"}), np.identity: (1, {"dtype"}), np.zeros: (1, {"dtype", "order"}),
         np.ones: (1, {"dtype", "order"}), np.empty: (1, {"dtype", "order"}),
         np.full: (2, {"dtype", "order"}), np.arange: (1, {"dtype"})}
"""Functions whose result's shape their first operand gives: how many operands at most, and the
keywords that leave the shape alone."""


def _made(op: ir.Op, sizes: dict[str, bool]) -> Pattern | None:
    """The pattern of ``np.zeros(n)``, ``np.zeros((n, 3))``, ``np.eye(n)``, ``np.arange(n)``
    when each size is a literal or one of ``sizes``."""
    try:
        most, allowed = _MADE[op.key]
    except (KeyError, TypeError):
        return None
    if not op.args or len(op.args) > most or set(op.keywords) - allowed or \
            op.key is np.arange and len(op.args) != 1:
        return None
    shape = op.args[0]
    items = shape.elts if shape.__class__ is gast.Tuple and op.key not in (np.eye, np.arange,
                                                                            np.identity) else [shape]
    found = []
    for item in items:
        value = int_value(item)
        if value is not None:
            found.append(value == 1)
        elif item.__class__ is gast.Name and item.id in sizes:
            found.append(sizes[item.id])
        else:
            return None
    return (found[0], found[0]) if op.key in (np.eye, np.identity) else tuple(found)


def _pattern_of(op: ir.Op, patterns: dict[str, Pattern | object], norm: Normalized,
                counters: set[str] = frozenset(), sizes: dict[str, bool] | None = None
                ) -> Pattern | object:
    """The pattern of ``op``'s result (:data:`_NONE_YET` while an operand has no value yet)."""
    made = _made(op, sizes) if sizes else None
    if made is not None:
        return made
    operands = [_operand(a, patterns, norm) for a in op.args]
    if _NONE_YET in operands:
        return _NONE_YET
    if op.key is operator.getitem and len(op.args) == 2 and not op.keywords:
        first = operands[0]
        return _indexed(first, op.args[1], counters) if first.__class__ is tuple else _UNKNOWN
    found = _result(op, [p if p.__class__ is tuple else None for p in operands], norm)
    return _UNKNOWN if found is None else found


def _indexed(first: Pattern, index: gast.expr, counters: set[str]) -> Pattern | object:
    """The pattern of ``x[index]`` for ``x`` of pattern ``first``, where ``index`` is basic:
    ints (an axis gone), ``None`` (a new axis of length 1) and whole slices ``:`` or ``::-1``
    (an axis kept as it is).  (A slice with bounds or another step may make any length 1.)"""
    items = index.elts if index.__class__ is gast.Tuple else [index]
    found: list[bool] = []
    axis = 0
    for item in items:
        if _literal(item, type(None)):
            found.append(True)
            continue
        if axis >= len(first):
            return _UNKNOWN
        if item.__class__ is gast.Slice and item.lower is None and item.upper is None and (
                item.step is None or _literal(item.step, int) and item.step.value in (1, -1) or
                _is_minus_one(item.step)):
            found.append(first[axis])
        elif not _is_int(item, counters):
            return _UNKNOWN
        axis += 1
    return (*found, *first[axis:])


def _is_minus_one(node: gast.expr | None) -> bool:
    return node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub and \
        _literal(node.operand, int) and node.operand.value == 1


def _result(op: ir.Op, operands: list[Pattern | None], norm: Normalized) -> Pattern | None:
    args = op.args
    first = operands[0] if args and isinstance(args[0], gast.Name) else None
    if op.key is None:  # a copy, of a name or of a number (``x = 1.0``)
        return operands[0] if len(args) == 1 else None
    if op.key is np.transpose:
        return first[::-1] if first is not None and len(first) == 2 and len(args) == 1 \
            and not op.keywords else None
    if op.key is np.swapaxes:
        return _swapped(first, args)
    if hashable_in(op.key, FULL_REDUCTIONS) or hashable_in(op.key, MORE_REDUCTIONS):
        return _reduced(op, first)
    if keeps_shape(op, None if first is None else len(first)):
        return first
    if op.keywords or None in operands:
        return None
    if hashable_in(op.key, _PRODUCTS) and len(operands) == 2:
        return _product(*operands, op.key is np.dot)
    arity = elementwise_arity(op.key)
    if not arity or len(operands) != arity:
        return None
    return broadcast(operands)  # (of numbers alone, ``2 * np.pi``: a scalar)


def _swapped(first: Pattern | None, args: list[gast.expr]) -> Pattern | None:
    """``np.swapaxes(x, i, j)`` of int literal axes of ``x``: its pattern with them swapped."""
    axes = [int_value(a) for a in args[1:]]
    if first is None or len(args) != 3 or None in axes or \
            not all(-len(first) <= k < len(first) for k in axes):
        return None
    found = list(first)
    i, j = (k % len(first) for k in axes)
    found[i], found[j] = first[j], first[i]
    return tuple(found)


def broadcast(operands: list[Pattern]) -> Pattern:
    """The pattern of the result of broadcasting operands of these patterns together."""
    rank = max(len(p) for p in operands)
    padded = [(True,) * (rank - len(p)) + p for p in operands]
    return tuple(all(axis) for axis in zip(*padded, strict=True))


def _operand(node: gast.expr, patterns: dict[str, Pattern | object],
             norm: Normalized) -> Pattern | object:
    if isinstance(node, gast.Name):
        return patterns.get(node.id, _UNKNOWN)
    return () if is_number(node, norm.info) and getattr(node, "value", 0) is not None else \
        _UNKNOWN


def _reduced(op: ir.Op, first: Pattern | None) -> Pattern | None:
    """``np.sum(x)``: ``()``; ``np.sum(x, axis=k)`` (and ``keepdims=True``; ``k`` may be negative,
    ``-1``) of a known ``x``; likewise ``np.var``, ``np.median``..."""
    keywords = {k: v for k, v in op.keywords.items() if k != "ddof"}
    if len(op.args) != 1:
        return None
    if not keywords:
        return ()
    axis, keepdims = keywords.get("axis"), keywords.get("keepdims")
    value = int_value(axis)
    if first is None or set(keywords) - {"axis", "keepdims"} or value is None or (
            keepdims is not None and not _literal(keepdims, bool)):
        return None
    index = value + len(first) if value < 0 else value
    if not 0 <= index < len(first):
        return None
    if keepdims is not None and keepdims.value:
        return (*first[:index], True, *first[index + 1:])
    return first[:index] + first[index + 1:]


def _is_int(node: gast.expr, counters: set[str]) -> bool:
    return isinstance(node, gast.Name) and node.id in counters or _literal(node, int)


def _literal(node: gast.expr | None, kind: type) -> bool:
    return isinstance(node, gast.Constant) and type(node.value) is kind


def _product(a: Pattern, b: Pattern, dot: bool = False) -> Pattern | None:
    """``a @ b`` of ranks 1 or 2 (where ``np.dot`` agrees with ``@``), or, for ``@``, two stacks
    of matrices (their leading axes broadcast)."""
    if 1 <= len(a) <= 2 and 1 <= len(b) <= 2:
        return a[:-1] + b[1:]
    if dot or len(a) < 2 or len(b) < 2:
        return None
    return broadcast([a[:-2], b[:-2]]) + (a[-2], b[-1])


class Unbroadcasts:
    """Rewrite ``_rt.unbroadcast(g, x)`` in the adjoint of an elementwise operation bound to
    ``result`` when both patterns are known (``g`` is shaped like ``result``): ``g`` when they are
    equal, else ``np.sum`` over the leading axes broadcasting added and (``keepdims=True``) the
    axes it stretched.  :meth:`simplify` is asked of each call a template instantiates."""

    def __init__(self, patterns: dict[str, Pattern], result: str, runtime_alias: str,
                 numpy_alias: str):
        self.patterns, self.result = patterns, result
        self.runtime, self.np = runtime_alias, numpy_alias

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if not (func.__class__ is gast.Attribute and func.attr == "unbroadcast"
                and getattr(func.value, "id", None) == self.runtime and len(node.args) == 2
                and not node.keywords and isinstance(node.args[1], gast.Name)):
            return node
        result, like = self.patterns.get(self.result), self.patterns.get(node.args[1].id)
        if result is None or like is None or len(like) > len(result):
            return node
        added = len(result) - len(like)
        stretched = [i for i, one in enumerate(like) if one and not result[added + i]]
        grad = node.args[0]
        if added:
            grad = self._sum(grad, list(range(added)), False)
        if stretched:
            grad = self._sum(grad, stretched, True)
        return grad

    def _sum(self, grad: gast.expr, axes: list[int], keepdims: bool) -> gast.expr:
        axis = build.constant(axes[0]) if len(axes) == 1 else \
            build.tuple_([build.constant(a) for a in axes])
        keywords = {"axis": axis, **({"keepdims": build.constant(True)} if keepdims else {})}
        return build.call(build.attribute(build.name(self.np), "sum"), grad, **keywords)
