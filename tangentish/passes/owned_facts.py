r"""What :mod:`.owned` reads of a derivative to prove an adjoint its own: the facts.

:class:`Facts` answers, for the statements of one derivative: which ``n = _rt.add_at(n, g, x, i)``,
``n = _rt.zero_index(n, i)`` and ``n = _rt.set_index(n, i, v)`` may be rewritten in place (a basic
index with an int or a slice in it), which names surely hold floating arrays or numbers (every
definition gives floats: a greatest fixpoint), which reads ``a[i, j]`` give a number and not a view
(as many ints as ``a``'s proven rank), and which calls make a new object.  The proof that uses
them, and the rewrite, are :mod:`.owned`'s.

    >>> import gast
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.syntax.naming import Namer
    >>> body = gast.parse("g = x * 2.0\nx_bar = np.where(x > 0.0, g, 0.0)\nk = np.arange(3)").body
    >>> fn = Derivative("f", gast.parse("def f(x): pass").body[0].args, body, Namer(set()))
    >>> sorted(Facts(fn, {"x"}).floating)
    ['g', 'x', 'x_bar']
"""

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from .call_results import makes_new
from .dataflow import statements, stores, target
from .derivative import Derivative
from .owned_helpers import HELPERS, INDEX
from .shapes import keeps_float_dtype
from .unreduce_views import asks_view

MAKERS = ("zeros", "ones", "empty")  # np.zeros(shape): float64
SAME_DTYPE = ("reshape", "transpose", "broadcast_to", "ravel", "squeeze", "expand_dims",
              "moveaxis", "swapaxes")  # (in their first operand's dtype, whatever the others)
WEIGHTS = ("pick_first", "fpick_first", "ties", "step")  # selections' weights: floating dtypes
_FLOAT_OPS = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.Pow, gast.MatMult, gast.FloorDiv, gast.Mod)


