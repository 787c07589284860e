"""NumPy's and SciPy's own callables differentiated directly: ``tangentish.grad(np.tanh)``,
``check_grads(np.hypot, (x, y), wrt=(0, 1))``, ``jvp(scipy.special.gammaln)``.

Such a callable has no Python source, but when derivative rules are registered for it, the
function that only calls it has one.  :func:`trampoline` writes that function (its parameters:
a ufunc's ``x`` or ``x1, x2, ...``; else the callable's parameters without a default), and the
transform differentiates it like any other::

    def tanh(x):
        return np.tanh(x)

The callable is reached through its module (``np``, ``special``...) when the module holds it
under its own name, else through a closure cell.  A callable without rules is refused as before
(:func:`tangentish.syntax.target.refuse`).

    >>> import numpy as np
    >>> import tangentish
    >>> float(tangentish.grad(np.tanh)(0.5))
    0.7864477329659274
    >>> print(trampoline(np.hypot).__tangentish_text__, end="")
    def hypot(x1, x2):
        return np.hypot(x1, x2)
"""

from __future__ import annotations

import inspect
import keyword
import sys
import threading
import types
from typing import Any

import numpy as np

from .syntax.source import SHOWN

_MADE: dict[Any, types.FunctionType] = {}
_UNSIGNED = {"dot": ("a", "b"), "inner": ("a", "b"), "vdot": ("a", "b")}
_HOMES = ("numpy", "scipy")  # (Python's builtins are not among them: grad(len) is refused)
_LOCK = threading.Lock()
_ALIASES = {"numpy": "np", "scipy.special": "special", "scipy.stats": "stats",
            "scipy.linalg": "linalg", "numpy.linalg": "la", "numpy.fft": "fft"}


def trampoline(f: Any) -> types.FunctionType | None:
    """The Python function calling ``f``, or None when ``f`` has no derivative rules or its
    parameters cannot be named."""
    try:
        with _LOCK:
            found = _MADE.get(f)
    except TypeError:  # (unhashable)
        return None
    if found is not None:
        return found
    from .registry import REGISTRY  # (the rules load on their first question)

    params = _parameters(f)
    name = getattr(f, "__name__", None)
    home = str(getattr(f, "__module__", None) or "").partition(".")[0]
    if params is None or not isinstance(name, str) or not name.isidentifier() or \
            keyword.iskeyword(name) or not (isinstance(f, np.ufunc) or home in _HOMES) or \
            not REGISTRY.known(f):
        return None
    made = _make(f, name, params)
    with _LOCK:
        return _MADE.setdefault(f, made)


def _parameters(f: Any) -> list[str] | None:
    if isinstance(f, np.ufunc):
        return ["x"] if f.nin == 1 else [f"x{i + 1}" for i in range(f.nin)]
    if getattr(np, getattr(f, "__name__", ""), None) is f and f.__name__ in _UNSIGNED:
        return list(_UNSIGNED[f.__name__])  # (NumPy 1.x's dot, inner, vdot have no signature)
    try:
        signature = inspect.signature(f)
    except (TypeError, ValueError):
        return None
    names = []
    for p in signature.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.KEYWORD_ONLY):
            continue
        if p.default is p.empty:
            names.append(p.name)
    return names or None


def _reference(f: Any, name: str) -> tuple[str, dict[str, Any]]:
    """How the function's body names ``f``, and the globals that make it so."""
    module = getattr(f, "__module__", None) or ("numpy" if isinstance(f, np.ufunc) else None)
    for path in (module, *_ALIASES):
        holder = sys.modules.get(path) if path else None  # (f's own module is imported)
        if holder is not None and getattr(holder, name, None) is f:
            alias = _ALIASES.get(path, path.rsplit(".", 1)[-1])
            return f"{alias}.{name}", {alias: holder}
    return "fn", {"fn": f}


def _make(f: Any, name: str, params: list[str]) -> types.FunctionType:
    spelled, space = _reference(f, name)
    listed = ", ".join(params)
    text = f"def {name}({listed}):\n    return {spelled}({listed})\n"
    filename = f"<tangentish: {spelled}>"
    namespace: dict[str, Any] = {"__name__": "tangentish.trampolines", **space}
    exec(compile(text, filename, "exec"), namespace)  # (our own text: names only)
    made = namespace[name]
    made.__tangentish_text__ = text
    SHOWN[filename] = text.splitlines(True)  # (where the transform reads its source)
    return made
