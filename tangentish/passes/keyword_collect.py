"""A small helper's ``**kwargs``, for one call that inlines it: the dict of the keywords the call
passes beyond the helper's named parameters, as Python collects it.

``def h(x, power=2, **kw)`` called as ``h(x, scale=0.5)`` gets ``kw = {"scale": 0.5}``.  Inlined
(:mod:`.inline_helpers`), the helper's signature loses ``**kw`` and gains one keyword-only
parameter per collected keyword, of its name (the call's keyword binds it as written), and its
body starts by building ``kw`` from them, a dict display with constant keys, which
:mod:`.dict_locals` then makes a variable per key (so ``kw.get("scale", 1.0)``, ``kw["scale"]``,
``"scale" in kw`` and ``g(x, **kw)`` are followed as in any function).  A collected keyword
that is also a local of the helper (``a = kw.get("a", 1.0)``) renames that local (``a_1``)
first.  A call that passes ``**d`` itself, one whose collected keyword is a global, builtin or
attribute name the helper reads, or a helper whose body reads ``kw`` in a way
:mod:`.dict_locals` refuses, is not inlined (the helper's own derivative then refuses its
``**kwargs`` at its line).

    >>> import gast
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def h(x, power=2, **kw):
    ...     return kw.get("scale", 1.0) * x ** power
    >>> info = parse_function(h)
    >>> call = gast.parse("h(y, scale=0.5, power=3)").body[0].value
    >>> collect_keywords(info, call)
    True
    >>> print(function_text(info.node), end="")
    def h(x, power=2, *, scale):
        kw = {'scale': scale}
        return kw.get('scale', 1.0) * x ** power
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from ..syntax.naming import Namer, names_in, renamed


def collect_keywords(info: Any, call: gast.Call) -> bool:
    """Rewrite ``info.node`` (a helper with ``**kwargs``) for ``call`` (see the module
    docstring); whether it may be inlined: true for a helper without ``**kwargs``, false when the
    call passes ``**d`` to one or a collected keyword is a name the helper reads as a global, a
    builtin or an attribute."""
    args = info.node.args
    if args.kwarg is None:
        return True
    if any(k.arg is None for k in call.keywords):
        return False
    named = {a.id for a in args.args + args.kwonlyargs}  # (`h(x, a=1)` of `def h(a, /, **kw)`: kw)
    keys = [k.arg for k in call.keywords if k.arg not in named]
    taken = names_in(info.node)
    clashing = set(keys) & taken
    if clashing - _plain_locals(info.fn):  # (a global, builtin or attribute of that name)
        return False
    if clashing:  # (`a = kw.get("a", 1.0)`: the helper's own local `a` becomes `a_1`)
        namer = Namer(taken)
        new = {key: namer.fresh(key) for key in sorted(clashing)}
        info.node.body = [renamed(stmt, new) for stmt in info.node.body]
    collected, args.kwarg = args.kwarg.id, None
    args.kwonlyargs += [build.param(key) for key in keys]
    args.kw_defaults += [None] * len(keys)
    display = gast.Dict(keys=[build.constant(k) for k in keys],
                        values=[build.name(key) for key in keys])
    first = info.node.body[0]
    made = gast.copy_location(build.assign(collected, display), first)
    for part in build.nodes(made):
        if "lineno" in part._attributes:
            gast.copy_location(part, first)
    info.node.body.insert(0, made)
    info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)
    return True


def collect_positionals(info: Any, call: gast.Call, bound: bool = False) -> bool:
    """Rewrite ``info.node`` (a helper with ``*args``) for ``call``: ``*args`` becomes one
    positional parameter per positional argument the call passes beyond the named ones
    (``args_0``, ``args_1``), ``f(*args)`` in its body ``f(args_0, args_1)`` and any other read
    of ``args`` the tuple display ``(args_0, args_1)``, as Python collects them (so
    ``_apply(fn, *args, **kwargs)`` forwards each).  Whether it may be inlined: true for a
    helper without ``*args`` or not spreading it; false where the call spreads ``*d`` itself
    or the helper binds ``args`` again.  ``bound``: a method called on its object, whose first
    parameter the call does not pass."""
    args = info.node.args
    if args.vararg is None:
        return True
    star = args.vararg.id
    named = len(args.posonlyargs) + len(args.args) - bound
    if not any(isinstance(n, gast.Starred) and isinstance(n.value, gast.Name) and
               n.value.id == star for stmt in info.node.body for n in build.nodes(stmt)):
        return True  # (no `f(*args)`: `args` the tuple inlining binds, passes/inline.py)
    if any(isinstance(a, gast.Starred) for a in call.args) or any(
            isinstance(n, gast.Name) and n.id == star and not isinstance(n.ctx, gast.Load)
            for stmt in info.node.body for n in build.nodes(stmt)):
        return False
    namer = Namer(names_in(info.node))
    items = [namer.fresh(f"{star}_{k}") for k in range(max(len(call.args) - named, 0))]
    args.vararg = None
    args.args += [build.param(item) for item in items]
    if items:  # (every named positional parameter given: no default is used)
        args.defaults = []
    for stmt in info.node.body:
        for node in build.nodes(stmt):
            _spread_star(node, star, items)
    info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)
    return True


def _spread_star(node: gast.AST, star: str, items: list[str]) -> None:
    """``node``'s ``*star`` arguments (a call's) and reads of ``star`` as ``items``."""
    for field, value in gast.iter_fields(node):
        if isinstance(value, list):
            spread = []
            for v in value:
                if isinstance(v, gast.Starred) and isinstance(v.value, gast.Name) and \
                        v.value.id == star and isinstance(node, gast.Call):
                    spread += [gast.copy_location(build.name(item), v) for item in items]
                else:
                    spread.append(_as_items(v, star, items))
            value[:] = spread
        elif isinstance(value, gast.Name):
            setattr(node, field, _as_items(value, star, items))


def _as_items(value: Any, star: str, items: list[str]) -> Any:
    if isinstance(value, gast.Name) and value.id == star:
        return gast.copy_location(build.tuple_([build.name(item) for item in items]), value)
    return value


def _plain_locals(function: Any) -> set[str]:
    """The names ``function`` binds as its own locals and reads as nothing else (no global,
    builtin or attribute of that name): renaming every occurrence of one keeps its meaning."""
    code = function.__code__
    own = code.co_varnames[code.co_argcount + code.co_kwonlyargcount:]
    return set(own) - set(code.co_names) - set(code.co_freevars)
