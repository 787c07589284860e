"""Dict comprehensions assigned to a name or returned, rewritten before anything else reads the
function (:mod:`unroll` then unrolls loops over container arguments, :mod:`dict_locals` the ones
over dict locals).

``d = {K: V for T in ITER}`` (one ``for``, any ``if``s; ``return {...}`` is ``_dict = {...}``
then ``return _dict``) becomes what it computes:

- over a list or tuple of str/int constants (or a string), written out, held by a name bound once to one and
  never changed, or by a tuple of the module (kept equal: see :class:`_Free`), over ``range`` of
  int constants, and over ``enumerate`` or ``zip`` of those, a display with one entry per item,
  the names of ``T`` replaced by its parts; over ``zip`` of such keys and other values, or
  ``enumerate`` of values whose number is known now (a display, or a name bound once to one and
  never changed), the same, reading the values from one ``list`` of them checked to hold enough;
- over anything else (``p.items()``, ``p.keys()``, ``p`` of a dict local or a dict argument),
  ``d = {}`` and the loop ``for T in ITER: d[K] = V``, unrolled with a constant key in each copy
  (where the comprehension reads ``d`` itself, ``d = {n: d[n] * k for n in d}``, the loop fills
  a fresh ``_dict`` and then ``d = {**_dict}``: ``d`` is the old dict until it is bound).

The comprehension's own names are renamed fresh (they do not leak into the function, as in
Python).  A key that is still not a constant is refused there, at the line, as for the loop.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     p = {name: x * i for i, name in enumerate(("a", "b"))}
    ...     q = {name: x for name in ("a", "b")}
    ...     r = {k: v * 2.0 for k, v in q.items() if k != "a"}
    ...     return r
    >>> info = parse_function(f)
    >>> rewrite_dict_comprehensions(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        p = {'a': x * 0, 'b': x * 1}
        q = {'a': x, 'b': x}
        r = {}
        for _k, _v in q.items():
            if _k != 'a':
                r[_k] = _v * 2.0
        return r
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.form_tests import may_build_dict_by_comprehension
from ..syntax.naming import Namer, names_in, renamed
from ..syntax.parse import SourceInfo
from ..syntax.printer import PrintError, expression_text
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk


def rewrite_dict_comprehensions(info: SourceInfo, inlined: bool = False) -> None:
    """Rewrite ``info.node`` in place (see the module docstring); ``inlined``: a helper's body
    was put in (``p = dict(zip(NAMES, theta))``, which the function's text does not show)."""
    node = info.node
    if not (inlined or may_build_dict_by_comprehension(info.lines)) or \
            not any(isinstance(n, gast.DictComp) or dict_of_zip(n) for n in build.nodes(node)):
        return  # (the common case costs a look at the text)
    constants, lengths = _constant_sequences(node), _display_lengths(node)
    local = {n.id for n in walk(node) if isinstance(n, gast.Name) and
             not isinstance(n.ctx, gast.Load)} | build.parameter_names(node.args)
    free = _Free(info, local)
    namer = Namer(names_in(node))
    for body in list(_bodies(node.body)):
        body[:] = [out for stmt in body for out in _rewritten(stmt, constants, namer, free, lengths)]
    info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)


def _bodies(body: list[gast.stmt]):
    yield body
    for stmt in body:
        if isinstance(stmt, (gast.If, gast.For, gast.While)):
            yield from _bodies(stmt.body)
            yield from _bodies(stmt.orelse)


