"""Shift invariance: a maximum subtracted only to keep ``exp`` finite carries no derivative.

In ``m = np.max(x); out = m + np.log(np.sum(np.exp(x - m)))`` the output is the same for every
value of ``m``: adding ``c`` to ``m`` multiplies each ``exp(x - m)`` by ``exp(-c)``, so the log of
their sum drops by ``c``, and ``m + log(...)`` is unchanged.  The chain rule's term through ``m``
is therefore exactly zero (the adjoint would compute ``out_bar - sum(softmax) * out_bar``, zero up
to rounding, and then spread it over the arg-maxima), and activity treats ``m`` as not useful.

What :func:`invariant_shifts` proves, for each name ``m`` it returns: replacing the value of ``m``
by ``m + c`` (``c`` any array of ``m``'s shape) leaves every output of the function unchanged in
exact arithmetic.  So the derivative with ``m`` held constant is the derivative, in both modes and
at any order (the identity holds for every ``m``, so its derivatives in the other inputs hold too).

How: ``m`` must be ``np.max``/``np.min``/``np.amax``/``np.amin`` of a name ``x``, either over
everything (``m`` is a scalar, so ``c`` is constant along every axis) or with a constant integer
``axis`` (``c`` is constant along that axis), with ``keepdims=True`` (``c`` in the *kept* layout,
which broadcasts against ``x``) or without (the *squeezed* layout; an axis from ``-1`` up).  Its
effect is followed through the top-level straight-line statements as *shifted by k·c* or *scaled
by exp(k·c)*, each in one layout (operands of two layouts never meet: a squeezed ``c`` against
``x`` broadcasts along the wrong axis):

- ``x - m``, ``m + v``, ``u - v``, ``-u``: shifts add (``k = 0`` is unchanged: the effect stops);
- ``np.exp`` turns a shift into a scale, ``np.log`` a scale into a shift;
- ``u * v``, ``u / v``: scales add or subtract; a Python number may stand for either operand;
- ``np.sum`` keeps a scale when ``c`` is constant along what it sums (any sum for a scalar ``m``;
  the maximum's own ``axis`` of the kept layout otherwise, which stays kept with
  ``keepdims=True`` and is squeezed without);
- the maximum's axis taken away (``m[:, 0]``, ``m[..., 0]`` for ``axis=-1``, ``np.squeeze(m,
  axis=1)``: kept to squeezed) or put back (``m[:, None]``, ``np.expand_dims(m, 1)``: squeezed
  to kept), at that very axis;
- a copy passes the effect on.

Any other read of an affected name (another operation, a branch, a loop, a return, an in-place
update, a statement in a block) and the proof fails, and ``m`` is differentiated as usual.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def logsumexp(x):
    ...     m = np.max(x)
    ...     return m + np.log(np.sum(np.exp(x - m)))
    >>> def softmax(x, y):
    ...     m = np.max(x, axis=1, keepdims=True)
    ...     e = np.exp(x - m)
    ...     p = e / np.sum(e, axis=1, keepdims=True)
    ...     return np.sum(p * y)
    >>> def leaks(x):
    ...     m = np.max(x, axis=1, keepdims=True)
    ...     e = np.exp(x - m)
    ...     return np.sum(e / np.sum(e, axis=0, keepdims=True))
    >>> def shifts(f):
    ...     info = parse_function(f); desugar(info)
    ...     return invariant_shifts(normalize(info))
    >>> shifts(logsumexp), shifts(softmax), shifts(leaks)
    ({'m'}, {'m'}, set())

(``leaks`` sums along axis 0, where the shift of each row differs.)
"""

from __future__ import annotations

import operator

import gast
import numpy as np

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import definition_counts
from .dataflow import target as target_of
from .normalize import Normalized
from .shapes import hashable_in

_SHIFTS = {np.max, np.min, np.amax, np.amin}
_HEADERS = {gast.If: "test", gast.While: "test", gast.For: "iter"}
ADD, MUL = "shift", "scale"
SCALAR, KEPT, SQUEEZED = "scalar", "kept", "squeezed"  # the layout of c an effect is by


def invariant_shifts(norm: Normalized) -> set[str]:
    """The names whose value, changed by any amount of their own shape, leaves the output as it
    is (see the module docstring)."""
    notes = (stmt.__dict__.get(ir.SLOT) for stmt in norm.body)
    if not any(note is not None and note.op is not None and hashable_in(note.op.key, _SHIFTS)
               for note in notes):
        return set()  # (no np.max or np.min: nothing to seed, and no counting)
    definitions = definition_counts(norm.body)
    found = set()
    for index, stmt in enumerate(norm.body):
        seed = _seed(stmt, definitions)
        if seed is not None and _cancels(norm, index, seed, definitions):
            found.add(target_of(stmt))
    return found


