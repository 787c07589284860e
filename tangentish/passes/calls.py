'''Calls to the user's own Python functions: each callee gets a derivative function of its own.

The primal sweep calls the helper as written.  The adjoint sweep calls the helper's own generated
vector-Jacobian product (``grad_helper_wrt_a_b(a, b, out_bar=y_bar)``), and forward mode its ``jvp``;
both are built by the same pipeline, with their own cache entries, through a callback the pipeline
hands to the pass (passes never import the API).  The callee recomputes its primal inside that call
(a checkpoint at the call boundary), so nothing of the callee goes on the caller's tape.

Recursion is rejected up front: a function that (directly or through helpers) calls itself would
need a derivative of unbounded size.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.pipeline import Options, differentiate
    >>> def helper(a, scale):
    ...     return np.tanh(a) * scale
    >>> helper.__module__ = "model"  # a user's function (a doctest runs in tangentish's namespace)
    >>> def f(x):
    ...     y = helper(x, 2.0)
    ...     return np.sum(y)
    >>> print(differentiate(f, Options()).source, end="")
    def grad_f_wrt_x(x, *, out_bar=1.0):
        """Gradient of f with respect to x (tangentish)."""
        y = helper(x, 2.0)
        out = np.sum(y)
        out_bar = _rt.seed(out, out_bar, 'f')
        # adjoint of: return np.sum(y)  [...]
        y_bar = _rt.unreduce(out_bar, y)
        # adjoint of: y = helper(x, 2.0)  [...]
        x_bar = grad_helper_wrt_a(x, 2.0, out_bar=y_bar)
        return x_bar
    <BLANKLINE>
    <BLANKLINE>
    # derivative of the helper helper(), called above
    def grad_helper_wrt_a(a, scale, *, out_bar=1.0):
        """Gradient of helper with respect to a (tangentish)."""
        tanh_a = np.tanh(a)
        out = tanh_a * scale
        out_bar = _rt.seed(out, out_bar, 'helper')
        # adjoint of: return np.tanh(a) * scale  [...]
        a_bar = _rt.unbroadcast(out_bar * scale, tanh_a) * (1.0 - tanh_a * tanh_a)
        return a_bar
'''

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..ir import SLOT, Op
from ..records import BUILDING, Options
from ..syntax import build
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.resolve import callable_label
from .dataflow import definitions

# The pipeline's callback: (helper function, wrt parameter names, mode, the class of the object
# a method is called on or None, and by keyword the parameters it is handed lists or tuples
# through, and the items of the helper's returned tuple the caller may read or None for all)
# → the record of the helper's derivative, with at least ``function``, ``name``, ``seed``,
# ``tangents`` (wrt name → keyword) and ``mutated`` (parameters it changes in place).
CalleeBuilder = Callable[..., Any]


class Callee:
    """A helper's derivative as the caller's generated code uses it."""

    __slots__ = ("name", "helper", "record", "structure")

    def __init__(self, name: str, helper: str, record: Any, structure: tuple = ()):
        self.name = name  # the name generated code calls it by
        self.helper = helper  # the user's function it differentiates
        self.record = record
        self.structure = structure  # (parameter, Tree) per display it takes leaf by leaf


