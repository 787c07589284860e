"""Broadcast views for the adjoints of full reductions, where only arithmetic reads them.

The adjoint of ``out = np.sum(t)`` gives every element of ``t`` the same gradient:
``_rt.unreduce(out_bar, t)`` makes a full array of it.  ``_rt.unreduce(out_bar, t, view=True)``
gives the same values as a read-only ``np.broadcast_to`` view (no memory).  A view must never be
written into or handed to the user, so the keyword is added only where the result is proven to
be read by arithmetic alone (an operand of a binary or unary operator, which makes a new array):

- the call itself is such an operand (``_rt.unreduce(g, t) / _rt.reduced_size(t)``, ``np.mean``);
- or it is the value of ``v = _rt.unreduce(g, t)`` in derivative code, and every read of ``v``
  until a later statement of the same list rebinds ``v`` (or, if none does, every read of ``v`` in
  the whole function) is such an operand.  A read anywhere else (returned, copied, passed to a
  helper, saved on a tape, checked in checked mode, changed in place) keeps the new array.

Where the other operand provably has the view's shape (``np.sum(np.sin(x) * x)``: ``sin_x``),
:mod:`.spread` then drops the view too: the operator's own broadcasting spreads ``out_bar``.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x, y):
    ...     return np.sum(np.sin(x) * y)
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, y, *, out_bar=1.0):
    ...
        x_bar = _rt.unbroadcast(_rt.unreduce(out_bar, sin_x_times_y, view=True) * y, sin_x) * ...
    ...
    >>> def total(x):
    ...     return np.sum(x)
    >>> print(tangentish.grad(total).source.splitlines()[-2:])  # returned: a new array
    ['    x_bar = _rt.unreduce(out_bar, x)', '    return x_bar']
"""

from __future__ import annotations

import gast

from .. import ir
from .dataflow import blocks, statements, stores, target
from .derivative import Derivative
from .unreduce_views import view_keyword
from .walks import Walks


def use_views(fn: Derivative, walks: Walks | None = None) -> None:
    """Rewrite the full-reduction ``_rt.unreduce`` calls whose results only arithmetic reads
    (``walks`` may hold the statements' walks already).  Only the statements that mention the
    names those calls bind are looked into (a call reads ``_rt``: the others are passed over by
    their reads)."""
    walks = walks or Walks()
    rt = fn.machinery.aliases["_rt"]
    calls: list[tuple[list[gast.stmt], int, gast.Call]] = []  # (block, index, call)
    for block in blocks(fn.body):
        for index, stmt in enumerate(block):
            if _may_mention(stmt, {rt}, walks) and not isinstance(stmt, ir.COMPOUND) and \
                    ir.note(stmt).adjoint:
                calls.extend((block, index, node) for node in walks.nodes(stmt)
                             if node.__class__ is gast.Call and _full_unreduce(node, rt))
    if not calls:
        return
    bound = {target(block[index]) for block, index, _ in calls} - {None}
    escapes: dict[int, set[str]] = {}  # statement id → its :func:`_escaping` names in ``bound``
    for stmt in statements(fn.body):
        if _may_mention(stmt, bound, walks):
            found = _escaping(stmt, walks.nodes(stmt)) & bound
            if found:
                escapes[id(stmt)] = found
    escaping = {name for found in escapes.values() for name in found}
    for block, index, call in calls:
        stmt = block[index]
        if id(call) in _operands(walks.nodes(stmt)) or call is getattr(stmt, "value", None) and \
                _only_arithmetic(block, index, target(stmt), escapes, escaping):
            call.keywords.append(view_keyword())


def _may_mention(stmt: gast.stmt, names: set[str], walks: Walks) -> bool:
    """Whether ``stmt`` may mention one of ``names``: its reads, the names it binds, the variable
    it changes in place (a marker's nodes but itself, rare, are not told apart: looked into)."""
    marks = stmt.__dict__.get(ir.SLOT)
    return not names.isdisjoint(walks.reads(stmt)) or not names.isdisjoint(walks.others(stmt)) \
        or marks is not None and marks.updates in names or \
        isinstance(stmt, ir.Marker) and len(walks.nodes(stmt)) > 1


def _operands(found: list[gast.AST]) -> set[int]:
    """The ids of the nodes that are operands of a binary or unary operator among ``found`` (also
    the cotangent ``_rt.chosen`` multiplies by a selection's weight)."""
    operands: set[int] = set()
    for node in found:
        if node.__class__ is gast.BinOp:
            operands.update((id(node.left), id(node.right)))
        elif node.__class__ is gast.UnaryOp:
            operands.add(id(node.operand))
        elif node.__class__ is gast.Call and getattr(node.func, "attr", None) == "chosen" \
                and node.args:
            operands.add(id(node.args[0]))
    return operands


def _full_unreduce(node: gast.AST, rt: str) -> bool:
    """``_rt.unreduce(g, like)``: two arguments, no axis (the adjoint of a full reduction)."""
    return (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
            and node.func.attr == "unreduce" and isinstance(node.func.value, gast.Name)
            and node.func.value.id == rt and len(node.args) == 2 and not node.keywords)


def _only_arithmetic(block: list[gast.stmt], index: int, name: str | None,
                     escapes: dict[int, set[str]], escaping: set[str]) -> bool:
    """Whether the value ``block[index]`` binds to ``name`` is read only as an operand of
    arithmetic: no mention of ``name`` anywhere does otherwise (``escaping``), or none does up to
    the next statement of ``block`` that binds ``name`` again."""
    if name is None:
        return False
    if name not in escaping:
        return True
    for later in block[index + 1:]:
        if any(name in escapes.get(id(s), ()) for s in statements([later])):
            return False
        if not isinstance(later, ir.COMPOUND) and target(later) == name:
            return True  # rebound: later reads see another value
        if name in stores(later):
            return False
    return False


def _escaping(stmt: gast.stmt, walked: list[gast.AST]) -> set[str]:
    """The names ``stmt`` itself mentions other than as an operand of a binary or unary operator
    or as the target of a plain assignment ``name = ...`` (a return, a copy, a call's argument,
    a tape, an in-place change...).  ``walked``: the nodes of :func:`heads`."""
    found = set(getattr(stmt, "reads", ())) if isinstance(stmt, ir.Marker) else set()
    updated = ir.note(stmt).updates
    if updated is not None:
        found.add(updated)
    plain = stmt.targets[0] if target(stmt) is not None else None
    operands = _operands(walked)
    for node in walked:
        if node.__class__ is gast.Name and node is not plain and (
                node.ctx.__class__ is not gast.Load or id(node) not in operands):
            found.add(node.id)
    return found
