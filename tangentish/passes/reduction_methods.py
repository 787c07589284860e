"""NumPy reductions of proven arrays called as their methods: ``np.sum(g, axis=0)`` → ``g.sum(axis=0)``.

For an ndarray ``a``, ``np.sum(a, ...)`` dispatches (``__array_function__``) and wraps the
reduction in Python before it calls what ``a.sum(...)`` calls (``np.add.reduce`` with the same
arguments; ``np.mean`` and ``a.mean`` both ``numpy._core._methods._mean``): the same number bit for
bit, and about a microsecond of Python less per call, as much as the sum itself costs for a small
array (the adjoints of broadcasting and of reductions are such sums).  The functions and methods
take their other arguments in one order (``np.sum(a, 0)`` is ``a.sum(0)``).  Only where ``a`` is
proven an ndarray in a derivative specialized to float64 arguments: a name of proven rank 1 or
more (``fn.ranks``, ``fn.float64``), an operator (not ``@``), a negation or a NumPy ufunc call
with such an operand, or a name (not a parameter) bound by one assignment, anywhere, to one and
otherwise only changed in place (``z_bar += e``; a Python number, a list or a tuple has no such
method; ``np.sum`` takes them).

A sum or mean of a term whose first factor is negated (``np.sum(-x * y / z, axis=0)``, a
negation left by the rules, which NumPy computes as a whole array) is the negation of the
reduction of the term without it (``-(x * y / z).sum(axis=0)``: the reduced array negated
instead, a row or a number): the same additions in the same order, each rounded symmetrically,
so the same values (only a zero's sign may differ, where terms of opposite signs cancel).

    >>> import numpy as np
    >>> import tangentish
    >>> def bias(x, b):
    ...     return np.sum(np.tanh(x + b))
    >>> df, x, b = tangentish.grad(bias, wrt=1), np.ones((4, 3)), np.ones(3)
    >>> _ = df(x, b)  # (the first call runs the generic derivative)
    >>> print(df.source_for(x, b).splitlines()[-2])
        b_bar = (1.0 - tanh_x_plus_b * tanh_x_plus_b).sum(axis=0)
    >>> def spread(mu, x):
    ...     return np.sum(((x - mu) / np.exp(mu)) ** 2)
    >>> df, x, mu = tangentish.grad(spread), np.ones((4, 3)), np.ones(3)
    >>> _ = df(mu, x)
    >>> print(df.source_for(mu, x).splitlines()[-2])
        mu_bar -= (_t1_bar / exp_mu).sum(axis=0)
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.tree_walk import walk
from .accumulate import accumulate_in_place
from .dataflow import definitions, statements, stores, target
from .derivative import Derivative
from .inner_products import dot_products
from .plain_differences import write_differences
from .plain_indexing import write_basic_indexing
from .signs import unsigned_reduction
from .size_reads import read_sizes
from .walks import Walks

_REDUCTIONS = ("sum", "mean", "max", "min")
_SIZES = ("size", "reduced_size")  # (what :mod:`.size_reads` rewrites: np.size, _rt.reduced_size)
_ROUNDS = 4  # (of the names bound to arrays: each round in statement order)


def plain_forms(fn: Derivative, walks: Walks) -> None:
    """What a derivative specialized to float64 arguments says in plainer NumPy: sums into fresh
    zeros in place (:mod:`.accumulate`), then reductions of arrays as their methods, and sums of
    products of two vectors as their dot product (:mod:`.inner_products`); between the first two,
    the adjoints of ``np.diff`` of a vector and of a basic index as slice writes
    (:mod:`.plain_differences`, :mod:`.plain_indexing`); before the last, ``np.size(a)`` of a
    proven array as ``a.size`` (:mod:`.size_reads`).  Each rewrite runs where the code takes an
    attribute it rewrites (``undiff``, ``unindex``, a reduction's name, ``size``,
    ``reduced_size``: the statements' walks say, :meth:`.Walks.attributes`); none makes one
    that a later rewrite looks for but ``sum`` from ``np.sum``, which was there before."""
    accumulate_in_place(fn, walks)
    taken = walks.attributes(fn.body)
    if any("undiff" in attribute for attribute in taken):
        write_differences(fn, walks)
    if "unindex" in taken:
        write_basic_indexing(fn, walks)
    reduced, sized = not taken.isdisjoint(_REDUCTIONS), not taken.isdisjoint(_SIZES)
    arrays = proven_arrays(fn) if reduced or sized else set()
    if reduced:
        reduce_by_methods(fn, walks, arrays)
    if sized:
        read_sizes(fn, walks, arrays)
    if "sum" in taken:
        dot_products(fn, walks)


def proven_arrays(fn: Derivative) -> set[str]:
    """The names proven to hold ndarrays (see the module docstring)."""
    arrays = {name for name, rank in fn.ranks.items() if rank >= 1} | \
        {name for name, pattern in fn.float64.items() if pattern}
    return arrays | _bound_to_arrays(fn, arrays, fn.machinery.aliases["np"]) if arrays else arrays


def reduce_by_methods(fn: Derivative, walks: Walks, arrays: set[str]) -> None:
    """Rewrite ``np.<reduction>(a, ...)`` as ``a.<reduction>(...)`` where ``a`` is proven an
    ndarray (one of ``arrays``, or arithmetic of one: see the module docstring)."""
    numpy = fn.machinery.aliases["np"]
    if not arrays:
        return
    for stmt in statements(fn.body):
        changed = False
        for node in walk(stmt):
            func = getattr(node, "func", None)
            if node.__class__ is gast.Call and func.__class__ is gast.Attribute and \
                    func.attr in _REDUCTIONS and func.value.__class__ is gast.Name and \
                    func.value.id == numpy and node.args and \
                    node.args[0].__class__ is not gast.Starred and \
                    _array(node.args[0], arrays, numpy):
                node.func = build.attribute(node.args[0], func.attr)
                node.args = node.args[1:]
                changed = True
        if changed:
            _negations_outside(stmt)
            walks.forget(stmt)


def _negations_outside(stmt: gast.stmt) -> None:
    """Each ``(-x * y).sum(...)`` of ``stmt`` replaced by ``-(x * y).sum(...)`` where it is held;
    ``v += -s`` is then ``v -= s`` (IEEE's ``a - b`` is ``a + (-b)``)."""
    for parent in list(walk(stmt)):
        for field in build.child_fields(parent.__class__):
            value = getattr(parent, field, None)
            if value.__class__ is list:
                value[:] = [unsigned_reduction(v) or v for v in value]
            elif value.__class__ is gast.Call and unsigned_reduction(value) is not None:
                setattr(parent, field, unsigned_reduction(value))
    value = getattr(stmt, "value", None)
    if stmt.__class__ is gast.AugAssign and stmt.op.__class__ in (gast.Add, gast.Sub) and \
            value.__class__ is gast.UnaryOp and value.op.__class__ is gast.USub:
        stmt.op, stmt.value = (gast.Sub() if stmt.op.__class__ is gast.Add else gast.Add()), \
            value.operand


def _bound_to_arrays(fn: Derivative, arrays: set[str], numpy: str) -> set[str]:
    """The names (not parameters) bound by one assignment, anywhere (in a loop, a branch), to an
    array's arithmetic, and otherwise only changed in place (``v += e``, ``v[i] = x``): every
    value such a name holds when read is that assignment's (or it is unbound: a ``NameError``),
    an ndarray, which ``+=`` writes into and returns.  Solved in statement order, again while
    names are added (a loop's name read before its binding), a bounded number of rounds (fewer
    names: still sound)."""
    args = fn.args
    params = {a.id for a in (*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs)}
    once = {}
    for name, stmts in definitions(fn.body).items():
        bound = [s for s in stmts if s.__class__ is not gast.AugAssign and name in stores(s)]
        if name not in params and len(bound) == 1 and bound[0].__class__ is gast.Assign and \
                target(bound[0]) == name:
            once[name] = bound[0].value
    found: set[str] = set()
    for _ in range(_ROUNDS):
        before = len(found)
        for stmt in statements(fn.body):
            name = target(stmt)
            if name in once and name not in found and stmt.__class__ is gast.Assign and \
                    stmt.value is once[name] and _array(stmt.value, arrays | found, numpy):
                found.add(name)
        if len(found) == before:
            break
    return found


def _array(node: gast.expr, arrays: set[str], numpy: str) -> bool:
    """Whether ``node`` surely evaluates to an ndarray: a name of ``arrays``, or an operator (not
    ``@``), a negation or a NumPy ufunc call of one, or one indexed by one (``a[idx, j]``)."""
    kind = node.__class__
    if kind is gast.Name:
        return node.id in arrays
    if kind is gast.BinOp:
        return node.op.__class__ is not gast.MatMult and (
            _array(node.left, arrays, numpy) or _array(node.right, arrays, numpy))
    if kind is gast.UnaryOp:
        return node.op.__class__ in (gast.USub, gast.UAdd) and _array(node.operand, arrays, numpy)
    if kind is gast.Subscript:  # (an index array of rank 1 or more: a result of rank 1 or more)
        index = node.slice.elts if node.slice.__class__ is gast.Tuple else (node.slice,)
        return node.value.__class__ is gast.Name and node.value.id in arrays and any(
            i.__class__ is gast.Name and i.id in arrays for i in index)
    func = getattr(node, "func", None)
    if kind is gast.Call and func.__class__ is gast.Attribute and \
            func.value.__class__ is gast.Name and func.value.id == numpy and not node.keywords:
        ufunc = getattr(np, func.attr, None)
        return isinstance(ufunc, np.ufunc) and ufunc.nout == 1 and \
            len(node.args) == ufunc.nin and any(_array(a, arrays, numpy) for a in node.args)
    return False
