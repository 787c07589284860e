"""The expressions of :mod:`dict_locals`: reads of a dict local (``d["a"]``, ``d.get("a", 0.0)``,
``"a" in d``, ``len(d)``) become the variable of the key or a constant, a dict built from others
(``{**d, "b": e}``, ``dict(d, b=e)``, ``d.copy()``) becomes its entries, and a returned dict local
becomes the display the output machinery reads (:mod:`outputs`).  Each answer comes from what is
known at that point (:mod:`dict_state`); whatever it cannot answer exactly is refused here.

    >>> from tangentish.passes.dict_locals import replace_dict_locals
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     d = {"a": x, 0: 2.0}
    ...     y = d.get("a", 0.0) * d.get("b", 2.0) + len(d) + ("a" in d) * d[0]
    ...     return {**d, "y": y}
    >>> info = parse_function(f)
    >>> replace_dict_locals(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        d_a = x
        d_0 = 2.0
        y = d_a * 2.0 + 2 + True * d_0
        return {'a': d_a, 0: d_0, 'y': y}
"""

from __future__ import annotations

import builtins
import collections
import operator
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from .dict_handed import handed
from .dict_state import ALWAYS, Entry, copies_dict, known_key, module_dict, unknown_source
from .record_refusals import field_at_name

State = dict  # dict local → Entry; "=name" → Const (see dict_state)
_IMPURE = (gast.Call, gast.Lambda, gast.NamedExpr, gast.Await, gast.Yield, gast.YieldFrom)
_METHODS_HINT = ("read it by constant keys (`d['a']`, `d.get('a', 0.0)`, `'a' in d`, `len(d)`), "
                 "iterate it, hand `d.values()`/`keys()`/`items()` to `sum`, `max`..., copy it, "
                 "`update` it, `d.setdefault('a', v)`, `d.pop('a')`, return it")
_CONSUMERS = ("sum", "list", "tuple", "max", "min", "sorted", "any", "all", "len")
"""Builtins that read a dict view they are handed at once, before anything can change the dict
(not ``enumerate``, ``zip``, ``reversed``: lazy, a loop's body may write the dict first)."""


_COMPARE = {gast.Eq: operator.eq, gast.NotEq: operator.ne, gast.Lt: operator.lt,
            gast.LtE: operator.le, gast.Gt: operator.gt, gast.GtE: operator.ge,
            gast.In: lambda a, b: a in b, gast.NotIn: lambda a, b: a not in b,
            gast.Is: lambda a, b: _singletons(a, b) and a is b,
            gast.IsNot: lambda a, b: _singletons(a, b) and a is not b}


def _singletons(a: object, b: object) -> bool:
    """Whether ``is`` between ``a`` and ``b`` means something (else not decided here)."""
    if a not in (None, True, False) or b not in (None, True, False) or type(a) is int \
            or type(b) is int:
        raise TypeError("`is` between other values than None, True and False")
    return True


def known(node: gast.AST) -> bool:
    """Whether ``node`` is a str, int, bool or None constant (one a test can be decided on)."""
    return isinstance(node, gast.Constant) and type(node.value) in (str, int, bool, type(None))


def placed(stmts: list[gast.stmt], where: gast.stmt) -> list[gast.stmt]:
    """``stmts`` with the position of ``where`` wherever they have none."""
    for stmt in stmts:
        for node in build.nodes(stmt):
            if "lineno" in node._attributes and getattr(node, "lineno", None) is None:
                gast.copy_location(node, where)
                node.end_lineno, node.end_col_offset = where.end_lineno, where.end_col_offset
    return stmts


