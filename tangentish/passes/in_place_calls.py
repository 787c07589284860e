"""Calls that change a local array in place, lowered to a write of the whole array.

``y.sort(axis)`` sorts ``y`` where it is (``y.partition(kth, axis)`` partitions it) and
``np.add.at(a, index, v)`` adds ``v`` into ``a`` at ``index`` (a repeated index adds again);
``np.subtract.at`` adds ``-v``.  Each becomes the value computed out of place, written back over
the array, ``y[...] = np.sort(y, axis)`` and ``a[...] = _rt.added_at(a, index, v)``;
``y.fill(v)`` and ``np.copyto(y, v)`` are ``y[...] = v`` (``np.copyto(y, v, where=m)``:
``y[...] = np.where(m, v, y)``; ``np.copyto(y[::2], v)``: ``y[::2] = v``; NumPy's cast check
first, ``_rt.copyto_cast``);
``np.put_along_axis(y, ind, v, axis)`` is ``y[_rt.along_axis_index(y, ind, axis)] = v``.  So the
machinery of element assignment
(what the tape saves, views of the array, arrays the derivative owns) applies as to any
``y[...] = value``.  A local array is lowered, and a parameter under ``wrt`` (an array, which
Python changes in the caller's hands: the derivative changes its private copy, made on entry as
for ``x += 1``, and never the caller's array); NumPy's writers (``np.copyto``, ``np.put``,
``y.put``, ``np.add.at``...), which take arrays only, on a parameter held constant too (its
private copy, as for ``a[i] = v``).  ``y.sort()`` or ``y.fill(v)`` on a parameter held constant
(a list of indices may be sorted) or a list made in the function (a display, ``list(...)``)
stays as written, so a constant one may be sorted and a differentiated one is refused with
``MissingRuleError``
(``xs = sorted(xs)`` and ``y = np.sort(y)`` are differentiated; a list's own ``xs.sort()``:
list_methods.py).  ``np.maximum.at(a, index, v)`` and ``np.minimum.at`` are ``a[...] =
_rt.maximum_at(a, index, v)`` (``minimum_at``), whose rule gives each element the derivative of
the candidate holding it (ties share it, as ``np.maximum``'s operands do); ``np.multiply.at(a,
index, v)`` is ``a[...] = np.prod(_rt.slotted(a, index, v), axis=-1)`` (each element's value and
the values sent there, along a new last axis); the other ``ufunc.at`` have no rule
(``MissingRuleError``).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> import numpy as np
    >>> def f(x, i):
    ...     y = x * 2.0
    ...     y.sort()
    ...     np.add.at(y, i, x)
    ...     return y
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, i):
        y = x * 2.0
        y_sorted = np.sort(y)
        y[...] = y_sorted
        y_added = _rt.added_at(y, i, x)
        y[...] = y_added
        return y
"""

from __future__ import annotations

import operator
from collections.abc import Hashable
from typing import Any

import gast
import numpy as np

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from ..syntax.resolve import resolve_reference
from .dataflow import statements
from .lowering import Lowering
from .writes import ufunc_at

_ADDING = {"add": False, "subtract": True}  # ufunc → whether its values are negated
_EXTREMES = {"maximum": runtime.maximum_at, "minimum": runtime.minimum_at}


