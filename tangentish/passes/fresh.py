"""Fresh values: which operations make an array of their own, and when an array changed in place
was surely made in the current pass through its block.

:mod:`aliases` treats a statement as one *root* however often it runs, so in a loop the array a
statement makes in this iteration and the ones it made in earlier iterations look like one
object.  A list that holds the earlier ones (``hist.append(best)``, or the tape of a generated
gradient being differentiated again) then seems to hold the array a later ``best[0] = v``
changes, and the change is refused.  :func:`made_here` proves the opposite, locally and
conservatively: the changed name was bound, earlier in the *same* statement list and with no
compound statement in between, by an operation that makes a fresh value (:func:`makes_fresh`),
directly or through copies ``y = x`` (not through indexing: an item of a new list, as in
``(old + [v])[0]``, may be an old array), and nothing in between put the array (or
a view of it) into a list, tuple or array or passed it to a call that could keep it.  Then the
array was made in this pass through the block and no list or tuple can hold it yet, whatever
they held before, so the lists need not be refused; other names that may share its memory are
still checked at run time by :mod:`aliases`.  When the proof fails the change is refused as
before.  Below, ``hist`` holds the earlier iterations' arrays, never the one ``best[0] = ...``
changes:

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
from .dataflow import stores

# NumPy functions (besides ufuncs) whose result never shares memory with their arguments.
_FRESH_NUMPY = (
    "sum", "mean", "prod", "std", "var", "max", "min", "amax", "amin", "ptp", "cumsum", "cumprod",
    "dot", "inner", "outer", "vdot", "tensordot", "kron", "matmul", "array", "copy", "concatenate",
    "stack", "vstack", "hstack", "column_stack", "where", "clip", "zeros", "ones", "full", "empty",
    "zeros_like", "ones_like", "full_like", "empty_like", "eye", "identity", "arange", "linspace",
    "sort", "argsort", "argmax", "argmin", "count_nonzero", "any", "all", "trace", "cross",
    "average", "median", "nansum", "nanmean", "diff", "tile", "repeat", "pad", "select",
    "allclose", "isclose", "array_equal", "nonzero", "flatnonzero", "searchsorted", "round",
    "around", "polyval", "interp", "convolve", "correlate",
)
_FRESH_OPERATORS = (
    operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod,
    operator.pow, operator.matmul, operator.neg, operator.pos, operator.not_, operator.lt,
    operator.le, operator.gt, operator.ge, operator.eq, operator.ne, operator.is_,
    operator.is_not, operator.contains,
)
_FRESH_BUILTINS = (len, float, int, bool, str, range, abs, sum)


def _fresh_keys() -> set:
    keys: set = set(_FRESH_OPERATORS) | set(_FRESH_BUILTINS)
    keys |= {getattr(np, name) for name in _FRESH_NUMPY if hasattr(np, name)}
    keys |= {getattr(np.linalg, name) for name in ("norm", "det", "inv", "solve", "pinv")}
    keys |= {runtime.private, runtime.own, runtime.zeros_like, runtime.set_index, runtime.unindex,
             runtime.unreduce, runtime.reduced_size}  # helpers that always return new values
    return keys


_FRESH = _fresh_keys()


def makes_fresh(op: Op) -> bool:
    """Whether ``op``'s result surely shares no memory with its operands."""
    key = op.key
    if isinstance(key, np.ufunc):
        return "out" not in op.keywords
    try:
        return key in _FRESH and not (key is np.array and "copy" in op.keywords)
    except TypeError:  # an unhashable key
        return False


def inexact_result(op: Op) -> bool:
    """Whether ``op``'s result is surely a NumPy array or an inexact number, never a list, tuple
    or integer (which ``*`` would repeat a list by): a ufunc with one output whose loops all give
    floating or complex results (``np.exp``, ``np.sin``; not ``np.add``, which adds integers).
    Its object loop, for arrays of Python objects, gives what those objects' methods return."""
    key = op.key
    return isinstance(key, np.ufunc) and "out" not in op.keywords and _inexact_ufunc(key)


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
    index = next(i for i, s in enumerate(block) if s is change)
    start = _origin(block, index, changed)
    if start is None:
        return None
    names = {_single_target(block[start])}  # the names that may hold the array, or a view of it
    for stmt in block[start + 1:index]:
        if isinstance(stmt, ir.COMPOUND):
            return None
        if not names & build.loads(stmt):
            continue
        op = ir.note(stmt).op
        target = _single_target(stmt)
        if target is None or not (op.is_copy or op.key is operator.getitem or makes_fresh(op)):
            return None  # it may keep the array: in a list or tuple, in an array, in a call
        if not makes_fresh(op):
            names.add(target)  # a copy of the name, or a view
    return start


def _origin(block: list[gast.stmt], index: int, name: str) -> int | None:
    """The position of the statement, before ``index`` in ``block``, that made the array ``name``
    holds there (through copies ``y = x``), if it is one making a fresh value."""
    while True:
        index = next((i for i in range(index - 1, -1, -1) if name in _binds(block[i])), -1)
        if index < 0 or _single_target(block[index]) != name:
            return None
        op = ir.note(block[index]).op
        if makes_fresh(op):
            return index
        if not op.is_copy or not op.args or not isinstance(op.args[0], gast.Name):
            return None  # (not through indexing: an item of a new list may be an old array)
        name = op.args[0].id


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