class Reads:
    """Rewrites expressions over the dict locals ``names`` of ``info``'s function."""

    def __init__(self, info: SourceInfo, names: set[str], taken: set[str], local: set[str]):
        self.info = info
        self.names = names
        self.namer = Namer(taken)
        self.local = local  # every name the function binds (a local `len` is not the builtin)
        self.variables: dict[tuple[str, type, object], str] = {}
        self.ordered: set[str] = set()  # the locals bound to an OrderedDict somewhere
        self.sources: dict[str, str] = {}  # a loop's target → what it iterates (for messages)

    def var(self, d: str, key: object) -> str:
        """The variable that holds ``d[key]`` (named ``d_key``, fresh)."""
        if (d, type(key), key) not in self.variables:  # (its source text, for messages: guards)
            found = self.variables[(d, type(key), key)] = self.namer.fresh(f"{d}_{key}")
            self.info.entries[found] = f"{d}[{key!r}]"
        return self.variables[(d, type(key), key)]

    def maker(self, node: gast.AST) -> bool:
        """Whether ``node`` names the builtin ``dict`` or ``collections.OrderedDict`` (whose
        locals are dicts here too: the same keys in the same order)."""
        if self.builtin(node, "dict"):
            return True
        parts = dotted(node)
        if parts is None or parts[0] in self.local:
            return False
        found, value = self.info.lookup_path(parts)
        return found and value is collections.OrderedDict

    def refuse(self, what: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(f"cannot differentiate {what}", self.info.location(node),
                                         hint=hint)

    def builtin(self, node: gast.AST, name: str) -> bool:
        """Whether ``node`` names the builtin ``name`` (not shadowed in the function or module)."""
        if not (isinstance(node, gast.Name) and node.id == name) or name in self.local:
            return False
        found, value = self.info.lookup(name)
        return found and value is getattr(builtins, name)

    def is_local(self, node: gast.AST) -> bool:
        return isinstance(node, gast.Name) and node.id in self.names

    def comprehension(self, node: gast.expr, state: State, visit: Any) -> gast.expr | None:
        return None  # (DictLocals: one over a dict local unrolled)

    def bound(self, d: str, state: State, node: gast.AST) -> Entry:
        entry = state[d]
        if entry.bound != ALWAYS:
            raise self.refuse(f"a use of the dict {d!r} where it may not be bound", node,
                              hint=f"bind {d!r} to a dict on every path before this line")
        return entry

    def exact(self, d: str, state: State, node: gast.AST, what: str) -> Entry:
        """``d``'s entry, whose keys and their order must be known here for ``what``."""
        entry = self.bound(d, state, node)
        if not entry.exact:
            raise self.refuse(
                f"{what} the dict {d!r}: which keys it holds here, or in which order, depends on "
                "the path taken", node,
                hint="write the same keys, in the same order, on every path (both branches of "
                     "an `if`; not in a loop)")
        return entry

    def key(self, node: gast.AST, d: str, state: State) -> object:
        """The constant key ``node`` of ``d`` (a dict local, or ``"a dict display"``)."""
        d = "a dict display" if d in self.info.hoisted else d if " " in d else repr(d)
        found, key = known_key(node, state)  # (`d["a"]`, `d[k]` after `k = "a"`, `d[i + 1]`)
        if not found:
            where = self.sources.get(getattr(node, "id", None), "")  # (a loop's: dict_locals)
            error = field_at_name(self.info, node, d, where) or self.refuse(
                f"a key of {d} that is not a constant{where}", node, hint="use constant keys (loops "
                "over a dict local, a dict argument under `wrt` (not one held constant), `range`, "
                "`enumerate` or `zip` of lengths the function shows give them), or an array")
            error.per_structure = True  # (built again per structure: tangentish/structured.py)
            raise error
        return key

    def present(self, d: str, key: object, state: State, node: gast.AST) -> bool:
        """Whether ``d`` surely holds ``key`` (False: surely not); refused when it may."""
        entry = self.bound(d, state, node)
        if key in entry.maybe:
            raise self.refuse(f"a use of {d}[{key!r}], which is set on some paths only", node,
                              hint="set the key on every path before this line (both branches "
                                   "of an `if`, before a loop)")
        return key in entry.keys

    def read(self, d: str, key: object, state: State, node: gast.AST) -> gast.expr:
        if not self.present(d, key, state, node):
            raise self.refuse(f"{d}[{key!r}]: the dict holds no such key here (a KeyError)",
                              node, hint=f"set {d}[{key!r}] before reading it")
        return build.name(self.var(d, key))

    def expr(self, node: gast.expr, state: State) -> gast.expr:
        """``node`` with every use of a dict local replaced (in place where it can be)."""
        return _Rewriter(self, state).visit(node)

    def entries(self, node: gast.expr, state: State) -> list[tuple[object, gast.expr]]:
        """The (key, value) pairs, in order, of a dict built from displays, ``dict(...)`` and
        copies of dict locals."""
        if isinstance(node, gast.Dict):
            found: list[tuple[object, gast.expr]] = []
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:  # (`**other`)
                    found.extend(self.entries(value, state))
                else:
                    found.append((self.key(key, "a dict display", state),
                                  self.expr(value, state)))
            return found
        if self.is_local(node):
            return [(k, build.name(self.var(node.id, k)))
                    for k in self.exact(node.id, state, node, "copying").keys]
        if isinstance(node, gast.Call):
            if self.maker(node.func) and len(node.args) <= 1:
                named = [p for k in node.keywords for p in (self.entries(k.value, state) if k.arg
                         is None else [(k.arg, self.expr(k.value, state))])]
                if len(dict(named)) < len(named) or any(type(k) is not str for k, _ in named):
                    raise self.refuse("a key given twice to `dict(...)` or not a str (a TypeError)",
                                      node, hint="give each keyword once")
                return [*(self.entries(node.args[0], state) if node.args else []), *named]
            if copies_dict(self.info, self.local, self.names, node):
                return self.entries(node.func.value, state)
        table = module_dict(self.info, self.local, node)
        if table is not None and all(type(k) in (str, int) for k in table):  # (read live)
            return [(k, build.subscript(build.clone(node), build.constant(k))) for k in table]
        what, hint = unknown_source(self.info, node)
        error = self.refuse(what, node, hint=hint)
        error.per_structure = True  # (a dict argument's copy: built again per structure)
        raise error

    def returned(self, node: gast.expr, state: State) -> gast.expr:
        """A returned value: a dict local (alone, or inside tuple, list and dict displays)
        becomes the display of its variables (see :mod:`outputs`)."""
        if self.is_local(node) and node.id in self.ordered:
            raise self.refuse(f"returning the OrderedDict {node.id!r} built in the function (it "
                              "would come back a dict)", node,
                              hint=f"return `dict({node.id})`, or build it with `{{}}`")
        if self.is_local(node) or (isinstance(node, gast.Dict) and None in node.keys) or (
                isinstance(node, gast.Call) and self.builtin(node.func, "dict")):
            pairs = self.entries(node, state)
            keys = list(dict.fromkeys(k for k, _ in pairs))
            last = dict(pairs)
            return gast.Dict(keys=[build.constant(k) for k in keys],
                             values=[last[k] for k in keys])
        if isinstance(node, (gast.Tuple, gast.List)):
            node.elts = [self.returned(e, state) for e in node.elts]
            return node
        if isinstance(node, gast.Dict):
            node.keys = [self.expr(k, state) for k in node.keys]
            node.values = [self.returned(v, state) for v in node.values]
            return node
        return self.expr(node, state)


def _method(node: gast.AST, names: set[str]) -> str | None:
    """``m`` for a call ``d.m(...)`` of a dict local ``d``."""
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) \
            and isinstance(node.func.value, gast.Name) and node.func.value.id in names:
        return node.func.attr
    return None