def _seed(stmt: gast.stmt, definitions: dict[str, int]) -> tuple[str, str | None, str] | None:
    """``(x, axis, layout)`` for ``m = np.max(x)`` (axis ``None``, :data:`SCALAR`), ``m =
    np.max(x, axis=a, keepdims=True)`` (axis the text of the constant ``a``, :data:`KEPT`) or
    ``m = np.max(x, axis=a)`` (``a`` not below -1, :data:`SQUEEZED`), else None."""
    name = target_of(stmt)
    op = ir.note(stmt).op
    if name is None or op is None or definitions.get(name, 0) != 1 or \
            not hashable_in(op.key, _SHIFTS):
        return None
    reduction = _reduction(op)
    if reduction is None or definitions.get(reduction[0], 0) > 1:
        return None
    source, axis, keepdims = reduction
    if axis is None:
        return None if keepdims else (source, None, SCALAR)
    if keepdims:
        return source, axis, KEPT
    return (source, axis, SQUEEZED) if int(axis) >= -1 else None


def _reduction(op: ir.Op) -> tuple[str, str | None, bool] | None:
    """``(operand, axis text, keepdims)`` of ``f(a, [axis], axis=..., keepdims=...)`` with a name
    ``a`` and constant ``axis``/``keepdims``; None for any other argument."""
    if not op.args or len(op.args) > 2 or not isinstance(op.args[0], gast.Name) or \
            set(op.keywords) - {"axis", "keepdims"} or len(op.args) == 2 and "axis" in op.keywords:
        return None
    axis = op.args[1] if len(op.args) == 2 else op.keywords.get("axis")
    keepdims = op.keywords.get("keepdims")
    if any(v is not None and not isinstance(v, gast.Constant) for v in (axis, keepdims)) or \
            keepdims is not None and not isinstance(keepdims.value, bool) or \
            axis is not None and not isinstance(axis.value, (int, type(None))):
        return None
    axis_text = None if axis is None or axis.value is None else repr(axis.value)
    return op.args[0].id, axis_text, bool(keepdims is not None and keepdims.value)


def _cancels(norm: Normalized, index: int, seed: tuple[str, str | None, str],
             definitions: dict[str, int]) -> bool:
    """Follow ``m``'s effect through the statements after it; True if it never reaches a read
    other than those the module docstring lists."""
    m = target_of(norm.body[index])
    effects: dict[str, tuple[str, int, str]] = {m: (ADD, 1, seed[2])}
    top = set(map(id, norm.body[index + 1:]))
    for stmt in _all_statements(norm.body):
        if stmt is norm.body[index] or not _reads(stmt) & effects.keys():
            continue
        name = target_of(stmt)
        if id(stmt) not in top or name is None or definitions.get(name, 0) != 1:
            return False
        effect = _effect(ir.note(stmt).op, effects, seed)
        if effect is None:
            return False
        if effect[1] != 0:
            effects[name] = effect
    outputs = [norm.output] + ([norm.aux] if norm.aux is not None else [])
    return not any(isinstance(n, gast.Name) and n.id in effects
                   for out in outputs if out is not None for n in walk(out))


def _all_statements(body: list[gast.stmt]):
    for stmt in body:
        yield stmt
        if isinstance(stmt, ir.COMPOUND):
            yield from _all_statements(stmt.body)
            yield from _all_statements(stmt.orelse)


def _reads(stmt: gast.stmt) -> set[str]:
    """Every name a statement mentions (a compound statement: its header only)."""
    part = getattr(stmt, _HEADERS[type(stmt)]) if type(stmt) in _HEADERS else \
        None if isinstance(stmt, ir.COMPOUND) else stmt
    return set() if part is None else \
        {n.id for n in build.node_list(part) if isinstance(n, gast.Name)}


def _effect(op: ir.Op | None, effects: dict, seed: tuple[str, str | None, str]) -> tuple | None:
    """The effect on an operation's result, or None when it is none of the known forms."""
    if op is None:
        return None
    if op.key is None:
        return effects.get(op.args[0].id) if len(op.args) == 1 and \
            isinstance(op.args[0], gast.Name) else None
    if op.key is np.sum:
        return _summed(op, effects, seed)
    if hashable_in(op.key, _RELAYOUTS):
        return _relaid(op, effects, seed)
    if op.keywords or not op.args:
        return None
    operands = [_operand(a, effects, seed) for a in op.args]
    if any(o is None for o in operands):
        return None
    return _combine(op.key, operands) if hashable_in(op.key, _COMBINE_KEYS) else None


def _operand(node: gast.expr, effects: dict, seed: tuple[str, str | None, str]) -> tuple | None:
    """A number (no effect), an affected name, or ``x`` itself (no effect: ``x - m`` keeps
    ``x``'s shape, so the shift stays constant along the axes ``m`` reduced, for a maximum
    over an axis in its kept layout only)."""
    if isinstance(node, gast.Constant) and isinstance(node.value, (int, float)) and \
            not isinstance(node.value, bool):
        return (None, 0, None)
    if isinstance(node, gast.Name):
        return effects.get(node.id) or \
            ((ADD, 0, SCALAR if seed[2] == SCALAR else KEPT) if node.id == seed[0] else None)
    return None


