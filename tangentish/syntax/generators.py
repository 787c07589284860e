"""Generator expressions that a builtin consumes at once, rewritten as list comprehensions.

``sum(x[i] ** 2 for i in range(n))`` is how people write a sum in Python.  When the generator is
the first positional argument of ``sum``, ``max``, ``min``, ``sorted``, ``list`` or ``tuple`` (the
builtins themselves: a local or global of that name is left alone), or of ``math.fsum`` or
``math.prod`` (resolved to those very functions, however named), the callee runs it to the end
before it returns, so the list comprehension with the same element and clauses computes the same
values in the same order; the derivative then goes through the comprehension's rules.  Generators
anywhere else (kept, passed to a user function, or to ``any``/``all``, which may stop early) are
left for the fence to refuse.  ``map(f, xs)`` and ``filter(f, xs)`` (the builtins) of a function or
a lambda (or a name bound only to lambdas and ``def``s), passed first to one of those consumers, are the
generator they equal first (``sum(map(lambda v: v * v, x))`` is ``sum([v * v for v in x])``).
What the comprehension cannot do (several ``for`` clauses) is refused as for a comprehension.
A generator (or such a ``map``/``filter``) unpacked by an assignment (``a, b, c = (np.exp(p[k])
for k in keys)``) is run to its end before any target is bound (Python checks that no item is
left over): the list comprehension unpacked there binds the same values.
A generator bound to a name (``g = (v * v for v in x)``) that the very next statement consumes
(``return sum(g)``, ``s = sum(g) / n``: the consumer's call the statement's value, or in
arithmetic of names and constants around it), the only read of a name bound nowhere else, is
that generator written in the call: nothing runs between the binding and the call, so it takes
the same values.
``list(zip(a, b))``, ``tuple(enumerate(x))``, ``list(reversed(x))`` (the builtins, the call the
only argument, none of its own arguments starred) are the comprehension of the items they list
(``[item for item in zip(a, b)]``): the same items, taken at the same time, in the same order.

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
from .naming import fresh_name
from .parse import SourceInfo
from .resolve import dotted
from .tree_walk import walk

# Builtins that iterate their first argument to the end before returning.
CONSUMERS = ("sum", "max", "min", "sorted", "list", "tuple")
# Module functions that do the same, named as ``module.function`` (``math.fsum(v * v for v in x)``).
MODULE_CONSUMERS = (math.fsum, math.prod)


def consume_generators(info: SourceInfo, local: set[str]) -> int:
    """Rewrite, in ``info.node``, every generator expression passed first to a consuming builtin
    as the equivalent list comprehension; returns how many were rewritten."""
    count = 0
    _inline_named(info, local)
    taken = set(build.names(info.node, functions=True))
    lambdas = _lambda_names(info.node) if "lambda" in "".join(info.lines) else set()
    for stmt in info.node.body:
        for node in build.nodes(stmt):
            if node.__class__ is gast.Call and node.args and \
                    node.args[0].__class__ is gast.Call and _consumer(info, node, local):
                node.args[0] = _mapped(info, node.args[0], local, taken, lambdas) or \
                    _listed(info, node, local, taken) or node.args[0]
            if (node.__class__ is gast.Call and node.args
                    and node.args[0].__class__ is gast.GeneratorExp and _consumer(info, node, local)):
                node.args[0] = _as_list(node.args[0])
                count += 1
            elif node.__class__ is gast.Assign and _unpacking(node):
                node.value = _mapped(info, node.value, local, taken, lambdas) or node.value \
                    if node.value.__class__ is gast.Call else node.value
                if node.value.__class__ is gast.GeneratorExp:
                    node.value = _as_list(node.value)
                    count += 1
    return count


def _as_list(generator: gast.GeneratorExp) -> gast.ListComp:
    """The list comprehension of ``generator``'s element and clauses, at its place (end too)."""
    comprehension = gast.ListComp(elt=generator.elt, generators=generator.generators)
    return gast.copy_location(comprehension, generator)


def _unpacking(node: gast.Assign) -> bool:
    """Whether ``node`` unpacks its value into a tuple or list of targets (``a, b, c = (...)``):
    Python then runs an iterator value to its end before it binds any target."""
    return len(node.targets) == 1 and node.targets[0].__class__ in (gast.Tuple, gast.List)


