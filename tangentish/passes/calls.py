"""Calls to the user's own Python functions: each callee gets a derivative function of its own.

The primal sweep calls the helper as written.  The adjoint sweep calls the helper's own generated
vector-Jacobian product (``grad_helper_wrt_a_b(a, b, out_bar=y_bar)``), built by the same pipeline
with its own cache entry, and hands each differentiated argument its part of the result.  The
callee recomputes its primal inside that call (a checkpoint at the call boundary), so nothing of
the callee goes on the caller's tape.

    y = helper(a, 2.0)        →   (adjoint)   a_bar = grad_helper_wrt_x(a, 2.0, out_bar=y_bar)

Recursion is rejected up front: a function that (directly or through helpers) calls itself would
need a derivative of unbounded size.
"""

from __future__ import annotations

import contextvars
import inspect
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gast

from ..errors import UnsupportedConstructError
from ..syntax.resolve import callable_label

if TYPE_CHECKING:
    from .reverse import _Sweep

# Code objects whose derivative is being built right now (to reject recursion).
BUILDING: contextvars.ContextVar[tuple] = contextvars.ContextVar("tangentish_building",
                                                                   default=())


@dataclass
class Callee:
    """A helper's derivative as the caller's generated code uses it."""

    name: str  # the name generated code calls it by
    helper: str  # the user's function it differentiates
    function: Any
    source: str
    rule_keys: list


def is_user_function(key: Any) -> bool:
    """A Python function to differentiate through its source.  tangentish's own runtime helpers
    never are: they have rules, or their missing rule is reported."""
    return isinstance(key, types.FunctionType) and not (
        getattr(key, "__module__", "") or "").startswith("tangentish.")


def _bind(sweep: _Sweep, op: Any) -> inspect.BoundArguments:
    try:
        return inspect.signature(op.key).bind(*op.args, **op.keywords)
    except TypeError as exc:
        raise UnsupportedConstructError(
            f"the call to {op.label} does not match its signature: {exc}",
            sweep.norm.info.location(op.node), hint="check the arguments of the call",
        ) from None


def _active_parameters(sweep: _Sweep, op: Any, bound: inspect.BoundArguments) -> list[str]:
    active = []
    for parameter, value in bound.arguments.items():
        names = [n.id for n in gast.walk(value) if isinstance(n, gast.Name)] \
            if isinstance(value, gast.AST) else []
        if any(sweep.derivative(n) for n in names):
            if not isinstance(value, gast.Name):
                raise UnsupportedConstructError(
                    f"cannot differentiate a call to {op.label} with a differentiable value "
                    f"inside the literal argument {parameter!r}",
                    sweep.norm.info.location(op.node),
                    hint="pass the array itself, not a list or tuple holding it")
            active.append(parameter)
    return active


def callee(sweep: Any, op: Any, wrt: list[str], transform: str = "grad") -> Callee:
    """Build (or fetch from the cache) the helper's ``grad`` (or ``jvp``) with respect to
    ``wrt``, and register it with the sweep under a name that collides with nothing."""
    from .. import api

    function = op.key
    if function.__code__ in BUILDING.get():
        raise UnsupportedConstructError(
            f"cannot differentiate the recursive call to {callable_label(function)}",
            sweep.norm.info.location(op.node),
            hint="rewrite the recursion as a loop (tangentish differentiates loops)",
        )
    derivative = getattr(api, transform)(function, wrt=wrt[0] if len(wrt) == 1 else tuple(wrt))
    generated = inspect.unwrap(derivative)
    found = Callee(generated.__name__, function.__name__, generated, derivative.source,
                   getattr(derivative, "rule_keys", []))
    found.name = use_callee(sweep.callees, sweep.namer, found)
    return found


def use_callee(callees: dict[str, Callee], namer: Any, found: Callee) -> str:
    """The name generated code calls a helper's derivative by (reserved, unique)."""
    for used, known in callees.items():
        if known.function is found.function:
            return used
    used = found.name if found.name not in namer.taken else namer.fresh(found.name)
    namer.reserve(used)
    callees[used] = found
    return used


def call_contributions(sweep: _Sweep, stmt: gast.Assign) -> list[gast.stmt]:
    """``y = helper(...)``: ``helper_bar = grad_helper_wrt_...(..., out_bar=y_bar)``, then each
    differentiated argument's share."""
    from .normalize import assign, name

    op = stmt.op
    bound = _bind(sweep, op)
    wrt = _active_parameters(sweep, op, bound)
    if not wrt:
        return []
    called = callee(sweep, op, wrt).name
    target = stmt.targets[0].id
    keywords = [gast.keyword(arg=k, value=v) for k, v in op.keywords.items()]
    keywords.append(gast.keyword(arg="out_bar", value=name(sweep.derivative(target))))
    vjp = gast.Call(func=name(called), args=list(op.args), keywords=keywords)
    if len(wrt) == 1:
        single = assign(sweep.derivative(bound.arguments[wrt[0]].id), vjp)
        single.contribution = bound.arguments[wrt[0]].id
        return [single]
    shares = sweep.namer.fresh(f"{function_word(op.key)}_bar")
    out = [assign(shares, vjp)]
    for index, parameter in enumerate(wrt):
        argument = bound.arguments[parameter].id
        item = gast.Subscript(value=name(shares), slice=gast.Constant(value=index, kind=None),
                              ctx=gast.Load())
        out.append(assign(sweep.derivative(argument), item))
        out[-1].contribution = argument
    return out


def function_word(function: Any) -> str:
    return getattr(function, "__name__", "call").strip("<>")
