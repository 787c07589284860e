"""Whether arrays share memory: the tests behind ``check_unshared`` (:mod:`.machinery`)."""

from __future__ import annotations

import numbers
import re
import types
from collections.abc import Iterator
from typing import Any

import numpy as np


def _basic(part: Any) -> bool:
    return part is None or part is Ellipsis or isinstance(part, (int, np.integer, slice))


def written_part(array: np.ndarray, index: Any) -> np.ndarray:
    """The part of ``array`` that ``array[index] = ...`` overwrites, as a view (the whole array
    for an index that may select by integer arrays or masks, which would copy)."""
    parts = index if isinstance(index, tuple) else (index,)
    if not all(_basic(p) for p in parts):
        return array
    kept = tuple(slice(p, p + 1 if p != -1 else None) if isinstance(p, (int, np.integer))
                 else p for p in parts)
    try:
        return array[kept]
    except (IndexError, TypeError):
        return array


_TOO_HARD = getattr(getattr(np, "exceptions", np), "TooHardError", ValueError)


def overlap(a: np.ndarray, b: np.ndarray) -> bool:
    try:
        return bool(np.shares_memory(a, b, max_work=100_000))
    except _TOO_HARD:  # an overlap too costly to decide: assume the worst
        return True


def item_shared(changed: Any, items: Any, skip: Any) -> bool:
    """Whether the array ``changed``, item ``skip`` of the list ``items``, shares memory with
    another of its items; for no ``skip`` (``changed`` is ``items``, a list the caller passed),
    whether two of its array items share memory."""
    if skip is not None:
        position = range(len(items))[skip]
        others = [item for k, item in enumerate(items) if k != position]
        return isinstance(changed, np.ndarray) and shares(changed, others)
    arrays = [item for item in changed if isinstance(item, np.ndarray) and item.size] \
        if isinstance(changed, list) else []
    spans = sorted((_extent(a), k) for k, a in enumerate(arrays))
    reaching: list[tuple[int, int]] = []  # (end, k): the arrays met so far, where they end
    for (start, end), k in spans:  # (by where they start: only extents that meet are compared)
        reaching = [(stop, j) for stop, j in reaching if stop > start]
        if any(overlap(arrays[j], arrays[k]) for _, j in reaching):
            return True
        reaching.append((end, k))
    return False


def _extent(a: np.ndarray) -> tuple[int, int]:
    """The first and one past the last byte address of the non-empty array ``a``."""
    start = end = a.__array_interface__["data"][0]
    for n, stride in zip(a.shape, a.strides, strict=True):
        start, end = (start + (n - 1) * stride, end) if stride < 0 else (start, end + (n - 1) * stride)
    return start, end + a.itemsize


def shares(written: np.ndarray, other: Any) -> bool:
    """Whether ``other`` (an array, or anything :func:`arrays_in` looks into) overlaps
    ``written``."""
    arrays = (other,) if isinstance(other, np.ndarray) else arrays_in(other)
    return any(np.may_share_memory(written, a) and overlap(written, a) for a in arrays)


OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, str, bytes)


def arrays_in(value: Any) -> Iterator[np.ndarray]:
    """The arrays ``value`` holds: itself, the items of lists and tuples, a dict's values and an
    object's attributes (its ``__dict__``), nested, each container visited once."""
    pending, seen = [value], set()
    while pending:
        item = pending.pop()
        if isinstance(item, np.ndarray):
            yield item
        elif id(item) in seen or isinstance(item, OPAQUE):
            continue
        elif isinstance(item, (list, tuple)):
            seen.add(id(item))
            pending.extend(item)
        elif isinstance(item, dict) or isinstance(getattr(item, "__dict__", None), dict):
            seen.add(id(item))
            pending.extend((item if isinstance(item, dict) else vars(item)).values())


_PLAIN = (numbers.Number, np.generic, str, bytes, type(None), range, np.dtype)


