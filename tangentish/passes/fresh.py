"""Fresh values: which operations make an array of their own, and when an array changed in place
was surely made in the current pass through its block.

:mod:`aliases` treats a statement as one *root* however often it runs, so in a loop the array a
statement makes in this iteration and the ones it made in earlier iterations look like one
object.  A list that holds the earlier ones (``hist.append(best)``, or the tape of a generated
gradient being differentiated again) then seems to hold the array a later ``best[0] = v``
changes, and the change is refused.  :func:`made_here` proves the opposite, locally and
conservatively: the changed name was bound, earlier in the *same* statement list (a compound
statement in between only reading it, as :func:`made_around` asks), by an operation that makes a
fresh value (:func:`makes_fresh`), directly or through copies ``y = x`` (not through indexing:
an item of a new list, as in ``(old + [v])[0]``, may be an old array), and nothing in between
put the array (or a view of it) into a list, tuple or array or passed it to a call that could
keep it.  Then the
array was made in this pass through the block and no list or tuple can hold it yet, whatever
they held before, so the lists need not be refused; other names that may share its memory are
still checked at run time by :mod:`aliases`.  When the proof fails the change is refused as
before.  :func:`made_around` makes the same proof for a change inside loops and branches (a list
a comprehension fills, ``v = []`` then ``v.append(...)`` in the comprehension's loop): the value
was made, and put in nothing, before the compound statement holding the change, and nothing in
that statement puts it anywhere or binds its names again.  Below, ``hist`` holds the earlier
iterations' arrays, never the one ``best[0] = ...`` changes:

    >>> import gast
    >>> import numpy as np
    >>> from tangentish import ir
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     hist = []
    ...     best = np.zeros(3)
    ...     for row in x:
    ...         hist.append(best)
    ...         best = np.maximum(best, row)
    ...         best[0] = 0.5 * best[0]
    ...     return np.sum(best) + np.sum(hist[0])
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> loop = next(s for s in norm.body if isinstance(s, gast.For))
    >>> append, change = [s for s in loop.body if ir.note(s).updates]  # hist, best
    >>> made_here(loop.body, change, ir.note(change).updates)
    True
    >>> made_here(loop.body, append, "hist")  # made before the loop: not proven, refused
    False
"""

from __future__ import annotations

import functools
import operator

import gast
import numpy as np

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from ..syntax.methods import METHODS
from .dataflow import header_loads, path_to, statements, stores

# NumPy functions (besides ufuncs) whose result never shares memory with their arguments.
_FRESH_NUMPY = (
    "sum", "mean", "prod", "std", "var", "max", "min", "amax", "amin", "ptp", "cumsum", "cumprod",
    "dot", "inner", "outer", "vdot", "tensordot", "kron", "matmul", "array", "copy", "concatenate",
    "stack", "vstack", "hstack", "column_stack", "where", "clip", "zeros", "ones", "full", "empty",
    "zeros_like", "ones_like", "full_like", "empty_like", "eye", "identity", "arange", "linspace",
    "sort", "argsort", "argmax", "argmin", "count_nonzero", "any", "all", "trace", "cross",
    "average", "median", "nansum", "nanmean", "diff", "tile", "repeat", "pad", "select",
    "allclose", "isclose", "array_equal", "nonzero", "flatnonzero", "searchsorted", "round",
    "around", "polyval", "interp", "convolve", "correlate", "quantile", "percentile", "nanmedian",
    "nanquantile", "nanpercentile", "nanmax", "nanmin", "nanprod", "nanstd", "nanvar", "take",
    "shape", "ndim", "size", "result_type",
)
# An array's attributes that describe it and hold none of its memory (``o.dtype``: the out=
# rewrite's ``.astype(o.dtype, ...)`` read it after `o[...] = v` at second order, seed 5402).
_LAYOUT_ATTRIBUTES = frozenset({"dtype", "shape", "ndim", "size", "itemsize", "nbytes"})
# A ufunc's methods that return a new array (``np.maximum.accumulate(b)``); ``at`` works in place.
_FRESH_UFUNC_METHODS = frozenset({"accumulate", "reduce", "outer", "reduceat"})
_FRESH_OPERATORS = (
    operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod,
    operator.pow, operator.matmul, operator.neg, operator.pos, operator.not_, operator.lt,
    operator.le, operator.gt, operator.ge, operator.eq, operator.ne, operator.is_,
    operator.is_not, operator.contains,
)
_FRESH_BUILTINS = (len, float, int, bool, str, range, abs, sum, isinstance)


