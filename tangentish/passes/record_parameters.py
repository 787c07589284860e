"""Small helpers handed a namedtuple or dataclass under ``wrt`` (``affine(p, x)`` reading
``p.w``), inlined before the container parameters are flattened, so the helper's field reads
become the caller's (``p.w``) and :mod:`.containers` names them by their paths.

A derivative of a helper of its own cannot be handed a namedtuple or a dataclass (only dict, list
and tuple displays: :mod:`.displays`), and the helpers a record local is handed are inlined by
:mod:`.record_helpers` only where the record is built in the function.  This pass inlines, with
that module's rewriter and under its conditions (same module and file, small, plain, one
``return`` last, no derivative rule), each call evaluated once that passes a parameter under
``wrt`` whose structure there is a namedtuple or a dataclass, or a constant path to such a part of
one (``params.enc``, ``layers[0]``, ``params['head']``), helpers calling helpers level by level.
A path argument is bound to a fresh local first, which :mod:`.unroll` resolves to the path again;
a function default the call leaves out (``act=np.tanh``) that the module spells is passed by that
name, and its call is the default's (:mod:`.partial_locals`).
Any other call is left as it is, and handing the whole record to it stays refused by
:mod:`.containers`.

    >>> from typing import NamedTuple
    >>> import numpy as np
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> __name__ = "example"  # (what follows is a user's module, not tangentish's own code)
    >>> if True:  # (one example: the record, the helpers and their caller in one file)
    ...     class P(NamedTuple):
    ...         w: np.ndarray
    ...         b: float
    ...     def affine(p, x):
    ...         return x @ p.w + p.b
    ...     def predict(p, x):
    ...         return np.tanh(affine(p, x))
    ...     def loss(p, x):
    ...         return np.sum(predict(p, x) ** 2)
    >>> info = parse_function(loss)
    >>> inline_record_parameter_helpers(info, (("p", structure(P(np.ones(2), 0.5))),))
    True
    >>> print(function_text(info.node), end="")
    def loss(p, x):
        return np.sum(np.tanh(x @ p.w + p.b) ** 2)
"""

from __future__ import annotations

import inspect
import types
from typing import Any

import gast

from ..arguments.trees import DATACLASS, NAMEDTUPLE, Tree
from ..syntax import build
from ..syntax.parse import SourceInfo
from .callable_defaults import value_spelling
from .container_reads import NO_KEY, constant_key
from .partial_locals import replace_partial_locals
from .record_helpers import MAX_ROUNDS, _Rewriter
from .unroll import resolve_container_parts

_RECORDS = (NAMEDTUPLE, DATACLASS)


def resolve_parts(info: SourceInfo, trees: tuple) -> None:
    """:func:`.unroll.resolve_container_parts`, and again after this pass inlined a helper (its
    parameters bound to paths, ``p_2 = layers[0]``; its loops over parts unrolled, handing their
    items to helpers in turn)."""
    resolve_container_parts(info, trees)
    for _ in range(MAX_ROUNDS):
        changed, functions = _inline(info, trees)
        if not changed:
            break
        resolve_container_parts(info, trees)
        if functions:  # (act_2 = np.tanh, a default passed: act_2(h) is np.tanh(h))
            replace_partial_locals(info)


def inline_record_parameter_helpers(info: SourceInfo, trees: tuple) -> bool:
    """Rewrite ``info.node`` in place (see the module) for the container parameters in
    ``trees`` (pairs of parameter name and :class:`Tree`); whether anything changed."""
    return _inline(info, trees)[0]


def _inline(info: SourceInfo, trees: tuple) -> tuple[bool, bool]:
    """Whether anything changed, and whether a function default was passed."""
    stored = {n.id for n in build.nodes(info.node) if isinstance(n, gast.Name)
              and isinstance(n.ctx, (gast.Store, gast.Del))}
    parts = {root: tree for root, tree in trees if root not in stored and
             any(sub.kind in _RECORDS for _, sub in tree.paths())}
    changed = functions = False
    for _ in range(MAX_ROUNDS if parts else 0):
        rewriter = _Handed(info, parts)
        info.node.body = rewriter.block(info.node.body)
        if not rewriter.changed:
            break
        changed, functions = True, functions or rewriter.functions
    return changed, functions