class Callees:
    """The helpers' derivatives one generated function calls, each under a name of its own."""

    def __init__(self, builder: CalleeBuilder | None, namer: Namer, info: SourceInfo):
        self.builder = builder
        self.namer = namer
        self.info = info
        self.used: dict[str, Callee] = {}
        self.consulted: list[Any] = []  # records read, called or not: what the code depends on
        self.sequences: Callable[[], set[str]] = set  # the caller's names surely holding lists
        # or tuples (asked at the first helper call only: a fixpoint over the body)
        self.displays: dict[int, tuple] = {}  # id(op) → (parameter, Tree) per display argument
        # holding a differentiable value (:mod:`.displays`), as active_parameters found them

    def bound(self, op: Op) -> inspect.BoundArguments:
        try:
            return inspect.signature(op.key).bind(*op.args, **op.keywords)
        except TypeError as exc:
            raise UnsupportedConstructError(
                f"the call to {op.label} does not match its signature: {exc}",
                self.info.location(op.node), hint="check the arguments of the call") from None

    def active_parameters(self, op: Op, bound: inspect.BoundArguments,
                          active: Callable[[str], bool]) -> list[str]:
        """The helper's parameters that receive an active value (which must be a plain name
        bound to a named parameter: what ``*args`` or ``**kwargs`` collect, or a display, would
        need the helper's derivative to take it apart).  Both modes ask this, so a value no
        derivative can reach is refused, never given a zero derivative."""
        from .displays import display_tree  # (a display or ``*args`` of active values only)

        found, shown = [], []
        for parameter, value in bound.arguments.items():
            if any(active(n) for n in _names(value)):
                if _star(op.key, parameter) == "*" and isinstance(value, tuple):
                    tree = display_tree(build.tuple_(list(value)), active, self._sequences())
                    if tree is not None:  # (what ``*args`` collects: a tuple display)
                        shown.append((parameter, tree))
                        found.append(parameter)
                        continue
                if _collected(op.key, parameter):
                    raise UnsupportedConstructError(
                        f"cannot differentiate a call to {op.label} passing a differentiable "
                        f"value through its `{_star(op.key, parameter)}{parameter}` parameter",
                        self.info.location(op.node),
                        hint=f"give {function_word(op.key)} one named parameter per array "
                        "(no `*args` or `**kwargs`)" + ("; a helper's `**kwargs` is followed "
                        "where the helper is inlined into its caller: of any module, at "
                        "most 30 statements, reading the dict only by constant keys"
                        if _star(op.key, parameter) == "**" else ""))
                if not isinstance(value, gast.Name):
                    tree = display_tree(value, active, self._sequences()) if any(
                        a is value for a in op.args) else None
                    if tree is None:
                        raise UnsupportedConstructError(
                            f"cannot differentiate a call to {op.label} with a differentiable "
                            f"value inside the literal argument {parameter!r}",
                            self.info.location(op.node),
                            hint="pass the array itself, or a dict, list or tuple display of "
                            "names and constants, positionally")
                    shown.append((parameter, tree))
                found.append(parameter)
        self.displays[id(op)] = tuple(shown)
        return found

    def _sequences(self) -> set[str]:
        if not isinstance(self.sequences, set):
            self.sequences = self.sequences()
        return self.sequences

    def derivative(self, op: Op, wrt: list[str], mode: str,
                   read_items: tuple[int, ...] | None = None, chosen: Callee | None = None) -> Callee:
        """The helper's ``grad`` (or ``jvp``) with respect to ``wrt``, under a unique name; a
        ``grad`` whose seed is 0 by structure but for the items ``read_items`` of the tuple the
        helper returns, when given (:func:`read_items`); or the ``chosen`` :meth:`candidate`."""
        found = chosen or self.candidate(op, wrt, mode, read_items)
        for known in self.used.values():
            if known.record.function is found.record.function:
                return known
        name = found.record.name if found.record.name not in self.namer.taken else \
            self.namer.fresh(found.record.name)
        self.namer.reserve(name)
        found.name = name
        self.used[name] = found
        return found

    def candidate(self, op: Op, wrt: list[str], mode: str,
                  read_items: tuple[int, ...] | None = None, masked: bool = False) -> Callee:
        """The helper's derivative (:meth:`derivative`), not named nor called yet."""
        record = self.record(op, wrt, mode, read_items, masked)
        return Callee(record.name, op.key.__name__, record, self._structure(op, wrt))

    def masked(self, op: Op, wrt: list[str], plain: Callee, parameters: list[str],
               read_items: tuple[int, ...] | None = None) -> tuple[Callee, list[str]] | None:
        """The :meth:`candidate` taking, with each seed (``plain``'s tangents of ``parameters``,
        or its seed), a mask of where the caller's value may be non-zero by structure
        (``x_dot_mask``: :data:`.supports_base.MASKS`), and those keywords in that order; None
        where it would read none (no singular partial meets a seed: ``plain`` is the same), or
        one would take the name of one of the helper's own variables."""
        mode, record = plain.record.mode, plain.record
        seeds = [record.tangents[p] for p in parameters] if mode == "jvp" else [record.seed]
        keywords = [f"{seed}_mask" for seed in seeds]  # (supports_base.mask_keyword)
        own = getattr(getattr(op.key, "__code__", None), "co_varnames", None)
        if own is None or not set(keywords).isdisjoint(own):
            return None
        found = self.candidate(op, wrt, mode, read_items, masked=True)
        body = found.record.text.split("\n", 1)[-1]  # (past the signature)
        if not any(re.search(rf"\b{keyword}\b", body) for keyword in keywords):
            return None
        return found, keywords

    def record(self, op: Op, wrt: list[str], mode: str,
               read_items: tuple[int, ...] | None = None, masked: bool = False) -> Any:
        """The record of the helper's derivative, which generated code does not call (yet)."""
        function = op.key
        if function.__code__ in BUILDING.get() or self.builder is None:
            raise UnsupportedConstructError(
                f"cannot differentiate the recursive call to {callable_label(function)}",
                self.info.location(op.node),
                hint="rewrite the recursion as a loop (tangentish differentiates loops), or "
                "differentiate a function calling it with a literal depth (`def loss(x): return "
                "f(x, 3)`): a recursion of a small helper of the module whose depth the call's "
                "literal arguments decide (`if n == 0:`, `return x if n == 0 else f(g(x), n - "
                "1)`, through locals bound once, `mid = (lo + hi) // 2`) is inlined, 4 levels "
                "deep, of this module or another; a length (`len(x)`, `x.shape[0]`) is no "
                "literal when the derivative is built (it serves every length): pass it as one "
                "(`f(x, 0, 8)`)")
        from .callable_defaults import with_passed_defaults  # (a helper's derivative only)

        function = with_passed_defaults(function, self.bound(op).arguments, self.info)
        sequences = self._sequences()
        held = tuple(sorted(p for p, v in self.bound(op).arguments.items() if p in wrt and
                            isinstance(v, gast.Name) and v.id in sequences))
        record = self.builder(function, list(wrt), mode, _receiver(op, wrt), sequences=held,
                              read_items=read_items, structure=self._structure(op, wrt),
                              **({"masked": True} if masked else {}))
        if getattr(record, "function", None) is None:  # (structured.Deferred: the helper reads
            # a parameter as a container, handed a name here; the caller is built again per
            # structure of its own containers, which hands displays: passes/displays.py)
            error = UnsupportedConstructError(
                f"cannot differentiate a call to {callable_label(function)}: it reads a "
                "parameter as a dict or another container, and is handed a value that is not "
                "a container of the differentiated function's arguments nor a display",
                self.info.location(op.node), hint="pass the dict itself (a parameter, or a dict "
                "built in the function with constant keys), or its entries one by one")
            error.per_structure = error.handed = True
            raise error
        if getattr(record, "outputs", None) is not None:
            raise UnsupportedConstructError(
                f"cannot differentiate a call to {callable_label(function)}: it returns a dict, "
                "namedtuple or dataclass, which only the differentiated function itself may "
                "return", self.info.location(op.node),
                hint=f"make {function.__name__} return a tuple, or the arrays one by one")
        from .helper_changes import guarded  # (an item rebound: checked when it runs)

        mutated = sorted(set(getattr(record, "mutated", ())) & set(self.bound(op).arguments) -
                         guarded(function))
        if mutated:
            raise UnsupportedConstructError(
                f"{callable_label(function)} changes its argument {mutated[0]!r} in place, so "
                "the caller's value would change behind the derivative's back",
                self.info.location(op.node),
                hint=f"copy inside {function.__name__} (`{mutated[0]} = {mutated[0]}.copy()`) "
                "before changing it")
        if all(known is not record for known in self.consulted):
            self.consulted.append(record)
        return record

    def _structure(self, op: Op, wrt: list[str]) -> tuple:
        return tuple((p, tree) for p, tree in self.displays.get(id(op), ()) if p in wrt)

    def shares(self, op: Op, callee: Callee, wrt: list[str]) -> list[tuple[str, gast.Name]]:
        """(the derivative's differentiated parameter, the caller's name it stands for), in the
        order the derivative takes and returns them: a display's names leaf by leaf."""
        from .displays import shares

        return shares(self.bound(op), callee, wrt)

    def cells(self) -> dict[str, Any]:
        return {name: callee.record.function for name, callee in self.used.items()}

    def records(self) -> list[Any]:
        return [self.used[name].record for name in sorted(self.used)]


