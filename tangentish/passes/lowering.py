"""The state one function's lowering carries, and the primitives every lowering module uses.

:mod:`normalize` lowers statements, :mod:`lower` expressions, :mod:`flow` blocks and loops,
:mod:`inline` local functions and :mod:`writes` calls that write into their arguments.  They all
work on one :class:`Lowering`: the statements emitted so far (``body``), what each user variable
currently means (``current``), the namer, the user's line being lowered.  They import this module,
never each other's classes, so none of them imports :mod:`normalize` (which imports them all).
:class:`~tangentish.passes.normalize.Normalizer` fills in the two entry points this class leaves
open: :meth:`Lowering.statement` and :meth:`Lowering.lower`.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import statement_lines
    >>> def f(x, y):
    ...     return x
    >>> state = Lowering(parse_function(f))
    >>> state.define("x"), state.define("z"), state.current["x"]
    ('x_1', 'z', 'x_1')
    >>> _ = state.emit(build.assign("z", build.name("y")))
    >>> statement_lines(state.body[0])
    ['z = y']
"""

from __future__ import annotations

import operator
from collections import Counter
from typing import Any

import gast
import numpy as np

from .. import ir, runtime
from ..errors import UnsupportedConstructError
from ..ir import Op
from ..syntax import build
from ..syntax.methods import ATTRIBUTES, METHODS, NAMED_RESULT_FIELDS
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.printer import expression_text
from ..syntax.resolve import Machinery, callable_label, dotted, resolve_reference

# Comparison operators → the functions they call (for the op a comparison records).
COMPARES = {
    gast.Lt: operator.lt, gast.LtE: operator.le, gast.Gt: operator.gt, gast.GtE: operator.ge,
    gast.Eq: operator.eq, gast.NotEq: operator.ne, gast.Is: operator.is_,
    gast.IsNot: operator.is_not, gast.In: operator.contains,
}


def is_break_if(stmt: gast.stmt) -> bool:
    """``if flag: break``, the last statement of a loop body :mod:`.flow` desugared."""
    return (isinstance(stmt, gast.If) and len(stmt.body) == 1
            and isinstance(stmt.body[0], gast.Break) and not stmt.orelse)


def seed_name(taken: set[str]) -> str:
    """The seed parameter: ``out_bar``, or ``out_bar_bar`` when differentiating a derivative."""
    seed = "out_bar"
    while seed in taken:
        seed += "_bar"
    return seed


def parameters(node: gast.FunctionDef) -> list[str]:
    args = node.args
    return [a.id for a in args.posonlyargs + args.args + args.kwonlyargs]


def _names(node: gast.FunctionDef) -> tuple[set[str], set[str]]:
    """In one walk: :func:`~tangentish.syntax.naming.names_in` of ``node``, and the names it
    assigns (a ``Store``)."""
    taken: set[str] = set()
    assigned: set[str] = set()
    stack = [node]
    pop, push = stack.pop, stack.append
    tree, name_kind, store, function = gast.AST, gast.Name, gast.Store, gast.FunctionDef
    while stack:
        current = pop()
        kind = current.__class__
        if kind is name_kind:
            taken.add(current.id)
            if current.ctx.__class__ is store:
                assigned.add(current.id)
        elif kind is function:
            taken.add(current.name)
        for field in build.child_fields(kind):
            value = getattr(current, field, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, tree):
                        push(item)
            elif isinstance(value, tree):
                push(value)
    return taken, assigned


def _known_names(info: SourceInfo) -> tuple[set[str], set[str]]:
    """:func:`_names` of ``info.node``: as desugaring found them, if it left them and nothing
    replaced the body since (read once), else walked."""
    known, info.names = info.names, None
    node = info.node
    if known is not None and known[0] is node and known[1] is node.body:
        return set(known[2]), set(known[3])
    return _names(node)