class _Free:
    """The function's free names that hold constants when it is differentiated: a tuple or list
    of str/int constants in its module or closure (recorded as a value the derivative keeps:
    rebinding the name to another sequence, or changing the list, builds again), and the builtins ``range``,
    ``enumerate`` and ``zip`` where no name of the function or its module shadows them."""

    def __init__(self, info: SourceInfo, local: set[str]):
        self.info, self.local = info, local

    def sequence(self, parts: list[str]) -> list | None:
        """The items of the constant sequence ``parts`` names (``KEYS``, or ``_mod.KEYS``: a
        helper of another file inlined reads its module's names so)."""
        if parts[0] in self.local:
            return None
        found, value = self.info.lookup_path(parts)
        if found and type(value) in (tuple, list) and len(value) <= _MOST and \
                all(type(v) in (str, int) for v in value):
            kept = type(value)(value)  # (a list copied: changed in place, it builds again)
            self.info.keep_value(parts, kept)  # (written into the derivative: kept equal)
            return list(value)
        return None

    def builtin(self, name: str) -> bool:
        return name not in self.local and self.info.is_builtin(name)


_MOST = 256  # (entries a comprehension over constants is written out for, at most)


def _rewritten(stmt: gast.stmt, constants: dict[str, list], namer: Namer,
               free: _Free | None = None, lengths: dict[str, int] | None = None
               ) -> list[gast.stmt]:
    value = getattr(stmt, "value", None)
    if dict_of_zip(value) and free is not None and free.builtin("dict"):
        stmt.value = value = _as_comprehension(value, namer)
    if isinstance(stmt, gast.Return) and isinstance(value, gast.DictComp):  # via a name
        result = namer.fresh("_dict")
        bound = gast.copy_location(build.assign(result, value), stmt)
        stmt.value = gast.copy_location(build.name(result), value)
        return [*_rewritten(bound, constants, namer, free, lengths), stmt]
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], gast.Name) and isinstance(value, gast.DictComp)
            and len(value.generators) == 1 and not value.generators[0].is_async):
        return [stmt]
    generator = value.generators[0]
    target = stmt.targets[0].id
    items = _constants(generator.iter, constants, free)
    names = [n.id for n in walk(generator.target) if isinstance(n, gast.Name)]
    if items is not None and not generator.ifs and _shaped(generator.target, items) and \
            not any(_binds(value, name) for name in names):
        keys = [_substituted(value.key, generator.target, item) for item in items]
        values = [_substituted(value.value, generator.target, item) for item in items]
        display = gast.Dict(keys=keys, values=values)
        return [gast.copy_location(build.assign(target, gast.copy_location(display, value)), stmt)]
    zipped = _zipped(generator, constants, free, namer, lengths) if items is None else None
    if zipped is not None and not any(_binds(value, name) for name in names):
        made, items = zipped
        keys = [_substituted(value.key, generator.target, item) for item in items]
        values = [_substituted(value.value, generator.target, item) for item in items]
        made.append(build.assign(target, gast.copy_location(gast.Dict(keys=keys, values=values),
                                                             value)))
        return _located(made, stmt)
    renames = {n.id: namer.fresh(f"_{n.id}") for n in walk(generator.target)
               if isinstance(n, gast.Name)}
    inner = [renamed(part, renames) for part in (value.key, value.value, *generator.ifs)]
    built = namer.fresh("_dict") if _reads(target, [generator.iter, *inner]) else target
    store = build.subscript(build.name(built), inner[0], store=True)
    body: list[gast.stmt] = [build.assign(store, inner[1])]
    for condition in reversed(inner[2:]):
        body = [build.if_(condition, body)]
    loop = gast.For(target=renamed(generator.target, renames), iter=generator.iter, body=body,
                    orelse=[], type_comment=None)
    made = [build.assign(built, gast.Dict(keys=[], values=[])), loop]
    if built != target:  # (`s = {n: s[n] * k for n in s}`: `s` read while it is built, so the
        made.append(build.assign(target, gast.Dict(keys=[None], values=[build.name(built)])))
    return _located(made, stmt)  # dict is built under another name, then copied: `{**_dict}`)


def _reads(name: str, parts: list[gast.AST]) -> bool:
    return any(isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Load)
               for part in parts for n in walk(part))


