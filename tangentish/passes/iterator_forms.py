"""``itertools.pairwise``, ``combinations``, ``product`` and ``starmap`` read as the loops they
stand for.

``pairwise(s)`` of a sequence is ``zip(s[:-1], s[1:])`` (rewritten where ``s`` calls nothing,
so it is read twice to the same value; a value that cannot be sliced, as a generator, raises
Python's own ``TypeError`` there).  ``combinations(s, 2)`` (``r`` a literal count) is the list
``[(s[i], s[j]) for i in range(len(s)) for j in range(i + 1, len(s))]``: the same tuples in
the same order, ``s`` calling nothing (a value without ``len``, as a generator, raises Python's
own ``TypeError`` there).  A ``for`` loop over ``product(a, b)`` (or ``product(a,
repeat=2)``) with no ``break`` and no ``else`` is the same loop nested, one level per factor;
``product`` takes each factor whole before the first step, so a factor the loop could change or
rebind (it calls something, or a name of it is mentioned in the loop or bound by its target) is
taken first as ``list(a)``, as ``product`` takes it.  A comprehension's ``product`` of
call-free factors with a tuple target becomes one generator per factor.  ``starmap(f, zip(x,
y))`` (``f`` a name, an attribute or a lambda) is the generator ``(f(a, b) for a, b in zip(x,
y))``.  Anything else keeps
its refusal (no derivative rule for ``itertools``).

    >>> import ast
    >>> import itertools
    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     s = 0.0
    ...     for a, b in itertools.product(x, x):
    ...         s = s + a * b
    ...     for u, v in itertools.pairwise(x):
    ...         s = s - u * v
    ...     return s
    >>> info = parse_function(f)
    >>> iterators_as_loops(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        s = 0.0
        for a in x:
            for b in x:
                s = s + a * b
        for u, v in zip(x[:-1], x[1:]):
            s = s - u * v
        return s
    >>> def g(x):
    ...     return sum(a / b for a, b in itertools.combinations(x, 2))
    >>> info = parse_function(g)
    >>> iterators_as_loops(info)
    >>> pairs = info.node.body[0].value.args[0].generators[0].iter
    >>> print(ast.unparse(gast.gast_to_ast(pairs)))  # (the printer prints no comprehension)
    [(x[_i], x[_i2]) for _i in range(len(x)) for _i2 in range(_i + 1, len(x))]
"""

from __future__ import annotations

import builtins
import itertools
from typing import Any

import gast

from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_SCOPES = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)


def iterators_as_loops(info: SourceInfo) -> None:
    """Rewrite ``info``'s ``pairwise`` and ``combinations`` calls and ``product`` loops (see
    the module)."""
    bound = _bound(info.node)
    builtin = {name for name in ("zip", "list", "len", "range") if _builtin(info, name, bound)}
    if "zip" not in builtin or "list" not in builtin:
        return
    taken = set(build.names(info.node, functions=True)) | set(info.imported)
    counted = "len" in builtin and "range" in builtin  # (combinations: `len`, `range` spelled)
    for node in list(walk(info.node)):
        for field, value in gast.iter_fields(node):
            if isinstance(value, list):
                value[:] = [out for item in value
                            for out in _replaced(info, node, item, taken, counted)]
            elif isinstance(value, gast.Call) and \
                    (pairs := _called(info, value, taken, counted)) is not None:
                setattr(node, field, pairs)


def _bound(node: gast.AST) -> set[str]:
    """The names ``node`` binds (assigns, deletes, takes as parameters, defines), not those it
    only reads: a function calling ``zip`` still calls Python's own."""
    return {n.id if n.__class__ is gast.Name else n.name for n in walk(node)
            if n.__class__ is gast.Name and n.ctx.__class__ is not gast.Load or
            isinstance(n, (*_SCOPES[:2], gast.ClassDef))}


def _builtin(info: SourceInfo, name: str, bound: set[str]) -> bool:
    """Whether ``name`` in the function is Python's own (no local or global rebinds it)."""
    return name not in bound and info.lookup_path([name]) == (True, getattr(builtins, name))


def _is(info: SourceInfo, func: gast.expr, target: Any) -> bool:
    parts = dotted(func)
    return parts is not None and info.lookup_path(parts) == (True, target)


