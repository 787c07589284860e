"""A method of a record class defined in another file, inlined where the function calls it.

:mod:`record_helpers` inlines a method called on a record built in the function
(``layer = Dense(W, b)``, then ``layer(x)``: ``Dense.__call__``'s body with ``self.W`` read as
the local's field).  The inlined body reads its free names in the function's scope, so a method
of a class defined in another module (``from model import Dense``, the usual layout of a project)
was refused: its ``np`` is its own module's.  It is inlined when that cannot matter, or with
its module's names read through its module.

Guarantee to :mod:`record_helpers`: :func:`reads_alike` holds only when every name the method
reads from its module is a module object or a builtin, and the function's scope resolves it to
the very same object (``np`` both ways).  Otherwise :func:`borrowed` gives the method with each
other name of its module (a constant, a helper, a class, a module bound otherwise) read as an
attribute of that module (``SCALE`` as ``_layers.SCALE``), which the function reads by a name of
its own (``info.imported``, as an import of its own: a closure cell of the generated code); so a
constant is read when the derivative runs, as the loader reads the function's own globals, and a
helper reached so is watched by a derivative already held (a rebound ``layers.act`` derives
again: :mod:`tangentish.stale`); a builtin the function's scope binds to another object, or a
module that ``sys.modules`` does not hold by its name, leaves the refusal it had.  (A module
rebound later is not watched, as the module docstring of :mod:`tangentish.stale` says of
modules.)  :func:`at_call` puts every statement of
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
import inspect
import sys
import types
from typing import Any

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .helper_bodies import free, module_reads, renamed

_MISSING = object()


def inlined_foreign(function: Any, fdef: gast.FunctionDef, info: SourceInfo, call: gast.AST,
                    handed: bool = False) -> gast.FunctionDef | None:
    """What :mod:`record_helpers` inlines of another file's method ``function`` (``fdef``, its
    body) called at ``call``: the body as it is where :func:`reads_alike`, else, for a method
    of a class or a plain function building the record it returns (not a plain function of
    that file ``handed`` a record: a callee of its own), :func:`borrowed`, each at the call's
    line (:func:`at_call`); None where neither holds."""
    if not reads_alike(function, fdef, info):
        qualified = getattr(function, "__qualname__", "")
        method = "." in qualified and "<locals>" not in qualified
        fdef = borrowed(function, fdef, info) if method or not handed else None
    return None if fdef is None else at_call(fdef, call)


def reads_alike(function: Any, fdef: gast.FunctionDef, info: SourceInfo,
                names: set[str] | None = None) -> bool:
    """Whether each name ``fdef`` (``function``'s body) reads from its module (``names``, else
    :func:`.helper_bodies.free`) is a module or a builtin that ``info``'s function resolves to
    the same object."""
    for name in free(fdef) if names is None else names:
        own = function.__globals__.get(name, _MISSING)
        if own is _MISSING:
            own = getattr(builtins, name, _MISSING)
        found, value = info.lookup(name)
        if not found or value is not own or not (
                isinstance(own, types.ModuleType) or own is getattr(builtins, name, _MISSING)):
            return False
    return True


def borrowed(function: Any, fdef: gast.FunctionDef, info: SourceInfo,
             names: set[str] | None = None) -> gast.FunctionDef | None:
    """``fdef`` with each name it reads from its module, other than a module or a builtin bound
    alike (:func:`reads_alike`), read through that module (``SCALE`` as ``_model.SCALE``, a
    name bound to it in ``info.imported``); None where its module is not the one ``sys.modules``
    holds under its name, or it reads a builtin the function's scope binds otherwise."""
    module = sys.modules.get(getattr(function, "__module__", None) or "")
    if module is None or vars(module) is not function.__globals__:
        return None
    read = free(fdef) if names is None else names
    names: dict[str, gast.expr] = {}
    for name in sorted(read):
        own = function.__globals__.get(name, _MISSING)
        found, value = info.lookup(name)
        if own is _MISSING:  # (a builtin: the function's scope must give the same one)
            if not found or value is not getattr(builtins, name, _MISSING):
                return None
        elif not (found and value is own and isinstance(own, types.ModuleType)):
            names[name] = build.attribute(build.name(module_local(info, module)), name)
    fdef = copy.deepcopy(fdef)
    fdef.body = [renamed(stmt, names) for stmt in fdef.body] if names else fdef.body
    return fdef


def builds_there(function: Any, value: gast.expr | None) -> bool:
    """Whether ``value`` (``function``'s returned value) constructs a record class, named as
    ``function``'s own module names it (``return Sequential([...])`` of ``from model import
    build_model``: the function need not import ``Sequential`` itself)."""
    from ..syntax.resolve import dotted
    from .record_locals import record_of

    parts = dotted(value.func) if isinstance(value, gast.Call) else None
    held = function.__globals__.get(parts[0], _MISSING) if parts else _MISSING
    for attr in (parts or [])[1:]:
        held = getattr(held, attr, _MISSING)
    return held is not _MISSING and record_of(held) is not None


def module_local(info: SourceInfo, module: types.ModuleType) -> str:
    """The name the function reads ``module`` by (bound once, as a hoisted import is)."""
    for local, (name, attrs, _) in info.imported.items():
        if (name, attrs) == (module.__name__, ()):
            return local
    word = module.__name__.rsplit(".", 1)[-1]
    local = fresh_name(word, set(build.names(info.node, functions=True)) | set(info.imported))
    info.imported[local] = (module.__name__, (), module)
    return local


def at_call(fdef: gast.FunctionDef, call: gast.AST) -> gast.FunctionDef:
    """A copy of ``fdef`` whose every node stands at ``call``'s position."""
    fdef = copy.deepcopy(fdef)
    for node in walk(fdef):
        if hasattr(node, "lineno"):
            gast.copy_location(node, call)
            node.end_lineno, node.end_col_offset = call.end_lineno, call.end_col_offset
    return fdef


def needs_inlining(function: Any) -> bool:
    """Whether a plain function of another file is inlined where it is called, as a helper of
    the function's own module is (:mod:`.inline_helpers`), rather than given a derivative of its
    own: where that derivative refuses it, for its ``**kwargs`` (the dict of the call's other
    keywords: :mod:`.keyword_collect`), for calling itself by its module's name (a recursion
    whose depth the call's literal arguments decide: :mod:`.chosen_factories`) or for being a
    generator (its items taken at once: :mod:`.generator_helpers`; kept a generator elsewhere)."""
    code = function.__code__
    recursive = function.__name__ in code.co_names and \
        function.__globals__.get(function.__name__) is function
    return bool(code.co_flags & (inspect.CO_VARKEYWORDS | inspect.CO_GENERATOR)) or recursive


def foreign_helper(function: Any, fdef: gast.FunctionDef, info: SourceInfo, call: gast.AST
                   ) -> gast.FunctionDef | None:
    """What :mod:`.inline_helpers` inlines of another file's function (:func:`needs_inlining`):
    its body where :func:`reads_alike`, else :func:`borrowed` (``poly`` calling itself read as
    ``_mod.poly``; not where a function or lambda it defines binds a name of its module that
    it reads), each at the call's line (:func:`at_call`); None where neither holds."""
    read = module_reads(fdef)
    if not reads_alike(function, fdef, info, read):
        inner = {n.id for f in walk(fdef) if isinstance(f, (gast.FunctionDef, gast.Lambda)) and
                 f is not fdef for n in walk(f) if isinstance(n, gast.Name) and
                 not isinstance(n.ctx, gast.Load)}
        fdef = None if inner & read else borrowed(function, fdef, info, read)
    return None if fdef is None else at_call(fdef, call)
