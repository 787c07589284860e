'''A derivative's quotient kept on a support divides only there: the last step before text.

:mod:`.supports` keeps a singular partial on the support of the incoming adjoint or tangent,
``np.where(c, g / d, 0.0)``: the 0 off ``c`` is exact, but ``g / d`` is computed everywhere, and
where ``c`` does not hold ``d`` may be 0 (a square root's ``2 * sqrt(x)`` on the branch an
``np.where`` did not take, a distance on a diagonal a mask left out), so NumPy warns of a ``0 / 0``
or ``x / 0`` whose result is dropped, in code whose primal never warned (under ``python -W
error``, an error).  In the derivative's own statements (:attr:`tangentish.ir.Note.adjoint`;
never the primal's, whose ``np.where(x > 0, 1 / x, 0.0)`` is the user's and warns as theirs
does), ``np.where(c, a / b, 0.0)`` is ``_rt.divided(c, a, b)``: the same value, shape and dtype,
dividing only where ``c`` holds, so where it does a ``g / 0`` still warns.  Its rule
(``rules/runtime_helpers.py``) writes its own derivatives as ``np.where`` again, which
:mod:`.supports_made` reads as the supports they are and this step turns into ``_rt.divided``
once more (a derivative differentiated again).

    >>> import numpy as np, tangentish
    >>> def f(x):  # (x_bar is 0 where x <= 0, where sqrt_x is 0 or NaN)
    ...     return np.sum(np.where(x > 0, np.sqrt(x), 0.0))
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())
    x_bar = _rt.divided(_t1, _rt.unreduce(out_bar, where_t1), 2.0 * sqrt_x)
'''

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks


def divide_quotients(body: list[gast.stmt], aliases: dict[str, str], namer: Any) -> bool:
    """:func:`divide_on_supports`, then :func:`select_quotients`, in place, the derivative's own
    statements walked once to find those that call ``np.where`` or ``_rt.chosen`` (most call
    neither: the two steps look at those only); whether either rewrote anything."""
    numpy, runtime = aliases["np"], aliases["_rt"]
    wheres, chosen = [], set()
    for block in blocks(body):
        for stmt in block:
            if isinstance(stmt, ir.COMPOUND) or not _own(stmt):
                continue
            nodes = build.node_list(stmt)
            if _calls(nodes, numpy, "where"):
                wheres.append(nodes)
            if _calls(nodes, runtime, "chosen"):
                chosen.add(stmt)
    done = False
    for nodes in wheres:
        done = divide_on_supports(nodes, numpy, runtime) or done
    if chosen:
        done = select_quotients(body, aliases, namer, chosen) or done
    return done


def divide_on_supports(nodes: list[gast.AST], numpy: str, runtime: str) -> bool:
    """Rewrite, in place, each ``np.where(c, a / b, 0.0)`` among the children of ``nodes`` (a
    statement's, :func:`.build.node_list`) as ``_rt.divided(c, a, b)`` (see above); whether it
    did."""
    done = False
    for node in nodes:
        for field in build.child_fields(node.__class__):
            value = getattr(node, field, None)
            if value.__class__ is list:
                kept = [_divided(item, numpy, runtime) for item in value]
                done = done or any(a is not b for a, b in zip(kept, value, strict=True))
                value[:] = kept
            elif value.__class__ is gast.Call:
                kept = _divided(value, numpy, runtime)
                done = done or kept is not value
                setattr(node, field, kept)
    return done


