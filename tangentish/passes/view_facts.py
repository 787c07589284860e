"""What :mod:`.view_writes` must prove before it moves a write onto an array: which names always
hold an array, which always hold an int, and which subscripts are basic (make a view).

Every fact holds on every run, for every value a name is ever bound to (a flow-insensitive
greatest fixpoint over the function's bindings: each value is computed from values bound
before it).  A parameter, or a name bound in any other way than ``name = expr``, ``name op=
expr`` or unpacking a display (``a, b = (e1, e2)``: ``a`` is bound to ``e1``), is unknown.

- :class:`Kind` ``array``: the value is an ndarray, a NumPy scalar or a float (never a list,
  a tuple or an int, which ``*`` and ``+`` would join or repeat), or computing it raises;
  ``rank``: its ``ndim`` (an array of rank 1 or more is an ndarray, never a scalar).
- an *int* expression: an int constant, a ``for`` target over ``range(...)``, ``len(...)``, and
  ``+ - * // %`` of those (never a bool, which indexes as a mask).
- a *basic* subscript: entries that are ints or slices whose bounds are ints, constants or
  names (``y[1:n]``, ``A[i, ::-1]``); no array, list, bool, ``None`` or ``...`` entry.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x):
    ...     A = x.reshape(3, 4) * 2.0
    ...     for i in range(3):
    ...         A += 1.0
    ...     return A
    >>> facts = Facts(parse_function(f))
    >>> facts.kind(gast.Name(id="A", ctx=gast.Load(), annotation=None, type_comment=None))
    Kind(array=True, rank=2, made=False)
    >>> sorted(facts.ints)
    ['i']
"""

from __future__ import annotations

import builtins
from typing import NamedTuple

import gast
import numpy as np

from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk


class Kind(NamedTuple):
    array: bool  # an ndarray, a NumPy scalar or a float, or raises
    rank: int | None  # its ndim, when proven
    made: bool = False  # an ndarray (of any rank), made by NumPy (``np.zeros``, ``np.array``...)

    @property
    def ndarray(self) -> bool:
        return self.made or self.array and self.rank is not None and self.rank >= 1


UNKNOWN, FLOAT = Kind(False, None), Kind(True, 0)
_ANY = Kind(True, -1, True)  # the optimistic start of the fixpoint: meets anything
_MADE = {np.zeros, np.ones, np.empty, np.full}  # rank: the length of the shape
_LIKE = {np.zeros_like, np.ones_like, np.empty_like, np.full_like, np.copy, np.array}
_FIXED = {np.arange: 1, np.eye: 2, np.identity: 2, np.outer: 2}
_ARITHMETIC = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.FloorDiv, gast.Mod, gast.Pow)
_INTEGRAL = (gast.Add, gast.Sub, gast.Mult, gast.FloorDiv, gast.Mod)


