"""Clean the generated function: constant folding, copy propagation, dead code.

Guarantee: the function computes the same values with no statement whose result is unused, no copy
``a = b`` between names assigned once, and no ``e * 1``, ``e + 0`` or constant arithmetic left from
template instantiation.  Statements with effects (unknown calls, the seed check, tape and in-place
markers) stay.  Every step is one linear pass (:mod:`dataflow` answers the questions), repeated a
bounded number of times, so a 5,000-statement function is cleaned in well under a second.

What it changes in a small derivative, as a diff (``-`` before, ``+`` after):

    >>> import difflib
    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.reverse import reverse
    >>> def f(x, c):
    ...     if c > 0:
    ...         y = x ** 2
    ...     else:
    ...         y = x
    ...     return np.sum(y * 1.0)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = reverse(norm, analyze(norm, ["x"]), ["x"], single=True, with_value=False,
    ...                      fn_name="grad_f")
    >>> before = generate(derivative, "").splitlines()
    >>> after = generate(optimize(derivative, set(norm.params)), "").splitlines()
    >>> for line in difflib.unified_diff(before, after, "before", "after", lineterm="", n=0):
    ...     print(line)
    --- before
    +++ after
    @@ -5,2 +5 @@
    -        y = x ** 2
    -        y_1 = y
    +        y_1 = x ** 2
    @@ -13,2 +12 @@
    -    y_1_times_1_bar = _rt.unreduce(out_bar, y_1_times_1)
    -    y_1_bar = _rt.unbroadcast(y_1_times_1_bar * 1.0, y_1)
    +    y_1_bar = _rt.unbroadcast(_rt.unreduce(out_bar, y_1_times_1), y_1)
    @@ -17 +14,0 @@
    -        y_bar = y_1_bar
    @@ -19 +16 @@
    -        x_bar = y_bar * 2 * x ** (2 - 1)
    +        x_bar = y_1_bar * 2 * x
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter

import gast

from .. import ir
from ..ir import LIST, TUPLE
from ..registry import REGISTRY
from ..syntax import build
from ..syntax.printer import expression_text
from .dataflow import blocks, drop_empty, needed, statements, stores, sweep, target
from .derivative import Derivative
from .substitute import substitute
from .views import use_views
from .walks import Walks

_FOLDABLE = {
    gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
    gast.Div: operator.truediv, gast.Pow: operator.pow,
}
_PURE_BUILTINS = frozenset({tuple, list, str, range, len, min, max, float, int, abs, slice,
                            reversed, TUPLE, LIST})
_ROUNDS = 4
_FOLD_AT = (gast.Constant, gast.UnaryOp)  # what every fold of :class:`_Folder` needs


def _is(node: gast.AST, value: float) -> bool:
    return build.is_number(node) and node.value == value


class _Folder(build.Transformer):
    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        left, right, op = node.left, node.right, type(node.op)
        if build.is_number(left) and build.is_number(right) and op in _FOLDABLE:
            try:
                value = _FOLDABLE[op](left.value, right.value)
            except (ZeroDivisionError, OverflowError):
                return node
            if isinstance(value, (int, float)) and abs(value) < 1e15:
                return build.constant(value)
        if op is gast.Mult and _is(left, 1):
            return right
        if op in (gast.Mult, gast.Div, gast.Pow) and _is(right, 1):
            return left
        if op is gast.Add and _is(left, 0):
            return right
        if op in (gast.Add, gast.Sub) and _is(right, 0):
            return left
        return node

    def visit_UnaryOp(self, node: gast.UnaryOp) -> gast.expr:
        self.generic_visit(node)
        if isinstance(node.op, gast.USub):
            inner = node.operand
            if build.is_number(inner):
                return build.constant(-inner.value)
            if isinstance(inner, gast.UnaryOp) and isinstance(inner.op, gast.USub):
                return inner.operand
        return node


def _pure(stmt: gast.stmt) -> bool:
    """Whether an assignment may be dropped when its result is unused."""
    op = ir.note(stmt).op
    if op is None or op.key is None:
        return True
    key = op.key
    try:
        return REGISTRY.known(key) or key in _PURE_BUILTINS
    except TypeError:  # an unhashable key
        return False


def fold_constants(fn: Derivative, walks: Walks | None = None) -> None:
    """Arithmetic is folded in derivative code only: in the primal, ``y = x * 1.0`` is how people
    copy an array they then change in place (a value with no number nor negation is not visited)."""
    folder, walks = _Folder(), walks or Walks()
    for stmt in statements(fn.body):
        if ir.note(stmt).adjoint and isinstance(stmt, (gast.Assign, gast.Expr)) and \
                any(isinstance(n, _FOLD_AT) for n in walks.value(stmt)):
            stmt.value = folder.visit(stmt.value)
            walks.forget(stmt)


class _Reads:
    """:func:`header_loads` of each statement, remembered across the rounds: a statement's reads
    change only when copy propagation renames what it reads, and then by that renaming."""

    def __init__(self, walks: Walks | None = None) -> None:
        self.walks = walks or Walks()
        self.known: dict[int, tuple[gast.stmt, set[str]]] = {}  # the statement keeps its id

    def __call__(self, stmt: gast.stmt) -> set[str]:
        found = self.known.get(id(stmt))
        if found is None:
            found = self.known[id(stmt)] = (stmt, self.walks.reads(stmt))
        return found[1]

    def renamed(self, renames: dict[str, str]) -> None:
        if not renames:
            return
        renamed = set(renames)  # (isdisjoint with a dict would walk the whole dict each time)
        for key, (stmt, reads) in self.known.items():
            if not reads.isdisjoint(renamed):
                self.known[key] = (stmt, {_final(renames, n) for n in reads})


def _final(renames: dict[str, str], name: str) -> str:
    """Where a chain of renames ``a → b → c`` ends (a cycle stops where it closes)."""
    seen = set()
    while name in renames and name not in seen:
        seen.add(name)
        name = renames[name]
    return name


def fold_repeated_terms(fn: Derivative, reads: _Reads | None = None) -> None:
    """``v = E`` then ``v = v + E`` (the adjoint of ``x * x``, ``x + x``: both operands add the
    same term) → ``v = 2 * E``, which is the same number (doubling is exact); ``v = v + E`` twice
    → ``v = v + 2 * E`` (one rounding fewer).  Only in derivative code, and only when nothing
    between the two statements reads or rebinds ``v`` or a name ``E`` reads."""
    reads = reads or _Reads()
    for block in blocks(fn.body):
        accumulated = {target(s) for s in block if _accumulates(s)}
        index = 0
        while index < len(block) - 1:
            if target(block[index]) in accumulated and _fold_pair(block, index, reads):
                continue
            index += 1


def _fold_pair(block: list[gast.stmt], index: int, reads: _Reads) -> bool:
    first = block[index]
    name = target(first)
    if name is None or not ir.note(first).adjoint or not isinstance(first.value, gast.expr):
        return False
    term = first.value.right if _accumulates(first) else first.value  # ``v = v + E`` or ``v = E``
    watched = build.loads(term)
    if name in watched:
        return False
    watched = watched | {name}
    for later in range(index + 1, len(block)):
        stmt = block[later]
        if isinstance(stmt, ir.Comment):
            continue
        if _adds_same_term(stmt, name, term):
            doubled = build.binop(build.constant(2), "*", term)
            if term is first.value:
                first.value = doubled
            else:
                first.value.right = doubled
            reads.walks.forget(first)
            del block[later]
            return True
        if isinstance(stmt, ir.COMPOUND) or not watched.isdisjoint(reads(stmt)) or \
                not watched.isdisjoint(stores(stmt)):
            return False
    return False


def _accumulates(stmt: gast.stmt) -> bool:
    """Whether ``stmt`` is ``v = v + term`` (derivative code)."""
    name, value = target(stmt), getattr(stmt, "value", None)
    return (name is not None and ir.note(stmt).adjoint and isinstance(value, gast.BinOp)
            and isinstance(value.op, gast.Add) and isinstance(value.left, gast.Name)
            and value.left.id == name)


def _adds_same_term(stmt: gast.stmt, name: str, term: gast.expr) -> bool:
    """Whether ``stmt`` is ``name = name + term`` (derivative code)."""
    return (target(stmt) == name and _accumulates(stmt)
            and expression_text(stmt.value.right) == expression_text(term))


def _facts(body: list[gast.stmt], reads: _Reads) -> tuple[dict[str, int], dict[str, int],
                                                          set[str]]:
    """In one walk: :func:`definition_counts`, how many statements read each name, and the
    variables changed in place."""
    counts: dict[str, int] = {}
    read: list[str] = []  # every statement's reads, counted at the end (in one C loop)
    updated: set[str] = set()
    slot = ir.SLOT
    for stmt in statements(body):
        read.extend(reads(stmt))
        marks = stmt.__dict__.get(slot)
        changed = marks.updates if marks is not None else None
        if changed:
            updated.add(changed)
        elif changed is None and target(stmt) is not None and \
                stmt.targets[0].ctx.__class__ is gast.Store:  # plain ``name = value``: fast
            counts[stmt.targets[0].id] = counts.get(stmt.targets[0].id, 0) + 1
            continue
        bound = stores(stmt)
        if changed is not None:
            bound = bound | {changed}
        for identifier in bound:
            counts[identifier] = counts.get(identifier, 0) + 1
    return counts, Counter(read), updated


def propagate_copies(fn: Derivative, params: set[str], reads: _Reads | None = None) -> bool:
    """Fold copies ``a = b``.  When ``b`` is bound once, just before in the same block, and read
    only by the copy, ``b``'s definition takes the name ``a`` (``b = e; a = b`` → ``a = e``).
    Otherwise, when ``a`` is bound once and ``b`` once too (or ``b`` is not bound again before
    the last read of ``a``, see :func:`_confined`), the uses of ``a`` read ``b``."""
    reads = reads or _Reads()
    counts, uses, updated = _facts(fn.body, reads)
    renames: dict[str, str] = {}
    renamed_to: set[str] = set()  # renames.values(), without a walk of them per statement
    folded: dict[str, str] = {}
    removed: set[int] = set()
    for block in blocks(fn.body):
        order: _Order | None = None
        for index, stmt in enumerate(block):
            name = target(stmt)
            if name is None or not isinstance(stmt.value, gast.Name) or ir.note(stmt).keep \
                    or name in updated or name in renames or name in renamed_to:
                continue
            source = stmt.value.id
            if source == name or source in updated or source in renames or \
                    source in renamed_to:
                continue
            if _fold_backward(block, index, source, name, counts, uses, params, removed):
                folded[source] = name
                removed.add(id(stmt))
            elif counts.get(name, 0) == 1 and name not in params:
                if counts.get(source, 0) != 1 and source not in params:
                    order = order or _Order(block, reads)
                    if not _confined(order, index, name, source, uses):
                        continue
                renames[name] = source
                renamed_to.add(source)
                removed.add(id(stmt))
    if not removed:
        return False
    for block in blocks(fn.body):
        block[:] = [s for s in block if id(s) not in removed]
    _rename_reads(fn.body, renames, reads)
    _rename_sharing(fn, {**folded, **renames})
    return True


def _rename_reads(body: list[gast.stmt], renames: dict[str, str], reads: _Reads) -> None:
    """Make the statements that read a renamed name read its new name (only those are walked:
    a renamed name is bound nowhere any more, its one binding was the copy removed)."""
    renamed, name_kind, walks = set(renames), gast.Name, reads.walks
    for stmt in statements(body):
        if reads(stmt).isdisjoint(renamed):
            continue
        for node in walks.value(stmt) if isinstance(stmt, gast.For) else walks.nodes(stmt):
            if node.__class__ is name_kind and node.id in renamed:
                node.id = _final(renames, node.id)
        if isinstance(stmt, ir.Restore):  # what its undo reads (kept alive by it) is renamed too
            stmt.reads = tuple(sorted({_final(renames, n) for n in stmt.reads}))
        walks.renamed(stmt)
    reads.renamed(renames)


class _Order:
    """Where in one block each name is read and bound: for each, the indices of the block's
    statements whose code (nested blocks included) reads it (once per reading statement) or
    binds it, in order."""

    def __init__(self, block: list[gast.stmt], reads: _Reads):
        self.length = len(block)
        self.readers: dict[str, list[int]] = {}
        self.binders: dict[str, list[int]] = {}
        for index, top in enumerate(block):
            for stmt in statements([top]) if isinstance(top, ir.COMPOUND) else (top,):
                for identifier in reads(stmt):
                    self.readers.setdefault(identifier, []).append(index)
                for identifier in stores(stmt):
                    self.binders.setdefault(identifier, []).append(index)


def _confined(order: _Order, index: int, name: str, source: str, uses: dict[str, int]) -> bool:
    """For a copy ``name = source`` at ``index`` of a block with ``source`` bound more than once
    (a loop-carried adjoint: ``s_5_bar = s_1_bar`` at the top of an iteration): whether every
    read of ``name`` follows the copy in this block before anything binds ``source`` again, so
    that reading ``source`` there instead gives the same value."""
    binds = order.binders.get(source, [])
    later = bisect.bisect_right(binds, index)
    end = binds[later] if later < len(binds) else order.length
    readers = order.readers.get(name, [])
    inside = bisect.bisect_left(readers, end) - bisect.bisect_right(readers, index)
    return inside == uses.get(name, 0)


def _rename_sharing(fn: Derivative, mapping: dict[str, str]) -> None:
    """Keep the aliasing facts the tape reads in step with renamed variables."""
    fn.sharing = {_final(mapping, k): frozenset(_final(mapping, n) for n in v)
                  for k, v in fn.sharing.items()}


def _fold_backward(block: list[gast.stmt], index: int, source: str, name: str,
                   counts: dict[str, int], uses: dict[str, int], params: set[str],
                   removed: set[int]) -> bool:
    """``b = e ... a = b`` in one block, ``b`` bound once and read only by the copy, nothing in
    between touching ``a``: ``b``'s definition becomes ``a = e`` (copies already folded in this
    round, still in the block, are skipped: a chain of copies folds into its first statement)."""
    if source in params or counts.get(source, 0) != 1 or uses.get(source, 0) != 1:
        return False
    for earlier in range(index - 1, -1, -1):
        stmt = block[earlier]
        if id(stmt) in removed:
            continue
        if target(stmt) == source and not ir.note(stmt).keep:
            stmt.targets[0].id = name
            return True
        if isinstance(stmt, ir.COMPOUND) or name in build.names(stmt) or \
                source in build.names(stmt):
            return False
    return False


def eliminate_dead_code(fn: Derivative, reads: _Reads | None = None) -> bool:
    roots = set(fn.protected)
    keep = needed(fn.body, roots, _pure, reads or _Reads())
    changed = sweep(fn.body, keep)
    return drop_empty(fn.body) or changed


def optimize(fn: Derivative, params: set[str], reverse: bool = True) -> Derivative:
    """Fold, propagate copies and remove dead code, a few linear rounds.  In reverse mode, then,
    single-use temporaries go into their use (:mod:`substitute`) and the adjoints of full
    reductions that only arithmetic reads become broadcast views (:mod:`views`); forward mode
    keeps a statement per operation, which ``check_grads`` compares one by one."""
    reads = _Reads()  # (its walks are made as the steps ask, fold_constants first)
    fold_constants(fn, reads.walks)
    fold_repeated_terms(fn, reads)
    for index in range(_ROUNDS):
        copied = propagate_copies(fn, params, reads)
        if index and not copied:  # nothing changed since dead code was last removed
            break
        if not eliminate_dead_code(fn, reads) and not copied:
            break
    if reverse:
        substitute(fn, params, reads.walks)
        use_views(fn, reads.walks)
    return fn