class _Handed(_Rewriter):
    """:mod:`.record_helpers`' rewriter, inlining the calls handed a record parameter's part."""

    def __init__(self, info: SourceInfo, parts: dict[str, Tree]):
        super().__init__(info)
        self.parts, self.functions = parts, False

    def _handed(self, call: gast.Call) -> bool:
        return any(self._record_part(a) for a in [*call.args, *(k.value for k in call.keywords)])

    def _definition(self, function: Any, call: gast.Call) -> gast.FunctionDef | None:
        """The helper's definition, as :mod:`.record_helpers` takes it; a function default the
        call leaves out that the module spells (``act=np.tanh``) is then passed by name, so the
        inlined body calls what the default is."""
        fdef = super()._definition(function, call)
        if fdef is not None:
            passed = self._function_defaults(function, fdef, call)
            call.keywords.extend(passed)
            self.functions = self.functions or bool(passed)
        return fdef

    def _function_defaults(self, function: Any, fdef: gast.FunctionDef,
                           call: gast.Call) -> list[gast.keyword]:
        args = fdef.args
        positional = [a.id for a in args.posonlyargs + args.args]
        given = set(positional[:len(call.args)]) | {k.arg for k in call.keywords}
        defaults = dict(zip(positional[len(positional) - len(function.__defaults__ or ()):],
                            function.__defaults__ or (), strict=True))
        defaults.update(function.__kwdefaults__ or {})
        found = []
        for name, value in defaults.items():
            text = value_spelling(self.info, value) if name not in given and callable(value) and \
                name not in positional[:len(args.posonlyargs)] else None
            if text is not None:
                first, *rest = text.split(".")
                node = build.name(first)
                for attr in rest:
                    node = build.attribute(node, attr)
                found.append(gast.keyword(arg=name, value=gast.copy_location(node, call)))
        return found

    def _method(self, call: gast.Call) -> tuple[Any, gast.Call] | None:
        """``m.predict(x)`` of a record part ``m`` (a parameter, or a constant path into one)
        whose class defines ``predict`` (a plain function, no field): the call
        ``Model.predict(m, x)``, its class as the function's scope spells it (the look-up is
        recorded: redefining the method derives again); a record local's as the base class
        finds it."""
        found, func = super()._method(call), call.func
        tree = self._part(func.value) if found is None and isinstance(func, gast.Attribute) \
            else None
        if tree is None or tree.kind not in _RECORDS or func.attr in tree.keys or \
                not isinstance(inspect.getattr_static(tree.type, func.attr, None), types.FunctionType):
            return found
        spelled = value_spelling(self.info, tree.type)
        known, function = self.info.lookup_path([*spelled.split("."), func.attr]) if spelled \
            else (False, None)
        if not known or function is not inspect.getattr_static(tree.type, func.attr):
            return None
        return function, gast.copy_location(gast.Call(
            func=func, args=[func.value, *call.args], keywords=call.keywords), call)

    def _record_part(self, node: gast.expr) -> bool:
        """Whether ``node`` is a constant path to a namedtuple or dataclass part of a parameter."""
        tree = self._part(node)
        return tree is not None and tree.kind in _RECORDS

    def _part(self, node: gast.expr) -> Tree | None:
        """The structure of the part of a parameter ``node`` is a constant path to, or None."""
        path = []
        while isinstance(node, (gast.Subscript, gast.Attribute)):
            key = node.attr if isinstance(node, gast.Attribute) else constant_key(node.slice)
            if key is NO_KEY or not isinstance(node.ctx, gast.Load):
                return None
            path.append(key)
            node = node.value
        tree = self.parts.get(node.id) if isinstance(node, gast.Name) else None
        for key in reversed(path):
            if tree is None:
                return None
            if isinstance(key, int) and not isinstance(key, bool) and tree.keys and \
                    all(isinstance(k, int) for k in tree.keys) and -len(tree.keys) <= key < 0:
                key += len(tree.keys)  # (ws[-1]: a sequence's last item)
            tree = tree.child(key)
        return tree
