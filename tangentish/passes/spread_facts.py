"""What :mod:`.spread` proves of the values around a reduction's adjoint: which operands cover
the reduced value's shape and dtype (:meth:`Facts.covers`), the rank of a value, and what stands
for the view where the arithmetic spreads it (:meth:`Facts.spread_value`).  Specialized to a
float64 matrix, the adjoint of a sum over its rows is the row's gradient with the axis put back
(``[:, None]``: the rank is known), not ``_rt.unreduce``'s array:

    >>> import numpy as np
    >>> import tangentish
    >>> def row_norms(x):
    ...     return np.sum(np.sqrt(np.sum(x ** 2, axis=1) + 1.0))
    >>> df = tangentish.grad(row_norms)
    >>> print(df.source.splitlines()[-4])  # (the generic derivative: any shape)
        x_pow_2_bar = _rt.unreduce(out_bar / (2.0 * sqrt_t1), x_pow_2, axis=1)
    >>> print(df.source_for(np.ones((3, 2))).splitlines()[-4])
        x_pow_2_bar = (1.0 / (2.0 * sqrt_t1))[:, None]
"""

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import statements, target
from .derivative import Derivative
from .patterns import int_value
from .shapes import elementwise_arity, keeps_float_dtype
from .unreduce_views import plain_keywords

_DEEPEST = 32  # names followed back from a value (deeper: not proven, and no RecursionError)


def is_view(node: gast.Call, rt: str) -> bool:
    """``_rt.unreduce(g, t)`` (``view=True`` or not), ``_rt.unreduce(g, t, axis=...,
    keepdims=True)`` (``g`` keeps the reduced axes, of length 1: it broadcasts as it is), or
    ``_rt.unreduce(g, t, axis=k)`` of one constant axis (``g[:, None]`` broadcasts, where the
    ranks are known: :meth:`Facts.spread_value`)."""
    func = node.func
    if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
            func.value.id != rt or len(node.args) != 2:
        return False
    if func.attr != "unreduce":
        return False
    given = {k.arg: k.value for k in plain_keywords(node)}
    kept = given.get("keepdims")
    if set(given) == {"axis"}:
        return int_value(given["axis"]) is not None
    return not given or set(given) <= {"axis", "keepdims"} and kept.__class__ is gast.Constant \
        and kept.value is True


def _callee(node: gast.Call, numpy: str, rt: str) -> object:
    """The NumPy function ``np.NAME(...)`` calls, or one shaping its result alike (``np.sign``
    for ``_rt.step(a)``: a float of ``a``'s shape; ``np.tanh`` for ``_rt.share(a)`` and
    ``_rt.share2(a)``, a float of ``a``'s shape and dtype); None for any other call."""
    func = node.func
    if func.__class__ is gast.Attribute and func.value.__class__ is gast.Name:
        if func.value.id == numpy:
            return getattr(np, func.attr, None)
        if func.value.id == rt:
            return _STAND_INS.get(func.attr)
    return None


_STAND_INS = {"step": np.sign, "share": np.tanh, "share2": np.tanh}


_WEIGHTS = frozenset({"ties", "pick_first", "fpick_first", "clip_inside"})


def _is_weight(node: gast.Call, rt: str) -> bool:
    """``_rt.ties(a, r, axis=..., keepdims=...)``, ``_rt.pick_first(a, b)`` and the other weights
    of a selection of ``a``: of ``a``'s shape (``ties``) or of a broadcast shape containing it,
    in a float dtype at least ``a``'s (``a``'s gradient dtype, or ``a``'s promoted with the
    other operands and 1.0: ``runtime/selection.py``)."""
    func = node.func
    return func.__class__ is gast.Attribute and func.value.__class__ is gast.Name and \
        func.value.id == rt and func.attr in _WEIGHTS and bool(node.args)


def plain_number(node: gast.expr) -> bool:
    """A Python int or float literal, maybe negated."""
    if node.__class__ is gast.UnaryOp and node.op.__class__ in (gast.USub, gast.UAdd):
        node = node.operand
    return node.__class__ is gast.Constant and node.value.__class__ in (int, float)


_PAIRS: dict[np.ufunc, bool] = {}  # (NumPy's binary ufuncs: a fixed set, each run once)


