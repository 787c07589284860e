"""The words of the run-time refusals of :func:`.machinery.check_unshared`: what is changed in
place, what else sees the change, and a hint that would make the program work."""

from __future__ import annotations

import re


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


def _shared(changed_name: str, other_name: str, where: str, copy_of: str | None,
            rebind: str | None, text: bool, listed: bool = False) -> dict:
    """The words of :func:`check_unshared`'s refusal of an array (or, ``listed``, a list)
    changed in place that a value read later shares (its arguments are
    :func:`check_unshared`'s).  A list has no views and ``ps = ps + [v]`` would leave the other
    name without the new items: the hint says to read the list through the name changed."""
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


def tape_hint(name: str) -> str:
    """How the user keeps the tape from holding an array changed in place: a copy of it made
    before any view of it and any change in each pass (a copy just before the change, of a view
    changed, would no longer change what it views)."""
    return (f"in the function first differentiated, copy {name!r} where it is bound or at the "
            f"top of the loop's body, before its views and changes (`{name} = {name}.copy()`), "
            "so that each value the tape keeps is an array of its own")
