"""``try`` statements: which branch runs asked first, then the branch differentiated.

``try: L = np.linalg.cholesky(A)`` / ``except np.linalg.LinAlgError: L = ...`` picks a
computation by whether a NumPy call raises.  The derivative needs the branch that runs, and the
statements before the exception, as ordinary code; so each statement of the ``try`` block that
may raise, a call of a function with a derivative rule (pure, so computing it twice gives the
same value) on names, constants and attributes, is asked about first with
``_fails(handlers, function, *arguments)`` (``tangentish.runtime.fails``: 0 where the call
returns, else the place of the ``except`` clause that takes the exception, one none takes
propagating), and runs, differentiated, where it did not raise (one binary operation on such
operands, ``r = a / b``, is asked about as its ``operator`` function, ``operator.truediv(a,
b)``, which raises exactly where ``a / b`` does); the ``except`` clause whose
place came back runs otherwise, the ``else`` block after a ``try`` block that raised nothing,
and the ``finally`` block after either::

    _k = _fails((np.linalg.LinAlgError,), np.linalg.cholesky, A)
    if _k == 0:
        L = np.linalg.cholesky(A)
    if _k == 1:
        L = ...

Where every ``except`` clause takes ``np.linalg.LinAlgError`` only (or a subclass), a statement
calling nothing but functions with a rule outside ``numpy.linalg`` (which no other function
raises) runs in the branch too without being asked about (``logdet = 2.0 *
np.sum(np.log(np.diag(L)))`` after the Cholesky; a ``return`` of such a value; ``break``,
``continue`` and ``pass``: a loop retrying with more jitter leaves at the first that works).
A ``try`` with a ``finally`` block and no ``except`` clause is its two blocks, one after the
other (an exception leaves both the function and its derivative, this one before the
``finally`` block's prints).

Where every ``except`` clause takes ``LinAlgError`` only, an argument of the asked call that is
computed by such functions (``np.linalg.cholesky(A + 1e-6 * np.eye(n))``) is computed first,
into a name of its own (it cannot raise what the clauses take, so it leaves the ``try`` as before).
Refused at the line, naming it: another statement in the ``try`` block (a helper of the user's,
which could run twice, an argument that is computed under other clauses, an exception that can
come from anywhere),
``except ... as e`` reading ``e``, ``return``/``break``/``continue`` crossing a ``finally``
block, and ``raise`` in one (which would replace the exception).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(A):
    ...     try:
    ...         L = np.linalg.cholesky(A)
    ...     except np.linalg.LinAlgError:
    ...         L = np.eye(2)
    ...     return np.sum(L)
    >>> info = parse_function(f)
    >>> lower_try_statements(info)
    >>> print(function_text(info.node), end="")
    def f(A):
        _k = 0
        _k = _fails((np.linalg.LinAlgError,), np.linalg.cholesky, A)
        if _k == 0:
            L = np.linalg.cholesky(A)
        if _k != 0:
            L = np.eye(2)
        return np.sum(L)
"""

from __future__ import annotations

import operator
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..registry import REGISTRY
from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk

_JUMPS = (gast.Return, gast.Break, gast.Continue)


def lower_try_statements(info: SourceInfo) -> None:
    """Rewrite each ``try`` of ``info.node`` (see the module docstring), or refuse it."""
    if not any(isinstance(n, gast.Try) for n in walk(info.node)):
        return
    lowering = _Lowering(info)
    lowering.blocks(info.node)


