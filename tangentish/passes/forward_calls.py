"""Forward mode through calls to the user's own functions: each callee gets a ``jvp`` function
of its own, and the caller takes the tangent part of its result.

    y = helper(a, 2.0)        →   y_dot = jvp_helper_wrt_a(a, 2.0, a_dot=a_dot)[1]
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import gast

from ..registry import TANGENT, Registry
from .calls import callee, is_user_function

if TYPE_CHECKING:
    from .forward import _Tangents


def needs_callee(op: Any, registry: Registry) -> bool:
    return is_user_function(op.key) and registry.lookup(TANGENT, op.key) is None


def call_tangent(sweep: _Tangents, stmt: gast.stmt, target: str) -> list[gast.stmt]:
    from .normalize import assign, name

    op = stmt.op
    bound = inspect.signature(op.key).bind(*op.args, **op.keywords)
    wrt = [p for p, v in bound.arguments.items()
           if isinstance(v, gast.Name) and sweep.tangent(v.id)]
    used = callee(sweep, op, wrt, transform="jvp").name
    keywords = [gast.keyword(arg=k, value=v) for k, v in op.keywords.items()]
    keywords += [gast.keyword(arg=f"{p}_dot", value=name(sweep.tangent(bound.arguments[p].id)))
                 for p in wrt]
    result = gast.Call(func=name(used), args=list(op.args), keywords=keywords)
    tangent = gast.Subscript(value=result, slice=gast.Constant(value=1, kind=None),
                             ctx=gast.Load())
    return [assign(sweep.tangent(target), tangent)]
