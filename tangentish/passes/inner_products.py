"""Sums of the products of two float64 vectors as their dot product: ``(g * x).sum(axis=0)`` →
``g.dot(x)``.

The adjoint of a number that scales a vector (``scale * x``) is the sum of the products of the
vector's adjoint and the vector; un-broadcasting says it as ``np.sum(g * x, axis=0)``, which makes
an array of the products, then sums it in a second pass and, for a small vector, about a
microsecond of Python.  ``g.dot(x)`` makes no array and is one call (measured, float64: 10
elements 0.32 us against 1.34, 1,000 elements 0.41 against 1.87, 1e5 elements 9.8 against 49).
It is the same sum of the same products, in another order (BLAS's against NumPy's pairwise
summation): they differ by rounding only, a few units in the last place, as two summation orders
do; a NaN or an inf propagates alike (inf times 0 is NaN in both).

Done only in a derivative specialized to float64 arguments, and only where both factors are proven
float64 vectors of one size-one pattern: ``a.dot(b)`` of a number and a vector is a vector, and of
a matrix and a vector a vector along another axis, so nothing less will do.  The proof,
flow-insensitive over the derivative's final code (each statement that binds a name must give the
name such a value, and a name bound any other way, a parameter without facts or a name a nested
scope binds proves nothing): a name the facts prove float64, with its pattern (``fn.float64``,
:mod:`.dtypes`, :mod:`.patterns`); a ``+``, ``-``, ``*`` or ``/``, a negation or a NumPy ufunc that
keeps a float dtype, of such values and Python numbers, one at least float64 (the pattern is
broadcasting's); ``_rt.chosen(g, w)`` (``g * w``, repaired where ``w`` is 0) and
``_rt.step(a, s)`` (a weight shaped like ``a``, and like ``s``, ``np.sign(a)``) of such values;
``np.zeros_like`` of one; ``v op= e`` as ``v = v op e``.

    >>> import numpy as np
    >>> import tangentish
    >>> def scaled(x, scale):
    ...     return np.sum(np.tanh(scale * x))
    >>> df, x = tangentish.grad(scaled, wrt=1), np.linspace(-1.0, 1.0, 5)
    >>> _ = df(x, 0.5)  # (the first call runs the generic derivative)
    >>> print(df.source_for(x, 0.5).splitlines()[-2])
        scale_bar = scale_times_x_bar.dot(x)
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import definitions, statements
from .derivative import Derivative
from .patterns import Pattern, broadcast
from .shapes import keeps_float_dtype
from .walks import Walks

_NONE_YET, _NUMBER, _SHAPE = object(), object(), object()  # (no value seen yet; a Python
# number; the shape of a float64 value: a tuple of Python ints)
_ARITHMETIC = (gast.Add, gast.Sub, gast.Mult, gast.Div)
_SCOPES = (gast.Lambda, gast.FunctionDef, gast.ListComp, gast.SetComp, gast.DictComp,
           gast.GeneratorExp)
_ROUNDS = 8  # (a name's value changes at most twice: none yet, a pattern, unknown)


def dot_products(fn: Derivative, walks: Walks) -> None:
    """Rewrite each ``(a * b).sum(axis=0)`` (or ``.sum()``) of two proven float64 vectors of one
    size-one pattern as ``a.dot(b)`` (see the module docstring)."""
    if not any(len(pattern) == 1 for pattern in fn.float64.values()):
        return
    vectors = None
    for stmt in statements(fn.body):
        changed = False
        for node in walk(stmt):
            for field in build.child_fields(node.__class__):
                child = getattr(node, field, None)
                if child.__class__ is gast.Call and _summed_product(child):
                    vectors = _known(fn) if vectors is None else vectors
                    left, right = child.func.value.left, child.func.value.right
                    one = _value(left, vectors, fn)
                    if one.__class__ is tuple and len(one) == 1 and \
                            _value(right, vectors, fn) == one:
                        setattr(node, field, build.call(build.attribute(left, "dot"), right))
                        changed = True
        if changed:
            walks.forget(stmt)


def _summed_product(node: gast.Call) -> bool:
    """``(a * b).sum()`` or ``(a * b).sum(axis=0)``."""
    func = node.func
    if not (func.__class__ is gast.Attribute and func.attr == "sum" and not node.args and
            func.value.__class__ is gast.BinOp and func.value.op.__class__ is gast.Mult):
        return False
    return all(k.arg == "axis" and k.value.__class__ is gast.Constant and
               k.value.value.__class__ is int and k.value.value in (0, -1)
               for k in node.keywords)


def _known(fn: Derivative) -> dict[str, object]:
    """Each name of the derivative → its proven pattern as a float64 value (a tuple), or anything
    else (nothing proven)."""
    args = fn.args
    params = {a.id for a in (*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs)}
    shadowed = set()
    for node in walk(gast.Module(body=fn.body, type_ignores=[])):
        if isinstance(node, _SCOPES):
            shadowed.update(n.id for n in walk(node) if n.__class__ is gast.Name and
                            n.ctx.__class__ is not gast.Load)
    sites = definitions(fn.body)
    found: dict[str, object] = {name: pattern for name, pattern in fn.float64.items()
                                if name not in shadowed}
    equations = {name: stmts for name, stmts in sites.items()
                 if name not in found and name not in params and name not in shadowed}
    for name in equations:
        found[name] = _NONE_YET
    for _ in range(_ROUNDS):
        changed = False
        for name, stmts in equations.items():
            value = _NONE_YET
            for stmt in stmts:
                value = _join(value, _bound(stmt, name, found, fn))
            if value != found[name]:
                found[name], changed = value, True
        if not changed:
            return found
    return {name: value for name, value in found.items() if name not in equations}


def _bound(stmt: gast.stmt, name: str, found: dict[str, object], fn: Derivative) -> object:
    """What ``stmt`` binds to ``name``: as :func:`_value` says, or None (unknown)."""
    kind = stmt.__class__
    if kind is gast.Assign and len(stmt.targets) == 1 and \
            stmt.targets[0].__class__ is gast.Name and stmt.targets[0].id == name:
        value = _value(stmt.value, found, fn)
        return value if value.__class__ is tuple or value in (_NUMBER, _SHAPE, _NONE_YET) \
            else None
    if kind is gast.AugAssign and stmt.target.__class__ is gast.Name and \
            stmt.target.id == name and stmt.op.__class__ in _ARITHMETIC:
        return _combined([found.get(name), _value(stmt.value, found, fn)])
    return None


def _join(a: object, b: object) -> object:
    if a is _NONE_YET:
        return b
    return a if b is _NONE_YET or a == b else None


def _value(node: gast.expr, found: dict[str, object], fn: Derivative) -> object:
    """``node``'s proven pattern as a float64 value (a tuple), :data:`_NUMBER` (a Python
    number), :data:`_SHAPE` (a float64 value's shape), :data:`_NONE_YET` or None (unknown)."""
    kind = node.__class__
    if kind is gast.Name:
        return found.get(node.id)
    if kind is gast.Constant:
        return _NUMBER if node.value.__class__ in (int, float) else None
    if kind is gast.Attribute and node.attr in ("shape", "size", "ndim"):  # (of a float64 value)
        of = _value(node.value, found, fn)
        if of.__class__ is not tuple:
            return _NONE_YET if of is _NONE_YET else None
        return _SHAPE if node.attr == "shape" else _NUMBER
    if kind is gast.Subscript:  # (an axis's length)
        index = node.slice
        return _NUMBER if _value(node.value, found, fn) is _SHAPE and \
            index.__class__ is gast.Constant and index.value.__class__ is int else None
    if kind is gast.BinOp:
        return _combined([_value(node.left, found, fn), _value(node.right, found, fn)]) \
            if node.op.__class__ in _ARITHMETIC else None
    if kind is gast.UnaryOp:
        return _value(node.operand, found, fn) if node.op.__class__ in (gast.USub, gast.UAdd) \
            else None
    if kind is gast.Call and not node.keywords and node.func.__class__ is gast.Attribute and \
            node.func.value.__class__ is gast.Name:
        return _called(node, [_value(a, found, fn) for a in node.args], fn)
    return None


def _called(node: gast.Call, operands: list[object], fn: Derivative) -> object:
    module, attr = node.func.value.id, node.func.attr
    if module == fn.machinery.aliases["_rt"]:
        if attr == "chosen" and len(operands) == 2:
            return _combined(operands, numbers=False)
        if attr == "step" and len(operands) in (1, 2):
            shaped = _combined(operands, numbers=False)
            return shaped if shaped.__class__ is not tuple or \
                all(o == operands[0] for o in operands) else None
        return None
    if module != fn.machinery.aliases["np"]:
        return None
    if attr == "zeros_like" and len(operands) == 1:
        return _combined(operands, numbers=False)
    ufunc = getattr(np, attr, None)
    if isinstance(ufunc, np.ufunc) and ufunc.nout == 1 and ufunc.nin == len(operands) and \
            (ufunc.nin == 1 and keeps_float_dtype(ufunc) or ufunc in _BINARY):
        return _combined(operands)
    return None


_BINARY = {np.add, np.subtract, np.multiply, np.divide, np.maximum, np.minimum}


def _combined(operands: list[object], numbers: bool = True) -> object:
    """The pattern of an elementwise result of these operands, float64 when one of them is and
    the others are float64 or (``numbers``) Python numbers."""
    if None in operands:
        return None
    if _NONE_YET in operands:
        return _NONE_YET
    patterns: list[Pattern] = [o for o in operands if o.__class__ is tuple]
    if len(patterns) < len(operands) and (not numbers or any(
            o is not _NUMBER for o in operands if o.__class__ is not tuple)):
        return None
    return broadcast(patterns) if patterns else _NUMBER  # (numbers: a Python number)