def reaches(holder: Any, value: Any) -> bool:
    """Whether changing ``value`` in place may change what ``holder`` holds: ``value`` is
    ``holder`` or a list, dict or object it holds (nested), or an array overlapping one it
    holds; also whenever ``holder`` holds what this cannot look into (an object with
    ``__slots__`` or no ``__dict__``, an array of objects).  A number or a string is never
    changed in place."""
    if isinstance(value, _PLAIN):
        return False
    pending, seen = [holder], set()
    while pending:
        item = pending.pop()
        if item is value:
            return True
        if isinstance(item, np.ndarray):
            if item.dtype.hasobject or isinstance(value, np.ndarray) and \
                    np.may_share_memory(item, value) and overlap(item, value):
                return True
        elif id(item) in seen or isinstance(item, (*OPAQUE, *_PLAIN)):
            continue
        elif isinstance(item, (list, tuple, dict)):
            seen.add(id(item))
            pending.extend(item.values() if isinstance(item, dict) else item)
        elif isinstance(getattr(item, "__dict__", None), dict) and \
                not hasattr(type(item), "__slots__"):
            seen.add(id(item))
            pending.extend(vars(item).values())
        elif _slotted(item):  # (a tape's `Like`: its shape and dtype)
            seen.add(id(item))
            pending.extend(getattr(item, slot, None) for slot in _slots(type(item)))
        else:
            return True
    return False


def untaped_list(changed: Any, tape: list, index: Any, item: bool) -> bool:
    """Whether ``changed`` is a list whose change in place leaves what ``tape`` holds as it was:
    the tape does not hold the list itself (:func:`reaches`: nor anything it cannot look into)
    and, for a change of its item ``index`` other than binding it (``item``: ``xs[i] = v``;
    ``xs[i][j] = v`` writes into an array of it), no array of it.  ``ks.append(v)``,
    ``ks.pop()`` or ``ks[i] = v`` on a list whose taped versions are gone from the tape."""
    return isinstance(changed, list) and not reaches(tape, changed) and (
        index is Ellipsis or item or not any(shares(a, tape) for a in arrays_in(changed)))


def _slotted(item: Any) -> bool:
    """Whether ``item``'s attributes are all slots of Python classes (``__slots__`` in every
    class of its kind but ``object``, no ``__dict__``), which :func:`reaches` looks into."""
    kinds = type(item).__mro__[:-1]
    return not hasattr(item, "__dict__") and all("__slots__" in vars(k) for k in kinds)


def _slots(cls: type) -> list[str]:
    return [name for k in cls.__mro__[:-1] for name in
            ((k.__slots__,) if isinstance(k.__slots__, str) else k.__slots__)]


def _shared_item(changed_name: str, other_name: str, where: str, rebind: str | None) -> dict:
    """The words of :func:`check_unshared`'s refusal of an item changed in place that another
    item shares (``changed_name`` is ``other_name`` for a list the caller passed: any item)."""
    if changed_name == other_name:
        return {"message": f"an item of {other_name!r} is changed in place at {where} while another "
                "item of it shares its memory (the same array twice, or views of one): the "
                "derivative cannot follow a change made through another name", "hint": "pass a "
                f"list of separate arrays (`[a, a.copy()]`), or make a new array: "
                f"`{other_name}[i] = {other_name}[i] {rebind or '*'} ...`"}
    return {"message": f"{changed_name!r} is changed in place at {where} while another item of "
            f"{other_name!r} shares its memory: the derivative cannot follow a change made "
            "through another name", "hint": f"put copies in {other_name!r} where it is made "
            f"(`np.copy(...)` of each array), or make a new array: `{changed_name} = "
            f"{changed_name} {rebind or '+'} ...`"}


def held_at(holder: Any, array: Any) -> str | None:
    """Where the dict, list or tuple ``holder`` holds ``array`` itself, as an index
    (``"['w']"``, ``"[0]"``), ``""`` when ``holder`` is ``array``; ``None`` when it holds it
    nowhere directly (or is another array: a view)."""
    if holder is array:
        return ""
    if isinstance(holder, dict):
        return next((f"[{k!r}]" for k, v in holder.items() if v is array), None)
    if isinstance(holder, (list, tuple)):
        return next((f"[{k}]" for k, v in enumerate(holder) if v is array), None)
    return None