class Facts:
    """The kinds and int names of one function (see the module docstring)."""

    def __init__(self, info: SourceInfo, module_ranks: bool = False):
        self.info = info
        self.module_ranks = module_ranks  # a module-level ndarray's rank, as it is now, taken
        # (a hypothesis: only for code that tests it where it runs, :mod:`.list_views`)
        values, others = _bindings(info.node)
        self.values, self.others = values, others  # (every binding of each name)
        self.locals = set(values) | set(others)
        self.ints = self._int_names(values, others)
        kinds = {n: _ANY for n in values if n not in others and n not in self.ints}
        self.kinds = kinds
        for _ in range(len(kinds) + 2):
            new = {n: _meet([self.kind(v) if v is not None else _kept(kinds[n]) for v in vs])
                   for n, vs in values.items() if n in kinds}
            if new == kinds:
                break
            self.kinds = kinds = new
        else:
            self.kinds = {}

    def resolved(self, node: gast.AST) -> object | None:
        """What ``node`` (``np.zeros``, ``range``: not a local name) names, or None."""
        parts = dotted(node)
        if parts is None or parts[0] in self.locals:
            return None
        found, value = self.info.lookup_path(parts)
        return value if found else None

    def resolves_to(self, node: gast.AST, *objects: object) -> object | None:
        """The object among ``objects`` that ``node`` names."""
        value = self.resolved(node)
        return next((o for o in objects if value is o), None)

    def is_int(self, node: gast.AST, ints: set[str] | None = None) -> bool:
        ints = self.ints if ints is None else ints
        if isinstance(node, gast.Constant):
            return type(node.value) is int
        if isinstance(node, gast.Name):
            return node.id in ints
        if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.USub, gast.UAdd)):
            return self.is_int(node.operand, ints)
        if isinstance(node, gast.BinOp) and isinstance(node.op, _INTEGRAL):
            return self.is_int(node.left, ints) and self.is_int(node.right, ints)
        return isinstance(node, gast.Call) and len(node.args) == 1 and not node.keywords and \
            self.resolves_to(node.func, builtins.len) is not None

    def _int_names(self, values: dict, others: dict) -> set[str]:
        ints = {n for n in set(values) | set(others)
                if n not in others or set(others[n]) == {"range"}}
        while True:
            kept = {n for n in ints if all(v is not None and self.is_int(v, ints)
                                           for v in values.get(n, ())) and
                    all(self._ranged(loop) for loop in others.get(n, {}).get("range", ()))}
            if kept == ints:
                return ints
            ints = kept

    def _ranged(self, loop: gast.For) -> bool:
        return isinstance(loop.iter, gast.Call) and \
            self.resolves_to(loop.iter.func, builtins.range) is not None

    def kind(self, node: gast.AST) -> Kind:
        if isinstance(node, gast.Constant):
            return FLOAT if type(node.value) in (float, complex) else UNKNOWN
        if isinstance(node, gast.Name):
            return self.kinds.get(node.id, UNKNOWN) if node.id in self.locals or \
                not self.module_ranks else self._module(node.id)
        if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.USub, gast.UAdd)):
            return self.kind(node.operand)
        if isinstance(node, gast.BinOp) and isinstance(node.op, _ARITHMETIC):
            sides = [self.kind(node.left), self.kind(node.right)]
            if _ANY in sides:  # (still optimistic: the fixpoint decides)
                return _ANY
            ranks = [k.rank if k.array else 0 if self.is_int(s) else None
                     for k, s in zip(sides, (node.left, node.right), strict=True)]
            rank = None if None in ranks else max(ranks)
            return Kind(any(k.array for k in sides), rank)
        if isinstance(node, gast.Attribute) and node.attr == "T":
            return self.kind(node.value)
        if isinstance(node, gast.Call):
            return self._call(node)
        return UNKNOWN

    def _module(self, name: str) -> Kind:
        """The kind of the module-level (or closure) ndarray ``name`` holds now."""
        found, value = self.info.lookup(name)
        return Kind(True, value.ndim, True) if found and type(value) is np.ndarray else UNKNOWN

    def _call(self, node: gast.Call) -> Kind:
        func, args = node.func, node.args
        ufunc = self.resolved(func)
        if isinstance(ufunc, np.ufunc):
            return self._ufunc(ufunc, node)
        found = self.resolves_to(func, *_MADE, *_LIKE, *_FIXED, np.reshape)
        if found is None:
            return self._method(node)
        if not args or {k.arg for k in node.keywords} & {"ndmin", "shape"}:
            return UNKNOWN
        if found in _FIXED:
            return Kind(True, _FIXED[found], True)
        if found in _MADE:
            return Kind(True, _shape_length(args[0], self), True)
        if found is np.reshape:
            return Kind(True, _shape_length(args[1], self) if len(args) == 2 else None, True)
        inner = self.kind(args[0])
        if inner == _ANY:
            return _ANY
        return Kind(True, inner.rank if inner.array else None, found in _LIKE)

    def _ufunc(self, ufunc: np.ufunc, node: gast.Call) -> Kind:
        """A ufunc of one result, called on its operands alone (no ``out=``): an ndarray or a
        NumPy scalar, of the operands' broadcast rank where each is known."""
        if ufunc.nout != 1 or len(node.args) != ufunc.nin or node.keywords:
            return UNKNOWN
        kinds = [self.kind(a) for a in node.args]
        if _ANY in kinds:  # (still optimistic: the fixpoint decides)
            return _ANY
        ranks = [k.rank if k.array else 0 if self.is_int(a) else None
                 for k, a in zip(kinds, node.args, strict=True)]
        return Kind(True, None if None in ranks else max(ranks))

    def _method(self, node: gast.Call) -> Kind:
        """``a.copy()``, ``a.astype(t)`` (``a`` an array) and ``x.reshape(shape)``."""
        func, args = node.func, node.args
        if not isinstance(func, gast.Attribute) or self.resolved(func) is not None:
            return UNKNOWN
        if func.attr in ("copy", "astype"):  # (the operand's kind asked once: a chain of n
            # methods is n questions, not 2 ** n)
            inner = self.kind(func.value)
            return inner if inner.array else UNKNOWN
        if func.attr == "reshape" and args and not node.keywords:
            return Kind(True, _shape_length(args[0] if len(args) == 1 else gast.Tuple(
                elts=args, ctx=gast.Load()), self))
        return UNKNOWN

    def basic(self, index: gast.AST) -> list[gast.expr] | None:
        """The entries of a basic subscript (see the module docstring), or None."""
        entries = index.elts if isinstance(index, gast.Tuple) else [index]
        for entry in entries:
            if isinstance(entry, gast.Slice):
                if not all(b is None or self.is_int(b) or isinstance(b, gast.Name) or
                           isinstance(b, gast.Constant) and b.value is None
                           for b in (entry.lower, entry.upper, entry.step)):
                    return None
            elif not self.is_int(entry):
                return None
        return list(entries) if entries else None