def _located(made: list[gast.stmt], stmt: gast.stmt) -> list[gast.stmt]:
    for new in made:
        for child in walk(new):
            if "lineno" in child._attributes and getattr(child, "lineno", None) is None:
                gast.copy_location(child, stmt)
    return made


def dict_of_zip(node: gast.AST | None) -> bool:
    """Whether ``node`` is ``dict(zip(a, b))`` (two sequences, no keywords)."""
    return isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
        node.func.id == "dict" and len(node.args) == 1 and not node.keywords and \
        isinstance(node.args[0], gast.Call) and isinstance(node.args[0].func, gast.Name) and \
        node.args[0].func.id == "zip" and len(node.args[0].args) == 2 and \
        _strict(node.args[0]) is not None


def _as_comprehension(call: gast.Call, namer: Namer) -> gast.DictComp:
    """``dict(zip(a, b))`` as the ``{k: v for k, v in zip(a, b)}`` it builds."""
    key, value = namer.fresh("_k"), namer.fresh("_v")
    target = gast.Tuple(elts=[build.name(key, store=True), build.name(value, store=True)],
                        ctx=gast.Store())
    found = gast.DictComp(key=build.name(key), value=build.name(value), generators=[
        gast.comprehension(target=target, iter=call.args[0], ifs=[], is_async=0)])
    for child in walk(found):
        if "lineno" in child._attributes:
            gast.copy_location(child, call)
    return found


def _zipped(generator: gast.comprehension, constants: dict[str, list], free: _Free | None,
            namer: Namer, lengths: dict[str, int] | None = None
            ) -> tuple[list[gast.stmt], list[tuple]] | None:
    """``for k, v in zip(KEYS, values)`` (no ``if``), ``KEYS`` str/int constants known now (as
    :func:`_constants` finds them) and ``values`` any other sequence: the statements binding
    ``list(values)`` once, with a check that it holds as many items as ``KEYS`` at least (``zip``
    stops at the shorter: fewer items would build another dict, so they raise; more are not read),
    and each item as a tuple of constants and reads of that list.  ``enumerate(values)`` of a
    sequence whose length is known now (:func:`_enumerate_as_zip`) is that ``zip`` with a ``range``
    as ``KEYS``, checked to hold exactly that many items."""
    target = generator.target
    call = _enumerate_as_zip(generator.iter, lengths or {}, free)
    exact, call = call is not None, generator.iter if call is None else call
    strict = _strict(call) if isinstance(call, gast.Call) else None
    if generator.ifs or free is None or not isinstance(call, gast.Call) or \
            not isinstance(call.func, gast.Name) or call.func.id != "zip" or \
            not free.builtin("zip") or strict is None or len(call.args) < 2 or \
            not isinstance(target, gast.Tuple) or len(target.elts) != len(call.args) or \
            not all(isinstance(t, gast.Name) for t in target.elts):
        return None
    parts = [_constants(arg, constants, free) for arg in call.args]
    known = [p for p in parts if p is not None]
    if not known or len(known) == len(parts):
        return None
    count, made, columns = min(len(p) for p in known), [], []
    if strict and len({len(p) for p in known}) > 1:
        return None  # (zip(..., strict=True) of constants of two lengths raises)
    for arg, part in zip(call.args, parts, strict=True):
        if part is not None:
            columns.append([build.constant(v) for v in part[:count]])
            continue
        held = namer.fresh("_items")
        try:
            source = expression_text(arg)
        except PrintError:  # (a generator expression: consumed by `list` below)
            source = "the values"
        message = f"zip() of {source} and {count} keys is differentiated for {source} of " \
                  f"{count} items or more (fewer would make a smaller dict)"
        if exact:
            message = f"enumerate() of {source} is differentiated for {source} of the " \
                      f"{count} items it is built with"
        if strict:
            message = f"zip(strict=True) of {source} and {count} keys: {source} does not " \
                      f"hold {count} items"
        short = gast.Compare(left=build.call("len", build.name(held)),
                             ops=[gast.NotEq() if exact or strict else gast.Lt()],
                             comparators=[build.constant(count)])
        made += [build.assign(held, build.call("list", arg)), build.if_(short, [gast.Raise(
            exc=build.call("ValueError", build.constant(message)), cause=None)])]
        columns.append([build.subscript(build.name(held), build.constant(i))
                        for i in range(count)])
    return made, list(zip(*columns, strict=True))


