"""Whether a function or a file belongs to an installed package or the standard library (not the
user's code: a call to such a function without a rule is a missing rule, never a source to descend
into; a dependency in such a file is not watched, :mod:`tangentish.stale`)."""

from __future__ import annotations

import functools
import os
import sys
from typing import Any


@functools.lru_cache(maxsize=1)
def _library_roots() -> tuple[str, ...]:
    """The directories installed packages live in (site-packages, dist-packages, the stdlib)."""
    import site
    import sysconfig

    paths = {sysconfig.get_paths().get(key) for key in ("purelib", "platlib", "stdlib")}
    paths.update(site.getsitepackages() if hasattr(site, "getsitepackages") else [])
    paths.add(site.getusersitepackages() if hasattr(site, "getusersitepackages") else None)
    return tuple(sorted(os.path.realpath(p) + os.sep for p in paths if p))


def installed_package(fn: Any) -> str | None:
    """The top-level package of ``fn`` when it is a Python function of an installed package
    (its file is under site-packages or the standard library), else None.  Such a function is not
    the user's code: without a rule, a call to it is a missing rule, never a source to descend
    into (``scipy.special.spherical_jn`` is differentiated by a rule or not at all)."""
    code = getattr(fn, "__code__", None)
    module = str(getattr(fn, "__module__", "") or "")
    if code is None or module.startswith("tangentish."):
        return None
    filename = code.co_filename
    if filename.startswith("<"):  # generated wrappers (NumPy 1.x's `<__array_function__ internals>`)
        filename = getattr(sys.modules.get(module), "__file__", None) or ""
    if in_library(filename):
        return module.split(".")[0] or os.path.basename(os.path.realpath(filename))
    return None


def in_library(filename: str) -> bool:
    """Whether ``filename`` is a file of an installed package or the standard library."""
    filename = os.path.realpath(filename) if filename else ""
    return bool(filename) and any(filename.startswith(root) for root in _library_roots())