class Lowering:
    """One function being lowered: its state and the operations on it (see the module docstring).
    """

    def __init__(self, info: SourceInfo, has_aux: bool = False,
                 reserved: set[str] | None = None, reverse: bool = True):
        self.info = info
        self.has_aux = has_aux
        self.reverse = reverse  # for reverse mode (see lower._IN_PLACE_HELPERS)
        self.aux: gast.expr | None = None
        self.params = parameters(info.node)
        taken, assigned = _known_names(info)
        self.locals = set(self.params) | assigned
        self.machinery = Machinery.choose(info, taken)
        self.seed = seed_name(taken | set(self.machinery.aliases.values()))
        self.reserved = set(self.machinery.reserved) | set(reserved or ()) | {self.seed}
        self.namer = Namer(taken | self.reserved)
        self.other_names: dict[str, str] = {}  # (see Normalized.other_names)
        self.source_names = frozenset(taken)  # every name the function's own text uses
        self.current = {p: p for p in self.params}
        self.body: list[gast.stmt] = []
        self.enclosing: list[list[gast.stmt]] = []  # the bodies of the blocks ``body`` is inside
        self.origin = info.first_line
        self.returned = False
        self.local_functions: dict[str, gast.AST] = {}  # nested defs and lambdas, see inline.py
        self.closure_cells: dict[tuple[str, str], str] = {}  # (see closures.py)
        self.inlining: list[str] = []
        self.objects: list[tuple[str, type, gast.expr]] = []  # module objects' methods inlined
        self.inlined_size = 0  # statements of module helpers inlined so far (inline_helpers.py)
        self.helper_names: set[str] = set()  # and the names their text uses (kept from temporaries)
        self.depth = 0  # expression nesting, see lower.py
        self.branches = 0  # `if`s (and `a if c else b`, `and`/`or`) around what is lowered
        self.value_branches = 0  # of those, `a if c else b` and `and`/`or` (flow.py)
        self.maybe_unbound: set[str] = set()  # names bound on some paths only (see flow.py)
        self.carried_lists: set[str] = set()  # and their names in and after the loop
        self.integers: set[str] = set()  # targets of loops over range(...) (flow.py)
        self.consumed: set[int] = set()  # calls whose items are taken at once (generator_helpers)
        self.statement_call: gast.expr | None = None  # the call an expression statement makes
        self.written: str | None = None  # what that call writes into (see writes.py)
        self.declared: list[str] = []  # of those, the ones declared unbound first
        self.root: gast.FunctionDef = info.node  # the function whose body is being lowered
        self._counts: dict[int, Counter] = {}

    # -- output ----------------------------------------------------------------------------------
    def emit(self, stmt: gast.stmt, op: Op | None = None) -> gast.stmt:
        note = ir.note(stmt)
        note.origin = self.origin
        note.op = op
        self.body.append(stmt)
        return stmt

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    def define(self, identifier: str) -> str:
        """The single-assignment name for a new definition of ``identifier``."""
        if identifier in self.current or identifier in self.params or self.inlining or \
                identifier in self.reserved:
            fresh = self.namer.fresh(identifier)
        else:
            fresh = identifier
            self.namer.reserve(fresh)
        self.current[identifier] = fresh
        return fresh

    def emit_assign(self, target: str, value: gast.expr, variable: str) -> None:
        """``target = value`` (a copy), and ``variable`` now means ``target``."""
        self.emit(build.assign(target, value),
                  Op(None, [value] if isinstance(value, gast.Name) else []))
        self.current[variable] = target

    def statement(self, stmt: gast.stmt) -> None:
        """Lower one statement into ``self.body`` (see :class:`~.normalize.Normalizer`)."""
        raise NotImplementedError

    def lower(self, expr: gast.expr) -> tuple[gast.expr, Op]:
        """One operation over atoms equivalent to ``expr`` (see :class:`~.normalize.Normalizer`).
        """
        raise NotImplementedError

    def atom(self, expr: gast.expr) -> gast.expr:
        """Lower ``expr`` and, unless it already is an atom, store it in a fresh temporary."""
        value, op = self.lower(expr)
        if op.key is None:
            return value
        temp = self.namer.derived(value)
        self.emit(build.assign(temp, value), op)
        return build.name(temp)

    def load(self, node: gast.Name) -> gast.expr:
        if node.id in self.current:
            return build.name(self.current[node.id])
        if node.id in self.local_functions:
            raise self.error(
                f"the local function {node.id!r} can only be called, not used as a value", node,
                hint="call it directly, or define it at module level and pass it along")
        if node.id in self.locals:
            raise self.error(f"local variable {node.id!r} is used before it is assigned", node,
                             hint="assign it before this line")
        reference = resolve_reference(self.info, node, self.machinery)
        if reference is None:
            raise self.error(f"name {node.id!r} is not defined", node,
                             hint="define it at module level or pass it as an argument")
        return reference.text

    def declare_unbound(self, name: str) -> None:
        """Bind ``name`` to ``_rt.UNBOUND`` on entry, so code reading it unconditionally (a loop's
        entry copy) works on the paths that never gave it a value (and raises if it is used)."""
        if name not in self.declared:
            self.declared.append(name)

    def name_counts(self) -> Counter:
        """How often each name occurs in the function being lowered (cached per function)."""
        key = id(self.root)
        if key not in self._counts:
            self._counts[key] = Counter(n.id for n in build.nodes(self.root)
                                        if isinstance(n, gast.Name))
        return self._counts[key]

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        """Lower a nested block into a list of its own (``self.current`` carries on)."""
        saved, self.body = self.body, []
        self.enclosing.append(saved)
        origin = self.origin
        for stmt in stmts:
            self.origin = stmt.lineno
            self.statement(stmt)
        block, self.body, self.origin = self.body, self.enclosing.pop(), origin
        return block

    def is_local_root(self, node: gast.AST) -> bool:
        parts = dotted(node)
        return parts is None or parts[0] in self.locals

    def is_method_call(self, func: gast.AST) -> bool:
        """Whether calling ``func`` (an attribute) calls a method of a value: of one of the
        function's own (``y.sum()``), or an array method of an array the module holds
        (``C.dot(x)``, whose rule is ``np.dot``'s as for a local array; it had none as the bound
        ``C.dot``: fuzz seed 4953, program 4)."""
        if not isinstance(func, gast.Attribute):
            return False
        if self.is_local_root(func):
            return True
        parts = dotted(func.value)  # (``C.flatten()`` copies where np.ravel may not: kept whole)
        return func.attr in METHODS and func.attr != "flatten" and parts is not None and \
            isinstance(self.info.lookup_path(parts)[1], np.ndarray)