# Runtime helpers that always return new values (tests/test_fresh.py calls each on arrays of many
# shapes and checks that its result shares no memory with any argument): the adjoints of products
# among them, which derivative code differentiated again meets in loops (a forward substitution).
FRESH_HELPERS = ("private", "own", "zeros_like", "set_index", "unindex", "unreduce",
                 "reduced_size", "matmul_left", "matmul_right", "dot_left", "dot_right",
                 "inner_left", "inner_right", "read_mask", "reads",
                 # the weights and products of selections' adjoints (max, min, clip, where)
                 "chosen", "ties", "pick_first", "fpick_first", "step", "clip_inside",
                 "clip_lower", "clip_upper", "kept_ties", "start_share", "divided",
                 # where an in-place write goes, and how many values it takes (an int)
                 "put_index", "mask_index", "diagonal_index", "written_count")


def _fresh_keys() -> set:
    keys: set = set(_FRESH_OPERATORS) | set(_FRESH_BUILTINS)
    keys |= {getattr(np, name) for name in _FRESH_NUMPY if hasattr(np, name)}
    keys |= {getattr(np.linalg, name) for name in ("norm", "det", "inv", "solve", "pinv")}
    keys |= {getattr(runtime, name) for name in FRESH_HELPERS}
    return keys


_FRESH = _fresh_keys()


def makes_fresh(op: Op) -> bool:
    """Whether ``op``'s result surely shares no memory with its operands (a complex form's, as
    that of the operation it stands for: ``passes/complex_paths.py``)."""
    key = op.key
    if str(getattr(key, "__module__", None)).startswith("tangentish.rules.complex_"):
        from ..rules.complex_forms import STANDS_FOR  # (imported where complex values are)

        key = STANDS_FOR.get(key, key)
    if isinstance(key, np.ufunc):
        return "out" not in op.keywords
    if isinstance(getattr(key, "__self__", None), np.ufunc):  # np.maximum.accumulate(b)
        return getattr(key, "__name__", "") in _FRESH_UFUNC_METHODS and "out" not in op.keywords
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "attribute":
        return key[1] in _LAYOUT_ATTRIBUTES
    if key is np.ndarray.astype:  # (a copy, in the dtype given, unless copy=False is given)
        copy = op.keywords.get("copy")
        return copy is None or isinstance(copy, gast.Constant) and copy.value is True
    if isinstance(getattr(key, "__self__", None), np.ndarray):  # C.copy() of a module's array
        spec = METHODS.get(getattr(key, "__name__", ""))
        return spec is not None and spec.function in _FRESH and "out" not in op.keywords
    if key is runtime.unreduce and "view" in op.keywords:  # (view=True: a broadcast view)
        return False
    try:
        return key in _FRESH and not (key is np.array and "copy" in op.keywords)
    except TypeError:  # an unhashable key
        return False


def inexact_result(op: Op) -> bool:
    """Whether ``op``'s result is surely a NumPy array or an inexact number, never a list, tuple
    or integer (which ``*`` would repeat a list by): a ufunc with one output whose loops all give
    floating or complex results (``np.exp``, ``np.sin``; not ``np.add``, which adds integers),
    or arithmetic with a float (``x * 1.0``) and true division.  Its object loop, for arrays of
    Python objects, gives what those objects' methods return."""
    key = op.key
    if key in _INEXACT_ARITHMETIC:  # a float met by +, -, *, /, **: a float or an array
        return key is operator.truediv or any(
            isinstance(a, gast.Constant) and isinstance(a.value, (float, complex)) for a in op.args)
    return isinstance(key, np.ufunc) and "out" not in op.keywords and _inexact_ufunc(key)


# A list, tuple or integer never comes out of these with a float (``xs * 1.0`` raises), nor out
# of ``/`` (integers divide to a float); an array stays an array.
_INEXACT_ARITHMETIC = (operator.add, operator.sub, operator.mul, operator.truediv, operator.pow)


@functools.cache
def _inexact_ufunc(ufunc: np.ufunc) -> bool:
    return ufunc.nout == 1 and all(set(t.partition("->")[2]) <= set("efdgFDGO")
                                   for t in ufunc.types)


def made_here(block: list[gast.stmt], change: gast.stmt, changed: str) -> bool:
    """Whether ``changed``, changed in place by ``change`` (a statement of ``block``), surely
    holds an array made earlier in this pass through ``block`` that no list or tuple holds."""
    return made_at(block, change, changed) is not None