class _Lowering:
    def __init__(self, info: SourceInfo):
        self.info = info
        self.taken = set(build.names(info.node, functions=True)) | set(info.imported)
        self.fails: str | None = None
        self.operators: dict[str, str] = {}
        self.arithmetic = False  # (every clause of the `try` at hand takes an ArithmeticError)

    def refuse(self, node: gast.AST, what: str, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(f"cannot differentiate this `try` statement: {what}",
                                         self.info.location(node), hint=hint)

    def blocks(self, node: gast.AST) -> None:
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                setattr(node, field, self.block(block))
        for handler in getattr(node, "handlers", ()):
            handler.body = self.block(handler.body)

    def block(self, block: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in block:
            self.blocks(stmt)
            if isinstance(stmt, gast.Try):
                lowered = self.lowered(stmt)
                for new in lowered:
                    for part in walk(new):
                        if getattr(part, "lineno", None) is None:
                            gast.copy_location(part, stmt)
                out.extend(lowered)
            else:
                out.append(stmt)
        return out

    def lowered(self, stmt: gast.Try) -> list[gast.stmt]:
        if stmt.finalbody:
            self._check_finally(stmt)
        if not stmt.handlers:
            return [*stmt.body, *stmt.finalbody]
        handlers = [self._handler(h) for h in stmt.handlers]
        linalg_only = all(self._linalg_error(h.type) for h in stmt.handlers)
        self.arithmetic = all(self._caught(h.type, ArithmeticError) for h in stmt.handlers)
        k = fresh_name("k", self.taken)
        head: list[gast.stmt] = [build.assign(k, build.constant(0))]  # (nothing raised yet)
        current = head
        for part in stmt.body:
            call = self._probed(part)
            if call is None and linalg_only:
                call = self._hoisted(part, current)
            if call is not None:
                current.append(build.assign(k, build.call(
                    self._fails_name(), build.tuple_(handlers), build.clone(call.func),
                    *[build.clone(a) for a in call.args],
                    **{kw.arg: build.clone(kw.value) for kw in call.keywords})))
                branch = build.if_(_equals(k, 0), [part])
                current.append(branch)
                current = branch.body
            elif linalg_only and self._safe(part):
                current.append(part)
            else:
                raise self.refuse(part, "this statement of its block may raise where it cannot "
                                  "be asked first", hint=_HINT)
        current.extend(stmt.orelse)
        chain: list[gast.stmt] = []
        for place in range(len(stmt.handlers), 0, -1):
            body = stmt.handlers[place - 1].body
            chain = body if not chain else [build.if_(_equals(k, place), body, chain)]
        return [*head, build.if_(gast.Compare(left=build.name(k), ops=[gast.NotEq()],
                                              comparators=[build.constant(0)]), chain),
                *stmt.finalbody]

    def _fails_name(self) -> str:
        if self.fails is None:
            from .. import runtime

            self.fails = fresh_name("fails", self.taken)
            self.info.imported[self.fails] = ("tangentish.runtime", ("fails",), runtime.fails)
        return self.fails

    def _operator(self, op: gast.operator) -> str:
        """A name bound to the ``operator`` module's function of ``op`` (``operator.truediv``
        for ``/``), imported into the function as ``_fails`` is."""
        function = getattr(operator, _OPERATORS[type(op).__name__])
        if function.__name__ not in self.operators:
            name = fresh_name(function.__name__, self.taken)
            self.info.imported[name] = ("operator", (function.__name__,), function)
            self.operators[function.__name__] = name
        return self.operators[function.__name__]

    def _handler(self, handler: gast.ExceptHandler) -> gast.expr:
        if handler.name is not None and any(
                isinstance(n, gast.Name) and n.id == handler.name.id
                for s in handler.body for n in walk(s)):
            raise self.refuse(handler, f"the exception is read as {handler.name.id!r}",
                              hint="handle it without reading the exception object, or handle "
                              "it outside the differentiated function")
        if handler.type is None:
            return build.name("BaseException")  # (a bare `except:`)
        return build.clone(handler.type)

    def _check_finally(self, stmt: gast.Try) -> None:
        for block in (stmt.body, stmt.orelse, stmt.finalbody,
                      *[h.body for h in stmt.handlers]):
            for node in _outside_loops(block):
                if isinstance(node, _JUMPS):
                    raise self.refuse(node, "a `return`, `break` or `continue` crosses its "
                                      "`finally` block", hint="set a variable and return (or "
                                      "leave the loop) after the `try` statement")
        for node in _outside_loops(stmt.finalbody, loops=False):
            if isinstance(node, gast.Raise):
                raise self.refuse(node, "its `finally` block raises", hint="raise after the "
                                  "`try` statement")

    def _pure(self, func: gast.expr) -> Any:
        parts = dotted(func)
        if parts is None:
            return None
        found, value = self.info.lookup_path(parts)
        try:
            return value if found and REGISTRY.known(value) else None
        except TypeError:  # (unhashable)
            return None

    def _probed(self, stmt: gast.stmt) -> gast.Call | None:
        """The call of ``stmt`` (``target = f(a, ...)``, ``f(a, ...)`` or ``return f(a, ...)``)
        when ``f`` has a rule and every argument is a name, a constant or an attribute; for
        one binary operation on such operands (``r = a / b``), the call of its ``operator``
        function (``operator.truediv(a, b)``, which dispatches as ``a / b`` does); its operands
        may read items (``x[0] / x[1]``) where every clause takes an ``ArithmeticError`` only,
        which no read raises: both then leave the ``try`` alike)."""
        value = getattr(stmt, "value", None)
        operand = _read if self.arithmetic else _plain  # (`x[0] / x[1]`: an IndexError leaves
        if isinstance(stmt, (gast.Assign, gast.Expr, gast.Return)) and \
                isinstance(value, gast.BinOp) and operand(value.left) and operand(value.right):
            return build.call(self._operator(value.op), build.clone(value.left),
                              build.clone(value.right))
        if not (isinstance(stmt, (gast.Assign, gast.Expr, gast.Return)) and
                isinstance(value, gast.Call) and self._pure(value.func) is not None):
            return None
        arguments = value.args + [k.value for k in value.keywords]
        if any(k.arg is None for k in value.keywords) or not all(
                isinstance(a, gast.Constant) or dotted(a) is not None for a in arguments):
            return None
        return value

    def _hoisted(self, stmt: gast.stmt, current: list[gast.stmt]) -> gast.Call | None:
        """The call of ``stmt`` (as :meth:`_probed` takes it) once each computed argument is
        assigned to a fresh name in ``current`` first, where every ``except`` clause takes
        ``LinAlgError`` only and the arguments call nothing that can raise it (:meth:`_safe`):
        ``L = np.linalg.cholesky(A + eps * I)`` as ``_a = A + eps * I`` before the call is
        asked about (an exception of another kind leaves both the same way); None otherwise."""
        value = getattr(stmt, "value", None)
        if not (isinstance(stmt, (gast.Assign, gast.Expr, gast.Return)) and
                isinstance(value, gast.Call) and self._pure(value.func) is not None) or \
                any(k.arg is None for k in value.keywords) or \
                any(isinstance(a, gast.Starred) for a in value.args):
            return None
        holders = [(value.args, j) for j in range(len(value.args))] + \
            [(k, "value") for k in value.keywords]
        computed = [(h, key) for h, key in holders if not _plain(_get(h, key))]
        if not all(self._safe(gast.Expr(value=_get(h, key))) for h, key in computed):
            return None
        for holder, key in computed:
            name = fresh_name("a", self.taken)
            current.append(gast.copy_location(build.assign(name, _get(holder, key)), stmt))
            _set(holder, key, build.name(name))
        return self._probed(stmt)

    def _linalg_error(self, kind: gast.expr | None) -> bool:
        import numpy as np

        return self._caught(kind, np.linalg.LinAlgError)

    def _caught(self, kind: gast.expr | None, base: type) -> bool:
        """Whether the clause's ``kind`` is ``base`` or a subclass of it (one class)."""
        parts = dotted(kind) if kind is not None else None
        found, value = self.info.lookup_path(parts) if parts else (False, None)
        return found and isinstance(value, type) and issubclass(value, base)

    def _safe(self, stmt: gast.stmt) -> bool:
        """Whether ``stmt`` calls nothing but functions with a rule outside ``numpy.linalg``
        (it cannot raise ``LinAlgError``) and is an assignment of a value (or, for
        :meth:`_hoisted`, an expression of one), a ``return`` of one, or ``break``,
        ``continue`` or ``pass`` (a retry loop's ``break`` after the Cholesky that worked)."""
        if isinstance(stmt, (gast.Break, gast.Continue, gast.Pass)):
            return True
        if not isinstance(stmt, (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Expr,
                                 gast.Return)):
            return False
        for node in walk(stmt):
            if isinstance(node, (gast.Lambda, gast.FunctionDef, *_COMPREHENSIONS)):
                return False
            if isinstance(node, gast.Call):
                value = self._pure(node.func)
                module = getattr(value, "__module__", None) or ""
                if value is None or module.startswith("numpy.linalg") or \
                        getattr(value, "__name__", "") in _LINALG_NAMES:
                    return False
        return True


_OPERATORS = {"Add": "add", "Sub": "sub", "Mult": "mul", "MatMult": "matmul", "Div": "truediv",
              "FloorDiv": "floordiv", "Mod": "mod", "Pow": "pow", "LShift": "lshift",
              "RShift": "rshift", "BitOr": "or_", "BitXor": "xor", "BitAnd": "and_"}
_COMPREHENSIONS = (gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)
_LINALG_NAMES = frozenset({"matmul", "dot", "inner", "vdot", "tensordot", "einsum", "matrix_power"})
_HINT = ("write each statement of the `try` block as one call of a NumPy function on names "
         "(`L = np.linalg.cholesky(A)`) or one operation on names (`r = a / b`), computing its "
         "arguments or operands before the `try`; or choose the "
         "branch by a test that does not raise (`if np.all(np.linalg.eigvalsh(A) > 0):`)")


def _plain(node: gast.expr) -> bool:
    """A constant, a name or an attribute: nothing to compute."""
    return isinstance(node, gast.Constant) or dotted(node) is not None


def _read(node: gast.expr) -> bool:
    """:func:`_plain`, or an item of one read by plain indices (``x[0]``, ``m[i, -1]``,
    ``x[1:]``): nothing computed that could raise an ``ArithmeticError``."""
    if isinstance(node, gast.Subscript):
        parts = node.slice.elts if isinstance(node.slice, gast.Tuple) else [node.slice]
        bounds = [b for p in parts for b in ((p.lower, p.upper, p.step)
                                             if isinstance(p, gast.Slice) else (p,))]
        return _read(node.value) and all(
            b is None or _plain(b) or isinstance(b, gast.UnaryOp) and
            isinstance(b.operand, gast.Constant) for b in bounds)
    return _plain(node)


def _get(holder: Any, key: Any) -> gast.expr:
    return holder[key] if isinstance(holder, list) else getattr(holder, key)


def _set(holder: Any, key: Any, value: gast.expr) -> None:
    if isinstance(holder, list):
        holder[key] = value
    else:
        setattr(holder, key, value)


def _equals(k: str, place: int) -> gast.Compare:
    return gast.Compare(left=build.name(k), ops=[gast.Eq()], comparators=[build.constant(place)])


def _outside_loops(block: list[gast.stmt], loops: bool = True) -> list[gast.AST]:
    """The nodes of ``block`` outside nested functions and (with ``loops``) outside the loops a
    ``break``/``continue`` inside belongs to (a ``return`` in them still crosses)."""
    found: list[gast.AST] = []
    stack = list(block)
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, (gast.FunctionDef, gast.Lambda)):
            continue
        if loops and isinstance(node, (gast.For, gast.While)):
            stack.extend(n for n in walk(gast.Module(body=node.body + node.orelse,
                                                     type_ignores=[]))
                         if isinstance(n, gast.Return))
            continue
        stack.extend(build.children(node))
    return found
