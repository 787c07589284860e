"""``d.setdefault(K, v)`` and ``d.pop(K[, v])`` on a dict local, as statements or assigned to a
name (:mod:`dict_locals` calls :func:`lowered`), before anything else reads the function.

The key is a constant, and whether the dict holds it there is known (:mod:`dict_state`), so each
is what it does at that line: ``setdefault`` writes ``d_K = v`` where the key is missing (and
reads ``d_K``), ``pop`` reads ``d_K`` and deletes the key (its default where the key is missing).
A key set on some paths only, a missing key popped without a default, and a default that calls
something where it is not used (Python evaluates it anyway) are refused at the line.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.dict_locals import replace_dict_locals
    >>> def f(x):
    ...     d = {"a": x}
    ...     d.setdefault("b", 2.0 * x)
    ...     c = d.setdefault("a", 0.0)
    ...     e = d.pop("b")
    ...     return d["a"] * c * e * d.get("b", 1.0)
    >>> info = parse_function(f)
    >>> replace_dict_locals(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        d_a = x
        d_b = 2.0 * x
        c = d_a
        e = d_b
        return d_a * c * e * 1.0
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .dict_reads import _IMPURE, State, placed

_LOWERED = ("setdefault", "pop")


def lowered(locals_: Any, call: gast.expr, target: str | None, state: State,
            stmt: gast.stmt) -> list[gast.stmt] | None:
    """The statements ``[target =] d.setdefault(...)`` / ``d.pop(...)`` of the dict local ``d``
    become (``locals_``: the :class:`.dict_locals.DictLocals` reading the function), or None
    where ``call`` is no such call."""
    if not (isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute)
            and locals_.is_local(call.func.value) and call.func.attr in _LOWERED
            and 1 <= len(call.args) <= 2 and not call.keywords
            and not any(isinstance(a, gast.Starred) for a in call.args)):
        return None
    d, method = call.func.value.id, call.func.attr
    key = locals_.key(call.args[0], d, state)
    default = locals_.expr(call.args[1], state) if len(call.args) == 2 else None
    present = locals_.present(d, key, state, call)
    out: list[gast.stmt] = []
    if not present and method == "setdefault":
        out = locals_.assignments(d, [(key, default or build.constant(None))], stmt)
        state[d] = state[d].written(key)
    elif present and default is not None and any(isinstance(n, _IMPURE)
                                                 for n in build.nodes(default)):
        raise locals_.refuse(f"`{d}.{method}` with a default that calls something", call,
                             hint="give a constant default (Python evaluates it even when the "
                                  "key is there)")
    if not present and method == "pop" and default is None:
        raise locals_.refuse(f"`{d}.pop({key!r})`: the dict holds no such key here (a KeyError)",
                             call, hint=f"set {d}[{key!r}] before, or give `pop` a default")
    value = build.name(locals_.var(d, key)) if present or method == "setdefault" else default
    if target is not None:
        out += placed([build.assign(target, value)], stmt)
    if present and method == "pop":
        state[d] = state[d].deleted(key)
    return out