def _lambda_names(node: gast.FunctionDef) -> set[str]:
    """The names ``node``'s body binds to lambdas (``f = lambda v: v * v``), or to lambdas and
    ``def``s, and to nothing else (no other assignment, loop target, ``global`` or ``nonlocal``):
    calls of such a name are calls of the definition bound last, which the local-function pass
    inlines (refusing a call where the paths to it bind different ones: passes/function_bindings.py),
    so ``map(f, xs)`` may be rewritten as ``(f(a) for a in xs)`` as for a function defined with
    ``def``."""
    stores: dict[str, int] = {}
    functions: dict[str, int] = {}
    lambdas: set[str] = set()
    declared: set[str] = set()
    for stmt in node.body:
        for sub in build.nodes(stmt):
            if isinstance(sub, gast.Name) and not isinstance(sub.ctx, gast.Load):
                stores[sub.id] = stores.get(sub.id, 0) + 1
            elif isinstance(sub, (gast.Global, gast.Nonlocal)):
                declared.update(sub.names)
            elif isinstance(sub, (gast.FunctionDef, gast.ClassDef)):
                stores[sub.name] = stores.get(sub.name, 0) + 1
                if isinstance(sub, gast.FunctionDef):
                    functions[sub.name] = functions.get(sub.name, 0) + 1
            if isinstance(sub, gast.Assign) and isinstance(sub.value, gast.Lambda) and \
                    len(sub.targets) == 1 and isinstance(sub.targets[0], gast.Name):
                lambdas.add(sub.targets[0].id)
                functions[sub.targets[0].id] = functions.get(sub.targets[0].id, 0) + 1
    return {name for name in lambdas if stores.get(name) == functions[name]
            and name not in declared}


def _consumer(info: SourceInfo, call: gast.Call, local: set[str]) -> bool:
    parts = dotted(call.func)  # (``sum``, ``math.fsum``, ``fsum`` imported from math)
    if parts is None or parts[0] in local:
        return False
    if len(parts) == 1 and parts[0] in CONSUMERS:
        found, value = info.lookup(parts[0])
        return found and value is getattr(builtins, parts[0])
    found, value = info.lookup_path(parts)
    return found and any(value is consumer for consumer in MODULE_CONSUMERS)


_ITERATORS = ("zip", "enumerate", "reversed")  # (listed by ``list``/``tuple`` as a comprehension)


def _listed(info: SourceInfo, call: gast.Call, local: set[str],
            taken: set[str]) -> gast.GeneratorExp | None:
    """``list(zip(a, b))`` (or ``tuple``, of ``enumerate``/``reversed`` too: the builtins, the
    iterator the only argument) as ``list(item for item in zip(a, b))``; ``None`` otherwise."""
    inner = call.args[0]
    if len(call.args) != 1 or call.keywords or call.func.__class__ is not gast.Name or \
            call.func.id not in ("list", "tuple") or inner.func.__class__ is not gast.Name or \
            inner.func.id not in _ITERATORS or inner.func.id in local or \
            any(a.__class__ is gast.Starred for a in inner.args):  # (`zip(*rows)`: syntax/unzip.py)
        return None
    found, value = info.lookup(inner.func.id)
    if not found or value is not getattr(builtins, inner.func.id):
        return None
    item = fresh_name("item", taken)
    generator = gast.GeneratorExp(elt=build.name(item), generators=[gast.comprehension(
        target=build.name(item, store=True), iter=inner, ifs=[], is_async=0)])
    for node in walk(generator):
        if not hasattr(node, "lineno") or node.lineno is None:
            gast.copy_location(node, inner)
    return gast.copy_location(generator, inner)


