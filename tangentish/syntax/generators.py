"""Generator expressions that a builtin consumes at once, rewritten as list comprehensions.

``sum(x[i] ** 2 for i in range(n))`` is how people write a sum in Python.  When the generator is
the first positional argument of ``sum``, ``max``, ``min``, ``sorted``, ``list`` or ``tuple`` (the
builtins themselves: a local or global of that name is left alone), or of ``math.fsum`` or
``math.prod`` (resolved to those very functions, however named), the callee runs it to the end
before it returns, so the list comprehension with the same element and clauses computes the same
values in the same order; the derivative then goes through the comprehension's rules.  Generators
anywhere else (kept, passed to a user function, or to ``any``/``all``, which may stop early) are
left for the fence to refuse.
What the comprehension cannot do (several ``for`` clauses) is refused as for a comprehension.

    >>> import gast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x):
    ...     return sum(v * v for v in x)
    >>> info = parse_function(f)
    >>> consume_generators(info, set())
    1
    >>> type(info.node.body[0].value.args[0]).__name__
    'ListComp'
"""

from __future__ import annotations

import builtins
import math

import gast

from . import build
from .parse import SourceInfo
from .resolve import dotted

# Builtins that iterate their first argument to the end before returning.
CONSUMERS = ("sum", "max", "min", "sorted", "list", "tuple")
# Module functions that do the same, named as ``module.function`` (``math.fsum(v * v for v in x)``).
MODULE_CONSUMERS = (math.fsum, math.prod)


def consume_generators(info: SourceInfo, local: set[str]) -> int:
    """Rewrite, in ``info.node``, every generator expression passed first to a consuming builtin
    as the equivalent list comprehension; returns how many were rewritten."""
    count = 0
    for stmt in info.node.body:
        for node in build.nodes(stmt):
            if (node.__class__ is gast.Call and node.args
                    and node.args[0].__class__ is gast.GeneratorExp and _consumer(info, node, local)):
                generator = node.args[0]
                comprehension = gast.ListComp(elt=generator.elt, generators=generator.generators)
                node.args[0] = gast.copy_location(comprehension, generator)  # (end too)
                count += 1
    return count


def _consumer(info: SourceInfo, call: gast.Call, local: set[str]) -> bool:
    parts = dotted(call.func)  # (``sum``, ``math.fsum``, ``fsum`` imported from math)
    if parts is None or parts[0] in local:
        return False
    if len(parts) == 1 and parts[0] in CONSUMERS:
        found, value = info.lookup(parts[0])
        return found and value is getattr(builtins, parts[0])
    found, value = info.lookup_path(parts)
    return found and any(value is consumer for consumer in MODULE_CONSUMERS)