def in_place_call(norm: Lowering, call: gast.expr) -> bool:
    """Lower ``call`` (an expression statement's value) when it is one of the module docstring's
    in-place calls; returns whether it was."""
    if not isinstance(call, gast.Call) or any(k.arg is None for k in call.keywords):
        return False
    func = call.func
    if isinstance(func, gast.Attribute) and func.attr in ("sort", "fill", "partition", "put") \
            and isinstance(func.value, gast.Name) and func.value.id in norm.current:
        current = norm.current[func.value.id]
        if not _changeable(norm, current) or made_as_list(norm, current):
            return False  # (list.sort, a parameter's: a method call, see the docstring)
        if func.attr in ("sort", "partition"):
            _sort(norm, func.value.id, call, np.sort if func.attr == "sort" else np.partition)
        elif func.attr == "put":  # y.put(ind, v, mode): np.put(y, ind, v, mode)
            _write_flat(norm, call, np.put, func.value, call.args)
        elif len(call.args) != 1 or call.keywords:
            return False
        else:  # y.fill(v): y[...] = v
            _store_all(norm, current, norm.atom(call.args[0]), call)
        return True
    if _copy_to(norm, call) or _flat_write(norm, call) or _along_axis(norm, call):
        return True
    first = call.args[0] if len(call.args) == 3 else None
    if not isinstance(func, gast.Attribute) or not isinstance(first, gast.Name) or \
            call.keywords or norm.is_local_root(func) or norm.current.get(first.id) is None or \
            made_as_list(norm, norm.current[first.id]):  # (arrays only, as NumPy's writers:
        return False  # a parameter held constant too, in its private copy)
    reference = resolve_reference(norm.info, func, norm.machinery)
    value = reference.value if reference is not None else None
    name = value.__self__.__name__ if ufunc_at(value) else None
    if name not in _ADDING and name not in _EXTREMES and name != "multiply" or \
            getattr(np, name) is not value.__self__:
        return False
    if name == "multiply":
        _multiply_at(norm, call)
    elif name in _EXTREMES:
        _extreme_at(norm, name, call)
    else:
        _add_at(norm, name, call)
    return True


def _changeable(norm: Lowering, current: str | None) -> bool:
    """Whether the variable ``current`` may be lowered: a local, or a parameter under ``wrt`` (an
    array: a list or a dict there is a container, flattened before; copied on entry, so what
    Python would change in the caller's hands changes in the derivative's copy)."""
    return current is not None and (current not in norm.params or
                                    current in (norm.info.varying or ()))


def made_as_list(norm: Lowering, name: str) -> bool:
    """Whether the function defines ``name`` as a new list (a display, ``list(...)``,
    ``sorted(...)``, a NumPy split's list of views, or a copy of one) in the blocks lowered so far
    around this statement, or a loop carries such a list that only list methods change
    (``norm.carried_lists``, see list_methods.py)."""
    if name in norm.carried_lists:
        return True
    for body in (norm.body, *reversed(norm.enclosing)):
        for stmt in reversed(body):
            if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name) and \
                    stmt.targets[0].id == name and ir.has_op(stmt):
                op, before = ir.note(stmt).op, ir.note(stmt).augments
                if op.key is ir.LIST or op.key is list or op.key is sorted or \
                        any(op.key is f for f in _LISTING):
                    return True
                if before is not None:  # (``xs += [v]``, ``xs.sort()``: list_methods.py)
                    return made_as_list(norm, before)
                return op.key is None and len(op.args) == 1 and \
                    isinstance(op.args[0], gast.Name) and made_as_list(norm, op.args[0].id)
    return False


_LISTING = (np.split, np.array_split, np.hsplit, np.vsplit, np.dsplit)  # (lists of views)


def may_be_list(norm: Lowering, name: str) -> bool:
    """Whether ``name`` may hold a list (or another container whose items ``items[i] op= v``
    changes in place, as Python runs it): :func:`made_as_list`, or bound on some path, in a
    block nested in those lowered so far (a branch's, merged after it), to a list display,
    ``list(...)``, ``sorted(...)``, a NumPy split (a list of views), a copy or a slice of one.
    (A parameter held constant may be a list too: not followed, see the README.)"""
    if made_as_list(norm, name):
        return True
    seen, names = {name}, [name]
    bodies = (norm.body, *norm.enclosing)
    while names:
        current = names.pop()
        for stmt in (s for body in bodies for s in statements(body)):
            if not (isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name) and
                    stmt.targets[0].id == current and ir.has_op(stmt)):
                continue
            op, before = ir.note(stmt).op, ir.note(stmt).augments
            if op.key is ir.LIST or op.key in (list, sorted) or any(op.key is f for f in _LISTING):
                return True
            sliced = op.key is operator.getitem and isinstance(op.args[-1], gast.Slice)
            sources = [before] if before is not None else [op.args[0].id] if (
                op.key is None and len(op.args) == 1 or sliced) and \
                isinstance(op.args[0], gast.Name) else []
            names += [n for n in sources if n not in seen]
            seen.update(sources)
    return False


