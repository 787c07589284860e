'''Supports through a helper called with a derivative of its own (:mod:`.supports`, :mod:`.calls`).

A helper that is not inlined (it changes a local array in place, it is a checkpoint...) selects
inside its own derivative: ``grad_h_wrt_b(u, out_bar=g)`` for ``h(b) = b[2] * 2.0`` is 0 but at
``b[2]``, and ``jvp_h_wrt_x(x, x_dot=t)[1]`` for ``h(x) = np.where(x > 0, x, 0.0)`` is 0 where
``x <= 0``.  Those zeros are structural, but the caller saw only a call: it gave the result the
support of the seed (``np.any`` of it), so a singular partial behind it (``np.sqrt(u)`` at
``u = 0`` for the first, ``np.sqrt(h(x))`` for the second) made ``0 * inf = NaN`` where the exact
derivative is finite (fuzz seed 4877, program 34).

The support of such a result is where the derivative reaches from a seed that is NaN on the
seed's own support (``_rt.reached``, ``_rt.probe``: ``tangentish/runtime/probes.py``): the same
call once more, on that seed, NaN wherever arithmetic carries it and 0 where the helper's
selections leave it out.  It is computed into a name at once (:func:`.supports_base.large`), and
only for a value a singular partial may meet (reverse: an argument that :func:`.supports.
singular_fed` names; forward: a statement whose support is unused is dropped as dead code).
With ``u = np.sqrt(np.concatenate((v * v, v)))`` and ``return h(u)``:

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.pipeline import Options, differentiate
    >>> def h(b):
    ...     r = np.ones(2)
    ...     r[0] = 2.0
    ...     return b[2] * r[0]
    >>> h.__module__ = "model"  # (a user's helper: a doctest runs in tangentish's namespace)
    >>> def f(v):
    ...     u = np.sqrt(np.concatenate((v * v, v)))
    ...     return h(u)
    >>> for line in differentiate(f, Options()).source.splitlines()[8:12]:
    ...     print(line)
        u_bar = grad_h_wrt_b(u, out_bar=out_bar)
        u_mask = _rt.reached(grad_h_wrt_b, u, out_bar=_rt.probe(out_bar))
        # adjoint of: u = np.sqrt(np.concatenate((v * v, v)))  [...]
        arrays_bar = _rt.unjoin(_rt.divided(u_mask, u_bar, 2.0 * u), (v_times_v, v), 'concatenate', 0)
'''

from __future__ import annotations

from typing import Any

import gast

from ..loader import is_generated
from ..syntax import build
from .supports_base import NAN_SKIPPING, Support, both, handed_mask


def through_call(sweep: Any, stmt: gast.stmt, calls: dict[str, gast.expr], target: str,
                 incoming: Support | None, support: Support | None) -> Support | None:
    """``support`` (None: anywhere) of the contribution ``stmt``, kept to where a helper's
    gradient it calls can reach (:func:`called`; ``calls``: the names the adjoint block binds to
    a call, ``shares = grad_h_wrt_a_b(...)``, noted as :func:`bound_call` finds them)."""
    probe = called(sweep, stmt.value, calls, target, incoming)
    if probe is None or support is None:
        return support if probe is None else probe
    return both(support, probe, stmt.targets[0].id, sweep.machinery.aliases)


def bound_call(stmt: gast.stmt, calls: dict[str, gast.expr]) -> None:
    """Note in ``calls`` a name ``stmt`` binds to a call (``shares = grad_h_wrt_a_b(...)``)."""
    if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
            isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call):
        calls[stmt.targets[0].id] = stmt.value


def called(sweep: Any, value: gast.expr, temporaries: dict[str, gast.expr], target: str,
           incoming: Support | None) -> Support | None:
    """Reverse mode: the support of a contribution ``value`` that is (an item of: ``shares[k]``,
    ``shares`` bound to it in ``temporaries``) a helper's gradient ``grad_h(..., out_bar=g)``, its
    seed ``g`` the adjoint of ``target`` with the support ``incoming`` (None: anywhere); None
    for any other contribution."""
    item = None
    if isinstance(value, gast.Subscript) and isinstance(value.value, gast.Name) and \
            value.value.id in temporaries and isinstance(value.slice, gast.Constant) and \
            type(value.slice.value) is int:
        item, value = value.slice.value, temporaries[value.value.id]
    callee = _callee(sweep, value)
    seed = callee.record.seed if callee is not None else None
    if seed is None or not any(k.arg == seed for k in value.keywords):
        return None
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    where = () if incoming is None else (incoming.mask(target, numpy, runtime),)
    return Support(_reached(value, {seed: where}, runtime) if item is None else _reached(
        value, {seed: where}, runtime, "reached_at", item))  # (True where not known, not [k])


