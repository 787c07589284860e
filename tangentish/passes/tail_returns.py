"""A small helper's early ``return`` written as its one ``return``, last, for the inliners that
take only that shape (:mod:`.record_helpers`: a layer's ``__call__`` that switches on a string
field, ``if self.kind == "relu": return relu(z)`` then ``return np.tanh(z)``).

Guarantee to the caller: where every ``return`` of the body ends a branch (after the code that
follows an ``if`` whose body always returns is moved into its ``else``, as
:mod:`.desugar` absorbs it), each ``return e`` becomes ``name = e`` and the body ends with
``return name``; a ``return`` anywhere else (in a loop, before other statements of its
block) leaves the body as it was, and :func:`one_return` says no.

    >>> import gast
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def act(z, kind):
    ...     if kind == "relu":
    ...         return max(z, 0.0)
    ...     return z * 2.0
    >>> fdef = parse_function(act).node
    >>> one_return(fdef, "result")
    True
    >>> print(function_text(fdef), end="")
    def act(z, kind):
        if kind == 'relu':
            result = max(z, 0.0)
        else:
            result = z * 2.0
        return result
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.naming import fresh_name, names_in
from ..syntax.tree_walk import walk
from .desugar import ALWAYS, exits


def one_return(fdef: gast.FunctionDef, name: str) -> bool:
    """Rewrite ``fdef``'s body so its one ``return`` is last (see the module docstring);
    whether it now is (``fdef`` unchanged when not)."""
    body = _absorbed(copy.deepcopy(fdef.body))
    returns = sum(isinstance(n, gast.Return) for stmt in body for n in walk(stmt))
    if _tails(body) != returns or not _ends(body):
        return False
    fdef.body = [*_assigned(body, name),
                 gast.copy_location(build.return_(build.name(name)), fdef.body[-1])]
    return True


def one_return_last(fdef: gast.FunctionDef) -> gast.FunctionDef:
    """``fdef``, or a copy with its one ``return`` last where its early returns each end a
    branch (``if c: return a`` / ``return b``; the result named apart from its names)."""
    returns = [n for n in build.node_list(fdef) if isinstance(n, gast.Return)]
    if not fdef.body or returns == [fdef.body[-1]]:
        return fdef
    single = copy.deepcopy(fdef)
    return single if one_return(single, fresh_name("result", names_in(fdef))) else fdef


def _absorbed(body: list[gast.stmt]) -> list[gast.stmt]:
    """``body`` with the statements after an ``if`` one branch of which always returns moved
    into the other branch (dropped where both do), in every branch."""
    out: list[gast.stmt] = []
    for i, stmt in enumerate(body):
        out.append(stmt)
        if not isinstance(stmt, gast.If):
            continue
        rest = body[i + 1:]
        ends = (exits(stmt.body) == ALWAYS, exits(stmt.orelse) == ALWAYS)
        if rest and ends == (True, False):
            stmt.orelse = stmt.orelse + rest
        elif rest and ends == (False, True):
            stmt.body = stmt.body + rest
        stmt.body, stmt.orelse = _absorbed(stmt.body), _absorbed(stmt.orelse)
        if rest and any(ends):
            break
    return out


def _tails(body: list[gast.stmt]) -> int:
    """How many ``return`` statements end ``body`` or a branch of an ``if`` that ends it."""
    last = body[-1] if body else None
    if isinstance(last, gast.If):
        return _tails(last.body) + _tails(last.orelse)
    return int(isinstance(last, gast.Return))


def _assigned(body: list[gast.stmt], name: str) -> list[gast.stmt]:
    """``body`` with each ``return e`` that ends it (or a branch) ``name = e``."""
    last = body[-1] if body else None
    if isinstance(last, gast.If):
        last.body, last.orelse = _assigned(last.body, name), _assigned(last.orelse, name)
    elif isinstance(last, gast.Return):
        value = last.value if last.value is not None else build.constant(None)
        body = [*body[:-1], gast.copy_location(build.assign(name, value), last)]
    return body


def _ends(body: list[gast.stmt]) -> bool:
    """Whether every path through ``body`` ends at a ``return`` (a value for the name)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, gast.If):
        return _ends(last.body) and _ends(last.orelse)
    return isinstance(last, (gast.Return, gast.Raise))
