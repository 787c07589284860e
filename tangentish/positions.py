"""Where a call's positional arguments go: read from the library function's own signature.

A rule's template lists the function's parameters by name, but not necessarily all of them, and
keyword-only ones may come after positional ones (``np.average``'s template takes ``keepdims``,
which NumPy only accepts by keyword).  So a positional argument never binds to "the template's
parameter at that index": it binds to the *function's* parameter at that index, and then to the
template's parameter of that name.  When the template does not take it, the call is refused.
A ``*args`` parameter (``np.einsum(*operands)``) fills the template's parameters that the function
does not name, in order (``subscripts, x, y, ...``).

    >>> import numpy as np
    >>> where = positions(np.average, ["a", "axis", "weights", "keepdims"])
    >>> where.named
    (('a', 'a'), ('axis', 'axis'), ('weights', 'weights'), ('returned', None))
    >>> where = positions(np.einsum, ["subscripts", "x", "y", "optimize"])
    >>> where.named, where.collected, where.star
    ((), ('subscripts', 'x', 'y'), 'operands')

On NumPy 1.x, ufuncs and the C functions behind ``np.dot``... have no signature: theirs is rebuilt
(see :func:`_numpy1_signature`).  A function still without one (some builtins) keeps the
template's order, which registration cannot check: its template must list the parameters in the
function's positional order.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from .errors import Frozen


class Positions(Frozen):
    """``named``: each positional parameter of the function, in order, with the template parameter
    it binds to (``None``: the template does not take it).  ``collected``: the template parameters
    the function's ``*args`` (named ``star``) fills, in order; ``None`` when it has no ``*args``.
    ``read``: whether this comes from the function's signature (else from the template's order)."""

    __slots__ = ("named", "collected", "star", "read")
    named: tuple[tuple[str, str | None], ...]
    collected: tuple[str, ...] | None
    star: str
    read: bool

    def __init__(self, named: tuple[tuple[str, str | None], ...],
                 collected: tuple[str, ...] | None = None, star: str = "", read: bool = True):
        self._set(named=named, collected=collected, star=star, read=read)


def signature_of(fn: Any) -> inspect.Signature | None:
    """:func:`signature`, read once per function of a rule (its halves and twins each ask, and
    :func:`positions` as its template is checked)."""
    try:
        return _signature(fn)
    except TypeError:  # unhashable
        return signature(fn)


@functools.lru_cache(maxsize=1024)
def _signature(fn: Any) -> inspect.Signature | None:
    return signature(fn)


def signature(fn: Any) -> inspect.Signature | None:
    """``fn``'s signature, or None when Python cannot read one."""
    simple = _positional_builtin(fn)
    if simple is not None:
        return simple
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):
        return _numpy1_signature(fn)


_KEYWORD = inspect.Parameter.KEYWORD_ONLY
_UFUNC_KEYWORDS = [("where", True), ("casting", "same_kind"), ("order", "K"), ("dtype", None),
                   ("subok", True), ("signature", None)]


def _numpy1_signature(fn: Any) -> inspect.Signature | None:
    """What NumPy 2 reads from its own functions, rebuilt on NumPy 1.x, where ufuncs and the C
    functions behind ``np.dot``, ``np.where``... have no signature: a ufunc's ``nin`` operands
    (positional-only) and then ``out``; a dispatched C function's dispatcher's (``dot(a, b,
    out=None)``).  Without it, ``np.dot(a, b, o)`` would not be seen to write into ``o``."""
    if isinstance(fn, np.ufunc):
        nin = fn.nin
        names = ["x"] if nin == 1 else [f"x{i + 1}" for i in range(nin)]
        return inspect.Signature(
            [inspect.Parameter(n, inspect.Parameter.POSITIONAL_ONLY) for n in names]
            + [inspect.Parameter("out", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)]
            + [inspect.Parameter(n, _KEYWORD, default=d) for n, d in _UFUNC_KEYWORDS])
    code, cells = getattr(fn, "__code__", None), getattr(fn, "__closure__", None)
    if code is None or not cells or "dispatcher" not in code.co_freevars:
        return None
    dispatcher = cells[code.co_freevars.index("dispatcher")].cell_contents
    try:
        return inspect.signature(dispatcher) if isinstance(dispatcher, types.FunctionType) else None
    except (TypeError, ValueError):
        return None


def _positional_builtin(fn: Any) -> inspect.Signature | None:
    """The signature of a module's builtin whose parameters are all positional-only without
    defaults (``operator.add``: ``($module, a, b, /)``, ``math.exp``), read without
    :func:`inspect.signature`, which tokenizes the text (its first use compiles the tokenizer's
    patterns: milliseconds of a first grad()); ``None`` for anything else."""
    if not isinstance(fn, types.BuiltinFunctionType) or not isinstance(
            getattr(fn, "__self__", None), types.ModuleType):
        return None
    text = getattr(fn, "__text_signature__", None)
    if not text or not text.startswith("($module, ") or not text.endswith(", /)"):
        return None
    names = text[len("($module, "):-len(", /)")].split(", ")
    if not all(name.isidentifier() for name in names):
        return None
    return inspect.Signature([inspect.Parameter(name, inspect.Parameter.POSITIONAL_ONLY)
                              for name in names])


def positions(fn: Any, params: list[str], read: Callable[[Any], Any] = signature) -> Positions:
    """Where positional arguments of ``fn`` go among a template's ``params`` (``read``: how its
    signature is read; :func:`signature_of` for a rule's, which its check reads again)."""
    found = read(fn)
    if found is None:
        return Positions(tuple((p, p) for p in params), read=False)
    parameters = list(found.parameters.values())
    names = {p.name for p in parameters}
    named: list[tuple[str, str | None]] = []
    for i, p in enumerate(parameters):
        if p.kind is p.POSITIONAL_OR_KEYWORD:
            named.append((p.name, p.name if p.name in params else None))
        elif p.kind is p.POSITIONAL_ONLY:  # a template may call it by another name, at its index
            own = params[i] if i < len(params) else None
            named.append((p.name, own if own == p.name or own not in names else None))
    star = next((p.name for p in parameters if p.kind is p.VAR_POSITIONAL), None)
    if star is None:
        return Positions(tuple(named))
    taken = {param for _, param in named}
    collected = []
    for param in params:
        if param in taken:
            continue
        if param in names and param != star:  # a keyword-only parameter: *args ended before it
            break
        collected.append(param)
    return Positions(tuple(named), tuple(collected), star)
