"""A local bound to the module a helper of the user's returns (array-API style, ``xp =
_namespace(x)``, ``xp = get_namespace(a, b)``): read as that module, after a check that the
helper returned it when the derivative runs.

Guarantee to the next stage: a statement at the top level of the function's body ``name =
helper(...)`` (``helper`` a Python function the scope names; ``name`` bound by no other
statement, not a parameter, not read by a nested function, and every read of it after the
statement the root of an attribute, ``xp.sum(v)``), where the ``return`` statements of the
helper's own body name exactly one module by a path its scope resolves (``return np``; others
may compute one, ``return a.__array_namespace__()``) that the function's scope spells too, is
``if helper(...) is not <module>: raise _rt.default_changed(...)`` followed by ``name =
<module>``, which :mod:`.module_aliases` then reads through (``np.sum(v)``).  Which module the
helper returns is known only when the derivative runs, so it is built for the one the helper
names and checks it: another module (a JAX array's namespace) raises ``ArgumentError``, never
NumPy's derivative of it.  (The check's call of the helper is the function's own, inlined or
differentiated as any other: a helper whose other paths compute a module from a varying
argument, ``return x.__array_namespace__()``, is refused there, as a method without a rule.)
Any other binding is left alone (``xp.sum(v)`` stays refused as an array's method).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def _namespace(x):
    ...     return np
    >>> def f(x):
    ...     xp = _namespace(x)
    ...     return xp.sum(xp.tanh(x))
    >>> info = parse_function(f)
    >>> resolve_helper_modules(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        if _namespace(x) is not np:
            raise _rt.default_changed('this derivative of f was built for _namespace(x) returning np')
        return np.sum(np.tanh(x))
"""

from __future__ import annotations

import types

import gast

from ..errors import TangentishError
from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.printer import expression_text
from ..syntax.resolve import dotted, expression_for
from ..syntax.tree_walk import walk
from .callable_defaults import default_guard
from .module_aliases import replace_module_aliases


def resolve_helper_modules(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    changed = False
    for stmt in list(info.node.body):
        found = _helper_module(info, stmt)
        if found is None or not _read_as_module(info, found[0], stmt):
            continue
        name, text = found
        call = build.clone(stmt.value)
        guard = default_guard(info, expression_text(call), text,
                       f"{expression_text(call)} returning {text}")
        guard.test.left = call
        binding = gast.Assign(targets=[stmt.targets[0]], value=expression_for(text),
                              type_comment=None)
        at = info.node.body.index(stmt)
        info.node.body[at:at + 1] = [guard, gast.copy_location(binding, stmt)]
        gast.copy_location(binding.value, stmt.value)
        changed = True
    if changed:
        replace_module_aliases(info)


def _helper_module(info: SourceInfo, stmt: gast.stmt) -> tuple[str, str] | None:
    """``(name, module text)`` of a statement ``name = helper(...)`` whose helper returns one
    module its body names (the module docstring), else None."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call)) or \
            stmt.value.keywords or any(isinstance(a, gast.Starred) for a in stmt.value.args):
        return None
    name = stmt.value.func.id if isinstance(stmt.value.func, gast.Name) else None
    helper = info.lookup(name)[1] if name is not None else None
    if not isinstance(helper, types.FunctionType):
        return None
    try:
        inner = parse_function(helper)
    except TangentishError:  # (no source: left alone)
        return None
    modules = set()
    for node in build.outside_nested(inner.node.body):
        path = dotted(node.value) if isinstance(node, gast.Return) and node.value else None
        value = inner.lookup_path(path)[1] if path else None
        if isinstance(value, types.ModuleType):
            modules.add(value)
    text = module_spelling(info, modules.pop()) if len(modules) == 1 else None
    return (stmt.targets[0].id, text) if text is not None else None


def _read_as_module(info: SourceInfo, name: str, binding: gast.stmt) -> bool:
    """Whether ``name`` is bound only by ``binding``, is no parameter, is read by no nested
    function, and each read of it is the root of an attribute after ``binding``."""
    if name in build.parameter_names(info.node.args):
        return False
    own = build.outside_nested(info.node.body)
    stores = [n for n in own if isinstance(n, gast.Name) and n.id == name and
              not isinstance(n.ctx, gast.Load)]
    reads = [n for n in own if isinstance(n, gast.Name) and n.id == name and
             isinstance(n.ctx, gast.Load)]
    every = [n for n in walk(info.node) if isinstance(n, gast.Name) and n.id == name and
             isinstance(n.ctx, gast.Load)]
    rooted = {id(n.value) for n in own if isinstance(n, gast.Attribute)}
    before = {id(n) for stmt in info.node.body[:info.node.body.index(binding) + 1]
              for n in walk(stmt)}
    return len(stores) == 1 and stores[0] is binding.targets[0] and bool(reads) and \
        len(reads) == len(every) and all(id(n) in rooted and id(n) not in before for n in reads)


def module_spelling(info: SourceInfo, module: types.ModuleType) -> str | None:
    """How the function's scope names ``module``: a global (or closure) name bound to it or to
    a package above it (``np``, ``np.linalg``; the shortest, then alphabetical), or None."""
    found = []
    for name, value in info.fn.__globals__.items():
        if isinstance(value, types.ModuleType) and name.isidentifier():
            top = value.__name__
            if module.__name__ == top or module.__name__.startswith(top + "."):
                found.append(name + module.__name__[len(top):])
    for text in sorted(found, key=lambda t: (len(t), t)):
        if info.lookup_path(text.split(".")) == (True, module):
            return text
    return None
