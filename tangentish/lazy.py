"""Attributes of a package loaded from their module on first use (PEP 562's module ``__getattr__``).

``tangentish`` itself (its transforms: importing a submodule such as the pytest plugin stays
cheap) and :mod:`tangentish.runtime` (its helper families: a derivative read back from the
persistent cache loads the few it calls) declare a table of name → submodule and take their
``__getattr__`` and ``__dir__`` from :func:`lazy_attributes`.  A name, once loaded, is stored in
the package's namespace, so later lookups never reach ``__getattr__``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from .collector import paused


def lazy_attributes(package: str, home: Mapping[str, str], namespace: dict[str, Any]
                    ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package`` (its ``__name__``), whose ``namespace`` (its
    ``globals()``) gets the attribute ``name`` from the submodule ``home[name]`` on first use."""

    def __getattr__(name: str) -> Any:
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        with paused():  # (an import allocates much and frees little: nothing for the collector)
            value = getattr(importlib.import_module(f".{module}", package), name)
        namespace[name] = value  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(home))

    return __getattr__, __dir__