def _replaced(info: SourceInfo, node: gast.AST, item: Any, taken: set[str],
              counted: bool) -> list[Any]:
    """What stands for one item of ``node``'s list field: a ``product`` loop nested, a
    comprehension's generator split, a ``pairwise`` call as ``zip``; else the item."""
    if isinstance(item, gast.For) and (loops := _product_loop(info, item, taken)) is not None:
        return loops
    if isinstance(item, gast.comprehension) and \
            (split := _product_generators(info, node, item)) is not None:
        return split
    pairs = _called(info, item, taken, counted) if isinstance(item, gast.Call) else None
    return [item if pairs is None else pairs]


def _called(info: SourceInfo, call: gast.Call, taken: set[str], counted: bool
            ) -> gast.expr | None:
    """What stands for a ``pairwise`` or ``combinations`` call (else None); ``counted``:
    ``len`` and ``range`` are Python's own."""
    pairs = _pairwise(info, call)
    if pairs is None:
        pairs = _starmap(info, call, taken)
    return _combinations(info, call, taken) if pairs is None and counted else pairs


def _starmap(info: SourceInfo, call: gast.Call, taken: set[str]) -> gast.expr | None:
    """``(f(a, b) for a, b in zip(x, y))`` for ``itertools.starmap(f, zip(x, y))`` (the tuples
    ``zip`` makes, of a count the call shows), ``f`` a name or attribute; ``(a * b for a, b in
    zip(x, y))`` for a lambda ``f`` (``lambda a, b: a * b``) of as many parameters; else None."""
    if len(call.args) != 2 or call.keywords or not _is(info, call.func, itertools.starmap):
        return None
    fn, pairs = call.args
    if dotted(fn) is None and not isinstance(fn, gast.Lambda) or \
            not isinstance(pairs, gast.Call) or not _is(info, pairs.func, builtins.zip) or \
            not pairs.args or any(isinstance(a, gast.Starred) for a in pairs.args):
        return None
    if isinstance(fn, gast.Lambda):  # (its parameters the targets, its body the element)
        params = fn.args
        if params.vararg or params.kwarg or params.kwonlyargs or params.defaults or \
                params.posonlyargs or len(params.args) != len(pairs.args):
            return None
        names, element = [a.id for a in params.args], fn.body
    else:
        names = []
        for _ in pairs.args:
            names.append(fresh_name("item", taken))
            taken.add(names[-1])
        element = build.call(fn, *(build.name(n) for n in names))
    target = build.tuple_([build.name(n, store=True) for n in names])
    return gast.copy_location(gast.GeneratorExp(elt=element, generators=[gast.comprehension(
        target=target, iter=pairs, ifs=[], is_async=0)]), call)


def _combinations(info: SourceInfo, call: gast.Call, taken: set[str]) -> gast.expr | None:
    """``[(s[i], s[j]) for i in range(len(s)) for j in range(i + 1, len(s))]`` for
    ``itertools.combinations(s, 2)`` (``r`` a literal count, by position or keyword), ``s``
    calling nothing; else None."""
    given = [*call.args, *(k.value for k in call.keywords if k.arg == "r")]
    if len(given) != 2 or len(call.args) + len(call.keywords) != 2 or \
            not _is(info, call.func, itertools.combinations):
        return None
    sequence, count = given
    if isinstance(sequence, gast.Starred) or _calls(sequence) or not (
            isinstance(count, gast.Constant) and type(count.value) is int and count.value >= 1):
        return None
    indices: list[str] = []
    generators = []
    for _ in range(count.value):
        start = [build.binop(build.name(indices[-1]), "+", build.constant(1))] if indices else []
        stop = build.call("len", build.clone(sequence))
        indices.append(fresh_name("i", taken))
        taken.add(indices[-1])
        generators.append(gast.comprehension(
            target=build.name(indices[-1], store=True), iter=build.call("range", *start, stop),
            ifs=[], is_async=0))
    items = build.tuple_([build.subscript(build.clone(sequence), build.name(i)) for i in indices])
    return gast.copy_location(gast.ListComp(elt=items, generators=generators), call)


def _pairwise(info: SourceInfo, call: gast.Call) -> gast.expr | None:
    """``zip(s[:-1], s[1:])`` for ``itertools.pairwise(s)``, ``s`` calling nothing; else None."""
    if len(call.args) != 1 or call.keywords or not _is(info, call.func, itertools.pairwise):
        return None
    sequence = call.args[0]
    if isinstance(sequence, gast.Starred) or _calls(sequence):
        return None
    head = build.subscript(build.clone(sequence), gast.Slice(None, build.constant(-1), None))
    tail = build.subscript(build.clone(sequence), gast.Slice(build.constant(1), None, None))
    return gast.copy_location(build.call("zip", head, tail), call)


