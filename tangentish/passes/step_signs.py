"""One ``np.sign(a)`` for a ReLU's step and an ``abs``'s adjoint of the same ``a``.

In a derivative specialized to float64 arguments the adjoint of ``np.maximum(a, 0.0)`` selects
by ``_rt.step(a)`` (:class:`.dtypes.Ties`), which computes ``np.sign(a)`` itself from a few
hundred elements on; the adjoint of ``np.abs(a)`` multiplies by ``np.sign(a)``.  A function using
both of one value (the stable softplus ``np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0)``)
computed the same sign twice, one array pass of the eleven its adjoint makes.  Where a statement
list reads ``_rt.step(a)`` and ``np.sign(a)`` of one name, in statements that are plain
assignments to names of pure values (no in-place change, no call that might write an array, no
binding of ``a`` in between: each read sees the same array), the sign is computed once, right
before the first of them, and both read it: ``_rt.step(a, sign_a)`` (the same numbers bit
for bit: ``runtime/selection.py``; below the size where ``step`` calls ``np.heaviside`` the sign
is not read, and is computed once as before).

    >>> import numpy as np
    >>> import tangentish
    >>> def softplus(z):
    ...     return np.sum(np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0))
    >>> df, z = tangentish.grad(softplus), np.linspace(-2.0, 2.0, 5)
    >>> _ = df(z)  # (the first call runs the generic derivative)
    >>> print("\\n".join(line for line in df.source_for(z).splitlines() if "sign_" in line))
        sign_z = np.sign(z)
        z_bar = _rt.step(z, sign_z)
        z_bar += abs_z_bar * sign_z
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import blocks, stores
from .derivative import Derivative
from .substitute import Purity
from .walks import Walks

_READERS = frozenset({"chosen", "step"})  # (the runtime's calls a step is read by: pure)


def share_step_signs(fn: Derivative, walks: Walks) -> None:
    """Compute each ``np.sign(a)`` read with ``_rt.step(a)`` once (see the module docstring)."""
    numpy, rt = fn.machinery.aliases.get("np"), fn.machinery.aliases.get("_rt")
    if numpy is None or rt is None:
        return
    pure = Purity(fn)
    for block in list(blocks(fn.body)):
        groups: dict[str, list[tuple[gast.stmt, gast.Call]]] = {}
        shared: list[list[tuple[gast.stmt, gast.Call]]] = []
        for stmt in block:
            if not _plain(stmt, walks, pure, rt):
                shared.extend(groups.values())
                groups = {}
                continue
            for node in walks.nodes(stmt):
                name = _operand(node, numpy, rt)
                if name is not None:
                    groups.setdefault(name, []).append((stmt, node))
            for name in stores(stmt) & groups.keys():  # (read before the store: kept)
                shared.append(groups.pop(name))
        shared.extend(groups.values())
        for group in shared:
            kinds = {call.func.attr for _, call in group}
            if kinds == {"step", "sign"}:
                _share(fn, block, group, numpy, walks)


def _plain(stmt: gast.stmt, walks: Walks, pure: Purity, rt: str) -> bool:
    """A comment, or an assignment to names of a value that changes nothing."""
    if isinstance(stmt, ir.Comment):
        return True
    if stmt.__class__ is not gast.Assign or ir.note(stmt).updates or \
            not all(n.__class__ in (gast.Name, gast.Tuple, gast.Store) for t in stmt.targets
                    for n in walk(t)):
        return False
    value = walks.value(stmt) or []
    readers = {id(part) for n in value if _reader(n, rt) for part in (n, n.func)}
    return pure.of([n for n in value if id(n) not in readers])  # (their operands: in value)


def _reader(node: gast.AST, rt: str) -> bool:
    func = getattr(node, "func", None)
    return node.__class__ is gast.Call and func.__class__ is gast.Attribute and \
        getattr(func.value, "id", None) == rt and func.attr in _READERS and not node.keywords


def _operand(node: gast.AST, numpy: str, rt: str) -> str | None:
    """``a`` of ``_rt.step(a)`` or ``np.sign(a)`` (a name, alone), else None."""
    func = getattr(node, "func", None)
    if node.__class__ is not gast.Call or func.__class__ is not gast.Attribute or \
            func.value.__class__ is not gast.Name or node.keywords or len(node.args) != 1 or \
            node.args[0].__class__ is not gast.Name:
        return None
    if (func.value.id, func.attr) in ((numpy, "sign"), (rt, "step")):
        return node.args[0].id
    return None


def _share(fn: Derivative, block: list[gast.stmt], group: list, numpy: str,
           walks: Walks) -> None:
    first, operand = group[0][0], group[0][1].args[0].id
    name = fn.namer.fresh(f"sign_{operand.lstrip('_')}")
    for stmt, call in group:
        if call.func.attr == "step":
            call.args.append(build.name(name))  # (by position: read as the others' operands)
        else:  # np.sign(a): the name, in place (the call node becomes it)
            _replace(stmt, call, build.name(name))
        walks.forget(stmt)
    sign = build.assign(name, build.call(f"{numpy}.sign", build.name(operand)))
    block.insert(block.index(first), sign)
    for facts in (fn.ranks, fn.float64, fn.shaped):
        if operand in facts:
            facts[name] = facts[operand]


def _replace(stmt: gast.stmt, old: gast.AST, new: gast.AST) -> None:
    for parent in walk(stmt):
        for field in build.child_fields(parent.__class__):
            value = getattr(parent, field, None)
            if value is old:
                setattr(parent, field, new)
            elif value.__class__ is list:
                value[:] = [new if v is old else v for v in value]