def _keeps_float_pair(key: object) -> bool:
    """A binary ufunc of NumPy's that gives float16/32/64 for two operands of that dtype
    (``np.heaviside``, ``np.maximum``; not ``np.greater``): with one float operand that covers a
    value, its result does (its dtype is at least the operands' promotion)."""
    if not (isinstance(key, np.ufunc) and key.nin == 2 and key.nout == 1 and
            getattr(np, key.__name__, None) is key):
        return False
    if key not in _PAIRS:
        try:
            with np.errstate(all="ignore"):
                _PAIRS[key] = all(np.asarray(key(np.ones((), t), np.ones((), t))).dtype == t
                                  for t in (np.float16, np.float32, np.float64))
        except (TypeError, ValueError):
            _PAIRS[key] = False
    return _PAIRS[key]


class Facts:
    def __init__(self, fn: Derivative, counts: dict[str, int]):
        self.rt = fn.machinery.aliases["_rt"]
        self.sequences = fn.sequences
        self.counts = counts
        self.bindings = {target(stmt): stmt for stmt in statements(fn.body)
                         if target(stmt) is not None and counts.get(target(stmt)) == 1}
        self.known: dict[tuple[str, str], bool] = {}
        self.float64 = fn.float64
        self.primal_of = fn.primal_of  # (an adjoint → its value)
        self.shaped = fn.shaped
        self.fed: dict[tuple[str, str], bool] = {}
        self.depth = 0  # names :meth:`_descends` is inside of
        self.numpy = fn.machinery.aliases["np"]

    def spread_value(self, view: gast.Call) -> gast.expr | None:
        """What stands for the view where the arithmetic around it spreads it: ``g`` itself, or,
        for ``_rt.unreduce(g, t, axis=k)``, ``g`` with the reduced axis put back: ``g[:, None]``
        where ``g``'s rank is known to be ``t``'s less one (``g`` itself where that is 0: a
        number, maybe a Python float), ``np.expand_dims(g, -1)`` for ``t``'s last axis whatever
        ``g`` is (it broadcasts to the reduction's result, as a number or from the right); else
        None (not spread).  ``g`` itself is put there, not a copy: a view
        inside it is spread in its turn."""
        g = view.args[0]
        given = {k.arg: k.value for k in plain_keywords(view)}
        if set(given) != {"axis"}:
            return g
        axis, rank = int_value(given["axis"]), self.rank(view.args[1])
        if axis is None or rank is None or not -rank <= axis < rank:
            return None
        axis %= rank
        if self.rank(g) == 0:  # (a number, maybe a Python float, which `[None]` fails: as it
            return g  # is, it broadcasts against the operand covering the reduced value)
        if self.rank(g) == rank - 1:
            index = [gast.Slice(lower=None, upper=None, step=None)] * axis + [build.constant(None)]
            return gast.Subscript(value=g, ctx=gast.Load(), slice=index[0]
                                  if len(index) == 1 else gast.Tuple(elts=index, ctx=gast.Load()))
        if axis == rank - 1:
            return build.call(f"{self.numpy}.expand_dims", g, build.constant(-1))
        return None

    def rank(self, node: gast.expr, depth: int = 0) -> int | None:
        """The rank of a float64 value of a known size-one pattern, a number's (0), of a name
        bound once to arithmetic of those (an adjoint, ``s_bar = w / s``), or of arithmetic of
        those (broadcasting: the largest); None where it is not known."""
        if plain_number(node):
            return 0
        kind = node.__class__
        if depth > _DEEPEST:
            return None
        if kind is gast.Name:
            pattern = self.float64.get(node.id)
            if pattern is not None:
                return len(pattern)
            stmt = self.bindings.get(node.id)
            return None if stmt is None else self.rank(stmt.value, depth + 1)
        if kind is gast.BinOp and node.op.__class__ is not gast.MatMult:
            left, right = self.rank(node.left, depth + 1), self.rank(node.right, depth + 1)
            return None if left is None or right is None else max(left, right)
        if kind is gast.UnaryOp and node.op.__class__ in (gast.USub, gast.UAdd):
            return self.rank(node.operand, depth + 1)
        if kind is gast.Call and is_view(node, self.rt):  # (t's shape)
            return self.rank(node.args[1], depth + 1)
        return None

    def covers(self, node: gast.expr, like: gast.expr) -> bool:
        """Whether ``node``'s shape contains ``like``'s and its dtype is at least as wide: it
        is ``like``, or made from it by elementwise steps that keep a float dtype."""
        if like.__class__ is not gast.Name or self.counts.get(like.id, 0) > 1:
            return False
        kind = node.__class__
        if kind is gast.Name:
            return node.id not in self.sequences and (
                self._descends(node.id, like.id) or self._only_from(like, node.id)
                or self.alike(node, like) or self.adjoint_of(node.id, like.id))
        if kind is gast.BinOp:
            return node.op.__class__ is not gast.MatMult and (
                self.covers(node.left, like) or self.covers(node.right, like))
        if kind is gast.UnaryOp:
            return node.op.__class__ in (gast.USub, gast.UAdd) and self.covers(node.operand, like)
        if kind is gast.Call and _is_weight(node, self.rt):  # (a weight of args[0]'s shape)
            return self.covers(node.args[0], like)
        if kind is gast.Call and not node.keywords:  # np.sign(v): a float v's shape and dtype
            key = _callee(node, self.numpy, self.rt)
            return elementwise_arity(key) == len(node.args) and (
                keeps_float_dtype(key) or _keeps_float_pair(key)) and \
                any(self.covers(arg, like) for arg in node.args)
        return False

    def adjoint_of(self, name: str, like: str) -> bool:
        """Whether ``name`` is the adjoint of ``like``, a float64 value: every value it holds is
        a sum of contributions un-broadcast to ``like``'s shape, float64 as the specialization's
        seed (``a_bar = a_bar + _rt.unreduce(g, a, axis=-1, keepdims=True)``: ``a_bar + g``)."""
        return self.primal_of.get(name) == like and like in self.float64

    def alike(self, node: gast.expr, like: gast.Name) -> bool:
        """Whether ``node`` is a name of the very shape and dtype of ``like``: both float64 values
        of one shape class (``fn.shaped``: ``x[1:] ** 2`` and ``x[:-1]``), or of one size-one
        pattern (``fn.float64``) with ``like`` made from ``node`` by elementwise steps
        (broadcasting: each axis of ``like`` where ``node``'s is not of length 1 is ``node``'s)."""
        if node.__class__ is not gast.Name or self.counts.get(node.id, 0) > 1:
            return False
        shape = self.shaped.get(node.id)
        if shape is not None and shape == self.shaped.get(like.id):
            return True
        pattern = self.float64.get(like.id)
        return pattern is not None and self.float64.get(node.id) == pattern and \
            self._feeds(node.id, build.name(like.id), 0)

    def _feeds(self, name: str, node: gast.expr, depth: int) -> bool:
        """Whether ``node`` is made from ``name`` by elementwise (broadcasting) steps."""
        kind = node.__class__
        if depth > _DEEPEST:
            return False
        if kind is gast.Name:
            if node.id == name:
                return True
            key = (name, node.id)
            if key not in self.fed:  # (each name's answer once: the values form a DAG)
                self.fed[key] = False
                stmt = self.bindings.get(node.id)
                self.fed[key] = stmt is not None and self._feeds(name, stmt.value, depth + 1)
            return self.fed[key]
        if kind is gast.BinOp:
            return node.op.__class__ is not gast.MatMult and (
                self._feeds(name, node.left, depth + 1) or self._feeds(name, node.right, depth + 1))
        if kind is gast.UnaryOp:
            return self._feeds(name, node.operand, depth + 1)
        if kind is gast.Call and not node.keywords and \
                elementwise_arity(_callee(node, self.numpy, self.rt)) == len(node.args):
            return any(self._feeds(name, arg, depth + 1) for arg in node.args)
        return False

    def _descends(self, name: str, like: str) -> bool:
        if name == like:
            return True
        key = (name, like)
        if key not in self.known:
            if self.depth > _DEEPEST:  # (a longer chain of names is left unproven)
                return False
            self.known[key] = False  # (a cycle proves nothing)
            stmt = self.bindings.get(name)
            self.depth += 1
            self.known[key] = stmt is not None and self._made_from(stmt, like)
            self.depth -= 1
        return self.known[key]

    def _made_from(self, stmt: gast.Assign, like: str) -> bool:
        value, like_node = stmt.value, build.name(like)
        if value.__class__ is not gast.Call:
            return self.covers(value, like_node)
        op = ir.note(stmt).op
        if op is None or value.keywords or not keeps_float_dtype(op.key) or \
                not elementwise_arity(op.key):
            return False
        return any(self.covers(arg, like_node) for arg in value.args)

    def _only_from(self, node: gast.expr, name: str, depth: int = 0) -> bool:
        """Whether ``node`` is ``name`` or made from it and numbers alone by elementwise steps that
        keep a float dtype (``error ** 2``): of ``name``'s very shape and dtype."""
        kind = node.__class__
        if depth > 32:
            return False
        if kind is gast.Name:
            if node.id == name:
                return True
            stmt = self.bindings.get(node.id)
            if stmt is None:
                return False
            op = ir.note(stmt).op
            value = stmt.value
            if value.__class__ is gast.Call:
                return op is not None and not value.keywords and keeps_float_dtype(op.key) and \
                    elementwise_arity(op.key) == len(value.args) and all(
                        plain_number(a) or self._only_from(a, name, depth + 1) for a in value.args) \
                    and not all(plain_number(a) for a in value.args)
            return self._only_from(value, name, depth + 1)
        if kind is gast.BinOp and node.op.__class__ is not gast.MatMult:
            left, right = node.left, node.right
            return (plain_number(left) or self._only_from(left, name, depth + 1)) and \
                (plain_number(right) or self._only_from(right, name, depth + 1)) and \
                not (plain_number(left) and plain_number(right))
        if kind is gast.UnaryOp and node.op.__class__ in (gast.USub, gast.UAdd):
            return self._only_from(node.operand, name, depth + 1)
        return False

    def indexes(self, call: gast.Call, like: gast.expr) -> bool:
        """Whether ``call``, ``_rt.unindex(g, x, index)``, puts ``g`` where ``like = x[index]``
        read, ``x`` a float64 array (not a list) and the names of both bound once."""
        stmt = self.bindings.get(like.id) if like.__class__ is gast.Name else None
        value = getattr(stmt, "value", None)
        array, index = call.args[1], call.args[2]
        if value.__class__ is not gast.Subscript or array.__class__ is not gast.Name or \
                array.id not in self.float64:
            return False
        names = [n.id for n in walk(index) if n.__class__ is gast.Name] + [array.id]
        return all(self.counts.get(n, 0) <= 1 for n in names) and \
            gast.dump(value.value) == gast.dump(array) and gast.dump(value.slice) == gast.dump(index)

    def selects(self, where: gast.Call, side: int, like: gast.expr, g: gast.expr) -> bool:
        """Whether ``np.where(c, view, b)`` (the view, maybe times numbers, at ``side``) spreads
        a view of ``g`` over ``like``, a float64 value, by itself: its other branch ``b`` and
        ``g`` are numbers (so ``np.where(c, g, b)`` is float64, as the view is), and ``c`` has
        ``like``'s shape: a name bound once to a comparison of a value that covers ``like`` with
        a number."""
        if like.__class__ is not gast.Name or like.id not in self.float64 or \
                not plain_number(where.args[3 - side]) or not plain_number(g):
            return False
        condition = where.args[0]
        stmt = self.bindings.get(condition.id) if condition.__class__ is gast.Name else None
        test = getattr(stmt, "value", None)
        if test.__class__ is not gast.Compare or len(test.ops) != 1:
            return False
        left, right = test.left, test.comparators[0]
        return plain_number(right) and self.covers(left, like) or \
            plain_number(left) and self.covers(right, like)

    def scalar(self, node: gast.expr) -> bool:
        """A number, or ``_rt.reduced_size(...)`` (an int): broadcasting adds no axis for it."""
        if plain_number(node):
            return True
        func = getattr(node, "func", None)
        return node.__class__ is gast.Call and func.__class__ is gast.Attribute and \
            func.attr == "reduced_size" and func.value.__class__ is gast.Name and \
            func.value.id == self.rt
