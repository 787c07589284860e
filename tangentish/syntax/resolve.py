"""Resolve the names a function calls to the live objects they denote, without writing anything.

``resolve_reference`` turns ``np.sin``, ``numpy.sin`` or a ``from numpy import sin`` name into the
ufunc object (the rule key) and a canonical spelling for generated code (``np.sin``): one NumPy alias,
``math.<name>`` for the math module, builtins by name, and anything else as the user wrote it (it is
then read from the user's live module globals).
"""

from __future__ import annotations

import builtins
import functools
import math
import types
from dataclasses import dataclass
from typing import Any

import gast
import numpy as np

from .parse import SourceInfo

# Aliases that generated code uses for the machinery modules.
MACHINERY = {"np": np, "math": math}


@dataclass
class Reference:
    """A resolved non-local expression (``np.sin``, ``SCALE``, ``helper``)."""

    value: Any
    text: gast.expr  # how generated code spells it

    @property
    def is_module(self) -> bool:
        return isinstance(self.value, types.ModuleType)


def _public_names(module: types.ModuleType, prefix: str) -> dict[int, list[str]]:
    table: dict[int, list[str]] = {}
    for name in sorted(dir(module)):
        if name.startswith("_"):
            continue
        try:
            value = getattr(module, name)
        except AttributeError:
            continue
        if isinstance(value, types.ModuleType):
            continue
        table.setdefault(id(value), []).append(f"{prefix}.{name}")
    return table


@functools.cache
def _index() -> tuple[dict[int, list[str]], ...]:
    return (_public_names(np, "np"), _public_names(np.linalg, "np.linalg"),
            _public_names(math, "math"))


def canonical_name(value: Any) -> str | None:
    """``np.<name>``/``math.<name>`` for NumPy and math functions, the name for builtins."""
    own = getattr(value, "__name__", None)
    for table, prefix in zip(_index(), ("np", "np.linalg", "math"), strict=True):
        names = table.get(id(value))
        if names and own and f"{prefix}.{own}" in names:  # np.concatenate, not its alias np.concat
            return f"{prefix}.{own}"
    for table in _index():
        names = table.get(id(value))
        if names:
            # Prefer the shortest spelling, then alphabetical: np.abs over np.absolute.
            return sorted(names, key=lambda n: (len(n), n))[0]
    name = getattr(value, "__name__", None)
    if name and getattr(builtins, name, None) is value:
        return name
    return None


def dotted(node: gast.AST) -> list[str] | None:
    """``np.linalg.norm`` → ``['np', 'linalg', 'norm']``; ``None`` for anything else."""
    parts = []
    while isinstance(node, gast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, gast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def expression_for(text: str) -> gast.expr:
    return gast.parse(text).body[0].value


def resolve_reference(info: SourceInfo, node: gast.AST) -> Reference | None:
    """Resolve a Name/Attribute chain rooted at a non-local name, or ``None`` when it isn't one."""
    parts = dotted(node)
    if parts is None:
        return None
    found, value = info.lookup_path(parts)
    if not found:
        return None
    if isinstance(value, types.ModuleType):
        for alias, module in MACHINERY.items():
            if value is module:
                return Reference(value, expression_for(alias))
        return Reference(value, node)
    if len(parts) > 1:  # np.abs, numpy.abs, math.exp: the user's own spelling, one alias
        found_root, root_value = info.lookup(parts[0])
        for alias, module in MACHINERY.items():
            if found_root and root_value is module:
                return Reference(value, expression_for(".".join([alias, *parts[1:]])))
    canonical = canonical_name(value) if callable(value) else None
    if canonical is None and len(parts) > 1:
        root = resolve_reference(info, _root(node))
        if root is not None and root.is_module and any(root.value is m for m in
                                                        MACHINERY.values()):
            text = ".".join([_text(root.text)] + parts[1:])
            return Reference(value, expression_for(text))
    if canonical is not None:
        return Reference(value, expression_for(canonical))
    return Reference(value, node)


def _root(node: gast.AST) -> gast.AST:
    while isinstance(node, gast.Attribute):
        node = node.value
    return node


def _text(node: gast.AST) -> str:
    parts = dotted(node)
    return ".".join(parts) if parts else ""


def callable_label(value: Any) -> str:
    """A human name for a callable, used in error messages (``np.sin``, ``mylib.f``)."""
    canonical = canonical_name(value)
    if canonical:
        return canonical
    module = getattr(value, "__module__", None)
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", repr(value))
    return f"{module}.{name}" if module and module != "builtins" else name