def _sort(norm: Lowering, variable: str, call: gast.Call, function: Any) -> None:
    """``y.sort(axis)``, ``y.partition(kth, axis)``: ``y = np.sort(y, axis)``, ``np.partition(y,
    kth, axis)`` (NumPy's functions sort a copy the same way)."""
    current, method = norm.current[variable], function.__name__
    names = ("axis",) if function is np.sort else ("kth", "axis")
    given = {**dict(zip(names, call.args, strict=False)), **{k.arg: k.value for k in call.keywords}}
    if len(call.args) > len(names) or not set(given) <= set(names) or \
            set(names) - {"axis"} - set(given):
        shown = ", ".join(names)
        raise norm.error(f"cannot differentiate `{variable}.{method}()` with these arguments", call,
                         hint=f"`{variable}.{method}({shown})` is; or write "
                         f"`{variable} = np.{method}({variable}, {shown})`")
    atoms = {key: norm.atom(value) for key, value in given.items()}
    args = [build.name(current), *([atoms["kth"]] if "kth" in atoms else [])]
    keywords = {"axis": atoms["axis"]} if "axis" in atoms else {}
    value = build.call(f"{norm.machinery.aliases['np']}.{method}", *args, **keywords)
    _write_back(norm, current, f"{variable}_{'sorted' if method == 'sort' else 'parted'}", value,
                Op(function, args, keywords, f"`{variable}.{method}()`", call), call)


def _add_at(norm: Lowering, ufunc: str, call: gast.Call) -> None:
    variable = call.args[0].id
    current = norm.current[variable]
    index, values = norm.atom(call.args[1]), norm.atom(call.args[2])
    if _ADDING[ufunc]:
        negated = norm.namer.derived(build.call(f"{norm.machinery.aliases['np']}.negative",
                                                values))
        norm.emit(build.assign(negated, build.call(f"{norm.machinery.aliases['np']}.negative",
                                                   values)),
                  Op(np.negative, [values], {}, f"`np.{ufunc}.at`", call))
        values = build.name(negated)
    args = [build.name(current), index, values]
    value = build.call(f"{norm.machinery.aliases['_rt']}.added_at", *args)
    _write_back(norm, current, f"{variable}_added", value,
                Op(runtime.added_at, args, {}, f"`np.{ufunc}.at`", call), call)


def _extreme_at(norm: Lowering, ufunc: str, call: gast.Call) -> None:
    variable = call.args[0].id
    current = norm.current[variable]
    args = [build.name(current), norm.atom(call.args[1]), norm.atom(call.args[2])]
    helper = _EXTREMES[ufunc]
    value = build.call(f"{norm.machinery.aliases['_rt']}.{helper.__name__}", *args)
    _write_back(norm, current, f"{variable}_{ufunc}", value,
                Op(helper, args, {}, f"`np.{ufunc}.at`", call), call)


def _multiply_at(norm: Lowering, call: gast.Call) -> None:
    """``a[...] = np.prod(_rt.slotted(a, index, v), axis=-1)``: ``np.prod``'s derivative, exact
    with zeros, follows each factor a repeated index sends (see the module docstring)."""
    variable = call.args[0].id
    current = norm.current[variable]
    args = [build.name(current), norm.atom(call.args[1]), norm.atom(call.args[2])]
    slots = build.name(norm.namer.fresh(f"{variable}_slots"))
    norm.emit(build.assign(slots.id, build.call(f"{norm.machinery.aliases['_rt']}.slotted", *args)),
              Op(runtime.slotted, args, {}, "`np.multiply.at`", call))
    _write_back(norm, current, f"{variable}_multiplied", build.call(
        f"{norm.machinery.aliases['np']}.prod", slots, axis=build.constant(-1)),
                Op(np.prod, [slots], {"axis": build.constant(-1)}, "`np.multiply.at`", call), call)


def _writer(norm: Lowering, call: gast.Call, first: gast.expr | None) -> object:
    """What ``call`` calls, when ``first`` (its array argument) names a local array or a
    parameter (else None).  NumPy's writers take arrays only (a list raises), so a parameter held
    constant is lowered too: written in the derivative's private copy, as ``y[i] = v`` is."""
    if not isinstance(first, gast.Name) or norm.current.get(first.id) is None or \
            norm.is_local_root(call.func) or made_as_list(norm, norm.current[first.id]):
        return None
    reference = resolve_reference(norm.info, call.func, norm.machinery)
    return reference.value if reference is not None else None


_COPYTO = {"dst", "src", "casting", "where"}  # (np.copyto's parameters)