def _combine(key: object, operands: list[tuple]) -> tuple | None:
    kinds = {kind for kind, _, _ in operands if kind is not None}
    layouts = {layout for _, _, layout in operands if layout not in (None, SCALAR)}
    if len(kinds) > 1 or len(layouts) > 1:  # (c kept against c squeezed: other elements meet)
        return None
    kind = kinds.pop() if kinds else None
    layout = layouts.pop() if layouts else SCALAR
    ks = [k for _, k, _ in operands]
    if len(ks) == 1 and key in (np.exp, np.log) and kind == (ADD if key is np.exp else MUL):
        return (MUL if key is np.exp else ADD, ks[0], layout)
    if len(ks) == 1 and key is operator.neg and kind == ADD:
        return (ADD, -ks[0], layout)
    if len(ks) != 2 or kind is None or (kind == ADD) != (key in (operator.add, operator.sub)):
        return None
    if key in (operator.add, operator.mul):
        return (kind, ks[0] + ks[1], layout)
    if key in (operator.sub, operator.truediv):
        return (kind, ks[0] - ks[1], layout)
    return None


_COMBINE_KEYS = {np.exp, np.log, operator.neg, operator.add, operator.sub, operator.mul,
                 operator.truediv}


def _summed(op: ir.Op, effects: dict, seed: tuple[str, str | None, str]) -> tuple | None:
    """``np.sum`` of a scaled value stays scaled when the shift is constant along what it sums:
    anything, for a scalar ``c``; the maximum's own axis of a value in the kept layout, which
    keeps it with ``keepdims=True`` and squeezes it without."""
    reduction = _reduction(op)
    if reduction is None:
        return None
    effect = effects.get(reduction[0])
    if effect is None or effect[0] != MUL:
        return None
    if effect[2] == SCALAR:
        return effect
    if effect[2] == KEPT and reduction[1] == seed[1]:
        return (MUL, effect[1], KEPT if reduction[2] else SQUEEZED)
    return None


_RELAYOUTS = {operator.getitem, np.squeeze, np.expand_dims}


def _relaid(op: ir.Op, effects: dict, seed: tuple[str, str | None, str]) -> tuple | None:
    """The maximum's axis of length 1 taken away (``m[:, 0]``, ``m[..., 0]``, ``np.squeeze(m,
    axis=1)``: kept to squeezed) or put back (``m[:, None]``, ``np.expand_dims(m, 1)``: squeezed
    to kept), by the maximum's own axis (``1``; ``-1`` by ``...`` only); nothing else."""
    if not op.args or not isinstance(op.args[0], gast.Name) or seed[1] is None:
        return None
    effect = effects.get(op.args[0].id)
    if effect is None or effect[2] == SCALAR:
        return None
    axis = int(seed[1])
    if op.key is operator.getitem:
        if len(op.args) != 2 or op.keywords:
            return None
        change = _indexes_axis(op.args[1], axis)
    else:
        given = op.args[1:] + list(op.keywords.values())
        if len(given) != 1 or set(op.keywords) - {"axis"} or not \
                (isinstance(given[0], gast.Constant) and given[0].value == axis):
            return None
        change = _TAKE if op.key is np.squeeze else _PUT
    if change is _TAKE and effect[2] == KEPT:
        return (effect[0], effect[1], SQUEEZED)
    if change is _PUT and effect[2] == SQUEEZED:
        return (effect[0], effect[1], KEPT)
    return None


_TAKE, _PUT = "take", "put"  # what an index does to the maximum's axis


def _indexes_axis(index: gast.expr, axis: int) -> str | None:
    """:data:`_TAKE` for an index that takes element 0 (or -1) of ``axis`` and all of the other
    axes, :data:`_PUT` for one that puts a new axis there; None for anything else."""
    items = index.elts if isinstance(index, gast.Tuple) else [index]
    if axis == -1:
        if len(items) != 2 or not (isinstance(items[0], gast.Constant) and
                                   items[0].value is Ellipsis):
            return None
        at, rest = items[1], []
    else:
        if axis < 0 or len(items) <= axis:  # (axis=-2: where it falls depends on the rank;
            return None                       # items[-2] of one index raised: fuzz 5580/42)
        at, rest = items[axis], items[:axis] + items[axis + 1:]
    if not all(isinstance(r, gast.Slice) and r.lower is None and r.upper is None and
               r.step is None for r in rest) or not isinstance(at, gast.Constant):
        return None
    if at.value is None:
        return _PUT
    return _TAKE if type(at.value) is int and at.value in (0, -1) else None
