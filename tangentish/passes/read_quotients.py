'''A tangent's masked quotient divides only where the tangent is read: after :mod:`.masked_ratios`.

Forward mode keeps a singular partial on the support of its operand's tangent, ``r_dot =
_rt.divided(m, s_dot, 2.0 * r)`` (``r = np.sqrt(s)``), but a support is where the tangent may be
non-zero *by structure*: where it is 0 by value (``s = d . d`` at ``d = 0``, a distance matrix's
diagonal) the quotient is ``0 / 0`` and NumPy warns, although the program never reads the result
there: it reads ``r[i, j]`` off the diagonal (``morse_pairs``), or overwrites the diagonal first
(``np.fill_diagonal(r, 1.0)``, ``debye_huckel``).  Where the tangent's only read is such a
statement, the quotient is moved down to it (past statements that change none of its operands)
and its mask narrowed to what the read keeps, with the positions of :func:`tangentish.runtime.reads`:

- ``u_dot = r_dot[idx]``: ``np.logical_and(m, _rt.reads(r, idx))``;
- ``r_dot_1 = _rt.set_index(r_dot, idx, v)``: ``np.logical_and(m, ~_rt.reads(r, idx))``.

The value read is the same (the quotient is unchanged where the new mask holds, and nothing reads
it elsewhere); its shape too, as the denominator is arithmetic of the primal ``r`` and numbers
alone (so the quotient has ``r``'s shape, and so has the mask added).  A quotient the result
reads still divides, and warns, as before.

    >>> import numpy as np, tangentish
    >>> def f(p):
    ...     r = np.sqrt(np.sum((p[:, None] - p[None, :]) ** 2, axis=-1))
    ...     i, j = np.triu_indices(p.shape[0], 1)
    ...     return np.sum(r[i, j])
    >>> source = tangentish.jvp(f).source
    >>> print(next(line.strip() for line in source.splitlines() if "divided" in line))
    r_dot = _rt.divided(np.logical_and(sum_t1_pow_2_mask, _rt.reads(r, (i, j))), sum_t1_pow_2_dot, 2.0 * r)
'''

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import blocks, statements, stores
from .derivative import Derivative

_JUMPS = (gast.Break, gast.Continue, gast.Return, gast.Raise)  # (the read skipped: seen after)
_BUILTINS = frozenset({"len", "range", "int", "float", "bool", "abs", "min", "max", "isinstance"})
_IN_PLACE = frozenset({"at", "copyto", "put", "place", "putmask", "fill_diagonal", "put_along_axis",
                       "add_at", "zero_index", "sort", "fill", "resize", "shuffle", "append",
                       "extend", "insert", "pop", "remove", "clear", "update", "setdefault",
                       "put_back", "rewind", "replay", "rewind_append", "rewind_del",
                       "rewind_pop", "rewind_put_back"})
_KNOWN = (gast.Assign, gast.AugAssign, gast.Expr, gast.Raise, gast.Pass, gast.If, gast.For,
          gast.While)
_NO_VIEW = frozenset({"written_count", "len", "shape", "size", "ndim"})  # (of an index: no alias)
_FRESH_CALLS = frozenset({"diagonal_index", "triu_indices", "tril_indices", "nonzero", "arange",
                          "where", "mask_index", "argsort", "zeros", "ones"})


def divide_where_read(fn: Derivative) -> bool:
    """Narrow and move each tangent's ``_rt.divided`` that only one read keeps part of (see the
    module docstring); whether any was."""
    if not fn.primal_of:
        return False
    runtime, numpy = fn.machinery.aliases["_rt"], fn.machinery.aliases["np"]
    found = [(block, stmt, name) for block in blocks(fn.body) for stmt in block
             if (name := _quotient(stmt, runtime, fn.primal_of)) is not None]
    if not found or any(s.__class__ is gast.Try for s in statements(fn.body)):
        return False  # (a handler may see a quotient moved past the statement that raised)
    loads: dict[str, int] = {}
    for node in (n for top in fn.body for n in walk(top)):
        if node.__class__ is gast.Name and node.ctx.__class__ is gast.Load:
            loads[node.id] = loads.get(node.id, 0) + 1
    done = False
    for block, stmt, quotient in found:
        done = _narrow(block, stmt, quotient, fn.primal_of[quotient], runtime, numpy,
                       loads.get(quotient, 0) == 1) or done
    return done