def _copy_to(norm: Lowering, call: gast.Call) -> bool:
    """``np.copyto(y, v)`` on a local array ``y``: ``y[...] = v`` (into slices of it, ``y[::2]
    = v``); with ``where=m``,
    ``y[...] = np.where(m, v, y)`` (NumPy broadcasts ``v`` and ``m`` to ``y``'s shape).  Unless
    ``casting`` is the literal ``'unsafe'``, ``_rt.copyto_cast(v, y, casting)`` first raises
    where NumPy's cast check does (a float into an integer array), which the assignment has not."""
    given = dict(zip(("dst", "src", "casting", "where"), call.args, strict=False))
    given.update({k.arg: k.value for k in call.keywords})
    first = given.get("dst") if len(call.args) <= 4 and len(given) == len(call.args) + \
        len(call.keywords) and {"dst", "src"} <= set(given) <= _COPYTO else None
    part = first if isinstance(first, gast.Subscript) and "where" not in given and \
        _sliced(first.slice) else None  # (np.copyto(y[::2], v): y[::2] = v, a view's write)
    first = first.value if part is not None else first
    if _writer(norm, call, first) is not np.copyto:
        return False
    current, value = norm.current[first.id], norm.atom(given["src"])
    casting = given.get("casting", build.constant("same_kind"))
    if not (isinstance(casting, gast.Constant) and casting.value == "unsafe"):
        check = build.call(f"{norm.machinery.aliases['_rt']}.copyto_cast", value,
                           build.name(current), norm.atom(casting))
        stmt = norm.emit(build.expression(check), Op(runtime.copyto_cast, [], label="a check"))
        ir.note(stmt).keep = True
    if part is not None:
        norm.store_item(gast.Subscript(value=first, slice=part.slice, ctx=gast.Store()), value)
    elif "where" not in given:
        _store_all(norm, current, build.clone(value), call)
    if "where" not in given:
        return True
    args = [norm.atom(given["where"]), build.clone(value), build.name(current)]
    _write_back(norm, current, f"{first.id}_copied", build.call(
        f"{norm.machinery.aliases['np']}.where", *args), Op(np.where, args, {}, "`np.copyto`", call),
                call)
    return True


def _sliced(index: gast.expr) -> bool:
    """Whether ``y[index]`` is a view of ``y`` with all its axes (slices and ``...`` only: an
    integer or an array index may give a number or a copy, which ``np.copyto`` writes into
    without changing ``y``, or refuses)."""
    parts = index.elts if isinstance(index, gast.Tuple) else [index]
    return all(isinstance(p, gast.Slice) or (isinstance(p, gast.Constant) and p.value is ...)
               for p in parts)


# NumPy's writers into their first argument lowered as an element assignment: each one's
# parameters (after the array), the runtime helper giving where it writes, and the parameters
# that helper takes after the array.
_WRITERS = {
    np.put: (("ind", "v", "mode"), "put_index", ("ind", "v", "mode")),
    np.place: (("mask", "vals"), "mask_index", ("mask", "vals")),
    np.putmask: (("mask", "values"), "mask_index", ("mask", "values")),
    np.fill_diagonal: (("val", "wrap"), "diagonal_index", ("val", "wrap")),
}


def _flat_write(norm: Lowering, call: gast.Call) -> bool:
    """``np.put(y, ind, v)``, ``np.place(y, mask, v)``, ``np.putmask(y, mask, v)`` and
    ``np.fill_diagonal(y, v)`` on a local array ``y``: ``y[index] = values``, ``index`` where NumPy
    writes (``_rt.put_index``...) and ``values`` ``v`` cycled over it as NumPy cycles it."""
    first = call.args[0] if call.args else None
    function = _writer(norm, call, first)
    if not isinstance(function, Hashable) or function not in _WRITERS:
        return False
    _write_flat(norm, call, function, first, call.args[1:])
    return True