def _strict(call: gast.Call) -> bool | None:
    """The ``strict=`` a ``zip`` call passes (False when none); None for other keywords."""
    if not call.keywords:
        return False
    keyword = call.keywords[0]
    if len(call.keywords) == 1 and keyword.arg == "strict" and \
            isinstance(keyword.value, gast.Constant) and type(keyword.value.value) is bool:
        return keyword.value.value
    return None


def _enumerate_as_zip(call: gast.expr, lengths: dict[str, int], free: _Free | None
                      ) -> gast.Call | None:
    """``enumerate(seq)`` or ``enumerate(seq, start)`` (``start`` an int constant, by position or
    keyword) of a sequence whose length ``n`` is known now (a display, or a name bound once to one
    and never changed: ``lengths``), as the ``zip(range(start, start + n), seq)`` it yields."""
    if free is None or not isinstance(call, gast.Call) or not isinstance(call.func, gast.Name) \
            or call.func.id != "enumerate" or not free.builtin("enumerate") or not call.args:
        return None
    starts = [*call.args[1:], *(k.value for k in call.keywords if k.arg == "start")]
    if len(starts) + 1 != len(call.args) + len(call.keywords) or len(starts) > 1 or \
            not all(isinstance(s, gast.Constant) and type(s.value) is int for s in starts):
        return None
    seq, start = call.args[0], starts[0].value if starts else 0
    count = lengths.get(seq.id) if isinstance(seq, gast.Name) else \
        len(seq.elts) if isinstance(seq, (gast.List, gast.Tuple)) and \
        not any(isinstance(e, gast.Starred) for e in seq.elts) else None
    if count is None or count > _MOST:
        return None
    keys = build.call("range", build.constant(start), build.constant(start + count))
    return gast.copy_location(build.call("zip", keys, seq), call)


def _binds(comprehension: gast.DictComp, name: str) -> bool:
    """Whether a scope nested in the key or value binds ``name`` again (no substitution then)."""
    return any(isinstance(n, gast.Name) and n.id == name and not isinstance(n.ctx, gast.Load)
               for part in (comprehension.key, comprehension.value) for n in walk(part))


def _constant_sequences(node: gast.FunctionDef) -> dict[str, list]:
    """Names bound once, to a list or tuple display of str/int constants, and never changed
    (stored to, augmented, subscripted on the left or used as a method's receiver)."""
    found = {name: _constants(value, {}) for name, value in _bound_once(node).items()}
    return {name: items for name, items in found.items() if items is not None}


def _display_lengths(node: gast.FunctionDef) -> dict[str, int]:
    """Names bound once, to a list or tuple display of any items (no ``*``), and never changed
    (as for :func:`_constant_sequences`): the number of items each holds."""
    return {name: len(value.elts) for name, value in _bound_once(node).items()
            if isinstance(value, (gast.List, gast.Tuple)) and
            not any(isinstance(e, gast.Starred) for e in value.elts)}


def _bound_once(node: gast.FunctionDef) -> dict[str, gast.expr]:
    """The value of each name bound once, by ``name = value``, and never changed (stored to,
    augmented, subscripted on the left or used as a method's receiver)."""
    stores: dict[str, int] = {}
    values: dict[str, gast.expr] = {}
    changed: set[str] = set()
    for child in build.nodes(node):
        if isinstance(child, gast.Name) and not isinstance(child.ctx, gast.Load):
            stores[child.id] = stores.get(child.id, 0) + 1
        elif isinstance(child, (gast.Attribute, gast.Subscript)) and \
                isinstance(child.value, gast.Name) and (
                    isinstance(child, gast.Attribute) or not isinstance(child.ctx, gast.Load)):
            changed.add(child.value.id)  # (a method's receiver, or written into)
        elif isinstance(child, gast.Assign) and len(child.targets) == 1 and \
                isinstance(child.targets[0], gast.Name):
            values[child.targets[0].id] = child.value
    return {name: value for name, value in values.items()
            if stores.get(name) == 1 and name not in changed}


