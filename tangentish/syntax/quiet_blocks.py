"""Open the ``with`` blocks that only change what is said about floating-point errors and output,
and remember where the user's ``np.errstate`` blocks were.

``with np.errstate(divide="ignore", ...):`` (settings that only silence or report floating-point
errors), ``with np.printoptions(...):`` and ``with warnings.catch_warnings():`` (its body's own
``warnings.simplefilter(...)``/``filterwarnings``/``resetwarnings`` statements dropped, which
outside the block would change the process's filters for good), none with ``as``, are replaced by
their bodies: the values computed are the same.  Each ``np.errstate`` block's lines and settings
are kept in ``info.quiet`` (:class:`Quiet`), and so are a ``catch_warnings`` block's filter calls
(:class:`Filters`, where each argument is a constant or a builtin warning class), so that the
generated code runs every statement that comes from those lines under the same settings
(:mod:`tangentish.passes.quiet_runs`): the derivative is silent where the user silenced the
primal, and only there.  (errstate's ``"raise"``
and ``"call"`` change what runs, and stay refused with the other ``with`` statements, as does a
``catch_warnings`` whose body calls a filter anywhere else.)

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x):
    ...     with np.errstate(divide="ignore"):
    ...         y = np.log(x)
    ...     return y
    >>> info = parse_function(f)
    >>> open_quiet_blocks(info, info.node.body, set())
    >>> [type(s).__name__ for s in info.node.body]
    ['Assign', 'Return']
    >>> [(q.last - q.first, q.settings) for q in info.quiet]
    [(1, (('divide', 'ignore'),))]
"""

from __future__ import annotations

import builtins
import types
import warnings
from typing import Any

import gast
import numpy as np

from .parse import SourceInfo
from .tree_walk import walk

# np.errstate settings that change what NumPy says about a floating-point error, never a value
_QUIET = frozenset({"ignore", "warn", "print", "log"})


class Quiet:
    """One ``with np.errstate(...)`` block of the user's: its first and last line (file lines, as
    :attr:`tangentish.ir.Note.origin` counts them) and its keywords in the user's order."""

    __slots__ = ("first", "last", "settings")

    def __init__(self, first: int, last: int, settings: tuple[tuple[str, str], ...]):
        self.first, self.last, self.settings = first, last, settings

    def __repr__(self) -> str:
        return f"Quiet({self.first}, {self.last}, {self.settings!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quiet) and (self.first, self.last, self.settings) == (
            other.first, other.last, other.settings)

    def __hash__(self) -> int:
        return hash((self.first, self.last, self.settings))

    def holds(self, line: int) -> bool:
        return self.first <= line <= self.last


def open_quiet_blocks(info: SourceInfo, body: list[gast.stmt], local: set[str]) -> None:
    """Replace each quiet ``with`` of ``body`` (nested ones too) by its body, in place, and add
    its ``np.errstate`` settings to ``info.quiet`` (see above).  ``local``: the names the function
    assigns (an ``np`` of its own is not NumPy)."""
    for stmt in list(body):
        for field in ("body", "orelse"):
            if isinstance(getattr(stmt, field, None), list) and not isinstance(stmt, gast.With):
                open_quiet_blocks(info, getattr(stmt, field), local)
        if not isinstance(stmt, gast.With):
            continue
        kinds = [_quiet(info, item, local) for item in stmt.items]
        inner, filters = stmt.body, None
        if "warnings" in kinds:
            filters = _filters(info, [s for s in inner if _filter_call(info, s, local)], local)
            inner = [s for s in inner if not _filter_call(info, s, local)]
            if any(_filter_call(info, node, local) for s in inner for node in walk(s)):
                continue  # (a filter set in a nested block: kept, and refused)
        if all(kinds):
            last = getattr(stmt, "end_lineno", None) or max(
                getattr(n, "lineno", 0) or 0 for n in walk(stmt))
            info.quiet.extend(Quiet(stmt.lineno, last, tuple(
                (k.arg, k.value.value) for k in item.context_expr.keywords))
                for item, kind in zip(stmt.items, kinds, strict=True) if kind == "errstate")
            if filters:
                info.quiet.append(Quiet(stmt.lineno, last, filters))
            open_quiet_blocks(info, inner, local)
            at = body.index(stmt)
            body[at:at + 1] = inner or [gast.copy_location(gast.Pass(), stmt)]


