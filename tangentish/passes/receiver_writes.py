"""Methods that change their receiver, called on a part of a local value: ``y[1:4].sort()``.

A method such as ``.sort()`` or ``.fill(v)`` called on an expression (``y[1:4]``, ``y.T[0]``,
``rows[i]``) changes whatever that expression's value shares memory with: a slice of an array is
a view, so ``y[1:4].sort()`` sorts three elements of ``y``; an item of a list is the object
itself, so ``rows[0].append(v)`` grows the list ``rows`` holds.  Lowered as any call (the part
read into a temporary, the method called on it), the change reaches no name the derivative
follows: the gradient missed it, silently (``y[::-1].fill(2.0)``: ``x + 2`` instead of 2).

Two forms are written back as an element assignment, which the machinery of ``y[...] = v``
differentiates (views, tape, arrays the derivative owns): ``name[index].sort()`` (``axis=``,
``kind=``) becomes ``name[index] = np.sort(name[index])``, and ``name[index].fill(v)`` becomes
``name[index] = v``, where ``index`` is *basic* as written (integers, slices, ``...``, ``None``, a
loop's target over ``range``: a view, so the original changes ``name``; an index array would make a
copy, and the call would change nothing), and ``name`` a local array: not a parameter (the caller's
value, perhaps a list) nor a list the function made (``items[0]`` is then the item itself and
``items[1:3]`` a copy), the same line :mod:`in_place_calls` draws for ``y.sort()``. An index of
integers only is a view only of an array with more axes (``y[0]`` of a 1-d ``y`` is a NumPy
scalar, a copy, whose ``.fill(v)`` changes nothing): its write-back runs under ``if
np.ndim(name) > k``, ``k`` the integers' count. Any other such
call on a part of a local variable or parameter (through subscripts, ``.T`` and view methods such as
``.reshape``) is refused, naming it. A part reached through another attribute
(``self.history.append(v)``) is an object's own state, changed as the original does (module-level
values: :meth:`Normalizer.refuse_module_method`).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     y = x * 2.0
    ...     y[1:4].sort()
    ...     return y
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        y = x * 2.0
        y_slice = y[1:4]
        sort_y_slice = np.sort(y_slice)
        y[1:4] = sort_y_slice
        return y
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.printer import expression_text
from .lowering import Lowering
from .writes import MUTATING_METHODS, VIEW_ATTRIBUTES, VIEW_METHODS


def receiver_write(norm: Lowering, call: gast.expr) -> bool:
    """Lower ``call`` (an expression statement's value) when it is a method changing a part of a
    local value (the module docstring); whether it was.
    Raises for such a call that cannot be written back."""
    func = call.func if isinstance(call, gast.Call) else None
    if not isinstance(func, gast.Attribute) or func.attr not in MUTATING_METHODS or \
            isinstance(func.value, gast.Name):
        return False
    root = _root(func.value)
    if root is None or root not in norm.current:
        return False
    from .in_place_calls import made_as_list

    part, current = func.value, norm.current[root]
    array = current not in norm.params and not made_as_list(norm, current)  # (see the docstring)
    written = _written_back(norm, call, part) if array and isinstance(part, gast.Subscript) and \
        isinstance(part.value, gast.Name) and _basic(norm, part.slice) else None
    if written is None:
        text = expression_text(part)
        raise norm.error(
            f"cannot differentiate `.{func.attr}()` called on `{text}`, a part of {root!r}: it "
            f"changes {root!r} in place through an expression the derivative does not follow",
            call, hint=f"write the result back into {root!r} (`y[1:4] = np.sort(y[1:4])`, "
            "`y[0] = 0.0`), or keep the part under a name of its own (one list per name)")
    integers = _integers(part.slice)
    if integers is None:
        norm.assign([_stored(part)], written)
        return True
    # (all integers: a view only where the array has more axes; else a NumPy scalar, a copy,
    # whose .fill() changes nothing: `y[0].fill(v)` of a 1-d `y`)
    rank = build.call(f"{norm.machinery.aliases['np']}.ndim", build.name(root))
    test = gast.Compare(left=rank, ops=[gast.Gt()], comparators=[build.constant(integers)])
    norm.statement(gast.copy_location(gast.If(test=test, body=[gast.copy_location(
        gast.Assign(targets=[_stored(part)], value=written, type_comment=None), call)],
        orelse=[]), call))
    return True


def _integers(index: gast.expr) -> int | None:
    """How many integers ``index`` holds if it holds nothing else (no slice, ``...`` or
    ``None``, so its part is a view only of an array with more axes); else ``None``."""
    parts = index.elts if isinstance(index, gast.Tuple) else [index]
    if any(isinstance(p, gast.Slice) or (isinstance(p, gast.Constant) and p.value in (
            None, Ellipsis)) for p in parts):
        return None
    return len(parts)


def _written_back(norm: Lowering, call: gast.Call, part: gast.Subscript) -> gast.expr | None:
    """The value ``part`` holds once ``call`` has run: ``np.sort(part, ...)`` for ``.sort()``,
    the value for ``.fill(v)``; ``None`` for any other method or arguments."""
    keywords = {k.arg: k.value for k in call.keywords}
    if call.func.attr == "fill" and len(call.args) == 1 and not keywords:
        return copy.deepcopy(call.args[0])  # (located where it is written)
    if call.func.attr != "sort" or len(call.args) > 2 or not set(keywords) <= {"axis", "kind"}:
        return None
    axis = call.args[0] if call.args else keywords.get("axis")  # (``kind``: the values sorted
    extra = {} if axis is None else {"axis": copy.deepcopy(axis)}  # are the same whichever)
    return gast.copy_location(build.call(f"{norm.machinery.aliases['np']}.sort",
                                         copy.deepcopy(part), **extra), call)


def _root(expr: gast.expr) -> str | None:
    """The name a chain of subscripts, view attributes and view methods starts from (``y`` of
    ``y.T[0]``); ``None`` through any other attribute (``self.history``: an object's own state)."""
    while True:
        if isinstance(expr, gast.Subscript) or (isinstance(expr, gast.Attribute) and
                                                expr.attr in VIEW_ATTRIBUTES):
            expr = expr.value
        elif isinstance(expr, gast.Call) and isinstance(expr.func, gast.Attribute) and \
                expr.func.attr in VIEW_METHODS:  # (``y.reshape(5, 1)[:, 0]``: a view of ``y``)
            expr = expr.func.value
        else:
            break
    return expr.id if isinstance(expr, gast.Name) else None


def _basic(norm: Lowering, index: gast.expr) -> bool:
    """Whether ``index`` is, as written, a basic index (its result a view): slices, integers,
    ``...``, ``None``, and the target of a loop over ``range(...)`` (``y[i].sort()``)."""
    parts = index.elts if isinstance(index, gast.Tuple) else [index]
    return all(isinstance(p, gast.Slice) or (
        isinstance(p, gast.Name) and norm.current.get(p.id) in norm.integers) or (
        isinstance(p, gast.Constant) and (p.value is None or p.value is Ellipsis or (
            isinstance(p.value, int) and not isinstance(p.value, bool)))) or (
        isinstance(p, gast.UnaryOp) and isinstance(p.op, gast.USub) and
        isinstance(p.operand, gast.Constant) and type(p.operand.value) is int) for p in parts)


def _stored(part: gast.Subscript) -> gast.Subscript:
    stored = copy.deepcopy(part)
    stored.ctx = gast.Store()
    return stored


# Methods that change their receiver and return None (``.pop()`` returns the item: lower.py).
_RETURNING_NONE = MUTATING_METHODS - {"pop", "popitem", "setdefault"}


def unchanged_receiver(norm: Lowering, call: gast.Call) -> gast.expr:
    """The receiver of ``call``, a method of a local value; raises for ``out.append(v)`` (a
    method changing its receiver in place and returning None) used as a value, not as a statement
    of its own: ``[out.append(v * v) for v in x]``, ``y = xs.sort()``.  The call's change of the
    receiver would be followed by nothing (the gradient through ``out`` was silently 0): only a
    statement's call is lowered as a change."""
    func = call.func  # (a fresh value's, ``np.empty_like(x).fill(1.0) or x``, changes nothing)
    if func.attr in _RETURNING_NONE and call is not norm.statement_call and \
            _root(func.value) in norm.current:
        raise norm.error(
            f"cannot differentiate `{expression_text(func)}(...)` used as a value (in an "
            f"expression or a comprehension): it changes {expression_text(func.value)!r} in "
            "place", call, hint="call it as a statement of its own, or build the value "
            "directly (`out = [v * v for v in x]` rather than `[out.append(v * v) for v in x]`)")
    return func.value
