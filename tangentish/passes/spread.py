"""A reduction's adjoint spread by the broadcasting of the arithmetic that reads it.

``_rt.unreduce(g, t, view=True)`` (:mod:`.views`) is the adjoint of ``np.sum(t)``: ``g`` in every
element of ``t``'s shape, in ``np.result_type(g, t)`` (``_rt.unreduce(g, t, axis=1, keepdims=True)``
likewise spreads a ``g`` that kept the reduced axes).  Where it meets, in a binary operator, an
operand that *covers* ``t`` (its shape contains ``t``'s, its dtype is at least ``t``'s), the
operator broadcasts ``g`` over that shape by itself and promotes to the same dtype: so
``_rt.unreduce(g, t, view=True) * e`` is ``g * e``.  Up through operators whose other operand is a
number or a reduced size (``view / n * 2 * e``), the same holds; and for a selection's adjoint
``_rt.chosen(view, w)`` (``view * w``, 0 where ``w`` is) whose weight ``w`` covers ``t`` (a
selection's weight of ``t`` does: ``_rt.ties(t, m, axis=1, keepdims=True)``, the adjoint of
``m = np.max(t, axis=1, keepdims=True)``, has ``t``'s shape and gradient dtype); and
in ``np.where(c, view, 0.0)``, where ``c`` compares a value that covers a float64 ``t`` with a
number and ``g`` is a number (``np.where(c, 1.0, 0.0)``: float64 of ``c``'s shape, as before).  A
variable bound once to the view, every read of which is such an operand, holds ``g`` instead
(and reads of it read ``g`` where ``g`` is a name that does not change).  A copy of that variable,
``x_bar = v``, whose next mention is ``x_bar = x_bar OP e`` (a parameter's adjoint started by the
view, then summed into), is such a read when that operator is: the copy holds ``g``.

An operand covers ``t`` when it is ``t``; a name bound once to a float-keeping elementwise step
(an operator, ``np.exp``...) with an operand that covers ``t`` (``np.exp(t)``, ``t * w``); a name
``t`` itself is made from with numbers alone (``error`` for ``t = error ** 2``: the same shape and
dtype); or an operator or unary minus over an operand that covers ``t``.  A name bound more than
once, or that may hold a list (``g * [1.0, 2.0]`` is no broadcast), is never taken, nor is ``@``.
Without the dtype condition, ``np.sum(a32 * b64)`` would compute ``b64``'s gradient as
``g * a32`` in float32.

    >>> import numpy as np
    >>> import tangentish
    >>> def logsumexp(x):
    ...     m = np.max(x)
    ...     return m + np.log(np.sum(np.exp(x - m)))
    >>> print(tangentish.grad(logsumexp).source.splitlines()[-2])
        x_bar = out_bar / _t1 * exp_x_minus_m
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import definition_counts, statements, target
from .derivative import Derivative
from .spread_facts import Facts, is_view, plain_number
from .walks import Walks

_SIDES = {"left": "right", "right": "left"}


def spread_by_broadcasting(fn: Derivative, walks: Walks | None = None) -> bool:
    """Rewrite the views the arithmetic around them spreads anyway; whether any was (``walks``:
    the statements' walks, which forgets those of the statements rewritten)."""
    walks = walks or Walks()
    rt = fn.machinery.aliases["_rt"]
    counts = definition_counts(fn.body)
    _negated_views(fn, rt, counts, walks)
    other: dict[int, tuple[gast.BinOp, str]] = {}  # operand id → (its operator, its side)
    owner: dict[int, gast.stmt] = {}  # operator id → the statement it is in
    loads: dict[str, list[gast.Name]] = {}
    calls: list[gast.Call] = []
    for stmt in statements(fn.body):
        for node in walks.nodes(stmt):
            kind = node.__class__
            if kind is gast.BinOp and node.op.__class__ is not gast.MatMult:
                other[id(node.left)] = (node, "left")
                other[id(node.right)] = (node, "right")
                owner[id(node)] = stmt
            elif kind is gast.UnaryOp and node.op.__class__ in (gast.USub, gast.UAdd):
                other[id(node.operand)] = (node, "operand")  # (-view: the view of -g)
                owner[id(node)] = stmt
            elif kind is gast.Name and node.ctx.__class__ is gast.Load:
                loads.setdefault(node.id, []).append(node)
            elif kind is gast.Call and is_view(node, rt):
                calls.append(node)
            elif kind is gast.Call and _is_unindex(node, rt):  # x[i]'s adjoint: g broadcast
                other[id(node.args[0])] = (node, "unindex")
                owner[id(node)] = stmt
            elif kind is gast.Call and _is_runtime(node, rt, "chosen", 2) and not node.keywords:
                other[id(node.args[0])] = (node, "chosen")  # g * w where w is not 0
                owner[id(node)] = stmt
            elif kind is gast.Call and _is_where(node, fn.machinery.aliases["np"]):
                other[id(node.args[1])] = (node, "where 1")  # np.where(c, view, 0.0)
                other[id(node.args[2])] = (node, "where 2")
                owner[id(node)] = stmt
    if not calls:
        return False
    _through_names(fn, counts, loads, other)
    _through_copies(fn, loads, other)
    facts = Facts(fn, counts)
    changed = False
    for call in calls:
        value = facts.spread_value(call)
        if value is not None and _spread(call, call.args, other, facts):
            binop, side = other[id(call)]
            _put(binop, side, value)
            walks.forget(owner[id(binop)])
            changed = True
    return _bound_views(fn, facts, (other, owner, loads), counts, walks) or changed


def _bound_views(fn: Derivative, facts: Facts, found: tuple[dict, dict, dict],
                 counts: dict[str, int], walks: Walks) -> bool:
    """A name bound once to a view, every read of which the arithmetic around spreads, holds
    what stands for the view instead (and reads of it read ``g`` where ``g`` is a name that does
    not change); where only some reads are spread and ``g`` is a number or such a name, those
    read ``g`` and the view stays for the others; whether any was (``found``: each operand's
    operator, each operator's statement, each name's reads)."""
    other, owner, loads = found
    rt = fn.machinery.aliases["_rt"]
    changed = False
    gone: set[int] = set()
    for index, stmt in enumerate(fn.body):
        value = getattr(stmt, "value", None)
        name = target(stmt)
        if name is None or value.__class__ is not gast.Call or not is_view(value, rt) \
                or counts.get(name, 0) != 1 or name in fn.protected:  # (an output: vjp's
            continue  # forward returns it, read nowhere in the body; fuzz seed 5517, program 36)
        reads = loads.get(name, [])
        spread = facts.spread_value(value)
        spreads = [n for n in reads if spread is not None and _spread(n, value.args, other, facts)]
        if spread is not None and len(spreads) == len(reads):
            stmt.value = spread
            walks.forget(stmt)
            changed = True
            if _unchanging(stmt.value, fn.body[:index], counts):  # v = g: read g instead
                _read_as(reads, stmt.value, other, owner, walks)
                gone.add(id(stmt))
        elif spreads and spread is value.args[0] and (
                plain_number(spread) or _unchanging(spread, fn.body[:index], counts)):
            _read_as(spreads, spread, other, owner, walks)  # (the view stays for the others)
            changed = True
    if gone:
        fn.body[:] = [stmt for stmt in fn.body if id(stmt) not in gone]
    return changed


def _read_as(reads: list[gast.Name], value: gast.expr, other: dict, owner: dict,
             walks: Walks) -> None:
    """Each of ``reads`` (of a view, spread by what reads it) reads ``value`` instead."""
    for node in reads:
        spot = other[id(node)]
        _put(spot[0], spot[1], build.clone(value))
        walks.forget(spot[0][0] if spot[1] == "copy" else owner[id(spot[0])])


def _negated_views(fn: Derivative, rt: str, counts: dict[str, int], walks: Walks) -> None:
    """``v = _rt.unreduce(g, t, view=True)`` then ``w = -v``: ``w`` is the view of ``-g`` (so that ``v``
    and ``w`` may each be spread by what reads them), where ``g`` and ``t`` do not change between
    the two statements; ``w = -_rt.unreduce(g, t, view=True)`` likewise."""
    views: dict[str, gast.Call] = {}
    for index, stmt in enumerate(fn.body):
        name, value = target(stmt), getattr(stmt, "value", None)
        if name is None or counts.get(name, 0) != 1:
            continue
        if value.__class__ is gast.Call and is_view(value, rt):
            views[name] = value
        elif value.__class__ is gast.UnaryOp and value.op.__class__ is gast.USub and (
                value.operand.__class__ is gast.Name and value.operand.id in views or
                value.operand.__class__ is gast.Call and is_view(value.operand, rt)):
            view = views[value.operand.id] if value.operand.__class__ is gast.Name else \
                value.operand  # (w = -_rt.unreduce(g, t, view=True): the view of -g)
            g, t = view.args
            before = fn.body[:index]
            if view is value.operand or (plain_number(g) or _unchanging(g, before, counts)) and \
                    _unchanging(t, before, counts):
                stmt.value = gast.Call(func=build.clone(view.func), args=[
                    gast.UnaryOp(op=gast.USub(), operand=build.clone(g)), build.clone(t)],
                    keywords=[build.clone(k) for k in view.keywords])
                walks.forget(stmt)
                views[name] = stmt.value


def _spread(node: gast.expr, view: list[gast.expr], other: dict[int, tuple[gast.BinOp, str]],
            facts: Facts) -> bool:
    """Whether the operators around ``node`` (``view``'s ``g``, ``like``: a view of ``like``'s
    shape) broadcast it over that shape anyway: up through operators whose other operand is a
    number (or a reduced size), one whose other operand covers ``like`` (``view * 2 * x``:
    ``(view * 2) * x``), or ``np.where(c, view, 0.0)`` of a ``c`` of ``like``'s shape."""
    g, like = view[0], view[1]
    while id(node) in other:
        binop, side = other[id(node)]
        if side == "operand":  # a sign: up to what reads it
            node = binop
            continue
        if side == "copy":  # c = view, then c = c OP e: as that read of c
            node = binop[1]
            continue
        if side == "unindex":  # zeros with g put at x[index]: where like is x[index]
            return facts.indexes(binop, like)
        if side == "chosen":  # _rt.chosen(g, w): np.multiply(g, w), 0 where w is 0
            return facts.covers(binop.args[1], like)
        if side.startswith("where"):  # np.where(c, g, 0.0): c of like's shape, g a number
            return facts.selects(binop, int(side[-1]), like, g)
        operand = getattr(binop, _SIDES[side])
        if facts.covers(operand, like):
            return True
        if not facts.scalar(operand):
            return False
        node = binop
    return False


def _put(parent: gast.AST, side: str, value: gast.expr) -> None:
    if side == "copy":  # (the copy's statement and the read after it)
        parent[0].value = value
    elif side in ("unindex", "chosen"):
        parent.args[0] = value
    elif side.startswith("where"):
        parent.args[int(side[-1])] = value
    else:
        setattr(parent, side, value)


def _is_where(node: gast.Call, numpy: str) -> bool:
    func = node.func
    return func.__class__ is gast.Attribute and func.attr == "where" and \
        func.value.__class__ is gast.Name and func.value.id == numpy and len(node.args) == 3 \
        and not node.keywords


def _is_unindex(node: gast.Call, rt: str) -> bool:
    return _is_runtime(node, rt, "unindex", 3)  # (maybe with ``unique=True``)


def _is_runtime(node: gast.Call, rt: str, name: str, count: int) -> bool:
    """``_rt.<name>(...)`` with ``count`` positional arguments."""
    func = node.func
    return func.__class__ is gast.Attribute and func.attr == name and \
        func.value.__class__ is gast.Name and func.value.id == rt and len(node.args) == count


def _through_names(fn: Derivative, counts: dict[str, int], loads: dict[str, list[gast.Name]],
                   other: dict[int, tuple[gast.AST, str]]) -> None:
    """A name bound once and read once, as ``_rt.unindex``'s gradient: its value is read there
    (``g_bar = view / n`` then ``_rt.unindex(g_bar, x, i)``)."""
    for stmt in fn.body:
        name = target(stmt)
        reads = loads.get(name, ()) if name is not None and counts.get(name, 0) == 1 else ()
        if len(reads) == 1 and other.get(id(reads[0]), (None, ""))[1] == "unindex":
            other[id(stmt.value)] = other[id(reads[0])]


def _through_copies(fn: Derivative, loads: dict[str, list[gast.Name]],
                    other: dict[int, tuple[gast.AST, str]]) -> None:
    """``c = v`` (a top-level copy of a name) whose next statement that mentions ``c`` is ``c = c
    OP e`` (an operator, ``c`` read once there): the copy's read of ``v`` is spread as that read
    of ``c`` is (``log_var_bar = view`` then ``log_var_bar = log_var_bar - e``: ``g - e``).  Its
    spot is the copy's value (what stands for the view is put there)."""
    body = fn.body
    for index, stmt in enumerate(body):
        name, value = target(stmt), getattr(stmt, "value", None)
        if name is None or value.__class__ is not gast.Name or value.id == name:
            continue
        read = _next_update(body, index + 1, name, loads)
        if read is not None and id(read) in other:
            other[id(value)] = ((stmt, read), "copy")


def _next_update(body: list[gast.stmt], start: int, name: str,
                 loads: dict[str, list[gast.Name]]) -> gast.Name | None:
    """The read of ``name`` in ``name = name OP e``, if that is the next top-level statement of
    ``body`` from ``start`` that mentions ``name`` and no nested block comes first."""
    reads = {id(node) for node in loads.get(name, ())}
    for stmt in body[start:]:
        if isinstance(stmt, ir.COMPOUND):
            return None
        mentions = [n for n in walk(stmt) if n.__class__ is gast.Name and n.id == name]
        if not mentions:
            continue
        value = getattr(stmt, "value", None)
        if target(stmt) != name or value.__class__ is not gast.BinOp or len(mentions) != 2:
            return None
        read = value.left if value.left.__class__ is gast.Name and value.left.id == name \
            else value.right
        return read if read.__class__ is gast.Name and read.id == name and id(read) in reads \
            else None
    return None


def _unchanging(value: gast.expr, before: list[gast.stmt], counts: dict[str, int]) -> bool:
    """Whether ``value`` is a name every later read sees unchanged: bound at most once, and then
    by a statement of ``before`` (the top-level statements ahead)."""
    if value.__class__ is not gast.Name:
        return False
    bound = counts.get(value.id, 0)
    return bound == 0 or bound == 1 and any(target(s) == value.id for s in before)