def select_quotients(body: list[gast.stmt], aliases: dict[str, str], namer: Any,
                     among: set[gast.stmt] | None = None) -> bool:
    """``_rt.chosen(a / b, w)`` in the derivative's own statements (the quotient also as ``t``
    of the statement ``t = a / b`` just before, ``t`` read there only): ``_rt.divided(m, a, b)``
    for ``m`` a comparison or ``&`` of two (a boolean: ``np.clip``'s weight with literal bounds,
    :mod:`.spelling`), else ``_rt.chosen(_rt.divided(w, a, b), w)`` (``w``, 0 where the operand
    is not chosen, bound to a name first: ``namer`` makes it), in place; whether it did.  The
    partial of a square root into a clip or a maximum (``np.sqrt(np.maximum(u, 0.0))``) divides
    by 0 where ``u`` was not chosen, where ``chosen`` drops it.  ``among``, if given: the
    statements that may hold such a call (the others are not looked into)."""
    runtime, counted, done = aliases["_rt"], None, False
    for block in blocks(body):
        index = 0
        while index < len(block):
            stmt = block[index]
            if stmt.__class__ is not gast.Assign or not _own(stmt) or (
                    among is not None and stmt not in among):
                index += 1
                continue
            before = block[index - 1] if index else None
            for call in _chosen_calls(stmt, runtime):
                quotient, apart = call.args[0], False
                if quotient.__class__ is gast.Name and not _quotient_of(before, quotient.id):
                    counted = _name_counts(body) if counted is None else counted
                    if _divide_chain(block, index, call, counted, runtime, namer):
                        done, index = True, index + 1  # (its weight, bound before the chain)
                    continue
                if quotient.__class__ is gast.Name:  # (just before: moved into the call)
                    counted = _name_counts(body) if counted is None else counted
                    quotient, apart = (before.value, True) if counted.get(
                        quotient.id) == 2 else (None, False)  # (its store and this load)
                if quotient.__class__ is not gast.BinOp or quotient.op.__class__ is not gast.Div:
                    continue
                weight, done = call.args[1], True
                if _boolean(weight):
                    call.func.attr, call.args = "divided", [weight, quotient.left, quotient.right]
                else:
                    if weight.__class__ is not gast.Name:
                        name = namer.fresh("weight")
                        bound = build.assign(name, weight)
                        note, made = ir.note(stmt), ir.note(bound)
                        made.origin, made.adjoint = note.origin, note.adjoint
                        block.insert(index, bound)
                        index += 1
                        weight = build.name(name)
                    call.args = [build.call(f"{runtime}.divided", weight, quotient.left,
                                            quotient.right), build.name(weight.id)]
                if apart:  # (the quotient's own statement: before this one and its weight)
                    block.remove(before)
                    index -= 1
                    before = None
            index += 1
    return done


def _divide_chain(block: list[gast.stmt], index: int, call: gast.Call, counted: dict[str, int],
                  runtime: str, namer: Any) -> bool:
    """``_rt.chosen(t, w)`` of ``block[index]`` where ``t`` is not the quotient just before, but
    the sum its own statements before made, in another statement's adjoint (``np.sqrt(y)`` after
    ``y = np.maximum(x, 0.0)``) or accumulated (``t = t + a / b``): each quotient of that chain
    divides only where ``w`` is not 0 (``_rt.divided(w, a, b)``, the value ``chosen`` keeps there),
    ``w`` bound to a name before the chain.  Only when ``t`` is read nowhere else and no statement
    from the chain's start on binds a name ``w`` reads (nor is compound); whether it rewrote."""
    name, chain, at, weight = call.args[0].id, [], index - 1, call.args[1]
    reads = {node.id for node in build.node_list(weight) if node.__class__ is gast.Name}
    while at >= 0:
        stmt, at = block[at], at - 1
        if isinstance(stmt, ir.Comment):
            continue
        term = _term(stmt, name)
        if term is None and not _apart(stmt, reads | {name}):
            return False
        if term is not None:
            chain.append((at + 1, stmt))
        if term is not None and term is stmt.value:  # (its first binding: the chain's start)
            break
    quotients = [term for _, stmt in chain for term in [_term(stmt, name)] if _is_quotient(term)]
    if not chain or not quotients or name in reads or counted.get(name) != 2 * len(chain) or (
            _term(chain[-1][1], name) is not chain[-1][1].value):
        return False
    bound = build.assign(namer.fresh("weight"), weight)
    note, made = ir.note(block[index]), ir.note(bound)
    made.origin, made.adjoint = note.origin, note.adjoint
    block.insert(chain[-1][0], bound)
    call.args[1] = build.name(bound.targets[0].id)
    for _, stmt in chain:
        term = _term(stmt, name)
        if not _is_quotient(term):  # (a term of the sum that divides nothing)
            continue
        divided = build.call(f"{runtime}.divided", build.name(bound.targets[0].id), term.left,
                             term.right)
        if _is_quotient(stmt.value):
            stmt.value = divided
        elif _is_quotient(stmt.value.right):
            stmt.value.right = divided
        elif _is_quotient(stmt.value.left):
            stmt.value.left = divided
    return True


