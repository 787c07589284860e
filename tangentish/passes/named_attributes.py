"""``getattr(np, name)(x)`` where ``name`` holds one of the strings the function binds it to.

A name the function binds only to string constants (``name = "sin"``, ``for name in ("sin",
"cos"):``) can hold no other value, so a call of the module's attribute it names is the call of
one of a few functions known now: it becomes the chain of calls Python would pick among, each
behind the comparison that picks it (the last one behind none: ``name`` holds it when the others
fail; reading ``name`` first raises Python's ``UnboundLocalError`` where it has no value yet).
One string bound by a statement of the function's body before the call is that call alone.  Any
other binding of the name (a parameter, an augmented assignment, an import...) leaves the call
as written, refused where it is differentiated.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.module_probes import fold_module_probes
    >>> def f(x):
    ...     s = 0.0
    ...     for name in ("sin", "cos", "exp"):
    ...         s = s + getattr(np, name)(x)
    ...     return s
    >>> info = parse_function(f)
    >>> fold_module_probes(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        s = 0.0
        for name in ('sin', 'cos', 'exp'):
            s = s + (np.sin(x) if name == 'sin' else np.cos(x) if name == 'cos' else np.exp(x))
        return s
"""

from __future__ import annotations

import keyword

import gast

from ..syntax import build
from ..syntax.tree_walk import walk


class StringNames:
    """The names ``function`` binds only to string constants: for each, the strings in source
    order, and where a single top-level statement binds it, the position after which it holds
    its value."""

    def __init__(self, function: gast.FunctionDef):
        self.strings: dict[str, list[str]] = {}
        self.bound_from: dict[str, tuple[int, int]] = {}
        explained: set[gast.AST] = set()
        top = set(function.body)
        for node in walk(function):
            target, values = _string_binding(node)
            if target is not None:
                self.strings.setdefault(target.id, []).extend(values)
                explained.add(target)
                if node in top:
                    end = (node.lineno, node.col_offset) if isinstance(node, gast.For) else (
                        node.end_lineno, node.end_col_offset)
                    self.bound_from.setdefault(target.id, end)
        for name in _other_bindings(function, explained):
            self.strings.pop(name, None)

    def choices(self, name: str, at: gast.AST) -> list[str] | None:
        """The strings ``name`` may hold where ``at`` reads it (``None``: not known; one string
        only where a top-level statement before ``at`` binds it)."""
        strings = list(dict.fromkeys(self.strings.get(name, ())))
        if not strings or not all(s.isidentifier() and not keyword.iskeyword(s) for s in strings):
            return None
        if len(strings) == 1 and not (len(self.strings[name]) == 1 and name in self.bound_from
                                      and (at.lineno, at.col_offset) > self.bound_from[name]):
            return None  # (one string on some paths only: a read could find no value)
        return strings


def _string_binding(node: gast.AST) -> tuple[gast.Name | None, list[str]]:
    """``name = "s"`` or ``for name in ("s", "t"):`` (a list too): the name and its strings."""
    if isinstance(node, gast.Assign) and len(node.targets) == 1:
        target, values = node.targets[0], [node.value]
    elif isinstance(node, gast.For) and isinstance(node.iter, gast.Tuple | gast.List):
        target, values = node.target, list(node.iter.elts)
    else:
        return None, []
    if not (isinstance(target, gast.Name) and values and all(
            isinstance(v, gast.Constant) and isinstance(v.value, str) for v in values)):
        return None, []
    return target, [v.value for v in values]


def _other_bindings(function: gast.FunctionDef, explained: set[gast.AST]) -> set[str]:
    """Every name ``function`` binds otherwise: parameters, other stores and deletes, imports,
    definitions, ``global``/``nonlocal``, and the names a ``match`` pattern captures (with a few
    more that carry a ``name``: an over-approximation, which only leaves a call as written)."""
    found = set()
    for node in walk(function):
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load) \
                and node not in explained:
            found.add(node.id)
        elif isinstance(node, gast.Import | gast.ImportFrom):
            found.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, gast.Global | gast.Nonlocal):
            found.update(node.names)
        elif isinstance(getattr(node, "name", None), str) or isinstance(
                getattr(node, "rest", None), str):  # (a def, a class, MatchAs, MatchStar...)
            found.update(n for n in (getattr(node, "name", None), getattr(node, "rest", None))
                         if isinstance(n, str))
    return found


def dispatch(call: gast.Call, module: gast.expr, name: str, strings: list[str]) -> gast.expr:
    """``getattr(module, name)(*args)`` as the chain of ``module.<s>(*args)`` for the
    ``strings`` ``name`` may hold, each but the last behind ``name == s``."""
    def branch(attribute: str) -> gast.expr:
        return located(gast.Call(func=gast.Attribute(value=build.clone(module), attr=attribute,
                                                     ctx=gast.Load()),
                                 args=build.clone(call.args), keywords=build.clone(call.keywords)),
                       call)

    chain = branch(strings[-1])
    for string in reversed(strings[:-1]):
        test = gast.Compare(left=build.name(name), ops=[gast.Eq()],
                            comparators=[build.constant(string)])
        chain = located(gast.IfExp(test=located(test, call), body=branch(string), orelse=chain),
                        call)
    return chain


def located(node: gast.AST, at: gast.AST) -> gast.AST:
    """``node`` and every node in it without a position, at ``at``'s position."""
    for part in walk(node):
        if "lineno" in part._attributes and getattr(part, "lineno", None) is None:
            gast.copy_location(part, at)
    return node
