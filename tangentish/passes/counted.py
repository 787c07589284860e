"""A sum of one number spread over an array: the number times the array's size.

Where a scalar is added to an array that a sum reduces (``np.sum(z ** 2 + log_sigma)``), the
scalar's adjoint sums the sum's adjoint over the array: ``np.sum(_rt.unreduce(1.0, x),
axis=0)`` in a specialized gradient, an array of ones made and added up.  For a number ``c``
that is a power of two (the unit seed's ``1.0``, ``0.5``, ``-2.0``) and ``n`` elements, every
partial sum NumPy forms is ``c`` times an integer below ``2 ** 53``, so the sum is exactly ``c *
n``: written ``c * np.float64(x.size)`` (NumPy's float64 scalar, as the sum was), the array is
neither made nor read.  Only over every axis of ``x`` (no ``axis``, or axis 0 of a vector), and
only where ``x`` is a float64 array that is bound at most once (so its size is the one the sum
read).

    >>> import numpy as np
    >>> import tangentish
    >>> def nll(mu, log_sigma, x):
    ...     return np.sum(0.5 * ((x - mu) / np.exp(log_sigma)) ** 2 + log_sigma)
    >>> df = tangentish.grad(nll, wrt=(0, 1))
    >>> args = (0.1, 0.2, np.linspace(0.0, 1.0, 5))
    >>> _ = df(*args)  # (the first call runs the generic derivative)
    >>> print(df.source_for(*args).splitlines()[5])
        log_sigma_bar = np.float64(x.size)
"""

from __future__ import annotations

import math

import gast

from ..syntax import build
from .dataflow import definition_counts, statements, target
from .derivative import Derivative
from .optimize import eliminate_dead_code
from .slice_shapes import int_value
from .unreduce_views import plain_keywords
from .walks import Walks


def count_sums(fn: Derivative, walks: Walks) -> bool:
    """Write each sum of a power of two spread over a float64 array as the number times the
    array's size, and remove what only those sums read; whether any was (the statements changed
    are forgotten by ``walks``)."""
    rt, numpy = fn.machinery.aliases["_rt"], fn.machinery.aliases["np"]
    counts = definition_counts(fn.body)
    spread: dict[str, gast.Call] = {}
    for stmt in statements(fn.body):
        name = target(stmt)
        value = getattr(stmt, "value", None)
        if name is not None and counts.get(name) == 1 and _spread(value, rt, fn, counts):
            spread[name] = value
    changed = False
    for stmt in statements(fn.body):
        for parent in walks.nodes(stmt):
            for field, child in gast.iter_fields(parent):
                items = child if isinstance(child, list) else [child]
                for index, node in enumerate(items):
                    count = _count(node, numpy, rt, fn, counts, spread)
                    if count is None:
                        continue
                    if isinstance(child, list):
                        child[index] = count
                    else:
                        setattr(parent, field, count)
                    walks.forget(stmt)
                    changed = True
    if changed:
        eliminate_dead_code(fn, walks)
    return changed


def _spread(node: gast.expr, rt: str, fn: Derivative, counts: dict[str, int]) -> bool:
    """``_rt.unreduce(c, x)`` (``view=True`` or not): ``c`` a power of two written out, ``x`` a
    float64 array bound at most once."""
    if node.__class__ is not gast.Call or plain_keywords(node) or len(node.args) != 2:
        return False
    func, (number, like) = node.func, node.args
    if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
            func.value.id != rt or func.attr != "unreduce":
        return False
    return build.is_number(number) and number.value.__class__ is float and \
        abs(math.frexp(number.value)[0]) == 0.5 and like.__class__ is gast.Name and \
        bool(fn.float64.get(like.id)) and counts.get(like.id, 0) <= 1


def _count(node: gast.AST, numpy: str, rt: str, fn: Derivative, counts: dict[str, int],
           spread: dict[str, gast.Call]) -> gast.expr | None:
    """What stands for ``node`` if it is ``np.sum(v)`` (or ``axis=0`` of a vector) of a spread
    number ``v`` (a call, or a name bound once to one); else None."""
    if node.__class__ is not gast.Call or len(node.args) != 1:
        return None
    func = node.func
    if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
            func.value.id != numpy or func.attr != "sum":
        return None
    view = node.args[0]
    if view.__class__ is gast.Name:
        view = spread.get(view.id)
    elif not _spread(view, rt, fn, counts):
        view = None
    if view is None:
        return None
    number, like = view.args
    keywords = {k.arg: k.value for k in node.keywords}
    if keywords and not (set(keywords) == {"axis"} and len(fn.float64[like.id]) == 1 and
                         int_value(keywords["axis"]) in (0, -1)):
        return None
    size = build.call(f"{numpy}.float64", build.attribute(build.name(like.id), "size"))
    return size if number.value == 1.0 else build.binop(build.constant(number.value), "*", size)