def called_tangent(sweep: Any, value: gast.expr, primals: dict[str, str]) -> Support | None:
    """Forward mode: the support of a tangent ``value`` that is a helper's ``jvp_h(..., x_dot=t)
    [1]``, each tangent keyword's value the tangent of a name of ``primals`` (tangent name →
    primal name) with the support the sweep knows (None: anywhere); None for any other value."""
    if not (isinstance(value, gast.Subscript) and isinstance(value.slice, gast.Constant) and
            value.slice.value == 1):
        return None
    call = value.value
    callee = _callee(sweep, call)
    if callee is None or not callee.record.tangents:
        return None
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    keywords = set(callee.record.tangents.values())
    probes = {}
    for keyword in call.keywords:
        if keyword.arg not in keywords:
            continue
        primal = primals.get(getattr(keyword.value, "id", None))
        if primal is None:
            return None
        support = sweep.supports.get(primal)
        probes[keyword.arg] = () if support is None else (support.mask(primal, numpy, runtime),)
    return Support(_reached(call, probes, runtime, "reached_tangent"))


def _callee(sweep: Any, value: gast.expr) -> Any:
    """The helper's derivative ``value`` calls, if it is a call of one by its name."""
    if not isinstance(value, gast.Call) or not isinstance(value.func, gast.Name):
        return None
    callees = getattr(sweep, "callees", None)
    return None if callees is None else callees.used.get(value.func.id)


def _reached(call: gast.Call, probes: dict[str, tuple], runtime: str,
             helper: str = "reached", item: int | None = None) -> gast.Call:
    """``_rt.reached(derivative, *args, seed=_rt.probe(g, mask), ...)`` for ``call``, each seed
    keyword of ``probes`` (keyword → the mask of its value's support, or none: anywhere) probed
    (``_rt.reached_at(derivative, item, ...)``: the mask of the result's item ``item``)."""
    keywords = []
    for keyword in call.keywords:
        value = build.clone(keyword.value)
        if keyword.arg in probes:
            value = build.call(f"{runtime}.probe", value, *probes[keyword.arg])
        keywords.append(gast.keyword(arg=keyword.arg, value=value))
    return gast.Call(func=build.dotted(f"{runtime}.{helper}"),
                     args=[build.clone(call.func), *([] if item is None else [build.constant(item)]),
                           *map(build.clone, call.args)],
                     keywords=keywords)



def handed_masks(sweep: Any, op: Any, wrt: list[str], callee: Any, handed: list[tuple[str, Any]],
                 parameters: list[str], read: Any = None) -> tuple[Any, dict[str, gast.expr]]:
    """The derivative of a helper to call, and the masks it takes by keyword: the
    :meth:`.calls.Callees.masked` variant of ``callee``, where a value whose derivative the call
    hands it (``handed``: the caller's names, with their supports, in the order of the helper's
    ``parameters`` for a jvp, or of its seed) is 0 by structure off its support, which a
    singular partial inside the helper would make ``0 * inf`` (``sqrt(b * b)`` at ``b = 0``);
    ``callee`` and none where no support is known or the helper reads no mask, or is itself a
    derivative (differentiated again: the first one's masks select as its guards do, and the
    twins of fuzz seed 5004 program 164's gradients of gradients, a third of its build time,
    read none).  (``read``: the items of its returned tuple a gradient's caller reads,
    :func:`.calls.read_items`.)"""
    masked = None if all(s is None for _, s in handed) or not _singular(sweep, callee.record) \
        or is_generated(op.key) else sweep.callees.masked(op, wrt, callee, parameters, read)
    if masked is None:  # (a list's or tuple's: in its own form, read where the helper's is not)
        return callee, {}
    return masked[0], {keyword: handed_mask(name, support, sweep.machinery.aliases)
                       for (name, support), keyword in zip(handed, masked[1], strict=True)}


def _singular(sweep: Any, record: Any) -> bool:
    """Whether the helper's derivative ``record`` (its helpers' included) has an operation whose
    partial may be inf or NaN where its value is finite or unused (declared singular, or one
    skipping NaNs): else a mask could guard nothing, and its masked twin is not built."""
    return any(sweep.registry.is_singular(key) or any(key is s for s in NAN_SKIPPING)
               for key in record.rule_keys)
