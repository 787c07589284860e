"""``**`` of a dict written in the call, ``f(x, **{"b": e})`` or ``f(x, **dict(b=e))``, as the
keywords it passes, ``f(x, b=e)``, before anything else reads the function.

Python evaluates the display's values where the ``**`` stands, in order, and passes one keyword
per key, so the keywords written there are the same call.  Only where that holds exactly: every
key a str constant that is a keyword (``dict(...)``: the builtin, given keywords only), nested
``**`` of such dicts too (``**{**{"a": 1.0}, "b": e}``); a key given twice (in the dict, whose
earlier value Python evaluates too, or to the call, where Python raises its ``TypeError``) leaves
the call as written.  A dict of the module (or a closure) in such a place, ``f(**{**CONFIG,
"lr": x})`` or ``f(x, **CONFIG)``, is its items read live, ``lr=x, mom=CONFIG['mom']``, its keys
(in order, keywords all) being what the derivative is built for (:func:`.dict_state.module_dict`:
adding one builds it again); a key it gives that a later entry gives again is the later one, as
reading it evaluates nothing.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     return g(x, 2.0, **{"scale": x * 3.0, **dict(shift=1.0)}, power=2)
    >>> info = parse_function(f)
    >>> spread_keyword_displays(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        return g(x, 2.0, scale=x * 3.0, shift=1.0, power=2)
"""

from __future__ import annotations

from collections.abc import Callable
from keyword import iskeyword

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from .dict_state import module_dict

Table = Callable[[gast.expr], "dict | None"]  # a module's dict a name or path holds, else None


def spread_keyword_displays(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    shadowed = {n.id for n in build.nodes(info.node) if isinstance(n, gast.Name) and
                not isinstance(n.ctx, gast.Load)} | build.parameter_names(info.node.args)
    builtin_dict = "dict" not in shadowed and info.is_builtin("dict")
    for node in build.nodes(info.node):
        if isinstance(node, gast.Call) and any(k.arg is None for k in node.keywords):
            _spread(node, builtin_dict, lambda n: module_dict(info, shadowed, n))


def _spread(call: gast.Call, builtin_dict: bool, table: Table) -> None:
    keywords: list[gast.keyword] = []
    for keyword in call.keywords:
        pairs = _pairs(keyword.value, builtin_dict, table) if keyword.arg is None else None
        if pairs is None:
            keywords.append(keyword)
            continue
        keywords += [gast.copy_location(gast.keyword(arg=key, value=value), keyword.value)
                     for key, value in pairs.items()]
    names = [k.arg for k in keywords if k.arg is not None]
    if len(names) == len(set(names)):  # (else Python's TypeError: left as written)
        call.keywords = keywords


def _pairs(node: gast.expr, builtin_dict: bool, table: Table) -> dict[str, gast.expr] | None:
    """The keys and values, in order, of a display or ``dict(k=...)`` whose keys are all
    keywords, each once (or first read from a module's dict), or of a module's dict; else
    None."""
    entries = _entries(node, builtin_dict, table)
    if entries is None:
        return None
    found: dict[str, gast.expr] = {}
    read: set[str] = set()  # (the keys whose value so far is a read of a module's dict)
    for key, value, of_module in entries:
        if key in found and key not in read:  # (given twice: Python evaluates both values)
            return None
        found[key] = value  # (where it was given first, as in Python)
        read = read | {key} if of_module else read - {key}
    return found


def _entries(node: gast.expr, builtin_dict: bool, table: Table) -> list[tuple] | None:
    """``(key, value, read from a module's dict)`` for each entry of a display, ``dict(k=...)``
    or a module's dict (nested ``**`` flattened), in order; None where a key is not a
    keyword, or the dict is another."""
    if isinstance(node, gast.Dict):
        items = list(zip(node.keys, node.values, strict=True))
    elif builtin_dict and isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
            node.func.id == "dict" and not node.args:
        items = [(None if k.arg is None else gast.Constant(value=k.arg, kind=None), k.value)
                 for k in node.keywords]
    else:  # (a module's dict: its str keys, in order, are what the derivative is built for)
        held = table(node)
        if held is None or not all(type(k) is str and k.isidentifier() and not iskeyword(k)
                                   for k in held):
            return None
        return [(k, gast.copy_location(build.subscript(build.clone(node), build.constant(k)),
                                       node), True) for k in held]
    found: list[tuple] = []
    for key, value in items:
        if key is None:
            inner = _entries(value, builtin_dict, table)
            if inner is None:
                return None
            found += inner
        elif isinstance(key, gast.Constant) and isinstance(key.value, str) and \
                key.value.isidentifier() and not iskeyword(key.value):
            found.append((key.value, value, False))
        else:
            return None
    return found