def made_at(block: list[gast.stmt], change: gast.stmt, changed: str) -> int | None:
    """Where in ``block`` the array :func:`made_here` proves fresh was made (its position), or
    ``None`` when that is not proven."""
    made = _made(block, next(i for i, s in enumerate(block) if s is change), changed, False)
    return None if made is None else made[0]


def sharers(body: list[gast.stmt], change: gast.stmt, changed: str) -> set[str] | None:
    """The only names that may share memory with what ``changed`` holds at ``change`` (an
    in-place change anywhere in ``body``), when that value was made fresh earlier in the change's
    own block, in this pass through it (:func:`_made`): the names its copies and views were bound
    to since; ``None`` when not proven.  Any other name holds a value bound before it was made (in
    an earlier pass of a loop too: ``best = np.maximum(best, row)``, then ``best[0] = v``, where
    the entry value of ``best`` is read later) or made apart from it."""
    block, index = path_to(body, change, [])[-1]
    made = _made(block, index, changed, False)
    return None if made is None else made[1]


def made_around(body: list[gast.stmt], change: gast.stmt, changed: str) -> bool:
    """Whether no list or tuple can hold what ``changed`` holds at ``change``, an in-place change
    anywhere in ``body``: :func:`made_here`, or the same proof one block out or more, for a
    change inside loops and branches (see :func:`made_outside`)."""
    return made_outside(path_to(body, change, []), changed) is not None


def made_outside(path: list, changed: str) -> tuple[int, int] | None:
    """For the in-place change of ``changed`` at the end of ``path`` (the (statement list, index)
    chain down to it): the depth in ``path`` and the position in that block of the statement that
    made, in this pass through the block, the value the change changes, or ``None``.  The value
    (an array made fresh, or a list made by a display such as ``[]``) was made earlier in the
    change's own block or in an enclosing one, before the compound statement holding the change,
    and nothing in that statement, in any of its passes, puts it (or a view of it) into anything,
    passes it to a call or binds its names again (a list a comprehension fills in a loop, taped
    by a gradient that is differentiated again)."""
    for depth in range(len(path) - 1, -1, -1):
        block, index = path[depth]
        made = _made(block, index, changed, True)
        if made is not None and (depth == len(path) - 1 or
                                 _kept_inside(block[index], made[1]) is not None):
            return depth, made[0]
    return None


def _kept_inside(compound: gast.stmt, names: set[str]) -> set[str] | None:
    """When every statement in ``compound`` that reads ``names`` (the names that may hold one
    array or list) only changes it in place, or reads an item or a fresh result of it, and none
    binds them: ``names`` and the names of those copies and items (any pass may run before any),
    else ``None``."""
    if names & _binds(compound) or names & header_loads(compound):
        return None
    inner = [*statements(compound.body), *statements(compound.orelse)]
    names, grew, items = set(names), True, set()
    while grew:
        grew = False
        for stmt in inner:
            if not names & header_loads(stmt) or _changes_only(stmt, names) or \
                    _inspects(stmt) or _records(stmt, items):
                continue
            op, target = ir.note(stmt).op, _single_target(stmt)
            if target is None or not (op.is_copy or op.key is operator.getitem or
                                      makes_fresh(op)):
                return None  # a loop over it, a call, a list or tuple that may keep it
            if op.key is operator.getitem:
                items.add(target)
            if not makes_fresh(op) and target not in names:
                names.add(target)
                grew = True
    return names


def _records(stmt: gast.stmt, items: set[str]) -> bool:
    """Whether ``stmt`` is ``r = _rt.like(v)`` of an item or view ``v`` of the array (or list):
    the layout record a gradient's tape saves, a new object (see :func:`.runtime.like`), never
    the changed array (or list) nor a view of it."""
    op = ir.note(stmt).op
    return op is not None and op.key is runtime.like and _single_target(stmt) is not None and \
        len(op.args) == 1 and isinstance(op.args[0], gast.Name) and op.args[0].id in items


_CHECKS = (runtime.array_operand, runtime.float_target, runtime.check_unshared, runtime.check_like,
           runtime.check_not_array, runtime.check_not_module)


def _inspects(stmt: gast.stmt) -> bool:
    """Whether ``stmt`` is a run-time check that reads its operands and keeps nothing
    (``_rt.float_target(y, 12)``, see cast_guards.py; ``_rt.check_unshared(f, a, ...)``, see
    guards.py), or saves a copy of what an in-place update overwrites (``_tape.append(np.copy(
    f[:-1]))``, see undo.py: its ``save`` note), or only names a value (``last``, the item a
    gradient's ``xs.pop()`` statement drops, met again when it is differentiated)."""
    if not isinstance(stmt, gast.Expr):
        return False
    note = ir.note(stmt)
    return note.save is not None or stmt.value.__class__ is gast.Name or (
        note.op is not None and note.op.key in _CHECKS)  # (a bare name: ``xs.pop()``'s item)


