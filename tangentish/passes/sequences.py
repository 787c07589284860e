"""Lists and tuples met by ``+``, ``*`` and slice assignment, which change their length.

``[x] + [w]``, ``xs * 2`` and ``xs[0:1] = [a, b]`` join, repeat or splice the items, and
``xs.extend(xs)`` reads the list it grows; the derivative rules of ``+`` and ``*`` are those of
arithmetic (the adjoint of ``a + b`` un-broadcasts to each operand), and the adjoint of ``x[i] =
v`` assumes that the length stays.  Applied to lists they gave silently wrong gradients (or a raw
error), so where an operand *surely* holds a list or tuple the operation is refused, with the
spelling that is differentiated (a display then ``append``/``extend``, ``np.concatenate``,
``np.tile``); except ``a + b`` where *both* surely do: a join, whose rules (``runtime.joined``)
split the result's adjoint where ``a`` ends; and ``xs * k`` or ``k * xs`` where exactly one
does: a repetition (``[0.0] * n``, ``np.stack([x] * 3)``), whose rules (``runtime.repeated``)
add up the adjoints of each item's copies. "Surely": made by a display (``[a, b]``, ``(a,)``),
``list(...)``/``tuple(...)``/``sorted(...)``, a NumPy split (``np.array_split``...),
``append``/``extend``/``pop`` (generated code's list helpers), a slice or copy of such a value, a
join of two, or a helper's parameter its caller hands one, on every binding (a greatest
fixpoint, so a list carried around a loop, ``hs = hs + [h]``, counts; the placeholder ``hs =
_rt.UNBOUND`` of a name with no value yet, which a loop's first pass binds in a branch, is no
binding: a use of it raises). An item of a list (``hs[-1]``) is not surely a list, so ``hs[-1] +
xs[t]`` stays arithmetic.  So does ``pos + [a, b]`` where ``pos`` surely holds an array or a
number (:mod:`.numeric_values`: NumPy's elementwise sum, the list read as an array), or would if
some parameters did, which the derivative then checks when it runs; where the other operand is
a local not known either way, it is refused.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x, w):
    ...     return np.sum(np.stack([x] + [w]) * np.array([[1.0], [2.0]]))
    >>> tangentish.grad(f, wrt=(0, 1))(np.ones(2), np.ones(2))
    (array([1., 1.]), array([2., 2.]))
    >>> def g(x, w):
    ...     return np.sum(np.stack([x] + w))  # (w: maybe a list, maybe an array)
    >>> tangentish.grad(g)(np.ones(2), np.ones(2))  # (an array w: the elementwise sum)
    array([1., 1.])
    >>> tangentish.grad(g)(np.ones(2), [np.ones(2)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tangentish.errors.UnsupportedConstructError: `+` joins the lists or tuples ...
"""

from __future__ import annotations

import builtins
import operator

import gast
import numpy as np

from .. import ir, runtime
from ..errors import UnsupportedConstructError
from ..syntax.tree_walk import walk
from .complex_paths import element_write
from .dataflow import statements
from .dataflow import target as target_of
from .normalize import Normalized

_MAKERS = {builtins.list, builtins.tuple, builtins.sorted,  # (sorted: ``xs.sort()``, list_methods)
           np.split, np.array_split, np.hsplit, np.vsplit, np.dsplit}  # (a new list of views)
MAKER_HELPERS = frozenset({"appended", "extended", "unpopped", "joined", "repeated"})
"""The runtime helpers that make a list or tuple (``runtime.helper_named``: their family need not
be imported to tell)."""
COPY_HELPERS = frozenset({"private"})
"""The runtime helpers that copy their operand, a list as a list (``_rt.private``: a derivative's
own copy of a list it changes, which it then slices and joins, as ``xs.pop(0)`` in a loop): a
sequence exactly where their operand is one, to every analysis of a gradient differentiated again
(here and :func:`.shapes.sequence_names`)."""
LIKE_HELPERS = {"unindex": 1, "add_at": 2, "conform": 1, "recast": 1}
"""A gradient's helpers whose result is an adjoint in the form of their ``like`` argument (at that
position): of a list or tuple, its adjoint's form, an object array of items where they differ in
shape (``_rt.unindex(g, pair, 1)`` of a helper's tuple result ``pair``), which a second transform
must treat as a sequence: its mask one per item, not an array's, as :func:`adjoint_of_sequence`."""


def sequence_operand(node: gast.expr | None, sequences: set[str]) -> bool:
    """Whether ``node`` is one of ``sequences`` or a list or tuple display (``_rt.private([a,
    b])``, a gradient's own copy of the list ``[a, b]`` it changes, is a list to the transform
    that differentiates it again: grammar seed 8121 program 6)."""
    return isinstance(node, (gast.List, gast.Tuple)) or \
        isinstance(node, gast.Name) and node.id in sequences


