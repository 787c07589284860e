"""A path below a name, as a dependency records it: attribute names, indexes of a list or tuple,
and :class:`Key` s of a dict (``LAYERS[0].w``, ``ACTS["tanh"]``), and what stepping along one
finds (:data:`MISSING` when nothing is there).

    >>> step({"tanh": abs}, Key("tanh")) is abs, step({"tanh": abs}, "tanh") is MISSING
    (True, True)
    >>> spelled("CFG", ("acts", Key("out"), 0))
    "CFG.acts['out'][0]"
"""

from __future__ import annotations

from typing import Any


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()
"""The value of a look-up that found nothing."""


class Key(str):
    """A dict's key in a path (``ACTS["tanh"]``: ``['ACTS', Key('tanh')]``), never equal to the
    attribute of the same name."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is Key and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((Key, str(self)))

    def __repr__(self) -> str:
        return f"Key({str(self)!r})"


def size(value: Any) -> int | tuple:
    """What a derivative unrolled over ``value`` depends on: a list's or tuple's length, a
    dict's keys in order."""
    return tuple(value) if type(value) is dict else len(value)


def step(value: Any, attr: str | int) -> Any:
    """``value.attr``, ``value[attr]`` for an index of a list or tuple or a :class:`Key` of a
    dict; ``MISSING`` when there is none."""
    if type(attr) is Key:
        return dict.get(value, str(attr), MISSING) if isinstance(value, dict) else MISSING
    if type(attr) is not int:
        return getattr(value, attr, MISSING)
    try:
        return value[attr] if type(value) in (list, tuple) else MISSING
    except IndexError:
        return MISSING


def spelled(name: str, attrs: tuple) -> str:
    """``LAYERS[0].w``: a dependency's path as Python spells it."""
    return name + "".join(f"[{a}]" if type(a) is int else f"[{str(a)!r}]" if type(a) is Key
                          else f".{a}" for a in attrs)
