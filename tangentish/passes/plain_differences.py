"""The adjoint of ``np.diff`` of a vector in plain NumPy: two slice writes, no runtime helper.

The adjoint of ``d = np.diff(a)`` is ``_rt.undiff(g, a, 1, -1)``, which serves every rank, axis
and order ``n`` (a Python loop over ``n``, index tuples built per axis): about 3 microseconds of
Python around three small NumPy calls.  In a derivative specialized to float64 arguments, where
``a`` is proven a float64 vector (a name of ``Derivative.shaped`` of proven rank 1) and the order is
1, the statement ``t = _rt.undiff(g, a, 1, -1)`` (axis ``-1`` or ``0``) is written as a person
writes it:

    t = np.zeros(a.shape)
    t[1:] = g
    t[:-1] -= g

(``g`` bound to a name first, ``diff_a_bar``, and deleted after, unless it is one), and
``t += _rt.undiff(g, a, 1, -1)`` (an adjoint summed into) likewise into a new name ``d``, then
``t += d``.

What it proves: the same numbers bit for bit as the helper, which fills zeros, writes ``g`` one
place later and subtracts ``g`` in place: item ``0`` is ``0.0 - g[0]``, item ``i`` is
``g[i - 1] - g[i]``, the last is ``g[-1]``, one rounding each, zeros' signs, infinities and NaNs
as the helper gives them: the same operations on the same values.  The
shapes: ``a`` of length ``m`` gives ``g`` of length ``m - 1`` and ``t`` of length ``m``; at
``m == 1`` both slices are empty and ``t`` is ``[0.0]``, as the helper's; at ``m == 0`` ``t`` is
empty, as the helper's (which returns ``g`` itself, here a new array).  The dtype: ``g`` must be
an expression of float64 names of rank 0 or 1 (one of rank 1) and Python floats under ``+ - *
/``, negation and powers to a number (so a float64 vector, never complex, whose length the
slices' assignment checks; a name is float64 when ``Derivative.shaped`` has it, or when each of
its bindings is such an expression), and ``np.zeros`` makes float64.  ``g`` is evaluated once, before the
new ``t`` is read, so it must not read ``t``.

    >>> import numpy as np
    >>> import tangentish
    >>> def tv(u):
    ...     return np.sum(np.sqrt(np.diff(u) ** 2 + 1e-6))
    >>> df, u = tangentish.grad(tv), np.linspace(0.0, 1.0, 5) ** 2
    >>> _ = df(u)  # (the first call runs the generic derivative)
    >>> print("\\n".join(line.strip() for line in df.source_for(u).splitlines()[-4:-1]))
    u_bar = np.zeros(u.shape)
    u_bar[1:] = diff_u_bar
    u_bar[:-1] -= diff_u_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import blocks, statements, target
from .derivative import Derivative
from .walks import Walks


def write_differences(fn: Derivative, walks: Walks) -> bool:
    """Rewrite each such ``_rt.undiff`` statement of ``fn`` (see above); whether any changed
    (``walks``: those of the statements rewritten are forgotten)."""
    if not fn.shaped or not any("undiff" in n.attr for n in _attributes(fn.body)):
        return False
    floats = float64_names(fn)
    numpy, runtime = fn.machinery.aliases["np"], fn.machinery.aliases["_rt"]
    changed = False
    for block in list(blocks(fn.body)):
        for index in range(len(block) - 1, -1, -1):
            stmt = block[index]
            found = _undiff(stmt, runtime, fn, floats)
            if found is None:
                continue
            name, g, a = found
            walks.forget(stmt)
            made = build.call(build.attribute(build.name(numpy), "zeros"),
                              build.attribute(build.name(a), "shape"))
            into = name if stmt.__class__ is gast.Assign else fn.namer.fresh(f"{name}_diff")
            given = g if g.__class__ is gast.Name else \
                build.name(fn.namer.fresh(f"diff_{a}_bar"))  # (g once, read twice)
            written = [like(stmt, build.assign(into, made)),
                       like(stmt, build.assign(_sliced(into, 1, None, True), given)),
                       like(stmt, gast.AugAssign(target=_sliced(into, None, -1, True),
                                                 op=gast.Sub(), value=build.clone(given)))]
            ir.note(written[1]).copied = ir.note(written[2]).summed = True  # (into its own)
            if given is not g:
                written = [like(stmt, build.assign(given.id, g)), *written,
                           like(stmt, gast.Delete(targets=[build.name(given.id)]))]
            if stmt.__class__ is gast.AugAssign:  # (``t += d``: the sum as before)
                stmt.value = build.name(into)
                written.append(stmt)
            block[index:index + 1] = written
            changed = True
    return changed


def _attributes(body: list[gast.stmt]) -> list[gast.Attribute]:
    return [node for stmt in statements(body) for node in walk(stmt)
            if node.__class__ is gast.Attribute]


def float64_names(fn: Derivative) -> set[str]:
    """The names proven float64: those of ``fn.shaped`` (the primal's, :mod:`.dtypes`) and
    those every binding of which is arithmetic of such names and Python floats (an adjoint
    ``s_bar = 0.1 / r``; not a parameter, whose value before it is bound is the caller's)."""
    floats = set(fn.shaped)
    bindings: dict[str, list[gast.expr | None]] = {
        name: [None] for name in build.parameter_names(fn.args)}
    for stmt in statements(fn.body):
        name = target(stmt)
        value = stmt.value if name is not None and stmt.__class__ is gast.Assign else None
        for bound in walks_bound(stmt):
            bindings.setdefault(bound, []).append(value if bound == name else None)
    for _ in range(_ROUNDS):
        found = {name for name, values in bindings.items() if name not in floats and all(
            value is not None and arithmetic_leaves(value) is not None and
            all(float_leaf(leaf, floats) for leaf in arithmetic_leaves(value)) for value in values)}
        if not found:
            break
        floats |= found
    return floats


def walks_bound(stmt: gast.stmt) -> set[str]:
    """The names ``stmt`` itself binds (not those of the statements it holds)."""
    heads = [stmt] if stmt.__class__ not in (gast.For, gast.If, gast.While) else \
        [getattr(stmt, "target", None)]
    return {node.id for head in heads if head is not None for node in walk(head)
            if node.__class__ is gast.Name and node.ctx.__class__ is gast.Store}


def _undiff(stmt: gast.stmt, runtime: str, fn: Derivative, floats: set[str]) -> tuple | None:
    """``(t, g, a)`` for ``t = _rt.undiff(g, a, 1, axis)`` of the kind the module rewrites."""
    if stmt.__class__ is gast.AugAssign and stmt.op.__class__ is gast.Add:
        head = stmt.target  # (``t += _rt.undiff(...)``: summed into an adjoint)
    elif stmt.__class__ is gast.Assign and len(stmt.targets) == 1:
        head = stmt.targets[0]
    else:
        return None
    if head.__class__ is not gast.Name or not ir.note(stmt).adjoint:
        return None
    call, name = stmt.value, head.id
    if call.__class__ is not gast.Call or call.keywords or \
            call.func.__class__ is not gast.Attribute or call.func.attr != "undiff" or \
            getattr(call.func.value, "id", None) != runtime or not 2 <= len(call.args) <= 4:
        return None
    g, a, *rest = call.args
    wanted = ((1,), (-1, 0))  # (order 1; the only axis of a vector)
    if any(not build.is_number(node) or type(node.value) is not int or node.value not in ok
           for node, ok in zip(rest, wanted[:len(rest)], strict=True)):
        return None
    if a.__class__ is not gast.Name or a.id not in floats or rank(fn, a.id) != 1 or \
            a.id == name or not _float64_vector(g, fn, floats) or \
            reads_name(g, name):
        return None
    return name, g, a.id


def rank(fn: Derivative, name: str) -> int | None:
    """The proven rank of ``name``, or of the primal value ``name`` is the adjoint of."""
    rank = fn.ranks.get(name)
    return fn.ranks.get(fn.primal_of.get(name)) if rank is None else rank


def reads_name(node: gast.expr, name: str) -> bool:
    """Whether ``node`` mentions the name ``name``."""
    return any(n.__class__ is gast.Name and n.id == name for n in walk(node))


def _float64_vector(node: gast.expr, fn: Derivative, floats: set[str]) -> bool:
    """Whether ``node`` is a float64 vector for certain: ``+ - * /`` and negation of proven
    float64 names of rank 0 or 1 and Python floats, one name of rank 1 at least."""
    leaves = arithmetic_leaves(node)
    return leaves is not None and all(float_leaf(leaf, floats) for leaf in leaves) and all(
        rank(fn, leaf.id) in (0, 1) for leaf in leaves if leaf.__class__ is gast.Name) and \
        any(leaf.__class__ is gast.Name and rank(fn, leaf.id) == 1 for leaf in leaves)


def arithmetic_leaves(node: gast.expr) -> list[gast.expr] | None:
    """The operands of the ``+ - * /``, negations and powers to a number (``d ** 2``) ``node``
    is made of; None when one is a call, a subscript or anything else but a name or a number."""
    leaves, stack = [], [node]
    while stack:
        item = stack.pop()
        if item.__class__ is gast.BinOp and item.op.__class__ in _ARITHMETIC:
            stack += [item.left, item.right]
        elif item.__class__ is gast.UnaryOp and item.op.__class__ is gast.USub:
            stack.append(item.operand)
        elif item.__class__ is gast.BinOp and item.op.__class__ is gast.Pow and \
                build.is_number(item.right):  # (``d ** 2``: a float64 base's dtype)
            stack.append(item.left)
        elif item.__class__ is gast.Name or build.is_number(item):
            leaves.append(item)
        else:
            return None
    return leaves


def float_leaf(leaf: gast.expr, floats: set[str]) -> bool:
    return leaf.id in floats if leaf.__class__ is gast.Name else type(leaf.value) is float


_ARITHMETIC = (gast.Add, gast.Sub, gast.Mult, gast.Div)
_ROUNDS = 4  # (an adjoint made of one proven in the round before)


def _sliced(name: str, lower: int | None, upper: int | None,
            store: bool = False) -> gast.Subscript:
    bound = [None if b is None else build.constant(b) for b in (lower, upper)]
    return build.subscript(build.name(name), gast.Slice(lower=bound[0], upper=bound[1],
                                                        step=None), store)


def like(model: gast.stmt, stmt: gast.stmt) -> gast.stmt:
    """``stmt`` with ``model``'s note and place (the adjoint it is part of)."""
    note, own = ir.note(model), ir.note(stmt)
    own.origin, own.owner, own.contribution = note.origin, note.owner, note.contribution
    own.adjoint = True
    return gast.copy_location(stmt, model)