def _quotient(stmt: gast.stmt, runtime: str, primal_of: dict[str, str]) -> str | None:
    """The tangent ``stmt`` binds to ``_rt.divided(c, a, b)``, ``b`` arithmetic of its primal."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            stmt.targets[0].__class__ is not gast.Name or not _calls(stmt.value, runtime, "divided"):
        return None
    name = stmt.targets[0].id
    primal = primal_of.get(name)
    if primal is None or len(stmt.value.args) != 3 or stmt.value.keywords or \
            not _of_primal(stmt.value.args[2], primal):
        return None
    return name


def _of_primal(node: gast.expr, primal: str) -> bool:
    """``node`` is arithmetic of ``primal`` and number constants, naming ``primal``: its shape."""
    allowed = (gast.BinOp, gast.UnaryOp, gast.Constant, gast.Name, gast.operator, gast.unaryop,
               gast.Load)
    found = list(walk(node))
    return all(isinstance(n, allowed) and (n.__class__ is not gast.Name or n.id == primal) and (
        n.__class__ is not gast.Constant or type(n.value) in (int, float)) for n in found) and \
        any(n.__class__ is gast.Name for n in found)


def _calls(node: gast.expr, module: str, name: str) -> bool:
    return node.__class__ is gast.Call and node.func.__class__ is gast.Attribute and \
        node.func.attr == name and node.func.value.__class__ is gast.Name and \
        node.func.value.id == module


def _narrow(block: list[gast.stmt], stmt: gast.stmt, quotient: str, primal: str, runtime: str,
            numpy: str, once: bool) -> bool:
    """Move and narrow ``stmt``, the quotient's binding, if the first read of it (in ``block``)
    is the only one that sees its value: the only read there is (``once``), or a
    ``set_index`` binding the quotient's name again, with no jump between."""
    start, modules = block.index(stmt), {runtime, numpy}
    operands = {n.id for n in walk(stmt.value) if n.__class__ is gast.Name} - modules
    at = next((k for k in range(start + 1, len(block)) if any(
        n.__class__ is gast.Name and n.id == quotient for n in walk(block[k]))), None)
    if at is None:
        return False
    index, kept = _read_of(block[at], quotient, runtime)
    again = index is not None and block[at].targets[0].id == quotient
    if index is None or not once and not (again and not any(
            isinstance(n, _JUMPS) for k in range(start + 1, at) for n in walk(block[k]))):
        return False  # (the quotient's value read elsewhere too, or maybe)
    names = {n.id for n in walk(index) if n.__class__ is gast.Name} - modules
    changes = [_changes(block[k], modules) for k in range(start + 1, at)]
    latest = next((k for k, (bound, changed) in enumerate(changes, start + 1)
                   if changed or bound & operands), at)  # (the operands as they were)
    apart = all(_apart(block, name, at, modules) for name in names)
    first = max([start + 1] + [k + 1 for k, (bound, changed) in enumerate(changes, start + 1)
                               if changed and not apart or bound & (names | {primal})])
    if first > latest:  # (the index as S reads it only after the operands change)
        return False
    positions = build.call(f"{runtime}.reads", build.name(primal),
                           build.slice_as_expression(build.clone(index)))
    if not kept:
        positions = gast.UnaryOp(op=gast.Invert(), operand=positions)
    stmt.value.args[0] = build.call(f"{numpy}.logical_and", stmt.value.args[0], positions)
    del block[start]
    block.insert(first - 1, stmt)
    return True


def _read_of(stmt: gast.stmt, quotient: str, runtime: str) -> tuple[gast.expr | None, bool]:
    """The index by which ``stmt`` reads ``quotient`` and whether it keeps what it reads:
    ``u = q[idx]`` (kept), ``q_1 = _rt.set_index(q, idx, v)`` (overwritten); else no index."""
    value = stmt.value if stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
        stmt.targets[0].__class__ is gast.Name else None
    if value.__class__ is gast.Subscript and value.value.__class__ is gast.Name and \
            value.value.id == quotient:
        return value.slice, True
    if value is not None and _calls(value, runtime, "set_index") and len(value.args) == 3 and \
            not value.keywords and value.args[0].__class__ is gast.Name and \
            value.args[0].id == quotient:
        return value.args[1], False
    return None, False


