"""Feature probes of modules, decided where the function is differentiated.

Code written for several NumPy versions asks the module what it has: ``getattr(np, "trapezoid",
None) or np.trapz``, ``np.trapezoid if hasattr(np, "trapezoid") else np.trapz``.  The answer is
fixed once the function is differentiated (the derivative is built for the modules it sees), so
this pass folds it: ``getattr(M, "name"[, default])`` of a module ``M`` becomes ``M.name`` (or the
default, when ``M`` has no such attribute), ``hasattr(M, "name")`` a constant (and
``getattr(M, name)(x)`` of a variable ``name`` the call among the strings it may hold:
:mod:`.named_attributes`), and an ``or``, an
``and`` or a conditional expression whose deciding operand is now known keeps only what Python
would evaluate, so a name the module lacks is never looked up.  Only a module named by a variable
the function does not bind, and the builtins ``getattr``/``hasattr`` themselves, are folded.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     area = getattr(np, "no_such_function", None) or np.sum
    ...     return area(x) if hasattr(np, "sum") else x
    >>> info = parse_function(f)
    >>> fold_module_probes(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        area = np.sum
        return area(x)
"""

from __future__ import annotations

import builtins
import types
from typing import TYPE_CHECKING

import gast

from ..syntax import build
from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

if TYPE_CHECKING:
    from .named_attributes import StringNames

_PROBES = {"getattr": builtins.getattr, "hasattr": builtins.hasattr}


def fold_module_probes(info: SourceInfo) -> None:
    """Fold the probes of ``info``'s function in place (see the module docstring)."""
    _Fold(info, bound_names(info.node)).visit(info.node)


def bound_names(node: gast.FunctionDef) -> set[str]:
    """The names the function binds: its parameters, and every name it stores or deletes."""
    return {n.id for n in walk(node) if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}


class _Fold(build.Transformer):
    def __init__(self, info: SourceInfo, local: set[str]):
        self.info, self.local = info, local
        self.names: StringNames | None = None  # (made on the first getattr(np, name)(...))

    def _module(self, node: gast.expr) -> types.ModuleType | None:
        parts = dotted(node)
        if parts is None or parts[0] in self.local:
            return None
        found, value = self.info.lookup_path(parts)
        return value if found and isinstance(value, types.ModuleType) else None

    def _truth(self, node: gast.expr) -> bool | None:
        """Whether ``node`` is true, where that is known now: a constant, or a module's
        attribute that is a function or a class, whose type defines no truth of its own (always
        true)."""
        if isinstance(node, gast.Constant):
            return bool(node.value)
        parts = dotted(node)
        if parts is None or parts[0] in self.local or len(parts) < 2:
            return None
        found, value = self.info.lookup_path(parts)
        kind = type(value)  # (true unless its type says otherwise, as Python decides)
        return True if found and callable(value) and not hasattr(kind, "__bool__") and \
            not hasattr(kind, "__len__") else None

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        func, args = node.func, node.args
        if self._named(func):  # getattr(np, name)(x) of a name holding one of a few strings
            strings = self.names.choices(func.args[1].id, func)
            if strings is None:
                return node
            from .named_attributes import dispatch

            return dispatch(node, func.args[0], func.args[1].id, strings)
        if self._probe(node) is None:
            return node
        if self._named(node):  # getattr(np, name) of a name holding one string: np.<it>
            strings = self.names.choices(args[1].id, node)
            return node if strings is None or len(strings) > 1 else gast.copy_location(
                gast.Attribute(value=args[0], attr=strings[0], ctx=gast.Load()), node)
        module = self._module(args[0]) if len(args) >= 2 else None
        attribute = getattr(args[1], "value", None) if module is not None else None
        if not isinstance(attribute, str) or len(args) > (3 if func.id == "getattr" else 2):
            return node
        if func.id == "hasattr":
            return gast.copy_location(build.constant(hasattr(module, attribute)), node)
        if hasattr(module, attribute):
            return gast.copy_location(gast.Attribute(value=args[0], attr=attribute,
                                                     ctx=gast.Load()), node)
        return args[2] if len(args) == 3 else node  # (no default: Python raises, so do we)

    def _probe(self, node: gast.Call) -> str | None:
        """``"getattr"`` or ``"hasattr"`` where ``node`` calls that builtin (no keywords)."""
        func = node.func
        if isinstance(func, gast.Name) and func.id in _PROBES and func.id not in self.local \
                and self.info.lookup(func.id)[1] is _PROBES[func.id] and not node.keywords:
            return func.id
        return None

    def _named(self, node: gast.expr) -> bool:
        """Whether ``node`` is ``getattr(M, name)`` of a module ``M`` and a variable ``name``
        (:attr:`names` made then)."""
        if not (isinstance(node, gast.Call) and self._probe(node) == "getattr"
                and len(node.args) == 2 and isinstance(node.args[1], gast.Name)
                and self._module(node.args[0]) is not None):
            return False
        if self.names is None:  # (named_attributes.py: imported by a function probing by name)
            from .named_attributes import StringNames

            self.names = StringNames(self.info.node)
        return True

    def visit_BoolOp(self, node: gast.BoolOp) -> gast.expr:
        self.generic_visit(node)
        values = list(node.values)
        stops = isinstance(node.op, gast.Or)  # (`or` stops at a true operand, `and` at a false)
        while len(values) > 1:
            truth = self._truth(values[0])
            if truth is None:
                break
            if truth == stops:
                return values[0]
            values.pop(0)
        if len(values) == 1:
            return values[0]
        node.values = values
        return node

    def visit_IfExp(self, node: gast.IfExp) -> gast.expr:
        self.generic_visit(node)
        truth = self._truth(node.test)
        return node if truth is None else node.body if truth else node.orelse
