"""Methods of ``np.ndarray`` called through the class: ``np.ndarray.sum(X, axis=0)`` is
``X.sum(axis=0)``.

Python runs both the same way on an array (and refuses both on anything else), so the call is
rewritten as the method call, whose rule the array methods already have.  Only a class reached
through a name the function does not bind is rewritten, and only a method the class has.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     return np.ndarray.sum(x * x, axis=0)
    >>> info = parse_function(f)
    >>> call_methods_on_arrays(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        return (x * x).sum(axis=0)
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from .module_probes import bound_names


def call_methods_on_arrays(info: SourceInfo) -> None:
    """Rewrite ``np.ndarray.name(a, ...)`` in ``info``'s function as ``a.name(...)``."""
    _Methods(info).visit(info.node)


class _Methods(build.Transformer):
    def __init__(self, info: SourceInfo):
        self.info, self.local = info, bound_names(info.node)

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        func = node.func
        if not (isinstance(func, gast.Attribute) and node.args and
                not isinstance(node.args[0], gast.Starred)):
            return node
        parts = dotted(func.value)
        if parts is None or parts[0] in self.local:
            return node
        found, value = self.info.lookup_path(parts)
        if not found or value is not np.ndarray or not hasattr(np.ndarray, func.attr):
            return node
        method = gast.Attribute(value=node.args[0], attr=func.attr, ctx=gast.Load())
        return gast.copy_location(gast.Call(func=gast.copy_location(method, func),
                                            args=node.args[1:], keywords=node.keywords), node)