def _apart(stmt: gast.stmt, names: set[str]) -> bool:
    """Whether ``stmt``, between a chain's statements, binds one name only, not one of ``names``
    (``name = v``: no subscript, attribute or compound statement, which could change them)."""
    return stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
        stmt.targets[0].__class__ is gast.Name and stmt.targets[0].id not in names


def _term(stmt: gast.stmt, name: str) -> gast.expr | None:
    """What the derivative's own ``stmt`` adds to ``name``: its value for ``name = v`` (``v`` not
    reading ``name``), ``v`` for ``name = name + v`` or ``name = v + name``; else None."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or not _own(stmt) or \
            stmt.targets[0].__class__ is not gast.Name or stmt.targets[0].id != name:
        return None
    value = stmt.value
    if value.__class__ is gast.BinOp and value.op.__class__ is gast.Add:
        for mine, other in ((value.left, value.right), (value.right, value.left)):
            if mine.__class__ is gast.Name and mine.id == name and not _reads(other, name):
                return other
    return None if _reads(value, name) else value


def _reads(node: gast.expr, name: str) -> bool:
    return any(n.__class__ is gast.Name and n.id == name for n in build.node_list(node))


def _is_quotient(node: gast.expr | None) -> bool:
    return node.__class__ is gast.BinOp and node.op.__class__ is gast.Div


def _own(stmt: gast.stmt) -> bool:
    """Whether ``stmt`` is the derivative's own code (:attr:`tangentish.ir.Note.adjoint`)."""
    return getattr(stmt.__dict__.get(ir.SLOT), "adjoint", False)


def _chosen_calls(stmt: gast.Assign, runtime: str) -> list[gast.Call]:
    """The calls ``_rt.chosen(g, w)`` in ``stmt``'s value."""
    return [node for node in build.node_list(stmt.value) if node.__class__ is gast.Call and
            _is_runtime(node.func, runtime, "chosen") and len(node.args) == 2 and
            not node.keywords]


def _quotient_of(stmt: gast.stmt | None, name: str) -> bool:
    """Whether ``stmt`` is the derivative's own ``name = a / b``."""
    return stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and \
        stmt.targets[0].__class__ is gast.Name and stmt.targets[0].id == name and \
        stmt.value.__class__ is gast.BinOp and stmt.value.op.__class__ is gast.Div and _own(stmt)


def _boolean(node: gast.expr) -> bool:
    """A comparison, or ``&`` of two: a boolean mask."""
    if node.__class__ is gast.BinOp and node.op.__class__ is gast.BitAnd:
        return _boolean(node.left) and _boolean(node.right)
    return node.__class__ is gast.Compare


def _calls(nodes: list[gast.AST], module: str, name: str) -> bool:
    """Whether one of ``nodes`` calls ``module.name``."""
    for node in nodes:  # noqa: SIM110  (a loop: any() of a generator costs a call per node)
        if node.__class__ is gast.Call and _is_runtime(node.func, module, name):
            return True
    return False


def _is_runtime(func: gast.expr, runtime: str, name: str) -> bool:
    return func.__class__ is gast.Attribute and func.attr == name and \
        func.value.__class__ is gast.Name and func.value.id == runtime


def _name_counts(body: list[gast.stmt]) -> dict[str, int]:
    """How many times each name occurs in ``body`` (stored or loaded)."""
    counts: dict[str, int] = {}
    for stmt in body:
        for node in build.node_list(stmt):
            if node.__class__ is gast.Name:
                counts[node.id] = counts.get(node.id, 0) + 1
    return counts


def _divided(node: object, numpy: str, runtime: str) -> object:
    """``_rt.divided(c, a, b)`` for ``node`` ``np.where(c, a / b, 0.0)``; else ``node``."""
    if node.__class__ is not gast.Call or len(node.args) != 3 or node.keywords:
        return node
    func, (test, kept, zero) = node.func, node.args
    if not (isinstance(func, gast.Attribute) and func.attr == "where" and isinstance(
            func.value, gast.Name) and func.value.id == numpy):
        return node
    if not (isinstance(kept, gast.BinOp) and isinstance(kept.op, gast.Div) and isinstance(
            zero, gast.Constant) and type(zero.value) in (int, float) and zero.value == 0):
        return node
    return build.call(f"{runtime}.divided", test, kept.left, kept.right)