def _constants(node: gast.expr, known: dict[str, list], free: _Free | None = None
               ) -> list | None:
    """The items of a sequence of str/int constants known now: a display, a string, a name bound once
    to one (``known``), a constant tuple of the module (``free``), ``range`` of int constants,
    ``enumerate`` or ``zip`` of such sequences."""
    if isinstance(node, gast.Name):
        found = known.get(node.id)
        return found if found is not None or free is None else free.sequence([node.id])
    if isinstance(node, gast.Attribute) and free is not None and dotted(node) is not None:
        return free.sequence(dotted(node))
    if isinstance(node, gast.Constant) and type(node.value) is str and len(node.value) <= _MOST:
        return list(node.value)  # (its characters)
    if isinstance(node, (gast.List, gast.Tuple)) and all(
            isinstance(e, gast.Constant) and type(e.value) in (str, int) for e in node.elts):
        return [e.value for e in node.elts]
    if free is None or not (isinstance(node, gast.Call) and isinstance(node.func, gast.Name)
                            and free.builtin(node.func.id)):
        return None
    strict = [k.value.value for k in node.keywords if k.arg == "strict" and
              isinstance(k.value, gast.Constant) and type(k.value.value) is bool]
    if len(strict) != len(node.keywords) or (strict and node.func.id != "zip"):
        return None
    if node.func.id == "range" and 1 <= len(node.args) <= 3 and all(
            isinstance(a, gast.Constant) and type(a.value) is int for a in node.args):
        found = range(*(a.value for a in node.args))
        return list(found) if len(found) <= _MOST else None
    parts = [_constants(a, known, free) for a in node.args]
    if not parts or None in parts:
        return None
    if node.func.id == "enumerate" and len(parts) == 1:
        return list(enumerate(parts[0]))
    if node.func.id != "zip" or (strict and strict[0] and len({len(p) for p in parts}) > 1):
        return None  # (zip(..., strict=True) of other lengths: Python's ValueError, in the loop)
    return list(zip(*parts, strict=False))


def _shaped(target: gast.expr, items: list) -> bool:
    """Whether every item unpacks into ``target`` (a name, or a tuple of names of its length)."""
    if isinstance(target, gast.Name):
        return True
    return isinstance(target, gast.Tuple) and all(
        type(item) is tuple and len(item) == len(target.elts) and
        all(_shaped(t, [part]) for t, part in zip(target.elts, item, strict=True))
        for item in items)


def _substituted(node: gast.expr, target: gast.expr, value: object) -> gast.expr:
    """A copy of ``node`` with each read of a name of ``target`` replaced by its part of the
    constant ``value``."""
    return _Substitute(dict(_parts(target, value))).visit(copy.deepcopy(node))


def _parts(target: gast.expr, value: object) -> list[tuple[str, object]]:
    if isinstance(target, gast.Name):
        return [(target.id, value)]
    return [pair for t, v in zip(target.elts, value, strict=True) for pair in _parts(t, v)]


class _Substitute(build.Transformer):
    def __init__(self, values: dict[str, object]):
        self.values = values

    def visit_Name(self, node: gast.Name) -> gast.expr:
        if node.id in self.values and isinstance(node.ctx, gast.Load):
            value = self.values[node.id]  # (a constant, or a read that stands for one item)
            found = copy.deepcopy(value) if isinstance(value, gast.AST) else build.constant(value)
            return gast.copy_location(found, node)
        return node
