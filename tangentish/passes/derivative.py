"""The function a transformation builds, before it is turned into text (:class:`Derivative`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gast

from ..syntax.naming import Namer
from ..syntax.resolve import DEFAULT, Machinery


@dataclass
class Derivative:
    """A generated function: its name, signature and body, and what the later passes need."""

    name: str
    args: gast.arguments
    body: list[gast.stmt]
    namer: Namer
    protected: set[str] = field(default_factory=set)  # names the optimizer must keep
    saves: dict[int, gast.stmt] = field(default_factory=dict)  # in-place updates, see tape.py
    callees: Any = None  # the helpers' derivatives it calls (calls.Callees)
    extras: dict[str, object] = field(default_factory=dict)  # rule modules' names (template.py)
    docstring: str = ""
    machinery: Machinery = DEFAULT  # the aliases of np, math and _rt in the generated code
    tape: str | None = None  # the tape's name, once tape.py has materialized one
    sharing: dict[str, frozenset[str]] = field(default_factory=dict)  # see aliases.py

    def shares(self, name: str) -> frozenset[str]:
        """``name`` and the names that may share its memory (one object, views)."""
        return self.sharing.get(name, frozenset({name}))
