'''Supports of the adjoints of a choice among arrays (:mod:`.supports`): ``np.select`` and
``np.choose``, whose rules give every choice its own adjoint at once, a list
(``choicelist_bar = _rt.unselect(g, conds, choices)``), taken apart next
(``sqrt_v_bar = choicelist_bar[1]``).

Choice ``k``'s adjoint is ``g`` where the choice was taken (``np.select``: where ``conds[k]`` is
the first condition that holds; ``np.choose``: where the index is ``k``), 0 elsewhere by
structure; un-broadcast to the choice's shape.  Its support is where the same adjoint of ones
(of ``g``'s own mask, when it has one) is not 0: ``_rt.unselect(np.ones_like(r), conds,
choices)[k] != 0``.  So a choice not taken where its partial is singular (``np.sqrt(v)``
offered at ``v <= 0``) is not differentiated into ``0 * inf``: the grammar ``np.select``
lowers to ``np.where`` (:mod:`.select_form`) only with its conditions written as boolean
expressions, and a condition held in a parameter (``np.select([m, v > 1], ...)``) or a list
bound to a name went through this rule, NaN at ``v = 0``.

    >>> import numpy as np, tangentish
    >>> def f(v, m):
    ...     return np.sum(np.select([m, v > 1], [v ** 2, np.sqrt(v)], 0.5))
    >>> v, m = np.array([0.0, 0.5, 2.0]), np.array([True, False, False])
    >>> print(tangentish.grad(f)(v, m))  # (sqrt's partial at v = 0 is inf: the mask chose v ** 2)
    [0.         0.         0.35355339]
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .supports_base import Support, calls, item_position, per_choice
from .supports_made import given, stable


def chosen_item(sweep: Any, value: gast.expr, target: str | None, operand: str,
                incoming: Support | None) -> Support | None:
    """The support of ``value``, a per-choice adjoint, the contribution to ``operand`` of the
    choice whose result is ``target`` (whose adjoint has the support ``incoming``, when known):
    item ``k`` of it (the name bound to it substituted, :func:`.supports_made.substituted`), or
    all of it to a list of choices bound to a name (one mask per item); None for any other
    value, or one whose conditions or choices read a derivative."""
    if calls(value, "unbroadcast") and len(value.args) == 2 or calls(value, "unselect_default"):
        return _default(sweep, value, target, incoming)
    whole = per_choice(value) and operand in sweep.sequences
    call = value if whole else getattr(value, "value", None)
    position = None if whole else item_position(getattr(value, "slice", None), None)
    if target is None or not whole and (position is None or position < 0) or \
            not per_choice(call) or \
            not sweep.derivative_names.isdisjoint(set().union(*map(build.loads, call.args[1:]))):
        return None
    aliases = sweep.machinery.aliases
    read = _of_ones(sweep, call, target, incoming)
    test = build.call(f"{aliases['_rt']}.read_mask", build.name(operand), read) if whole else \
        gast.Compare(left=build.subscript(read, build.constant(position)), ops=[gast.NotEq()],
                     comparators=[build.constant(0)])
    return Support(test) if stable(sweep, test) else None


def _default(sweep: Any, value: gast.Call, target: str,
             incoming: Support | None) -> Support | None:
    """The support of ``np.select``'s ``default``'s adjoint ``_rt.unselect_default(g, conds)``
    (un-broadcast to the default, ``_rt.unbroadcast(..., like)``): where no condition held."""
    call, like = (value.args[0], value.args[1]) if calls(value, "unbroadcast") else (value, None)
    if target is None or not calls(call, "unselect_default") or len(call.args) != 2 or \
            call.keywords or not sweep.derivative_names.isdisjoint(build.loads(call.args[1])) or \
            like is not None and not isinstance(like, gast.Name):
        return None
    read = _of_ones(sweep, call, target, incoming)
    if like is not None:
        read = build.call(f"{sweep.machinery.aliases['_rt']}.unbroadcast", read, build.clone(like))
    test = gast.Compare(left=read, ops=[gast.NotEq()], comparators=[build.constant(0)])
    return Support(test) if stable(sweep, test) else None


def _of_ones(sweep: Any, call: gast.Call, target: str, incoming: Support | None) -> gast.Call:
    """``call``, an adjoint of ``target``'s choice, of ones where ``g`` may be non-zero (of its
    mask ``incoming``, when known) in place of ``g``."""
    aliases = sweep.machinery.aliases
    inner = None if incoming is None else given(sweep, call.args[0], target, incoming)
    ones = build.call(f"{aliases['np']}.ones_like", build.name(target)) if inner is None else \
        build.call(f"{aliases['_rt']}.read_mask", build.name(target), inner)
    return gast.Call(func=build.clone(call.func), args=[ones, *map(build.clone, call.args[1:])],
                     keywords=[])