class Filters(tuple):
    """The filter calls a ``catch_warnings`` block's body makes, in order, as the settings of its
    :class:`Quiet`: each ``(name, args, keywords)``, ``name`` that of the ``warnings`` function
    and each argument a constant or a builtin warning class (``RuntimeWarning``), so that the
    derivative makes the same calls (``_rt.simplefilter('ignore', RuntimeWarning)``) whatever
    module it is read in."""

    __slots__ = ()


def _filters(info: SourceInfo, calls: list[gast.stmt], local: set[str]) -> Filters | None:
    """The :class:`Filters` of a block's filter statements; None if an argument is anything else
    than a constant or a builtin warning class (the block's filters are then not carried)."""
    found = []
    for stmt in calls:
        call = stmt.value
        values = [_argument(info, arg, local) for arg in call.args]
        named = [(k.arg, _argument(info, k.value, local)) for k in call.keywords]
        if None in values or any(k is None or v is None for k, v in named):
            return None
        found.append((_FILTERS[callee(info, call.func, local)[1]], tuple(values), tuple(named)))
    return Filters(found)


def _argument(info: SourceInfo, node: gast.expr, local: set[str]) -> tuple | None:
    """``("constant", value)`` or ``("builtin", name)`` of a filter's argument; None else."""
    if isinstance(node, gast.Constant):
        return ("constant", node.value)
    if isinstance(node, gast.Name) and node.id not in local:
        found, value = info.lookup(node.id)
        if found and getattr(builtins, node.id, None) is value and isinstance(value, type) and \
                issubclass(value, Warning):
            return ("builtin", node.id)
    return None


def callee(info: SourceInfo, func: gast.expr, local: set[str]) -> tuple[bool, Any]:
    """What ``func`` (``name`` or ``name.attr...``, ``name`` not one of ``local``) resolves to."""
    parts = []
    while isinstance(func, gast.Attribute):
        parts.insert(0, func.attr)
        func = func.value
    if not isinstance(func, gast.Name) or func.id in local:
        return False, None
    return info.lookup_path([func.id, *parts])


def _quiet(info: SourceInfo, item: gast.withitem, local: set[str]) -> str | None:
    """Which quiet context manager ``item`` enters (see :func:`open_quiet_blocks`), if any."""
    call = item.context_expr
    if item.optional_vars is not None or not isinstance(call, gast.Call) or call.args:
        return None
    found, value = callee(info, call.func, local)
    if not found:
        return None
    constants = all(k.arg is not None and isinstance(k.value, gast.Constant) for k in call.keywords)
    if value is np.errstate and constants and all(
            k.arg != "call" and k.value.value in _QUIET for k in call.keywords):
        return "errstate"
    if value is np.printoptions and constants:
        return "printoptions"
    if value is warnings.catch_warnings and constants and all(
            k.arg == "record" and k.value.value is False for k in call.keywords):
        return "warnings"
    return None


_FILTERS: dict[types.FunctionType, str] = {  # (and their names: _rt.simplefilter...)
    warnings.simplefilter: "simplefilter", warnings.filterwarnings: "filterwarnings",
    warnings.resetwarnings: "resetwarnings"}


def _filter_call(info: SourceInfo, node: gast.AST, local: set[str]) -> bool:
    """Whether ``node`` is (a statement of) a call of one of the warnings filters."""
    call = node.value if isinstance(node, gast.Expr) else node
    if not isinstance(call, gast.Call):
        return False
    found, value = callee(info, call.func, local)
    return found and any(value is f for f in _FILTERS)
