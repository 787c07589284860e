"""``**`` of a dict written in the call, ``f(x, **{"b": e})`` or ``f(x, **dict(b=e))``, as the
keywords it passes, ``f(x, b=e)``, before anything else reads the function.

Python evaluates the display's values where the ``**`` stands, in order, and passes one keyword
per key, so the keywords written there are the same call.  Only where that holds exactly: every
key a str constant that is a keyword (``dict(...)``: the builtin, given keywords only), nested
``**`` of such dicts too (``**{**{"a": 1.0}, "b": e}``); a key given twice (in the dict, whose
earlier value Python evaluates too, or to the call, where Python raises its ``TypeError``) leaves
the call as written.

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

from keyword import iskeyword

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo


def spread_keyword_displays(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    shadowed = {n.id for n in build.nodes(info.node) if isinstance(n, gast.Name) and
                not isinstance(n.ctx, gast.Load)} | build.parameter_names(info.node.args)
    builtin_dict = "dict" not in shadowed and info.is_builtin("dict")
    for node in build.nodes(info.node):
        if isinstance(node, gast.Call) and any(k.arg is None for k in node.keywords):
            _spread(node, builtin_dict)


def _spread(call: gast.Call, builtin_dict: bool) -> None:
    keywords: list[gast.keyword] = []
    for keyword in call.keywords:
        pairs = _pairs(keyword.value, builtin_dict) if keyword.arg is None else None
        if pairs is None:
            keywords.append(keyword)
            continue
        keywords += [gast.copy_location(gast.keyword(arg=key, value=value), keyword.value)
                     for key, value in pairs.items()]
    names = [k.arg for k in keywords if k.arg is not None]
    if len(names) == len(set(names)):  # (else Python's TypeError: left as written)
        call.keywords = keywords


def _pairs(node: gast.expr, builtin_dict: bool) -> dict[str, gast.expr] | None:
    """The keys and values, in order, of a display or ``dict(k=...)`` whose keys are all
    keywords, each once; else None."""
    if isinstance(node, gast.Dict):
        items = list(zip(node.keys, node.values, strict=True))
    elif builtin_dict and isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
            node.func.id == "dict" and not node.args:
        items = [(None if k.arg is None else gast.Constant(value=k.arg, kind=None), k.value)
                 for k in node.keywords]
    else:
        return None
    found: dict[str, gast.expr] = {}
    for key, value in items:
        inner = _pairs(value, builtin_dict) if key is None else None
        if inner is not None and not inner.keys() & found.keys():
            found.update(inner)
        elif inner is None and isinstance(key, gast.Constant) and isinstance(key.value, str) \
                and key.value.isidentifier() and not iskeyword(key.value) and key.value not in found:
            found[key.value] = value
        else:  # (not a keyword; or a key given twice, whose first value Python evaluates too)
            return None
    return found