def parameters(fn: Derivative) -> list[str]:
    args = fn.args
    every = [*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return [a.id for a in every]


class Facts:
    """What the proof reads of the function: its helpers' calls, dtypes, ranks, containers."""

    def __init__(self, fn: Derivative, floats: set[str]):
        self.np, self.rt = fn.machinery.aliases["np"], fn.machinery.aliases["_rt"]
        self.primal_of = fn.primal_of
        self.ranks = fn.ranks
        self.defined: dict[str, list[gast.stmt]] = {}  # the statements binding each name
        for stmt in statements(fn.body):  # (an array's item assigned keeps its shape, dtype)
            for name in stores(stmt):
                self.defined.setdefault(name, []).append(stmt)
        self.top = {id(s) for s in fn.body}
        self.params = set(parameters(fn))
        self.shaped, self.float64, self.lists = fn.shaped, fn.float64, fn.number_lists  # (every run)
        self.floating = self._floating(floats)
        self.fixed = {fn.shaped[p] for p in self.params if p in fn.shaped and p not in self.defined}

    def array(self, name: str) -> bool:
        """Whether ``name`` surely holds a floating array or number (never a list or tuple: a
        function such as ``np.gradient`` may return one, whatever its name's facts say)."""
        return name in self.floating

    def called(self, node: gast.expr, module: str) -> str | None:
        """``attr`` for a call ``module.attr(...)``, else None."""
        if node.__class__ is not gast.Call or node.func.__class__ is not gast.Attribute:
            return None
        base = node.func.value
        return node.func.attr if base.__class__ is gast.Name and base.id == module else None

    def update(self, stmt: gast.stmt) -> tuple[str, str, str | None] | None:
        """``(n, helper, x)`` for ``n = _rt.add_at(n, g, x, i)`` or ``n = _rt.zero_index(n, i)``
        (``x`` None) with a basic index that has an int or a slice in it."""
        if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
                stmt.targets[0].__class__ is not gast.Name:
            return None
        helper = self.called(stmt.value, self.rt)
        call = stmt.value
        if helper not in HELPERS or len(call.args) != HELPERS[helper] or call.keywords:
            return None
        name = stmt.targets[0].id
        first = call.args[0]
        if first.__class__ is not gast.Name or first.id != name or \
                self._anchored(call.args[INDEX[helper]]) is not True:
            return None
        if helper != "add_at":
            return name, helper, None
        like = call.args[2]
        if like.__class__ is not gast.Name or not self.stable(like.id):
            return None
        return name, helper, like.id

    def stable(self, name: str) -> bool:
        """Bound once, where it surely runs once, or proven of the shape of a parameter never
        bound (a value carried around a loop, ``u = u + r * lap``): its shape never changes."""
        if not self.array(name):
            return name in self.lists  # (changed item by item alone: its length never changes)
        found = self.defined.get(name, [])
        if name in self.params and not found:
            return True
        return len(found) == 1 and id(found[0]) in self.top or self.shaped.get(name) in self.fixed

    def alike(self, a: str | None, b: str) -> bool:
        """Whether ``a`` and ``b`` always have one shape: one name, or one shape class."""
        return a == b or a is not None and self.shaped.get(a, a) == self.shaped.get(b, b)

    def _anchored(self, index: gast.expr) -> bool | None:
        """True: a basic index with an int or a slice; False: basic without one; None: not
        basic (or not known to be)."""
        parts = index.elts if index.__class__ is gast.Tuple else [index]
        anchored = False
        for part in parts:
            if self._int(part) or is_slice(part):
                anchored = True
            elif not (part.__class__ is gast.Constant and part.value in (None, Ellipsis)):
                return None
        return anchored

    def element(self, node: gast.Subscript) -> bool:
        """``a[i, j]`` with as many ints as ``a``'s proven rank: a number, not a view."""
        value, index = node.value, node.slice
        if value.__class__ is not gast.Name or not self.array(value.id):
            return False
        rank = self.rank(value.id)
        parts = index.elts if index.__class__ is gast.Tuple else [index]
        return rank == len(parts) and all(self._int(p) for p in parts)

    def rank(self, name: str) -> int | None:
        """``name``'s proven rank (an adjoint's is its primal's), or that of an array made once by
        ``np.zeros(n)`` with ``n`` an int (rank 1) or a tuple of ints."""
        name = self.primal_of.get(name, name)
        if name in self.ranks or name in self.lists:
            return self.ranks.get(name, 1)
        found = self.defined.get(name, [])
        if len(found) != 1 or target(found[0]) != name or self.called(found[0].value, self.np) \
                not in MAKERS or len(found[0].value.args) != 1 or found[0].value.keywords:
            return None
        shape = found[0].value.args[0]
        parts = shape.elts if shape.__class__ is gast.Tuple else [shape]
        return len(parts) if all(self._int(p) for p in parts) else None

    def _int(self, node: gast.expr) -> bool:
        """An int, or a name of proven rank 0, or an item of a ``range`` (``i = r[k]``: how
        forward mode reads a loop's counter)."""
        if is_int(node) or node.__class__ is not gast.Name:
            return is_int(node)
        if self.ranks.get(node.id) == 0:  # (a bool is no int: ``n[c]`` of a number ``n`` is
            return not self._boolean(node.id)  # not written, fuzz calls seed 228 program 30)
        found = self.defined.get(node.id, [])
        if len(found) != 1 or target(found[0]) != node.id or \
                found[0].value.__class__ is not gast.Subscript:
            return False
        item = found[0].value
        source = self.defined.get(getattr(item.value, "id", None), [])
        op = ir.note(source[0]).op if len(source) == 1 else None
        return op is not None and op.key is range and item.slice.__class__ is gast.Name and \
            self.ranks.get(item.slice.id) == 0

    def _boolean(self, name: str) -> bool:
        """Whether a definition of ``name`` makes a bool: a comparison, ``and``/``or``/``not``,
        ``np.logical_*`` or ``np.is*`` (an index of one is no basic index: it adds an axis)."""
        for stmt in self.defined.get(name, []):
            value = getattr(stmt, "value", None)
            made = self.called(value, self.np) or ""
            if value.__class__ in (gast.Compare, gast.BoolOp) or made.startswith(("logical_", "is")) \
                    or value.__class__ is gast.UnaryOp and value.op.__class__ is gast.Not:
                return True
        return False

    def fresh(self, call: gast.expr) -> bool:
        """A call that returns a new object holding none of its arguments, or arithmetic with
        a floating operand (an array or a number, never a list)."""
        if call.__class__ is not gast.Call:
            return self.gives_float(call, self.floating)
        made = self.called(call, self.np)
        if made is not None and makes_new(call, self.np, self.rt):  # (np.exp(y), np.sum(y):
            return True  # new values, without out=: call_results)
        if made in MAKERS or made in ("zeros_like", "ones_like", "copy") or made == "where" and \
                len(call.args) == 3:  # (np.where(c, a, b) allocates, even where c is True)
            return True
        helper = self.called(call, self.rt)
        if helper == "unindex":  # (a new array for an array `like`)
            like = call.args[1] if len(call.args) == 3 else None
            return like.__class__ is gast.Name and (self.array(like.id) or like.id in self.lists)
        if helper == "unreduce":  # (fills or copies; a view only where asked: read-only)
            return not asks_view(call)
        return helper in ("set_index", "divided", "chosen")  # (add_at, zero_index: maybe their
        # argument, changed; divided: np.where's new array; chosen: a product's)

    def _floating(self, floats: set[str]) -> set[str]:
        """The names every definition of which gives floats (a greatest fixpoint; a parameter
        must be one of ``floats`` too), and those a specialization's facts prove float64 (which
        hold for the values a tape restores too)."""
        values, unknown = {}, set()
        for name, stmts in self.defined.items():
            if all(target(s) == name for s in stmts):
                values[name] = [s.value for s in stmts]
            else:
                unknown.add(name)
        known = (set(values) - self.params) | (floats & self.params) - unknown | set(self.float64)
        while True:
            kept = {n for n in known if n not in values or n in self.float64
                    or all(self.gives_float(v, known) for v in values[n])}
            if kept == known:
                return known
            known = kept

    def gives_float(self, node: gast.expr, known: set[str]) -> bool:
        kind = node.__class__
        if kind is gast.Name:
            return node.id in known
        if kind is gast.Constant:
            return type(node.value) is float
        if kind is gast.BinOp:
            return node.op.__class__ in _FLOAT_OPS and (
                self.gives_float(node.left, known) or self.gives_float(node.right, known))
        if kind is gast.UnaryOp:
            return node.op.__class__ in (gast.USub, gast.UAdd) and self.gives_float(node.operand, known)
        if kind is gast.Subscript:
            return node.value.__class__ is gast.Name and self.gives_float(node.value, known)
        if kind is not gast.Call:
            return False
        helper = self.called(node, self.rt)
        if helper is not None:  # (the runtime's keywords, axis= or view=, keep its dtypes)
            return self._helper_float(helper, node, known)
        made = self.called(node, self.np)
        if made in SAME_DTYPE and node.args:  # (a view or a copy of its first operand)
            return self.gives_float(node.args[0], known)
        if node.keywords:
            return False
        if made in MAKERS:
            return len(node.args) == 1
        if made == "where" and len(node.args) == 3:  # (a new array, floating as arithmetic is)
            return self.gives_float(node.args[1], known) or self.gives_float(node.args[2], known)
        if made == "copy" and len(node.args) == 1:
            return self.gives_float(node.args[0], known)
        if node.func.__class__ is gast.Attribute and node.func.attr == "copy" and not node.args:
            return self.gives_float(node.func.value, known)  # x.copy() of a floating x
        if made is not None and len(node.args) == 1 and (
                made in ("zeros_like", "ones_like") or keeps_float_dtype(getattr(np, made, None))):
            return self.gives_float(node.args[0], known)
        if made is not None and len(node.args) == 2 and keeps_float_pair(getattr(np, made, None)):
            return any(self.gives_float(a, known) for a in node.args)  # (np.maximum(b, row))
        return False

    def _helper_float(self, helper: str, node: gast.Call, known: set[str]) -> bool:
        if helper in ("unindex", "zero_index", "divided", "unreduce") or helper in WEIGHTS:
            return True  # (divided: np.where's quotient; unreduce: of a floating dtype with g)
        if helper == "chosen":  # (g * weight, or np.where of it and 0.0)
            return any(self.gives_float(a, known) for a in node.args)
        if helper in ("set_index", "add_at"):  # (in place: the dtype of its first argument)
            return bool(node.args) and self.gives_float(node.args[0], known)
        if helper == "seed":  # (the seed in a floating output's dtype: runtime/machinery.py)
            return bool(node.args) and self.gives_float(node.args[0], known)
        return helper == "unbroadcast" and self.gives_float(node.args[0], known)


def keeps_float_pair(key: object) -> bool:
    """Whether ``key`` is one of NumPy's binary ufuncs that gives floats of floats (float16, 32
    and 64 alike), and so of a floating operand and any other number or array of numbers (which
    promotes to a float): ``np.maximum``, ``np.hypot``; not ``np.greater``, ``np.floor_divide``
    of ints... (Each ufunc is run once, on ones.)"""
    if not (isinstance(key, np.ufunc) and key.nin == 2 and key.nout == 1
            and getattr(np, key.__name__, None) is key):
        return False
    found = _PAIRS_FOUND.get(key)
    if found is None:
        try:
            with np.errstate(all="ignore"):
                found = all(np.asarray(key(np.ones((), t), np.ones((), t))).dtype == t
                            for t in (np.float16, np.float32, np.float64))
        except (TypeError, ValueError):
            found = False
        _PAIRS_FOUND[key] = found
    return found


_PAIRS_FOUND: dict[np.ufunc, bool] = {}  # (NumPy's ufuncs: a fixed set, each run once)


def is_int(node: gast.expr) -> bool:
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        node = node.operand
    return node.__class__ is gast.Constant and type(node.value) is int


def is_slice(node: gast.expr) -> bool:
    return node.__class__ is gast.Call and node.func.__class__ is gast.Name and \
        node.func.id == "slice" and not node.keywords