def adjoint_of_sequence(op: ir.Op, sequences: set[str]) -> bool:
    """Whether ``op`` is a :data:`LIKE_HELPERS` call whose ``like`` is one of ``sequences`` (its
    tangent's mask ``np.broadcast_to``'d as an array's raised: grammar seed 6720 program 27)."""
    for name, at in LIKE_HELPERS.items():
        if runtime.helper_named(op.key, frozenset((name,))):
            like = op.args[at] if len(op.args) > at else None
            return isinstance(like, gast.Name) and like.id in sequences
    return False


def surely_sequences(norm: Normalized) -> set[str]:
    """The names holding a list or tuple on every run (see the module docstring)."""
    definitions: dict[str, list[ir.Op | None]] = {}
    for stmt in statements(norm.body):
        name = target_of(stmt)
        if name is not None and ir.note(stmt).placeholder:  # (no value yet: any use raises,
            definitions.setdefault(name, [])  # so it holds a sequence wherever one is used)
            continue
        if name is not None and ir.note(stmt).updates is None:
            ops = definitions.get(name)
            if ops is None:
                definitions[name] = [ir.note(stmt).op]
            else:
                ops.append(ir.note(stmt).op)
        elif isinstance(stmt, gast.For):  # a loop target: an item, not surely a sequence
            for node in walk(stmt.target):
                if isinstance(node, gast.Name):
                    definitions.setdefault(node.id, []).append(None)
    # (a name with a definition that makes no sequence whatever the others hold is out from the
    # start: the answer is the same, since one that does only needs more names to be sequences)
    found = {name for name, ops in definitions.items() if name not in norm.params
             and not any(_never_sequence(op) for op in ops)}
    found |= {name for name in norm.sequence_params if name not in definitions}  # (handed one)
    changed = True
    while changed:
        changed = False
        for name in sorted(found):
            for op in definitions.get(name, ()):
                if op is None or not _makes_sequence(op, found, norm.elementwise):
                    found.discard(name)
                    changed = True
                    break
    return found


def _never_sequence(op: ir.Op | None) -> bool:
    """Whether :func:`_makes_sequence` is false of ``op`` whatever names are sequences."""
    if op is None:
        return True
    key = op.key
    if op.is_display or key is None or key is list.copy or key is operator.getitem or \
            key is operator.add or key is operator.mul or runtime.helper_named(key, COPY_HELPERS):
        return False
    try:
        return key not in _MAKERS and not runtime.helper_named(key, MAKER_HELPERS)
    except TypeError:
        return True


def _makes_sequence(op: ir.Op, sequences: set[str], elementwise: set[int]) -> bool:
    args = [a.id if isinstance(a, gast.Name) else None for a in op.args]
    if op.is_display:
        return True
    if op.key is None or op.key is list.copy or runtime.helper_named(op.key, COPY_HELPERS):  # a copy
        return len(args) == 1 and sequence_operand(op.args[0], sequences)
    if op.key is operator.getitem:  # a slice of a list is a list
        return len(args) == 2 and args[0] in sequences and isinstance(op.args[1], gast.Slice)
    if op.key is operator.add:
        return len(args) == 2 and all(a in sequences for a in args)
    if op.key is operator.mul:
        return any(a in sequences for a in args) and id(op) not in elementwise
    try:
        return op.key in _MAKERS or runtime.helper_named(op.key, MAKER_HELPERS)
    except TypeError:
        return False