def _write_flat(norm: Lowering, call: gast.Call, function: Any, first: gast.Name,
                args: list[gast.expr]) -> None:
    """``function(first, *args, **call's keywords)``, one of :data:`_WRITERS`, written as an
    element assignment (``y.put(ind, v)`` too)."""
    names, helper, passed = _WRITERS[function]
    given = dict(zip(names, args, strict=False))
    given.update({k.arg: k.value for k in call.keywords})
    if len(args) > len(names) or not set(given) <= set(names) or \
            not set(names[:2]) - {"wrap", "mode"} <= set(given):
        raise norm.error(f"cannot differentiate this call of np.{function.__name__}",
                         call, hint="pass its arguments by NumPy's names, each once")
    variable, current = first.id, norm.current[first.id]
    atoms = {name: norm.atom(value) for name, value in given.items()}
    values = atoms[names[1] if helper != "diagonal_index" else "val"]
    extra = {"function": build.constant("putmask")} if function is np.putmask else {}
    index = _emitted(norm, f"{variable}_index", helper,
                     [build.name(current), *[atoms[p] for p in passed if p in atoms]], extra, call)
    if function is np.putmask:  # (values cycled over the whole array, then chosen)
        shape = _emitted(norm, f"{variable}_shape", "shape", [build.name(current)], {}, call)
        cycled = _emitted(norm, f"{variable}_cycled", "resize", [values, shape], {}, call)
        chosen = norm.namer.fresh(f"{variable}_values")
        norm.emit(build.assign(chosen, build.subscript(cycled, build.clone(index))),
                  Op(operator.getitem, [cycled, build.clone(index)], {}, "indexing", call))
        new = build.name(chosen)
    else:
        count = _emitted(norm, f"{variable}_count", "written_count", [index], {}, call)
        new = _emitted(norm, f"{variable}_values", "resize", [values, count], {}, call)
    _store(norm, current, index, new, call)


def _along_axis(norm: Lowering, call: gast.Call) -> bool:
    """``np.put_along_axis(y, indices, values, axis)`` on a local array ``y`` (or a parameter
    under ``wrt``): ``y[index] = values``, ``index`` the one NumPy builds
    (``_rt.along_axis_index``), ``values`` broadcast by the assignment as by NumPy."""
    first = call.args[0] if call.args else None
    if _writer(norm, call, first) is not np.put_along_axis:
        return False
    given = dict(zip(("indices", "values", "axis"), call.args[1:], strict=False))
    given.update({k.arg: k.value for k in call.keywords})
    if len(call.args) > 4 or set(given) != {"indices", "values", "axis"}:
        raise norm.error("cannot differentiate this call of np.put_along_axis", call,
                         hint="pass `indices`, `values` and `axis` once each, by NumPy's names "
                         "or in its order")
    atoms = {name: norm.atom(value) for name, value in given.items()}
    current = norm.current[first.id]
    index = _emitted(norm, f"{first.id}_index", "along_axis_index",
                     [build.name(current), atoms["indices"], atoms["axis"]], {}, call)
    _store(norm, current, index, atoms["values"], call)
    return True


def _emitted(norm: Lowering, label: str, function: str, args: list, keywords: dict,
             call: gast.Call) -> gast.Name:
    """``<label> = np.<function>(...)`` (``np.resize``, ``np.shape``) or ``_rt.<function>(...)``;
    its name."""
    module = np if hasattr(np, function) else runtime
    alias = norm.machinery.aliases["np" if module is np else "_rt"]
    target = norm.namer.fresh(label)
    norm.emit(build.assign(target, build.call(f"{alias}.{function}", *args, **keywords)),
              Op(getattr(module, function), args, keywords, f"`np.{function}`", call))
    return build.name(target)


def _write_back(norm: Lowering, current: str, label: str, value: gast.expr, op: Op,
                call: gast.Call) -> None:
    """``<label> = value`` then ``current[...] = <label>``, an in-place update of ``current``."""
    temp = norm.namer.fresh(label)
    norm.emit(build.assign(temp, value), op)
    _store_all(norm, current, build.name(temp), call)


def _store_all(norm: Lowering, current: str, new: gast.expr, call: gast.Call) -> None:
    """``current[...] = new``, an in-place update of ``current``."""
    _store(norm, current, build.constant(Ellipsis), new, call)


def _store(norm: Lowering, current: str, index: gast.expr, new: gast.expr,
           call: gast.Call) -> None:
    """``current[index] = new``, an in-place update of ``current``."""
    store = build.subscript(build.name(current), build.clone(index), store=True)
    emitted = norm.emit(build.assign(store, new),
                        Op(operator.setitem, [build.name(current), build.clone(index), new], {},
                           "an element assignment", call))
    ir.note(emitted).updates = current
