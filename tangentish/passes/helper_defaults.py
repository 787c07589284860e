"""The defaults of a helper :mod:`.inline_helpers` inlines, and the names its body may read.

A default the call leaves out becomes the literal it is now (a number, a string, a boolean or
``None``), or, when it is no such constant but is written as a global of the helper's module
(``def basis(i, k, t, knots=KNOTS)``) still bound to that very object, that global's name: the
inlined body reads the global, whose binding the caller's derivative records (rebinding it
derives again, as redefining the helper's defaults does).  Any other default keeps the helper
out of line (its own derivative).  A name the body reads must not be one of the caller's
variables or a name generated code already gave to something else.

    >>> import numpy as np
    >>> from tangentish.passes import desugar, normalize
    >>> from tangentish.syntax import parse, printer
    >>> __name__ = "example"  # (what follows is a user's module, not tangentish's own code)
    >>> TABLE = np.array([0.5, 2.0])
    >>> if True:  # (the helper reading the table by default, and its caller, in one file)
    ...     def scaled(x, i, table=TABLE, shift=1.0):
    ...         return x * table[i] + shift
    ...     def f(x):
    ...         return np.sum(scaled(x, 1))
    >>> info = parse.parse_function(f); desugar.desugar(info)
    >>> info.node.body = normalize.normalize(info).body
    >>> print(printer.function_text(info.node), end="")
    def f(x):
        TABLE1 = TABLE[1]
        x_times_TABLE1 = x * TABLE1
        _t1 = x_times_TABLE1 + 1.0
        out = np.sum(_t1)
        return out
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .lowering import Lowering

CONSTANTS = (int, float, complex, str, bool, type(None))


def clashing(norm: Lowering, free: set[str]) -> bool:
    """Whether a name of ``free`` (read from the helper's module) is one of the caller's
    variables, or a name generated code already uses for something else."""
    caller = norm.locals | set(norm.current) | set(norm.local_functions) | set(norm.params)
    if free & caller:
        return True
    modules = norm.machinery.values  # alias -> module: fine where the helper means the same
    generated = norm.namer.taken - norm.source_names - norm.helper_names  # temporaries, aliases
    for name in free & generated:
        found, value = norm.info.lookup(name)
        if name not in modules or not found or value is not modules[name]:
            return True
    return False


def constant_defaults(norm: Lowering, function: Any, fdef: gast.FunctionDef,
                      call: gast.Call) -> bool:
    """Put the function's current defaults into ``fdef`` as literals, or as the global a
    left-out one is written as (:func:`global_default`); ``False``: one the call leaves out is
    neither."""
    args = fdef.args
    positional = args.posonlyargs + args.args
    given = {k.arg for k in call.keywords} | {a.id for a in positional[:len(call.args)]}
    defaults = function.__defaults__ or ()
    if len(defaults) != len(args.defaults):
        return False
    kwdefaults = function.__kwdefaults__ or {}
    names = [a.id for a in positional[len(positional) - len(defaults):]]
    source = dict(zip(names, args.defaults, strict=True))
    source.update({a.id: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)})
    pairs = list(zip(names, defaults, strict=True))
    pairs += [(a.id, kwdefaults[a.id]) for a in args.kwonlyargs if a.id in kwdefaults]
    kept: dict[str, gast.expr] = {}
    for name, value in pairs:
        if name not in given and type(value) not in CONSTANTS:
            found = global_default(norm, source.get(name), value)
            if found is None:
                return False
            kept[name] = found
    args.defaults = [kept.get(n) or gast.Constant(value=_plain(v), kind=None)
                     for n, v in zip(names, defaults, strict=True)]
    args.kw_defaults = [kept.get(a.id) or gast.Constant(value=_plain(kwdefaults[a.id]), kind=None)
                        if a.id in kwdefaults else None for a in args.kwonlyargs]
    return True


def global_default(norm: Lowering, node: gast.expr | None, value: Any) -> gast.expr | None:
    """``node``, a default's source, as a name to read where it is a global of the module (not a
    name of the caller's) bound to ``value`` itself; ``None`` for any other."""
    if not isinstance(node, gast.Name) or clashing(norm, {node.id}):
        return None
    found, current = norm.info.lookup(node.id)
    if not found or current is not value:
        return None
    norm.info.keep_same([node.id], value)  # (rebound: the default is another object)
    norm.namer.reserve(node.id)  # (a temporary must not take the name it reads)
    norm.helper_names.add(node.id)
    return build.name(node.id)


def _plain(value: Any) -> Any:
    return value if type(value) in CONSTANTS else None  # (left-out defaults are all plain)