def _shared(changed_name: str, other_name: str, where: str, copy_of: str | None,
            rebind: str | None, text: bool, listed: bool = False, held: str | None = None) -> dict:
    """The words of :func:`check_unshared`'s refusal of an array (or, ``listed``, a list)
    changed in place that a value read later shares (its arguments are
    :func:`check_unshared`'s; ``held``: where the container read later holds the array, from
    :func:`held_at`).  A list has no views and ``ps = ps + [v]`` would leave the other
    name without the new items: the hint says to read the list through the name changed."""
    if held and not text and not listed or held == "" and text and other_name != changed_name:
        return _held(changed_name, f"{other_name}{held}", where, rebind)  # (`w = cfg["w"]`)
    if copy_of is not None and other_name == changed_name and not text and not listed:
        return _held(changed_name, copy_of, where, rebind)  # (`w = cfg["w"]`, renamed `cfg_w`)
    made = f"`{other_name} = {copy_of}`" if copy_of else "another name for it, or a view"
    own, source = other_name, copy_of or changed_name  # (the list a copy would be made for)
    if copy_of is not None and copy_of == other_name != changed_name:  # (changed = other)
        made, own, source = f"`{changed_name} = {other_name}`", changed_name, other_name
    if listed and not text and other_name != changed_name:
        return {"message": f"the list {changed_name!r} is changed in place at {where} while "
                f"{other_name!r}, the same list ({made}), is used afterwards: the derivative "
                "cannot follow a change made through another name",
                "hint": f"read the list as {changed_name!r} after this line (not as "
                f"{other_name!r}), or give {own!r} a list of its own where it is made "
                f"(`{own} = list({source})`) if the two should differ"}
    other = f"`{other_name}`, which shares its memory (a view of it)," if text else \
        f"{other_name!r}, which shares its memory ({made})," if other_name != changed_name else \
        f"an earlier value of {other_name!r} (the same array, e.g. a sequence a loop runs over)"
    copied = other_name if re.fullmatch(r"[\w.]+(\[[^\]]*\]|\.\w+)*", other_name) else \
        f"({other_name})"  # (`(x * 1.0).copy()`)
    hint = f"copy first, e.g. `{copied}.copy()` where it is made, or " if text else \
        f"copy first, e.g. {made[:-1]}.copy()` where it is made, or " if copy_of else \
        f"copy first, e.g. `{other_name} = {other_name}.copy()` where it is made, or "
    hint += f"make a new array: `{changed_name} = {changed_name} {rebind} ...`" if rebind else \
        f"change a copy of {changed_name!r}"
    return {"message": f"{changed_name!r} is changed in place at {where} while {other} is used "
            "afterwards: the derivative cannot follow a change made through another name",
            "hint": hint}


def _held(changed_name: str, item: str, where: str, rebind: str | None) -> dict:
    """The words for ``changed_name``, the array ``item`` of a container (``cfg['w']``), changed
    in place while the container is read later: Python changes the container's array too."""
    return {"message": f"{changed_name!r} is changed in place at {where} while `{item}`, the "
            "same array (it shares its memory), is used afterwards: Python changes it too, and "
            "the derivative cannot follow a change made through another name",
            "hint": f"change a copy of {changed_name!r}, taken where it is read "
            f"(`{changed_name} = {item}.copy()`), or make a new array: "
            f"`{changed_name} = {changed_name} {rebind or '+'} ...`"}


def tape_hint(name: str) -> str:
    """How the user keeps the tape from holding an array changed in place: a copy of it made
    before any view of it and any change in each pass (a copy just before the change, of a view
    changed, would no longer change what it views)."""
    return (f"in the function first differentiated, copy {name!r} where it is bound or at the "
            f"top of the loop's body, before its views and changes (`{name} = {name}.copy()`), "
            "so that each value the tape keeps is an array of its own")


def rebound(value: Any, items: bool = False) -> bool:
    """Whether an augmented assignment to ``value`` (``items``: to the items a loop over it binds,
    ``for q in p: q /= s``) only rebinds the name: a number, a string, a tuple (``items``: a 1-D
    array, or a list or tuple of such values), never an array or a list changed in place."""
    if not items:
        return isinstance(value, _IMMUTABLE) and not isinstance(value, np.ndarray)
    if isinstance(value, np.ndarray):
        return value.ndim == 1 and value.dtype != object
    return all(map(rebound, value)) if isinstance(value, (list, tuple)) else rebound(value)


def not_array(value: Any, function: str, parameter: str, where: str, items: bool) -> dict:
    """The words of :func:`.machinery.check_not_array`'s refusal."""
    kind = f"{value.ndim}-D ndarray" if isinstance(value, np.ndarray) else type(value).__name__
    return {"message": f"{function}() changes {'the items of ' * items}its argument {parameter!r} "
            f"in place ({where}): on a {kind} an augmented assignment {'of an item ' * items}"
            "writes into the caller's value, which the derivative would then read changed",
            "hint": f"inside {function}(), bind the loop's item anew (`q = q + ...`, not `q += "
            "...`): a row of a 2-D array is changed in place, a number of a 1-D one is not"
            if items else f"inside {function}(), write `{parameter} = {parameter} + ...` (a new "
            f"value) instead of `{parameter} += ...`, or pass it a copy"}


_IMMUTABLE = (int, float, complex, bool, str, bytes, tuple, frozenset, type(None), np.generic)