def _kept(kind: Kind) -> Kind:
    """The kind of ``name`` after ``name op= value``: an ndarray is changed in place (its shape
    kept), a scalar may become an array (``s += v``)."""
    return kind if kind.ndarray or kind == _ANY else Kind(kind.array, None, kind.made)


def _shape_length(shape: gast.AST, facts: Facts) -> int | None:
    if isinstance(shape, gast.Tuple):
        return len(shape.elts) if all(facts.is_int(e) for e in shape.elts) else None
    return 1 if facts.is_int(shape) else None


def _meet(kinds: list[Kind]) -> Kind:
    known = [k for k in kinds if k != _ANY]
    if not known:
        return _ANY
    ranks = {k.rank for k in known}
    return Kind(all(k.array for k in known), ranks.pop() if len(ranks) == 1 else None,
                all(k.made for k in known))


def _paired(target: gast.expr, value: gast.expr) -> bool:
    """``target`` is a tuple or list of names and ``value`` a display of as many items, none
    starred: each name is bound to its item (all items are computed before any is bound)."""
    displays = (gast.Tuple, gast.List)
    return isinstance(target, displays) and isinstance(value, displays) and \
        len(target.elts) == len(value.elts) and \
        all(isinstance(t, gast.Name) for t in target.elts) and \
        not any(isinstance(v, gast.Starred) for v in value.elts)


def _bindings(fn: gast.FunctionDef) -> tuple[dict, dict]:
    """``name -> [values]`` of ``name = value`` and of a name unpacked from a display's item
    (``a, b = (e1, e2)``; None for ``name op= value``, which keeps the
    kind of an array it changes in place), and ``name -> {"range": [loops], "other": [...]}``
    for every other way a name is bound (a parameter, a loop target, an import...)."""
    values: dict[str, list] = {}
    others: dict[str, dict] = {}
    for arg in fn.args.args + fn.args.posonlyargs + fn.args.kwonlyargs + \
            [a for a in (fn.args.vararg, fn.args.kwarg) if a is not None]:
        others.setdefault(arg.id, {}).setdefault("other", []).append(arg)
    claimed: set[int] = set()
    for node in walk(fn):
        if isinstance(node, gast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], gast.Name):
            values.setdefault(node.targets[0].id, []).append(node.value)
            claimed.add(id(node.targets[0]))
        elif isinstance(node, gast.Assign) and len(node.targets) == 1 and \
                _paired(node.targets[0], node.value):  # (``a, b = (e1, e2)``: ``a = e1``...)
            for target, value in zip(node.targets[0].elts, node.value.elts, strict=True):
                values.setdefault(target.id, []).append(value)
                claimed.add(id(target))
        elif isinstance(node, gast.AugAssign) and isinstance(node.target, gast.Name):
            values.setdefault(node.target.id, []).append(None)
            claimed.add(id(node.target))
        elif isinstance(node, gast.For) and isinstance(node.target, gast.Name):
            others.setdefault(node.target.id, {}).setdefault("range", []).append(node)
            claimed.add(id(node.target))
        elif isinstance(node, (gast.Global, gast.Nonlocal)):
            for n in node.names:
                others.setdefault(n, {}).setdefault("other", []).append(node)
    for node in walk(fn):
        if isinstance(node, gast.Name) and isinstance(node.ctx, (gast.Store, gast.Del)) and \
                id(node) not in claimed:
            others.setdefault(node.id, {}).setdefault("other", []).append(node)
    return values, others


def rebound_inside(function: gast.FunctionDef) -> set[str]:
    """The names a ``def``, ``lambda`` or class inside ``function`` binds, deletes, declares
    ``nonlocal``/``global`` or writes into: only these may change what a name of ``function``
    holds (or its memory) when it runs, which may be at any time.  One that only reads a name
    sees the array the name holds when it runs, which a write made on the array itself (rather
    than through the view: :mod:`.view_writes`) leaves the same."""
    nested = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)
    found: set[str] = set()
    for node in walk(function):
        if not isinstance(node, nested) or node is function:
            continue
        for sub in walk(node):
            if isinstance(sub, gast.Name) and isinstance(sub.ctx, (gast.Store, gast.Del)):
                found.add(sub.id)
            elif isinstance(sub, (gast.Global, gast.Nonlocal)):
                found.update(sub.names)
            elif isinstance(sub, (gast.Subscript, gast.Attribute)) and \
                    isinstance(sub.ctx, (gast.Store, gast.Del)):
                found.update(n.id for n in walk(sub.value) if isinstance(n, gast.Name))
    return found