def call_argument(norm: Lowering, node: gast.expr) -> gast.expr:
    """Call arguments: atoms, or literal tuples/lists of atoms kept in place (shapes, stacks),
    and dict displays with constant keys (a dict handed to a helper: :mod:`.displays`)."""
    if isinstance(node, (gast.Tuple, gast.List)):
        return type(node)(elts=[call_argument(norm, e) for e in node.elts], ctx=gast.Load())
    if isinstance(node, gast.Dict) and node.keys and all(
            isinstance(k, gast.Constant) and type(k.value) in (str, int) for k in node.keys):
        return gast.Dict(keys=[build.clone(k) for k in node.keys],
                         values=[call_argument(norm, v) for v in node.values])
    return norm.atom(node)


def call_label(func: gast.expr, value: Any) -> str:
    """How errors name a callable: as the user spelled it, and its qualified name if different."""
    spelled = expression_text(func)
    qualified = callable_label(value)
    return f"`{spelled}`" if qualified in (spelled, f"np.{spelled}") else \
        f"`{spelled}` ({qualified})"


def lowered_elsewhere(value: Any) -> bool:
    """Whether a call of ``value`` may be lowered by :mod:`.call_forms` though no table lists it:
    a ufunc's method (``np.add.outer``...), a function of ``scipy.spatial.distance``."""
    return isinstance(getattr(value, "__self__", None), np.ufunc) or \
        getattr(value, "__module__", None) == "scipy.spatial.distance"


def method_op(method: str, receiver: gast.expr, args: list[gast.expr],
              keywords: dict[str, gast.expr], node: gast.AST) -> Op:
    """The rule-level operation behind ``receiver.<method>(args, **keywords)``."""
    if (spec := METHODS.get(method)) is None:
        return Op(("method", method), [receiver, *args], keywords, f"the method `.{method}()`",
                  node)
    keywords = {dict(spec.rename).get(k, k): v for k, v in keywords.items()}
    if spec.varargs and args:
        packed = args[0] if len(args) == 1 else build.tuple_(list(args))
        keywords = {spec.varargs: packed, **keywords}
        args = []
    return Op(spec.function, [receiver, *args], keywords, f"the method `.{method}()`", node,
              method=True)


def attribute_op(attr: str, receiver: gast.expr, node: gast.AST) -> Op:
    """``x.T`` is a transpose, ``x.shape`` a shape query, ``r.S`` a field of a named result
    (``np.linalg.svd(a).S``); other attributes are keyed by name."""
    if attr in NAMED_RESULT_FIELDS:
        return Op(runtime.named_field, [receiver, build.constant(attr)], {},
                  f"the attribute `.{attr}`", node)
    function: Any = ATTRIBUTES.get(attr, ("attribute", attr))
    return Op(function, [receiver], {}, f"the attribute `.{attr}`", node)