def read_items(support: Any) -> tuple[int, ...] | None:
    """The items of a helper's returned tuple whose adjoint may be non-zero, when its caller's
    adjoint of the tuple has the ``support`` (:mod:`.supports_base`) of items read by constant
    indices (``c, _ = helper(x)`` reads item 0 only; ``r[-1]`` counts from the end, as the
    helper will); None when it says nothing (then every item may be).  The helper's gradient is
    then built with the other items' seed 0 by structure: what only they need is not computed,
    and a singular partial behind them meets no ``0 * inf`` (``(a, np.sqrt(e))`` at ``e = 0``
    with item 1 unused)."""
    if support is None:
        return None
    items = set()
    for part in support.parts or (support,):
        index = part.index
        if not (isinstance(index, gast.Constant) and type(index.value) is int):
            return None
        items.add(index.value)
    return tuple(sorted(items))


def given(norm: Any, options: Options) -> Options:
    """What the options say of the arguments (a specialization's facts; the parameters a
    helper's caller hands lists or tuples) and of the seed (a helper's gradient: the items of
    its returned tuple that its caller reads, :func:`canonical_read_items`); returns the options
    of the derivative asked for, the same options unless they ask for one another asks for too."""
    norm.facts = {name: fact and fact[0] for name, fact in options.facts}
    norm.kinds = {name: fact[1] for name, fact in options.facts if fact and fact[1]}
    norm.sequence_params = frozenset(options.sequences)
    norm.read_items = options.read_items
    norm.read_items = canonical_read_items(norm)
    if norm.read_items == options.read_items:
        return options
    return Options(*options._values()[:-1], read_items=norm.read_items)


