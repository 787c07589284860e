"""Sum into an adjoint in place where nothing else can see it: ``v += e`` for ``v = v + e``.

(:func:`subtract_negations` first writes ``v = v + -x * y`` as ``v = v - x * y``, so that is
summed in place as ``v -= x * y``.)

``v = v + e`` makes a new array for every term a gradient collects: the RNN's ``wh_bar`` gets one
``(H, H)`` term per step, and each step holds the old sum, the term and the new sum at once.
``v += e`` writes into ``v``, as a hand-written gradient does, which is safe exactly when no other
name, container or caller holds ``v``'s array and the sum has ``v``'s shape and dtype.  So it is
done for an accumulator that

- starts, at the top of the function, as a new float64 array (in derivative code, or in a
  primal statement that copy propagation made compute it, ``v_bar = 0.1 * v``, when every sum
  into it is derivative code):
  ``np.zeros_like(p)`` of a float64 array ``p``, or what an operator or a NumPy ufunc returns
  from operands one of which is a float64 array (proven by :mod:`.dtypes` in a derivative
  specialized to float64 arguments, or such an adjoint made before it).  Then ``v + e`` can only
  keep ``v``'s dtype (a float32 term is widened, as ``+`` would) or be complex, which ``+=``
  refuses loudly (as the call's checks would); a Python float or a float32 start is never taken
  (``1.0 * a32`` is float32, and ``+=`` would round a float64 term into it);
- is bound otherwise only by ``v = v + e`` (in loops and branches too);
- is read, besides the final ``return``, only as an operand of operators, comparisons and NumPy
  functions that make new values (``v * x``, ``np.sum(v, axis=0)``): never copied, taped,
  indexed, passed or captured, so no other reference to its array exists when it is changed,
  and each read sees the value it saw before (the reads and sums run in the same order).

Each term ``e`` is the adjoint of a contribution to ``p`` and has ``p``'s shape (un-broadcasting
put it there), so the sum keeps ``v``'s shape.

    >>> import numpy as np
    >>> import tangentish
    >>> def rnn(w, h, xs):
    ...     for t in range(xs.shape[0]):
    ...         h = np.tanh(h @ w + xs[t])
    ...     return np.sum(h * h)
    >>> df = tangentish.grad(rnn)
    >>> args = (np.eye(3), np.ones((2, 3)), np.ones((4, 2, 3)))
    >>> lines = [line.strip() for line in df.source_for(*args).splitlines()]
    >>> print([line for line in lines if line.startswith(("w_bar", "return"))])
    ['w_bar = np.zeros_like(w)', 'w_bar += h_2.T @ h_2_at_w_bar', 'return w_bar']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import gast
import numpy as np

from .. import ir
from ..syntax.tree_walk import walk
from .dataflow import blocks, definition_counts, statements, target
from .derivative import Derivative
from .signs import without_sign
from .walks import Walks


def accumulate_in_place(fn: Derivative, walks: Walks) -> None:
    """Rewrite the sums of the accumulators the module docstring describes (``walks``: the
    statements' walks; those of the statements rewritten are forgotten)."""
    aliases = (fn.machinery.aliases["np"], fn.machinery.aliases["_rt"])  # (NumPy, runtime)
    first: dict[str, gast.stmt] = {}  # name → the first statement that binds it
    for stmt in statements(fn.body):
        name = target(stmt)
        if name is not None:
            first.setdefault(name, stmt)
    arrays = {name for name, pattern in fn.float64.items() if pattern}  # (float64 arrays)
    starts: dict[str, gast.stmt] = {}
    for stmt in fn.body:  # (in order: an adjoint made from a float64 one is float64 too)
        name = target(stmt)
        if name is not None and first.get(name) is stmt and _fresh(stmt, aliases, arrays):
            starts[name] = stmt
            arrays.add(name)
    if not starts:
        return
    sums: dict[str, list[gast.Assign]] = {name: [] for name in starts}
    spoiled: set[str] = set()  # bound some other way, or read where its array may be kept
    last = fn.body[-1]
    for stmt in statements(fn.body):
        name = target(stmt)
        if name in starts and stmt is starts[name] or stmt.__class__ is gast.Delete:
            continue  # (``del v`` after the last read drops a reference: nothing to keep)
        if name in starts and _sum_into(stmt, name, (gast.Add, gast.Sub)):
            sums[name].append(stmt)
        else:
            spoiled |= walks.others(stmt) & starts.keys()  # (bound, deleted)
        if isinstance(stmt, ir.Marker):  # (what it reads is no node of it)
            spoiled |= walks.reads(stmt) & starts.keys()
        elif stmt is not last and not walks.reads(stmt).isdisjoint(starts):
            spoiled |= _kept(stmt, starts.keys(), aliases)
    for name, found in sums.items():
        if found and name not in spoiled and (ir.note(starts[name]).adjoint or all(
                ir.note(stmt).adjoint for stmt in found)):
            for stmt in found:
                walks.forget(stmt)
                _in_place(stmt)
            _sum_into_copy(fn.body, starts[name], found[0], walks)


def _sum_into_copy(body: list[gast.stmt], start: gast.stmt, first: gast.stmt,
                   walks: Walks) -> None:
    """``v = 1.0 * a`` (a copy of the float64 array ``a``, made to be summed into), then, with
    only comments between, ``v += e`` (``e`` not reading ``v``) as ``v = a + e``: the same values
    bit for bit (``1.0 * a`` is ``a``), one array pass less; likewise ``-=``."""
    value, name = start.value, target(start)
    if not (value.__class__ is gast.BinOp and value.op.__class__ is gast.Mult):
        return
    copied = [side for side, other in ((value.left, value.right), (value.right, value.left))
              if side.__class__ is gast.Name and other.__class__ is gast.Constant and
              type(other.value) is float and other.value == 1.0]
    index = next((i for i, stmt in enumerate(body) if stmt is start), None)
    after = [stmt for stmt in body[index + 1:] if stmt.__class__ is not ir.Comment] \
        if index is not None else []
    if not copied or not after or after[0] is not first or any(
            node.__class__ is gast.Name and node.id == name for node in walk(first.value)):
        return
    start.value = gast.BinOp(left=copied[0], op=first.op, right=first.value)
    walks.forget(start)  # (where the sum was: after the comments of the adjoint it belongs to)
    body[:] = [start if stmt is first else stmt for stmt in body if stmt is not start]


_VIEWLESS = frozenset(("shape", "ndim", "size", "dtype"))  # attributes that are no view


def _kept(stmt: gast.stmt, names: Iterable[str], aliases: tuple[str, str]) -> set[str]:
    """The ``names`` ``stmt`` reads other than as an operand of an operator, a comparison or a
    NumPy function (which make new values): where the array itself may be kept (``w = v``, a
    tuple, a view ``v[i]`` or ``v.T``, an argument of anything else)."""
    names = set(names)
    kept: set[str] = set()
    heads = _heads(stmt)
    for head in heads:
        if head.__class__ is gast.Name and head.id in names and head.ctx.__class__ is gast.Load:
            kept.add(head.id)  # (the whole value)
        for parent in walk(head):
            for child in gast.iter_child_nodes(parent):
                if child.__class__ is gast.Name and child.id in names and \
                        child.ctx.__class__ is gast.Load and not _consumes(parent, child, aliases):
                    kept.add(child.id)
    return kept


def _heads(stmt: gast.stmt) -> list[gast.AST]:
    """The expressions of a statement itself (not of the statements in its body)."""
    kind = stmt.__class__
    if kind is gast.Assign:
        return [stmt.value, *stmt.targets]
    if kind in (gast.Expr, gast.Return):
        return [stmt.value] if stmt.value is not None else []
    if kind is gast.For:
        return [stmt.iter, stmt.target]
    if kind in (gast.If, gast.While):
        return [stmt.test]
    return [stmt]


def _consumes(parent: gast.AST, child: gast.Name, aliases: tuple[str, str]) -> bool:
    """Whether ``parent`` makes a new value of ``child``'s (an operand, a NumPy call's argument,
    a runtime helper's of :data:`_NEW_RUNTIME`, a shape), keeping no reference to its array
    (``aliases``: those of NumPy and of the runtime)."""
    kind = parent.__class__
    if kind in (gast.BinOp, gast.UnaryOp, gast.Compare):
        return True
    if kind is gast.Attribute:
        return parent.attr in _VIEWLESS
    return kind is gast.Call and child in parent.args and \
        (_numpy(parent, aliases[0]) in _NEW_VALUES or _numpy(parent, aliases[1]) in _NEW_RUNTIME)


_NEW_VALUES = frozenset(("sum", "mean", "dot", "matmul", "exp", "log", "sqrt", "sin", "cos",
                         "tanh", "sign", "abs", "maximum", "minimum", "where", "outer",
                         "heaviside", "log1p", "expm1", "square", "negative"))
"""NumPy functions whose result is a new array (never the argument or a view of it)."""
_NEW_RUNTIME = frozenset(("chosen", "step"))
"""Runtime helpers that keep no reference to their arguments and return a new array of the
broadcast operands' dtype (``chosen(g, w)``: ``np.multiply(g, w)``, repaired by ``np.where``;
tests/test_accumulate.py checks it shares no memory with either), as a ufunc does."""


def _fresh(stmt: gast.stmt, aliases: tuple[str, str], arrays: set[str]) -> bool:
    """``v = np.zeros_like(p)`` for a float64 array ``p``, or ``v`` bound to the result of an
    operator or a NumPy ufunc (a new array) with a float64 array among its operands (``arrays``:
    so the result is a float64 array, whatever else it is made from: a float32 value times a
    Python float stays float32)."""
    if target(stmt) is None:
        return False
    value = stmt.value
    if _numpy(value, aliases[0]) == "zeros_like":
        return len(value.args) == 1 and not value.keywords and _wide(value.args[0], aliases, arrays)
    return value.__class__ in (gast.BinOp, gast.UnaryOp, gast.Call) and \
        _wide(value, aliases, arrays)


def _wide(node: gast.expr, aliases: tuple[str, str], arrays: set[str]) -> bool:
    """Whether ``node`` is a float64 array (or complex, or an error) for certain: a name of
    ``arrays``, or arithmetic, a NumPy ufunc or a runtime helper of :data:`_NEW_RUNTIME` with
    such an operand."""
    kind = node.__class__
    if kind is gast.Name:
        return node.id in arrays
    if kind is gast.BinOp:
        return _wide(node.left, aliases, arrays) or _wide(node.right, aliases, arrays)
    if kind is gast.UnaryOp:
        return node.op.__class__ in (gast.USub, gast.UAdd) and _wide(node.operand, aliases, arrays)
    return not getattr(node, "keywords", True) and \
        (isinstance(getattr(np, _numpy(node, aliases[0]) or "", None), np.ufunc) or
         _numpy(node, aliases[1]) in _NEW_RUNTIME) and \
        any(_wide(arg, aliases, arrays) for arg in node.args)


def _numpy(node: gast.expr, numpy: str) -> str | None:
    """``NAME`` for a call ``np.NAME(...)``, else None."""
    func = getattr(node, "func", None)
    if node.__class__ is gast.Call and func.__class__ is gast.Attribute and \
            func.value.__class__ is gast.Name and func.value.id == numpy:
        return func.attr
    return None


def _sum_into(stmt: gast.Assign, name: str, ops: tuple[type, ...] = (gast.Add,)) -> bool:
    """``name = name + e`` (``e`` is computed, a new value, before ``+=`` writes)."""
    value = stmt.value
    return value.__class__ is gast.BinOp and value.op.__class__ in ops and \
        value.left.__class__ is gast.Name and value.left.id == name


def _in_place(stmt: gast.Assign) -> None:
    """Turn ``v = v + e`` into ``v += e``, ``v = v - e`` into ``v -= e`` (the same node, its
    notes kept)."""
    stmt.__class__ = gast.AugAssign
    stmt.target = stmt.targets[0]
    stmt.op = stmt.value.op
    stmt.value = stmt.value.right
    del stmt.targets
    ir.note(stmt).summed = True  # (v keeps its own array: it never holds e's)


def subtract_negations(fn: Derivative, walks: Walks) -> None:
    """``v = v + -x`` and ``v = v + (-x) * y`` (a term whose first factor is negated, through
    ``*`` and ``/``) as ``v = v - x`` and ``v = v - x * y``: the same values bit for bit
    (negation is exact and a product's rounding is symmetric in sign), one array operation less
    (``walks``: those of the statements rewritten are forgotten).  So too when that first factor
    is a name ``t`` bound once, to ``-x``, and read nowhere else: ``minus_t = x`` and
    ``v = v - minus_t * y``.  In place likewise (:func:`_subtract_in_place`)."""
    _subtract_in_place(fn, walks)
    negated, renamed = _negated(fn, walks), {}
    for stmt in statements(fn.body):
        name = target(stmt)
        if name is None or not ir.note(stmt).adjoint or not _sum_into(stmt, name):
            continue
        unsigned = without_sign(stmt.value.right)
        if unsigned is not None:
            stmt.value.right, stmt.value.op = unsigned, gast.Sub()
            walks.forget(stmt)
            continue
        first = _first_factor(stmt.value.right)
        source = negated.pop(first.id, None) if first.__class__ is gast.Name else None
        if source is not None and sum(n.__class__ is gast.Name and n.id == first.id
                                      for n in walk(stmt.value)) == 1:
            source.value = source.value.operand
            stmt.value.op = gast.Sub()
            renamed[first.id] = fn.namer.fresh(f"minus_{first.id}")  # (it holds -t now)
            walks.forget(stmt)
            walks.forget(source)
    if renamed:
        _rename(fn, renamed, walks)


def _subtract_in_place(fn: Derivative, walks: Walks) -> None:
    """``v[i] += -x * y`` as ``v[i] -= x * y``; and ``t = -x`` then, as the next statement,
    ``v[i] += t`` (or ``v += t``), ``t`` bound and read there alone, as ``v[i] -= x`` (``t``
    and a ``del t`` gone): one array operation and one temporary less, the same values (IEEE's
    ``a - b`` is ``a + (-b)``, and nothing runs between the two statements to change ``x``)."""
    gone: set[str] = set()
    for block in blocks(fn.body):
        for index, stmt in enumerate(block):
            if stmt.__class__ is not gast.AugAssign or stmt.op.__class__ is not gast.Add or \
                    not ir.note(stmt).adjoint:
                continue
            unsigned = without_sign(stmt.value)
            if unsigned is None and index and _negation_of(block[index - 1], stmt.value, fn):
                unsigned, gone = block[index - 1].value.operand, gone | {stmt.value.id}
            if unsigned is not None:
                stmt.value, stmt.op = unsigned, gast.Sub()
                walks.forget(stmt)
    if gone:
        for block in blocks(fn.body):
            block[:] = [s for s in (_without(s, gone) for s in block) if s is not None]


def _negation_of(stmt: gast.stmt, term: gast.expr, fn: Derivative) -> bool:
    """``stmt`` is ``t = -x`` in derivative code, for ``term`` the name ``t``, bound nowhere
    else and read only by the next statement (a ``del t`` aside)."""
    if term.__class__ is not gast.Name or target(stmt) != term.id or \
            not ir.note(stmt).adjoint or term.id in fn.protected or \
            stmt.value.__class__ is not gast.UnaryOp or stmt.value.op.__class__ is not gast.USub:
        return False
    uses = sum(node.__class__ is gast.Name and node.id == term.id
               for other in statements(fn.body) if other.__class__ is not gast.Delete
               for node in walk(other))
    return uses == 2  # (its binding and its one read)


def _without(stmt: gast.stmt, gone: set[str]) -> gast.stmt | None:
    """``stmt`` without the bindings and ``del`` of the names ``gone`` (None: nothing left)."""
    if stmt.__class__ is gast.Delete:
        stmt.targets = [t for t in stmt.targets if getattr(t, "id", None) not in gone]
        return stmt if stmt.targets else None
    return None if target(stmt) in gone else stmt


def _rename(fn: Derivative, renamed: dict[str, str], walks: Walks) -> None:
    """Each name of ``renamed`` (bound once, read once, maybe deleted) by its new name."""
    for stmt in statements(fn.body):
        hit = False
        for node in _own_nodes(stmt):
            if node.__class__ is gast.Name and node.id in renamed:
                node.id, hit = renamed[node.id], True
        if hit:
            walks.forget(stmt)


def _own_nodes(stmt: gast.stmt):
    """The nodes of ``stmt`` itself: of a compound statement, its header (test, target,
    iterable), not its blocks, which :func:`statements` yields on their own."""
    if isinstance(stmt, ir.COMPOUND):
        heads = [getattr(stmt, field) for field in ("test", "target", "iter") if hasattr(stmt, field)]
        return (node for head in heads for node in walk(head))
    return walk(stmt)


def _negated(fn: Derivative, walks: Walks) -> dict[str, gast.Assign]:
    """The names bound once, in derivative code, to a negation ``-x`` of an expression (not of a
    name) and read by one statement only (not returned): each with the statement binding it."""
    reads: Counter = Counter()
    for stmt in statements(fn.body):
        reads.update(walks.reads(stmt))
    counts = definition_counts(fn.body)
    found = {}
    for stmt in statements(fn.body):
        name = target(stmt)
        value = getattr(stmt, "value", None)
        if name is not None and counts.get(name) == 1 and reads[name] == 1 and \
                name not in fn.protected and ir.note(stmt).adjoint and \
                value.__class__ is gast.UnaryOp and value.op.__class__ is gast.USub and \
                value.operand.__class__ not in (gast.Name, gast.Constant):
            found[name] = stmt  # (not ``-y``: ``t = y`` would be a copy, its ``del`` left behind)
    return found


def _first_factor(term: gast.expr) -> gast.expr:
    """The first factor of a product or quotient, down its left operands (``term`` itself for
    any other term)."""
    while term.__class__ is gast.BinOp and term.op.__class__ in (gast.Mult, gast.Div):
        term = term.left
    return term
