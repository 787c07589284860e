"""What a transform is asked (:class:`Options`), what it returns (:class:`Record`), the
environment it reads, and the helpers being built (:data:`BUILDING`): the pipeline's vocabulary,
apart from the pipeline, so that a derivative read back from the persistent cache
(:mod:`tangentish.persist`) is wrapped without importing a single pass."""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable, Hashable
from typing import Any

from .errors import Frozen

MODES = ("grad", "value_and_grad", "jvp", "vjp")

# Code objects whose derivative is being built right now (to reject recursion; a helper's
# derivative is built while its caller's is).
BUILDING: contextvars.ContextVar[tuple] = contextvars.ContextVar("tangentish_building",
                                                                   default=())


class Environment:
    """What the environment says: read when tangentish is loaded and by
    :func:`refresh_environment`, never on a call (a cached ``grad()`` reads nothing)."""

    checked = False  # TANGENTISH_CHECKED=1: checked mode (see passes/checked.py)
    cache_dir = ""  # TANGENTISH_CACHE_DIR: the persistent derivative cache (persist/store.py)
    eager = False  # TANGENTISH_SPECIALIZE_EAGERLY=1: a signature's first call runs its specialized
    # derivative too (specialize.py; CI runs part of the suite so, to test every such derivative)


ENVIRONMENT = Environment()


def refresh_environment() -> None:
    """Read ``TANGENTISH_CHECKED``, ``TANGENTISH_CACHE_DIR`` and ``TANGENTISH_SPECIALIZE_EAGERLY``
    again (after changing them in a running process)."""
    ENVIRONMENT.checked = os.environ.get("TANGENTISH_CHECKED", "") not in ("", "0")
    ENVIRONMENT.cache_dir = os.environ.get("TANGENTISH_CACHE_DIR", "")
    ENVIRONMENT.eager = os.environ.get("TANGENTISH_SPECIALIZE_EAGERLY", "") not in ("", "0")


refresh_environment()


class Options(Frozen):
    """What a transform is asked for: a cache key (equal, and hashing alike, field by field)."""

    __slots__ = ("wrt", "mode", "optimized", "has_aux", "checked", "structure", "facts",
                 "receiver", "seeded", "sequences", "read_items")
    wrt: Any
    mode: str  # one of MODES
    optimized: bool
    has_aux: bool
    checked: bool  # shape/dtype checks in the generated code (TANGENTISH_CHECKED by default)
    structure: tuple  # (parameter, arguments.trees.Tree) per container under wrt
    facts: tuple  # (parameter, (size-one pattern, kind) or None) per argument of one call
    # signature: a derivative specialized to it (tangentish.specialize); () for the generic one
    receiver: Any  # a bound method's: the class of its object, whose own methods its
    # `self.method(...)` calls run (passes/inline_helpers.py), or a layouts.Layout when its
    # attributes hold objects or functions (`self.l1(x)`); None for plain functions
    seeded: bool | str  # the seed (vjp's cotangent, jvp's direction) is the caller's own: its
    # zeros are structural (passes/supports.py); False for a helper's, handed computed values;
    # "masks" for a helper's handed with masks of where they may be non-zero (supports_base.MASKS)
    sequences: tuple  # a helper's parameters under wrt its caller hands lists or tuples (their
    # zero adjoints hold one zero per item: passes/shapes.sequence_names)
    read_items: tuple | None  # a helper's gradient: the items of its returned tuple that its
    # caller may read (the others' seed is 0 by structure: passes/calls.py); None: all of them

    def __init__(self, wrt: Any = 0, mode: str = "grad", optimized: bool = True,
                 has_aux: bool = False, checked: bool | None = None, structure: tuple = (),
                 facts: tuple = (), receiver: Any = None, seeded: bool = False,
                 sequences: tuple = (), read_items: tuple | None = None):
        self._set(wrt=wrt, mode=mode, optimized=optimized, has_aux=has_aux,
                  checked=ENVIRONMENT.checked if checked is None else checked,
                  structure=structure, facts=facts, receiver=receiver, seeded=seeded,
                  sequences=sequences, read_items=read_items)


class Record:
    """One generated function, as everything downstream reads it.  (A plain class: a dataclass
    costs a first ``grad()`` a millisecond to make.)"""

    def __init__(self, name: str, text: str, function: Any, mode: str, wrt: list[str],
                 single: bool, seed: str | None, tangents: dict[str, str],
                 rule_keys: list[Hashable], callees: list[Record] | None = None,
                 backward: Record | None = None, of: str = "", mutated: tuple[str, ...] = (),
                 dependencies: tuple = (), machinery: dict[str, str] | None = None,
                 reads: tuple[str, ...] = (), runtime: tuple[str, ...] = (), outputs: Any = None,
                 zeros: tuple[str, ...] = ()):
        self.name = name
        self.text = text  # its own source (helpers' derivatives are records of their own)
        self.function = function
        self.mode = mode
        self.wrt = wrt
        self.single = single
        self.seed = seed  # the cotangent keyword (reverse modes)
        self.tangents = tangents  # wrt parameter → its tangent keyword (jvp)
        self.rule_keys = rule_keys  # every rule it used, its helpers' included
        self.callees = [] if callees is None else callees
        self.backward = backward  # vjp: the pullback
        self.of = of  # the user's function
        self.mutated = mutated  # parameters it changes in place (the derivative copies them)
        self.dependencies = dependencies  # what resolving names found (syntax/scope.py), helpers'
        self.machinery = {} if machinery is None else machinery  # "np"/"math"/"_rt" → alias
        self.reads = reads  # free names that are not cells: the user's globals or builtins
        self.runtime = runtime  # the runtime helpers it calls (``_rt.NAME``)
        self.outputs = outputs  # arguments.outputs.Outputs: the containers it returns, flattened
        self.zeros = zeros  # wrt parameters whose gradient is 0 by structure (reverse modes)

    def __repr__(self) -> str:
        return f"Record({self.name!r}, mode={self.mode!r}, of={self.of!r})"

    @property
    def source(self) -> str:
        """This function's text, its pullback's, then each helper derivative's once."""
        parts = [self.text] + ([self.backward.text] if self.backward else [])
        for callee in self.helpers():
            parts.append(f"# derivative of the helper {callee.of}(), called above\n"
                         f"{callee.text}")
        return "\n\n\n".join(p.rstrip("\n") for p in parts) + "\n"

    def helpers(self) -> list[Record]:
        """Every helper derivative below this one, depth first, each once."""
        seen: set[int] = set()
        found: list[Record] = []

        def visit(record: Record) -> None:
            for callee in record.callees:
                if id(callee) not in seen:
                    seen.add(id(callee))
                    found.append(callee)
                    visit(callee)

        visit(self)
        return found



Derive = Callable[[Any, Options], Record]