def canonical_read_items(norm: Any) -> tuple[int, ...] | None:
    """``norm.read_items`` as the gradient reads it (``adjoint_code._read_items``): the items of
    the returned tuple display counted from the front, or None where it changes nothing (every
    item read, or the output no display bound once, which gets every item's seed).  The pipeline
    builds a request it changes as the one it equals: equal derivatives are generated once (a
    grad-of-grad asks for a helper's gradient of three outputs with ``(0, 1, 2)`` and without)."""
    read, output = norm.read_items, norm.output
    if read is None or not isinstance(output, gast.Name):
        return None
    found = definitions(norm.body).get(output.id, ())
    marks = found[0].__dict__.get(SLOT) if len(found) == 1 else None
    op = marks.op if marks is not None else None
    if op is None or not op.is_display or any(isinstance(a, gast.Starred) for a in op.args):
        return None
    size = len(op.args)
    items = tuple(sorted({i % size for i in read if -size <= i < size}))
    return None if len(items) == size else items


def names_of(value: Any) -> list[str]:
    """The names a bound argument mentions (see :func:`_names`)."""
    return _names(value)


def _receiver(op: Op, wrt: list[str]) -> Any:
    """The class ``self.method(...)`` calls resolve in, in the helper's derivative: the object's a
    method is called on (``op.receiver``), or, for a call of a method's derivative in generated
    code (``grad_h2_wrt_a(MODEL, a, out_bar=g)``, differentiated again at second order), the
    class that derivative was built for, while its object is not differentiated."""
    if op.receiver is not None:
        return op.receiver
    made = getattr(op.key, "__tangentish_receiver__", None)
    own = getattr(getattr(op.key, "__code__", None), "co_varnames", ())[:1]
    return made if made is not None and own and own[0] not in wrt else None


def _names(value: Any) -> list[str]:
    """The names an argument mentions: a node, or the tuple of nodes ``*args`` collected, or the
    dict of nodes ``**kwargs`` collected."""
    if isinstance(value, gast.AST):
        return build.names(value)
    items = value.values() if isinstance(value, dict) else value
    return [n for item in items for n in _names(item)]


def _collected(function: Any, parameter: str) -> bool:
    kind = inspect.signature(function).parameters[parameter].kind
    return kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def _star(function: Any, parameter: str) -> str:
    kind = inspect.signature(function).parameters[parameter].kind
    return "*" if kind is inspect.Parameter.VAR_POSITIONAL else "**"


def function_word(function: Any) -> str:
    return getattr(function, "__name__", "call").strip("<>")
