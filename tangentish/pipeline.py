"""The whole transformation, one stage per line.

parse → fence → normalize → activity → reverse → optimize → generate → load.  Memoization lives in
:mod:`tangentish.api`; everything here is a pure function of the user's function and the options.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import gast

from . import arguments, runtime
from .loader import load
from .passes.activity import analyze
from .passes.calls import BUILDING
from .passes.desugar import desugar
from .passes.forward import forward
from .passes.generate import generate
from .passes.normalize import Normalized, normalize
from .passes.optimize import optimize
from .passes.reverse import reverse
from .passes.split import split
from .passes.tape import materialize
from .syntax.fence import fence
from .syntax.naming import _sanitize
from .syntax.parse import SourceInfo, parse_function
from .syntax.resolve import MACHINERY


@dataclass(frozen=True)
class Options:
    wrt: Any = 0
    mode: str = "grad"  # "grad", "value_and_grad" or "jvp"
    optimized: bool = True
    has_aux: bool = False


@dataclass
class Built:
    function: Any
    source: str
    wrt: list[str]
    single: bool
    rule_keys: list[Hashable]


def differentiate(fn: Any, options: Options) -> Built:
    """Generate, compile and return the derivative of ``fn`` described by ``options``."""
    info = parse_function(fn)
    token = BUILDING.set((*BUILDING.get(), info.fn.__code__))
    try:
        return _differentiate(info, options)
    finally:
        BUILDING.reset(token)


def _differentiate(info: SourceInfo, options: Options) -> Built:
    fence(info)
    desugar(info)
    norm = normalize(info, options.has_aux)
    wrt, single = resolve_wrt(info, norm.params, options.wrt)
    activity = analyze(norm, wrt)
    name = f"{options.mode}_{_sanitize(info.name.strip('<>'))}_wrt_{'_'.join(wrt)}"
    if options.mode == "jvp":
        derivative = forward(norm, activity, wrt, fn_name=name)
    else:
        derivative = reverse(norm, activity, wrt, single=single,
                             with_value=options.mode == "value_and_grad", fn_name=name)
    output = norm.body[-1].value
    if options.optimized:
        derivative = optimize(derivative, set(norm.params))
    materialize(derivative)
    if options.mode == "vjp":
        return _split_built(info, derivative, output, norm, wrt, single)
    text = generate(derivative, _docstring(info, wrt, options.mode))
    cells = _all_cells(info, derivative)
    seeds = {} if options.mode == "jvp" else {norm.seed: 1.0}
    function = load(text, name, info.globals, cells, info.fn.__defaults__,
                    {**(info.fn.__kwdefaults__ or {}), **seeds} or None)
    function.own_source = text
    function.callees = sorted(derivative.callees.values(), key=lambda c: c.name)
    source = text + "".join(
        f"\n\n# derivative of the helper {callee.helper}(), called above\n{own}"
        for callee, own in _helper_sources(function.callees))
    function.source = source
    keys = _rule_keys(norm) + [k for c in derivative.callees.values() for k in c.rule_keys]
    return Built(function, source, wrt, single, keys)


def _split_built(info: SourceInfo, derivative, output, norm: Normalized, wrt: list[str],
                 single: bool) -> Built:
    """``vjp``: the forward half returns the output and the residuals; the backward half is the
    reusable pullback (see :mod:`passes.split`)."""
    if norm.aux is not None:  # the forward half returns (output, aux); the pullback grads only
        output = gast.Tuple(elts=[output, norm.aux], ctx=gast.Load())
        derivative.body[-1].value = derivative.body[-1].value.elts[0]
    ahead, back = split(derivative, output, norm.params, norm.seed)
    what = f"{info.fn.__qualname__} with respect to {', '.join(wrt)} (tangentish)"
    ahead_text = generate(ahead, f"Primal of {what}: returns the output and what the pullback "
                                 "needs.")
    back_text = generate(back, f"Pullback of {what}: cotangent in, gradients out.")
    cells = _all_cells(info, derivative)
    function = load(ahead_text, ahead.name, info.globals, cells, info.fn.__defaults__,
                    info.fn.__kwdefaults__)
    function.backward = load(back_text, back.name, info.globals, cells, None, None)
    source = f"{ahead_text}\n\n{back_text}"
    keys = _rule_keys(norm) + [k for c in derivative.callees.values() for k in c.rule_keys]
    function.source = source
    return Built(function, source, wrt, single, keys)


def _docstring(info: SourceInfo, wrt: list[str], mode: str) -> str:
    what = {"value_and_grad": "Value and gradient", "jvp": "Value and directional derivative"
            }.get(mode, "Gradient")
    return f"{what} of {info.fn.__qualname__} with respect to {', '.join(wrt)} (tangentish)."


def _cells(info: SourceInfo) -> dict[str, Any]:
    fn = info.fn
    cells: dict[str, Any] = {**MACHINERY, "_rt": runtime}
    cells.update(zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True))
    return cells


def _helper_sources(callees: list, seen: set | None = None) -> list[tuple[Any, str]]:
    """Each helper derivative's own text once, depth first (helpers of helpers included)."""
    seen = set() if seen is None else seen
    found = []
    for callee in callees:
        if id(callee.function) in seen:
            continue
        seen.add(id(callee.function))
        found.append((callee, getattr(callee.function, "own_source", callee.source)))
        found.extend(_helper_sources(getattr(callee.function, "callees", []), seen))
    return found


def _all_cells(info: SourceInfo, derivative) -> dict[str, Any]:
    """Closure cells of the generated function: machinery, the user's closure, helpers'
    derivatives, and names that user-written rules take from their own modules."""
    return {**_cells(info), **derivative.extras,
            **{n: c.function for n, c in derivative.callees.items()}}


def _rule_keys(norm: Normalized) -> list[Hashable]:
    keys = []
    for stmt in norm.body:
        op = getattr(stmt, "op", None)
        if op is not None and op.key is not None:
            keys.append(op.key)
    return keys


def resolve_wrt(info: SourceInfo, params: list[str], wrt: Any) -> tuple[list[str], bool]:
    """``wrt`` → parameter names, and whether it was single (see :mod:`tangentish.arguments`)."""
    resolved = arguments.resolve_wrt(info.fn, wrt)
    return list(resolved.names), resolved.single


__all__ = ["Options", "Built", "differentiate"]