def _changes_only(stmt: gast.stmt, names: set[str]) -> bool:
    """Whether ``stmt`` changes one of ``names`` in place without putting any of them anywhere."""
    note = ir.note(stmt)
    receiver = note.updates or note.augments
    if receiver not in names or note.op is None or receiver not in note.op.operand_names():
        return False
    if note.op.key is runtime.drop_last:  # (``xs.pop()``: the item it drops goes nowhere)
        return True
    operands = note.op.operand_names()
    operands.remove(receiver)  # (the receiver once; a second mention puts it somewhere)
    return not names & set(operands)


def _made(block: list[gast.stmt], index: int, changed: str,
          displays: bool) -> tuple[int, set[str]] | None:
    """Where in ``block``, before ``index``, the value ``changed`` holds there was made fresh,
    and the names that may hold it (or a view of it) at ``index``; ``None`` when not proven."""
    start = _origin(block, index, changed, displays)
    if start is None:
        return None
    names, items = {_single_target(block[start]) or new_list(block[start])}, set()
    for stmt in block[start + 1:index]:
        if isinstance(stmt, ir.COMPOUND):  # (a branch testing it, a loop reading it)
            names = _kept_inside(stmt, names)
            if names is None:
                return None
            continue
        if not names & build.loads(stmt) or _inspects(stmt) or _changes_only(stmt, names) or \
                _records(stmt, items):
            continue  # (a change in place of it, as `f[:-1] += v`, puts it nowhere)
        op = ir.note(stmt).op
        target = _single_target(stmt)
        if target is None or not (op.is_copy or op.key is operator.getitem or makes_fresh(op)):
            return None  # it may keep the array: in a list or tuple, in an array, in a call
        if op.key is operator.getitem:
            items.add(target)
        if not makes_fresh(op):
            names.add(target)  # a copy of the name, or a view
    return start, names


def _origin(block: list[gast.stmt], index: int, name: str, displays: bool = False) -> int | None:
    """The position of the statement, before ``index`` in ``block``, that made the array ``name``
    holds there (through copies ``y = x``), if it is one making a fresh value (or, ``displays``,
    a new list: ``xs = []``)."""
    while True:
        index = next((i for i in range(index - 1, -1, -1) if name in _binds(block[i])), -1)
        if index >= 0 and displays and new_list(block[index]) == name:
            return index
        if index < 0 or _single_target(block[index]) != name:
            return None
        op = ir.note(block[index]).op
        if makes_fresh(op):
            return index
        if not op.is_copy or not op.args or not isinstance(op.args[0], gast.Name):
            return None  # (not through indexing: an item of a new list may be an old array)
        name = op.args[0].id


def new_list(stmt: gast.stmt) -> str | None:
    """``xs`` for ``xs = [...]`` (a list display: a new list, whatever its items)."""
    op = ir.note(stmt).op
    if not isinstance(stmt, gast.Assign) or op is None or op.key is not ir.LIST or \
            len(stmt.targets) != 1 or not isinstance(stmt.targets[0], gast.Name):
        return None
    return stmt.targets[0].id


def _binds(stmt: gast.stmt) -> set[str]:
    if isinstance(stmt, ir.COMPOUND):
        return {n.id for n in build.nodes(stmt)
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)}
    return stores(stmt)


def _single_target(stmt: gast.stmt) -> str | None:
    """``y`` for ``y = <one operation>`` (no in-place change, no unpacking), else ``None``."""
    note = ir.note(stmt)
    if not isinstance(stmt, gast.Assign) or len(stmt.targets) != 1 or note.op is None or \
            note.updates is not None or note.augments is not None or note.op.is_display:
        return None
    target = stmt.targets[0]
    return target.id if isinstance(target, gast.Name) else None


def never_joins(op: Op) -> bool:
    """Whether ``a + b`` or ``a * b`` cannot join lists or tuples, whatever the operands are:
    a number added (``x + 0``: a list plus a number raises), or one value times itself
    (``x * x``: a list times a list raises; only a list times an integer repeats it)."""
    if op.key is operator.add:
        return any(isinstance(a, gast.Constant) and isinstance(a.value, (int, float, complex))
                   for a in op.args)
    if op.key is operator.mul and len(op.args) == 2:
        return all(isinstance(a, gast.Name) for a in op.args) and op.args[0].id == op.args[1].id
    return False