class _Rewriter(build.Transformer):
    def __init__(self, reads: Reads, state: State):
        self.reads = reads
        self.state = state

    def visit_Subscript(self, node: gast.Subscript) -> gast.expr:
        reads = self.reads
        if reads.is_local(node.value) and isinstance(node.ctx, gast.Load):
            return reads.read(node.value.id, reads.key(node.slice, node.value.id, self.state),
                              self.state, node)
        return self.generic_visit(node)

    def visit_Call(self, node: gast.Call) -> gast.expr:
        reads, method = self.reads, _method(node, self.reads.names)
        if any(reads.builtin(node.func, name) for name in _CONSUMERS):
            node.args = [self._view(arg) for arg in node.args]
        if method == "get" and 1 <= len(node.args) <= 2 and not node.keywords:
            return self._get(node, node.func.value.id)
        if method is not None:
            raise reads.refuse(f"`{node.func.value.id}.{method}(...)` on a dict built in the "
                               "function", node, hint=_METHODS_HINT)
        if reads.builtin(node.func, "len") and len(node.args) == 1 and not node.keywords \
                and reads.is_local(node.args[0]):
            d = node.args[0].id
            return build.constant(len(reads.exact(d, self.state, node, "`len` of").keys))
        if any(k.arg is None and reads.is_local(k.value) for k in node.keywords):
            node.keywords = self._spread(node)
        if any(reads.is_local(a) for a in node.args):  # (handed to a helper: .dict_handed)
            handed(reads, node, self.state)
        return self.generic_visit(node)

    def _spread(self, node: gast.Call) -> list[gast.keyword]:
        """``f(x, **opts)`` of a dict local: one keyword per key it holds there, in its order
        (``f(x, alpha=opts_alpha, beta=opts_beta)``), as Python passes them."""
        reads, keywords = self.reads, []
        given = {k.arg for k in node.keywords if k.arg is not None}
        for keyword in node.keywords:
            if keyword.arg is not None or not reads.is_local(keyword.value):
                keywords.append(keyword)
                continue
            d = keyword.value.id
            keys = reads.exact(d, self.state, node, "`**` of").keys
            for key in keys:
                if not isinstance(key, str) or not key.isidentifier() or key in given:
                    raise reads.refuse(
                        f"`**{d}` with the key {key!r} (Python raises a TypeError for a key "
                        "that is not a keyword, or one given twice)", node,
                        hint="pass the keyword arguments one by one")
                given.add(key)
                keywords.append(gast.keyword(arg=key, value=reads.read(d, key, self.state, node)))
        return keywords

    def _view(self, node: gast.expr) -> gast.expr:
        """``d.values()``, ``d.keys()`` or ``d.items()`` handed straight to a builtin that consumes
        it (``sum(d.values())``): the tuple of what it holds now, in the dict's order (the
        consumer reads the view at once, before anything can change the dict)."""
        method = _method(node, self.reads.names)
        if method not in ("values", "keys", "items") or node.args or node.keywords:
            return node
        d = node.func.value.id
        keys = self.reads.exact(d, self.state, node, f"`{d}.{method}()` of").keys
        items = [build.constant(k) if method == "keys" else
                 self.reads.read(d, k, self.state, node) if method == "values" else
                 build.tuple_([build.constant(k), self.reads.read(d, k, self.state, node)])
                 for k in keys]
        return build.tuple_(items)

    def _get(self, node: gast.Call, d: str) -> gast.expr:
        reads = self.reads
        key = reads.key(node.args[0], d, self.state)
        default = node.args[1] if len(node.args) == 2 else build.constant(None)
        if not reads.present(d, key, self.state, node):
            return self.visit(default)
        if any(isinstance(n, _IMPURE) for n in build.nodes(default)):
            raise reads.refuse(f"`{d}.get` with a default that calls something", node,
                               hint="give a constant default (Python evaluates it even when "
                                    "the key is there)")
        return reads.read(d, key, self.state, node)

    def visit_Compare(self, node: gast.Compare) -> gast.expr:
        if len(node.ops) == 1 and isinstance(node.ops[0], (gast.In, gast.NotIn)) \
                and self.reads.is_local(node.comparators[0]):
            d = node.comparators[0].id
            present = self.reads.present(d, self.reads.key(node.left, d, self.state), self.state,
                                         node)
            return build.constant(present == isinstance(node.ops[0], gast.In))
        node = self.generic_visit(node)
        parts = [node.left, *node.comparators]
        if all(known(p) for p in parts) and all(op.__class__ in _COMPARE for op in node.ops):
            try:  # (a key compared with a constant, once a loop over a dict is unrolled)
                return build.constant(all(_COMPARE[op.__class__](a.value, b.value) for op, a, b
                                          in zip(node.ops, parts, parts[1:], strict=False)))
            except TypeError:  # (`'a' < 1`: Python raises when it runs, and so does this)
                pass
        return node

    def visit_BoolOp(self, node: gast.BoolOp) -> gast.expr:
        """Constant operands decided (``'a' in d and ...``): the rest is not evaluated, as in
        Python, so is not looked at either."""
        is_and, values = isinstance(node.op, gast.And), []
        for value in node.values:
            value = self.visit(value)
            if known(value) and not values:
                if bool(value.value) != is_and:
                    return value
                last = value
                continue
            values.append(value)
        if not values:  # (every operand a constant that let the next one run: the last one)
            return last
        node.values = values
        return values[0] if len(values) == 1 else node

    def visit_UnaryOp(self, node: gast.UnaryOp) -> gast.expr:
        node = self.generic_visit(node)
        if isinstance(node.op, gast.Not) and known(node.operand):
            return build.constant(not node.operand.value)
        return node

    def visit_IfExp(self, node: gast.IfExp) -> gast.expr:
        node.test = self.visit(node.test)
        if known(node.test):
            return self.visit(node.body if node.test.value else node.orelse)
        return self.generic_visit(node)

    def visit_Name(self, node: gast.Name) -> gast.expr:
        if node.id in self.reads.names:
            raise self.reads.refuse(
                f"the dict {node.id!r} used as a whole here (passed on, stored, compared or "
                "aliased)", node, hint=_METHODS_HINT + "; pass a copy's values one by one")
        return node

    def visit_ListComp(self, node: gast.expr) -> gast.expr:
        """A comprehension's own variables hide the constants of the same names outside it.  Its
        first iterable, run at once, may be a view of a dict (:meth:`_view`: an expression in
        the comprehension cannot write a local dict)."""
        unrolled = self.reads.comprehension(node, self.state, self.visit)
        if unrolled is not None:  # (over a dict local: a display, as a loop's copies)
            return unrolled
        node.generators[0].iter = self._view(node.generators[0].iter)
        own = {f"={n.id}" for g in node.generators for n in build.nodes(g.target)
               if isinstance(n, gast.Name)}
        saved = self.state
        self.state = {k: v for k, v in saved.items() if k not in own}
        try:
            return self.generic_visit(node)
        finally:
            self.state = saved

    visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_ListComp

    def visit_Lambda(self, node: gast.Lambda) -> gast.expr:
        if self.reads.names & set(build.names(node)):
            raise self.reads.refuse("a dict built in the function used in a lambda", node,
                                    hint="read the values you need into variables first")
        return node