def _calls(node: gast.AST) -> bool:
    return any(isinstance(n, (gast.Call, gast.NamedExpr, *_SCOPES)) for n in walk(node))


def _factors(info: SourceInfo, iterable: gast.expr) -> list[gast.expr] | None:
    """The factors of ``itertools.product(...)`` (``repeat`` a literal count), else None."""
    if not isinstance(iterable, gast.Call) or not _is(info, iterable.func, itertools.product) \
            or not iterable.args or any(isinstance(a, gast.Starred) for a in iterable.args):
        return None
    repeat = {k.arg: k.value for k in iterable.keywords}
    count = repeat.pop("repeat", build.constant(1))
    if repeat or not isinstance(count, gast.Constant) or type(count.value) is not int or \
            count.value < 1:
        return None
    return list(iterable.args) * count.value


def _targets(target: gast.expr, count: int) -> list[gast.expr] | None:
    if isinstance(target, (gast.Tuple, gast.List)) and len(target.elts) == count and \
            not any(isinstance(e, gast.Starred) for e in target.elts):
        return list(target.elts)
    return None


def _breaks(body: list[gast.stmt]) -> bool:
    """Whether a ``break`` in ``body`` leaves the loop ``body`` belongs to."""
    todo: list[gast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, gast.Break):
            return True
        if not isinstance(node, (gast.For, gast.AsyncFor, gast.While, *_SCOPES)):
            todo.extend(build.children(node))
        elif isinstance(node, (gast.For, gast.AsyncFor, gast.While)):
            todo.extend(node.orelse)  # (a nested loop's else belongs to this loop)
    return False


def _product_loop(info: SourceInfo, loop: gast.For, taken: set[str]) -> list[gast.stmt] | None:
    """``for a, b in product(x, y): body`` as ``for a in x: for b in y: body`` (see module)."""
    factors = _factors(info, loop.iter)
    if factors is None or loop.orelse or _breaks(loop.body):
        return None
    targets = _targets(loop.target, len(factors))
    body = loop.body  # (the same list: the walk rewrites its items after this)
    if targets is None:  # (one name for the tuple: bound first in the innermost body)
        fresh = [fresh_name("factor", taken) for _ in factors]
        targets = [build.name(t, store=True) for t in fresh]
        body.insert(0, gast.copy_location(build.assign(
            loop.target, build.tuple_([build.name(t) for t in fresh])), loop))
    mentioned = set(build.names(loop.target)).union(*(build.names(s) for s in loop.body))
    first, copies = [], {}  # (``repeat``: one copy of the factor it repeats)
    for position, factor in enumerate(factors):
        if _calls(factor) or set(build.names(factor)) & mentioned:
            if id(factor) not in copies:
                copies[id(factor)] = fresh_name("factor", taken)
                first.append(gast.copy_location(build.assign(
                    copies[id(factor)], build.call("list", factor)), loop))
            factors[position] = build.name(copies[id(factor)])
    for target, factor in reversed(list(zip(targets, factors, strict=True))):
        body = [gast.copy_location(gast.For(target=target, iter=build.clone(factor), body=body,
                                            orelse=[], type_comment=None), loop)]
    return first + body


def _product_generators(info: SourceInfo, node: gast.AST, generator: gast.comprehension
                        ) -> list | None:
    """A comprehension's ``for a, b in product(x, y)`` as ``for a in x for b in y``, its
    factors calling nothing and naming none of its targets nor anything the comprehension's
    element reads (which it could change); else None."""
    factors = _factors(info, generator.iter)
    if factors is None or generator.is_async:
        return None
    targets = _targets(generator.target, len(factors))
    elements = [getattr(node, f) for f in ("elt", "key", "value") if hasattr(node, f)]
    elements += generator.ifs
    bound = set(build.names(generator.target)).union(*(build.names(e) for e in elements))
    if targets is None or any(_calls(f) or set(build.names(f)) & bound for f in factors):
        return None
    split = [gast.comprehension(target=t, iter=build.clone(f), ifs=[], is_async=0)
             for t, f in zip(targets, factors, strict=True)]
    split[-1].ifs = generator.ifs
    return split