def _mapped(info: SourceInfo, call: gast.Call, local: set[str], taken: set[str],
            lambdas: set[str] = frozenset()) -> gast.GeneratorExp | None:
    """``map(f, xs, ys)`` as ``(f(a, b) for a, b in zip(xs, ys))`` and ``filter(f, xs)`` as ``(a
    for a in xs if f(a))``, each with a lambda's body in place of its call (the builtins
    themselves, a function or a lambda of plain positional parameters, or a local name bound
    once to a lambda (``lambdas``); the same lazy values in the same order); ``None`` for any
    other call."""
    if not isinstance(call.func, gast.Name) or call.func.id not in ("map", "filter") or \
            call.func.id in local or call.keywords or len(call.args) < 2 or \
            any(isinstance(a, gast.Starred) for a in call.args) or \
            call.func.id == "filter" and len(call.args) != 2:
        return None
    found, value = info.lookup(call.func.id)
    if not found or value is not getattr(builtins, call.func.id):
        return None
    function, iterables = call.args[0], call.args[1:]
    if isinstance(function, gast.Lambda):
        args = function.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.defaults or args.posonlyargs or \
                len(args.args) != len(iterables):
            return None
        names = [a.id for a in args.args]
        applied = function.body
    elif dotted(function) is not None and dotted(function)[0] not in local or \
            isinstance(function, gast.Name) and function.id in lambdas:
        names = [fresh_name(f"item{i}" if i else "item", taken) for i in range(len(iterables))]
        applied = gast.Call(func=function, args=[build.name(n) for n in names], keywords=[])
    else:
        return None
    target = build.name(names[0], store=True) if len(names) == 1 else \
        build.tuple_([build.name(n, store=True) for n in names], store=True)
    source = iterables[0] if len(iterables) == 1 else gast.Call(
        func=build.name("zip"), args=list(iterables), keywords=[])
    element, ifs = (applied, []) if call.func.id == "map" else (build.name(names[0]), [applied])
    if len(iterables) > 1 and "zip" in local:
        return None  # (the builtin zip would be the function's own `zip`)
    generator = gast.GeneratorExp(elt=element, generators=[
        gast.comprehension(target=target, iter=source, ifs=ifs, is_async=0)])
    for node in walk(generator):
        if not hasattr(node, "lineno") or node.lineno is None:
            gast.copy_location(node, call)
    return gast.copy_location(generator, call)


_PLAIN = (gast.Name, gast.Constant, gast.Attribute, gast.BinOp, gast.UnaryOp)


def _inline_named(info: SourceInfo, local: set[str]) -> None:
    """Write each generator bound to a name and consumed by the next statement in its consumer's
    call (see the module docstring)."""
    counts: dict[str, int] = {}
    for node in walk(info.node):
        if node.__class__ is gast.Name:
            counts[node.id] = counts.get(node.id, 0) + 1  # (a store and one load: two)
    for block in _blocks(info.node.body):
        for index in range(len(block) - 2, -1, -1):
            stmt, after = block[index], block[index + 1]
            if not (stmt.__class__ is gast.Assign and len(stmt.targets) == 1 and
                    stmt.targets[0].__class__ is gast.Name and
                    stmt.value.__class__ is gast.GeneratorExp and
                    counts.get(stmt.targets[0].id) == 2):
                continue
            call = _consumed(info, after, stmt.targets[0].id, local)
            if call is not None:
                call.args[0] = stmt.value
                del block[index]


def _blocks(body: list[gast.stmt]):
    yield body
    for stmt in body:
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and stmt.__class__ is not gast.FunctionDef:
                yield from _blocks(inner)


def _consumed(info: SourceInfo, stmt: gast.stmt, name: str, local: set[str]
              ) -> gast.Call | None:
    """The consumer's call in ``stmt`` whose only argument is ``name``, where the rest of the
    statement's value is names, constants and arithmetic (nothing else runs first)."""
    if stmt.__class__ not in (gast.Assign, gast.AugAssign, gast.Return, gast.Expr) or \
            stmt.value is None:
        return None
    found = None
    for node in walk(stmt.value):
        if node.__class__ is gast.Call and len(node.args) == 1 and not node.keywords and \
                node.args[0].__class__ is gast.Name and node.args[0].id == name and \
                _consumer(info, node, local):
            found = node
        elif node.__class__ not in _PLAIN and not isinstance(
                node, (gast.expr_context, gast.operator, gast.unaryop)) and \
                not (found is not None and node in (found.func, *found.args)):
            return None
    return found
