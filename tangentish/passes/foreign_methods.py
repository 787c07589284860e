"""A method of a record class defined in another file, inlined where the function calls it.

:mod:`record_helpers` inlines a method called on a record built in the function
(``layer = Dense(W, b)``, then ``layer(x)``: ``Dense.__call__``'s body with ``self.W`` read as
the local's field).  The inlined body reads its free names in the function's scope, so a method
of a class defined in another module (``from model import Dense``, the usual layout of a project)
was refused: its ``np`` is its own module's.  It is inlined when that cannot matter.

Guarantee to :mod:`record_helpers`: :func:`reads_alike` holds only when every name the method
reads from its module is a module object or a builtin, and the function's scope resolves it to
the very same object (``np`` both ways); a method reading a helper, a constant or a class of its
own module is left to the refusal it had.  (A module rebound later is not watched, as the module
docstring of :mod:`tangentish.stale` says of modules.)  :func:`at_call` puts every statement of
the inlined body at the call's line: the function's file does not hold the method's lines, so
its generated comments and errors cite the call (``layer(x)``), never another file's line
numbers read against this file.

    >>> import gast
    >>> import numpy as np
    >>> fdef = gast.parse("def m(self, x):\\n    return np.tanh(x @ self.W)").body[0]
    >>> call = gast.parse("\\n\\n\\nlayer(x)").body[0].value
    >>> moved = at_call(fdef, call)
    >>> moved.body[0].lineno, moved.body[0].value.lineno
    (4, 4)
"""

from __future__ import annotations

import builtins
import copy
import types
from typing import Any

import gast

from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .helper_bodies import free

_MISSING = object()


def reads_alike(function: Any, fdef: gast.FunctionDef, info: SourceInfo) -> bool:
    """Whether each name ``fdef`` (``function``'s body) reads from its module is a module or a
    builtin that ``info``'s function resolves to the same object."""
    for name in free(fdef):
        own = function.__globals__.get(name, _MISSING)
        if own is _MISSING:
            own = getattr(builtins, name, _MISSING)
        found, value = info.lookup(name)
        if not found or value is not own or not (
                isinstance(own, types.ModuleType) or own is getattr(builtins, name, _MISSING)):
            return False
    return True


def at_call(fdef: gast.FunctionDef, call: gast.AST) -> gast.FunctionDef:
    """A copy of ``fdef`` whose every node stands at ``call``'s position."""
    fdef = copy.deepcopy(fdef)
    for node in walk(fdef):
        if hasattr(node, "lineno"):
            gast.copy_location(node, call)
            node.end_lineno, node.end_col_offset = call.end_lineno, call.end_col_offset
    return fdef