def _changes(stmt: gast.stmt, modules: set[str]) -> tuple[set[str], bool]:
    """The names ``stmt`` (and what it nests) binds, and whether it may change an array in place
    (``x[i] = v``, ``x += v``, a method's or an unknown function's call, ``np.copyto``...)."""
    bound = {name for inner in statements([stmt]) for name in stores(inner)}
    if any(inner.__class__ not in _KNOWN for inner in statements([stmt])):
        return bound, True  # (a with, a try, a def...: what it binds is not all in stores)
    for node in (n for inner in statements([stmt]) for n in _own_nodes(inner)):
        kind = node.__class__
        if kind in (gast.Subscript, gast.Attribute) and node.ctx.__class__ is gast.Store or \
                kind is gast.AugAssign or kind is gast.Call and not _pure(node, modules):
            return bound, True
    return bound, False


def _own_nodes(stmt: gast.stmt) -> list[gast.AST]:
    """What ``stmt`` itself runs: a compound's header, nothing of a ``raise`` (it only leaves)."""
    if stmt.__class__ is gast.Raise:
        return []
    if stmt.__class__ in (gast.If, gast.While):
        return list(walk(stmt.test))
    if stmt.__class__ is gast.For:
        return list(walk(stmt.iter)) + list(walk(stmt.target))
    return list(walk(stmt)) if not isinstance(stmt, ir.COMPOUND) else [stmt]


def _pure(call: gast.Call, modules: set[str]) -> bool:
    """A call that changes none of its arguments: a builtin's, or a NumPy function's or a
    runtime helper's without an ``out`` (``np.add.at``, ``np.copyto``, ``np.put``... excepted)."""
    func = call.func
    if func.__class__ is gast.Name:
        return func.id in _BUILTINS
    if func.__class__ is not gast.Attribute or func.attr in _IN_PLACE or \
            any(k.arg == "out" for k in call.keywords):
        return False
    root = func.value.value if func.value.__class__ is gast.Attribute else func.value
    ufunc = getattr(np, func.attr, None) if func.value is root else None
    if isinstance(ufunc, np.ufunc) and len(call.args) > ufunc.nin:  # (np.add(a, b, a))
        return False
    return root.__class__ is gast.Name and root.id in modules


def _apart(block: list[gast.stmt], name: str, at: int, modules: set[str]) -> bool:
    """Whether no in-place change before ``block[at]`` can reach ``name``'s array: its last
    binding is a call making a new one (``d_index = _rt.diagonal_index(d, 1.0)``) and no other
    name may hold it after (``name`` read since only as an index, ``d[d_index] = v``, or by a
    call returning no view of it, ``_rt.written_count(d_index)``)."""
    made = next((k for k in range(at - 1, -1, -1) if name in _changes(block[k], modules)[0]), None)
    value = getattr(block[made], "value", None) if made is not None else None
    if value.__class__ is not gast.Call or value.func.__class__ is not gast.Attribute or \
            value.func.value.__class__ is not gast.Name or value.func.value.id not in modules or \
            value.func.attr not in _FRESH_CALLS or len(stores(block[made])) != 1:
        return False
    allowed: set[int] = set()
    for stmt in block[made + 1:at]:
        for node in walk(stmt):
            if node.__class__ is gast.Subscript:
                allowed.update(id(n) for n in walk(node.slice) if n.__class__ is gast.Name)
            elif node.__class__ is gast.Call and _called(node) in _NO_VIEW:
                allowed.update(id(a) for a in node.args if a.__class__ is gast.Name)
        if any(n.__class__ is gast.Name and n.id == name and id(n) not in allowed
               for n in walk(stmt)):
            return False
    return True


def _called(call: gast.Call) -> str | None:
    """The name a call's function goes by (``len``, ``written_count`` of ``_rt.written_count``)."""
    return getattr(call.func, "attr", getattr(call.func, "id", None))