def refuse_sequence_arithmetic(norm: Normalized, active: set[str],
                               rows: list[tuple[str, ir.Op]] | None = None,
                               varied: set[str] | frozenset = frozenset()) -> None:
    """Raise for an active ``+``/``*`` with an operand that surely is a list or tuple, or a
    slice assignment into one (see the module docstring).  ``rows``: the ``(defined name,
    operation)`` of each statement with both, in order, if the caller has them; ``varied``: the
    names that vary with the differentiated arguments (``v * [a, b]`` of a varying ``v`` is
    NumPy's elementwise product: no count of a repetition varies)."""
    if rows is None:
        rows = []
        for stmt in statements(norm.body):
            note = stmt.__dict__.get(ir.SLOT)  # (ir.has_op, then ir.note, without two calls)
            name = None if note is None or note.op is None else note.updates or target_of(stmt)
            if name is not None:
                rows.append((name, note.op))
    candidates = [op for name, op in rows if name in active and _length_changing(op)]
    if not candidates:
        return
    sequences = _products_apart(norm, candidates, varied)
    sums = None
    for op in candidates:
        names = [a.id for a in op.args if isinstance(a, gast.Name)]
        if op.key is operator.add and len(names) == 2 and set(names) <= sequences:
            op.key, op.label = runtime.joined, "`+` of two lists or tuples"  # (its own rules)
            continue
        if op.key is operator.mul and _repetition(norm, op, names, sequences, varied):
            continue
        if op.key is operator.mul and len(names) == 2 and sum(n in sequences for n in names) == 1 \
                and any(n in varied for n in names if n not in sequences):
            continue  # (the other operand varies: arithmetic, the list read as an array)
        if op.key is list.extend:  # xs.extend(xs): the items added are the list itself
            raise UnsupportedConstructError(
                "a list extended with itself is not differentiated", norm.info.location(op.node),
                hint="extend it with a copy of itself: `xs.extend(xs[:])`")
        if element_write(op):
            if names and names[0] in sequences:
                raise UnsupportedConstructError(
                    "assigning to a slice of a list may change its length, which the "
                    "derivative does not follow", norm.info.location(op.node),
                    hint="assign items one by one (`xs[i] = v`), or build a new list with "
                    "`append`/`extend`")
        elif op.key is operator.add and _one_listed(op, sequences):
            from .numeric_values import ListSums  # (a list added to an array: imported there)
            sums = sums or ListSums(norm, sequences)
            sums.add(op)  # (NumPy's elementwise sum where the other operand is an array)
        elif _joins_or_repeats(op, names, sequences):
            sign = "+" if op.key is operator.add else "*"
            what = "joins" if sign == "+" else "repeats"
            raise UnsupportedConstructError(
                f"`{sign}` {what} the lists or tuples it meets, which is not differentiated",
                norm.info.location(op.node),
                hint="build the list in place (`ys = [x]`, then `ys.append(v)` or "
                "`ys.extend([a, b])`), or work on arrays: np.concatenate, np.tile")


def _products_apart(norm: Normalized, candidates: list[ir.Op], varied: set[str] | frozenset
                    ) -> set[str]:
    """The names surely holding sequences, once each ``xs * v`` of a varying ``v`` (a float or
    an array: NumPy's elementwise product, never a repetition) is known to make none
    (``norm.elementwise``): its product times a number is arithmetic too."""
    while True:
        sequences = surely_sequences(norm)
        more = {id(op) for op in candidates if op.key is operator.mul and
                _one_listed(op, sequences) and any(isinstance(a, gast.Name) and a.id in varied
                                                   and a.id not in sequences for a in op.args)}
        more -= norm.elementwise
        if not more:
            return sequences
        norm.elementwise |= more


def _one_listed(op: ir.Op, sequences: set[str]) -> bool:
    """Whether exactly one of the two operands of ``op`` is a list or tuple."""
    return len(op.args) == 2 and sum(sequence_operand(a, sequences) for a in op.args) == 1


def _repetition(norm: Normalized, op: ir.Op, names: list[str], sequences: set[str],
                varied: set[str] | frozenset) -> bool:
    """Make ``xs * k`` or ``k * xs`` of exactly one surely-sequence operand and a ``k`` that does
    not vary the repetition it is (``runtime.repeated``, whose rules add each item's copies'
    adjoints, and raise at run time for a ``k`` that is no int), written with the list first
    (the same list either way); whether it did."""
    count = sum(n in sequences for n in names)
    if count != 1 or len(op.args) != 2 or any(n in varied for n in names if n not in sequences):
        return False
    first = op.args[0]
    if not (isinstance(first, gast.Name) and first.id in sequences):
        for stmt in statements(norm.body):
            value = getattr(stmt, "value", None)
            if ir.note(stmt).op is op and isinstance(value, gast.BinOp) and \
                    value.left is first and value.right is op.args[1]:
                value.left, value.right = value.right, value.left
                break
        else:  # (not found as written: left as the refusal it was)
            return False
        op.args.reverse()
    op.key, op.label = runtime.repeated, "`*` of a list or tuple by an int"
    return True


def _joins_or_repeats(op: ir.Op, names: list[str], sequences: set[str]) -> bool:
    """``+`` with a sequence operand, or ``*`` with exactly one (a list times a list raises)."""
    count = sum(n in sequences for n in names)
    return count == 1 if op.key is operator.mul else count > 0


def _length_changing(op: ir.Op) -> bool:
    if op.key is operator.add or op.key is operator.mul:
        return True
    if op.key is list.extend:
        return len(op.args) == 2 and all(isinstance(a, gast.Name) for a in op.args) and \
            op.args[0].id == op.args[1].id
    if element_write(op):
        return len(op.args) > 1 and isinstance(op.args[1], gast.Slice)
    return False

