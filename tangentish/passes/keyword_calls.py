"""A container handed to a helper by keyword (``loss(x, params=params)``, ``step(x, cfg={...})``)
is handed by position: :mod:`.containers` and :mod:`.displays` differentiate a dict, list or tuple
handed whole to a helper where it is a positional argument, and Python binds both calls alike.

A call is rewritten when it calls a Python function of the user's (resolved as the call would:
``helper`` or ``module.helper``), one of its keyword arguments is a dict, list or tuple display or
a container parameter under ``wrt`` (or a part of one), and that keyword names the helper's
positional parameter right after the positional arguments given.  Keywords naming the next
positional parameters in turn move along with it, in the order of the helper's parameters (unless
they were written in that order, their values must only read names, items, attributes and
constants, so no call is evaluated in another order); a keyword-only parameter stays a keyword
(and a container there stays refused).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> __name__ = "example"
    >>> def helper(x, params, scale=1.0):
    ...     return scale * params["w"] * x
    >>> def loss(x, w):
    ...     return helper(x, scale=2.0, params={"w": w})
    >>> info = parse_function(loss)
    >>> by_position(info, frozenset())
    >>> print(function_text(info.node), end="")
    def loss(x, w):
        return helper(x, {'w': w}, 2.0)
"""

from __future__ import annotations

import gast

from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .binding import is_user_function

_DISPLAYS = (gast.Dict, gast.List, gast.Tuple)


def by_position(info: SourceInfo, containers: frozenset[str]) -> None:
    """Rewrite ``info``'s calls (see the module docstring); ``containers``: its parameters that
    hold containers under ``wrt``."""
    local = None  # (the names it binds: walked for the first call to rewrite, most have none)
    for call in walk(info.node):
        if isinstance(call, gast.Call) and call.keywords and \
                any(_container(k.value, containers) for k in call.keywords):
            if local is None:
                local = {n.id for n in walk(info.node)
                         if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
            _rewrite(info, call, local, containers)


def _container(value: gast.expr, containers: frozenset[str]) -> bool:
    """A display, or a container parameter or a part of one (``params['enc']``)."""
    while isinstance(value, (gast.Subscript, gast.Attribute)):
        value = value.value
    return isinstance(value, _DISPLAYS) or (isinstance(value, gast.Name) and value.id in containers)


def _rewrite(info: SourceInfo, call: gast.Call, local: set[str], containers: frozenset[str]
             ) -> None:
    parts = dotted(call.func)  # (helper(...), or a module's: mod.helper(...))
    if parts is None or parts[0] in local or \
            any(isinstance(a, gast.Starred) for a in call.args) or \
            any(k.arg is None for k in call.keywords):
        return
    found, fn = info.lookup_path(parts) if len(parts) > 1 else info.lookup(parts[0])
    if not found or not is_user_function(fn):
        return
    code = fn.__code__
    positional = code.co_varnames[:code.co_argcount]
    given = {k.arg: k for k in call.keywords}
    moved = []
    for name in positional[max(len(call.args), code.co_posonlyargcount):]:  # (by keyword: not
        # a positional-only one, which Python refuses)
        if name not in given:
            break
        moved.append(given[name])
    written = [k for k in call.keywords if k in moved]
    if not any(_container(k.value, containers) for k in moved) or \
            (written != moved and not all(_plain(k.value) for k in moved)):
        return
    call.args = [*call.args, *(k.value for k in moved)]
    call.keywords = [k for k in call.keywords if k not in moved]


_PLAIN = (gast.Name, gast.Constant, gast.Load, gast.Dict, gast.List, gast.Tuple, gast.Subscript,
          gast.Attribute)


def _plain(value: gast.expr) -> bool:
    """Whether ``value`` only reads (names, constants, items and attributes, displays of them), so
    that it may be evaluated in another order."""
    return all(isinstance(n, _PLAIN) for n in walk(value))
