"""An iterator a function takes of a sequence and advances with ``next`` (``it = iter(params)``,
then ``W = next(it)``, ``b = next(it)``), as the list of its items and a count of those taken.

``iter(seq)`` holds a position in ``seq`` that ``next`` moves on, which no rule can follow.  Bound
once, by a statement of the function's own body (or of a branch's or a loop's body, when only
the statements after it in that body use ``it``), ``it = iter(seq)`` is ``it = list(seq)`` (the
items the iterator will give, in its order: the rows of an array, the keys of a dict) and
``it_1 = 0`` (how many it has given), and each use of ``it`` reads them:

- ``v = next(it)`` (a statement of its own, anywhere after: in a loop, a branch) is ``if it_1 >=
  len(it): raise StopIteration``, then ``v = it[it_1]`` and ``it_1 = it_1 + 1``; ``v =
  next(it, d)`` is ``v = it[it_1] if it_1 < len(it) else d`` (``d`` evaluated only then, as
  Python does) and the count moved on where there was an item; ``next(it)`` alone skips one;
- ``for v in it:`` (``for i, v in enumerate(it):``) runs over what is left, ``it[it_1:]``,
  counting each item as it takes it (a ``break`` leaves the rest for later), and ``list(it)``,
  ``tuple(it)``, ``sum(it)``, ``sorted(it)``, ``max(it)``, ``min(it)`` and a list comprehension
  over it (or a generator one of those takes), in a statement that always evaluates it, take it
  all (``it`` itself where nothing can have been taken yet).

An iterator of the builtins bound to a name, ``m = map(f, xs)`` (``filter``, ``zip``,
``enumerate``, ``reversed``), is the same with ``m = list(map(f, xs))``; a name its lambda reads
bound again after it (``map(lambda v: v * s, x)``, then ``s = 3.0``) is refused.

The items are listed when ``iter`` is called, so the rewrite is Python's iterator only while
``seq`` stays as it was: a function that changes a value in place after the ``iter`` statement
(up to the last read of ``it``)
(an item or attribute assigned, a method such as ``append``, or ``seq`` handed to one of its own
functions, which may change it) is refused naming the statement, and so is ``it`` used any other
way (passed on, ``next(it)`` inside an expression, advanced in a loop over it), rebound, or
bound by ``iter`` of a callable and a sentinel.  (A display, a comprehension or a new list,
``iter([a, b])``, ``iter(list(x))``, is held by nothing else: no check.)

    >>> import ast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(params, x):
    ...     it = iter(params)
    ...     w = next(it)
    ...     b = next(it, 0.0)
    ...     return w * x + b
    >>> print(ast.unparse(gast.gast_to_ast(parse_function(f).node)))
    def f(params, x):
        it = list(params)
        it_1 = 0
        if it_1 >= len(it):
            raise StopIteration
        w = it[it_1]
        it_1 = it_1 + 1
        b = it[it_1] if it_1 < len(it) else 0.0
        it_1 = it_1 + 1 if it_1 < len(it) else it_1
        return w * x + b
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from ..errors import UnsupportedConstructError
from . import build
from .tree_walk import walk

_READ = ("iter", "next", "len", "list", "tuple", "StopIteration")  # (the builtins it reads)
MUTATING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
                       "fill", "put", "itemset", "resize", "setflags", "partition", "update",
                       "setdefault", "popitem", "add", "discard", "__setitem__", "copyto", "at",
                       "place", "putmask", "fill_diagonal", "put_along_axis"})  # (np.copyto...)


def replace_iterators(info, builtin: Callable[[str], bool]) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    node = info.node
    if any(not builtin(n) for n in _READ) or any(
            isinstance(n, gast.Name) and n.id in _READ and not isinstance(n.ctx, gast.Load)
            for n in walk(node)):
        return
    taken = set(build.names(node, functions=True))
    for stmt in list(node.body):
        made = _made(stmt, builtin)
        if made is not None:
            it = stmt.targets[0].id
            _Rewrite(info, it, made, taken).run(node.body, node.body.index(stmt))
    for block in _inner_blocks(node.body):
        for stmt in list(block):
            made = _made(stmt, builtin)
            if made is not None and _only_after(node, block, stmt):
                _Rewrite(info, stmt.targets[0].id, made, taken).run(block, block.index(stmt))


def _inner_blocks(body: list[gast.stmt]) -> list[list[gast.stmt]]:
    """The statement lists of the branches and loops in ``body`` (any depth; no nested def's)."""
    blocks = []
    for stmt in body:
        if isinstance(stmt, (gast.If, gast.For, gast.While, gast.With)):
            for block in (stmt.body, getattr(stmt, "orelse", [])):
                blocks += [block, *_inner_blocks(block)]
    return blocks


def _only_after(node: gast.FunctionDef, block: list[gast.stmt], made: gast.stmt) -> bool:
    """Whether every mention of the iterator ``made`` binds in a branch or a loop is ``made``'s
    or one after it in the same block (in a loop, each pass binds it anew before using it):
    then the rewrite of the rest of the block is all of it."""
    it = made.targets[0].id

    def count(nodes) -> int:
        return sum(isinstance(n, gast.Name) and n.id == it for s in nodes for n in walk(s))

    return count(node.body) == count(block[block.index(made):])


_FRESH = (gast.List, gast.Tuple, gast.ListComp, gast.GeneratorExp)


def _fresh_call(seq: gast.expr) -> bool:
    """``list(...)``, ``tuple(...)`` or ``sorted(...)`` (a new sequence; shadowed, it is
    checked as any other: the rewrite runs only where the builtins it reads are the builtins)."""
    return isinstance(seq, gast.Call) and isinstance(seq.func, gast.Name) and \
        seq.func.id in ("list", "tuple", "sorted")


def _made(stmt: gast.stmt, builtin: Callable[[str], bool]) -> gast.expr | None:
    """``seq`` of ``it = iter(seq)``; the call of ``it = map(f, xs)`` (``filter``, ``zip``,
    ``enumerate``, ``reversed`` of the builtins: an iterator too, whose items ``list`` takes);
    else ``None``."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call) and
            isinstance(stmt.value.func, gast.Name)):
        return None
    call = stmt.value
    if call.func.id == "iter" and len(call.args) == 1 and not call.keywords and \
            not isinstance(call.args[0], gast.Starred):
        return call.args[0]
    if call.func.id in _ITERATORS and builtin(call.func.id) and \
            not any(isinstance(a, gast.Starred) for a in call.args):
        return call
    return None


def bound_to_numbers(node: gast.FunctionDef) -> set[str]:
    """The names ``node`` binds to number constants only, then ``op=`` (``total = 0.0``)."""
    numbers = {id(n.targets[0]) for n in walk(node) if isinstance(n, gast.Assign) and
               len(n.targets) == 1 and isinstance(n.value, gast.Constant)} | {
        id(n.target) for n in walk(node) if isinstance(n, gast.AugAssign)}
    stores = [n for n in walk(node) if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)]
    return {n.id for n in stores if id(n) in numbers} - build.parameter_names(node.args) - {
        n.id for n in stores if id(n) not in numbers}


_ITERATORS, _TAKERS = ("map", "filter", "zip", "enumerate", "reversed"), (
    "list", "tuple", "sum", "sorted", "max", "min")  # (a taker takes every item left)


class _Rewrite:
    def __init__(self, info, it: str, seq: gast.expr, taken: set[str]):
        self.info, self.it, self.seq = info, it, seq
        k = 1
        while f"{it}_{k}" in taken:
            k += 1
        self.count = f"{it}_{k}"
        taken.add(self.count)
        self.moved = False  # (whether an item may have been taken where a statement reads it)
        self.numbers = bound_to_numbers(info.node)  # (`m = map(...)`: listed now, it may read
        self.strict = isinstance(seq, gast.Call) and isinstance(seq.func, gast.Name) and \
            seq.func.id in _ITERATORS  # any array another name holds; iter: items as they are)

    def refuse(self, node: gast.AST, what: str) -> UnsupportedConstructError:
        maker = self.seq.func.id if self.seq.__class__ is gast.Call and \
            isinstance(self.seq.func, gast.Name) and self.seq.func.id in _ITERATORS else "iter"
        return UnsupportedConstructError(
            f"cannot differentiate the iterator {self.it!r} (`{self.it} = {maker}(...)`): {what}",
            self.info.location(node),
            hint=f"take its items with `{self.it}_items = list(...)` and index them, or use only "
            f"`v = next({self.it})` statements and a last `for v in {self.it}:` after an `iter` "
            "statement past which nothing changes in place")

    def run(self, body: list[gast.stmt], place: int) -> None:
        made = body[place]
        after = body[place + 1:]
        reads = [k for k, stmt in enumerate(after) if any(self._is_it(n) for n in walk(stmt))]
        if reads and not isinstance(self.seq, _FRESH) and not _fresh_call(self.seq):
            self._check(after[:reads[-1] + 1])  # (a display or a new list: nothing else holds
            # it; past its last read, no change reaches what the iterator gives)
        body[place:] = [gast.copy_location(build.assign(self.it, build.call("list", self.seq)),
                                           made),
                        gast.copy_location(build.assign(self.count, build.constant(0)), made),
                        *self._block(after)]
        for stmt in body[place:]:
            for part in walk(stmt):
                if getattr(part, "lineno", None) is None:
                    gast.copy_location(part, stmt)

    def _check(self, after: list[gast.stmt]) -> None:
        seq_names = self._holders()
        lambdas = [n for n in walk(self.seq) if isinstance(n, gast.Lambda)]
        read = {n.id for f in lambdas for n in walk(f.body) if isinstance(n, gast.Name)} - {
            a.id for f in lambdas for a in walk(f.args) if isinstance(a, gast.Name)}
        for stmt in after:
            for node in walk(stmt):
                if isinstance(node, gast.Name) and node.id in read and \
                        not isinstance(node.ctx, gast.Load):
                    raise self.refuse(node, f"its lambda reads {node.id!r}, bound again after "
                                      "it (the lambda would read the new value)")
                if isinstance(node, gast.Name) and node.id == self.it and \
                        not isinstance(node.ctx, gast.Load):
                    raise self.refuse(node, "it is bound again")
                if isinstance(node, (gast.Subscript, gast.Attribute)) and \
                        isinstance(node.ctx, (gast.Store, gast.Del)):
                    raise self.refuse(stmt, "the function changes a value in place after it "
                                      "(the iterator would see the change)")
                if isinstance(node, gast.AugAssign) and isinstance(node.target, gast.Name) and \
                        (node.target.id in seq_names or self.strict and
                         node.target.id not in self.numbers):
                    raise self.refuse(stmt, f"`{node.target.id} op= ...` after it may change "
                                      "the sequence it iterates (`xs += [v]` extends a list)")
                if isinstance(node, gast.Call) and (isinstance(node.func, gast.Attribute) and
                                                    node.func.attr in MUTATING or
                                                    any(k.arg == "out" for k in node.keywords)):
                    raise self.refuse(stmt, f"`.{node.func.attr}(...)` after it may change "
                                      "the sequence it iterates")
                if isinstance(node, gast.Call) and self._own_function(node.func) and any(
                        isinstance(n, gast.Name) and n.id in seq_names
                        for a in node.args + [k.value for k in node.keywords] for n in walk(a)):
                    raise self.refuse(stmt, "the sequence it iterates is handed to a function "
                                      "that may change it")

    def _holders(self) -> set[str]:
        """The names ``seq`` mentions, and those a plain ``b = a`` binds to one of them (which
        may hold the same list)."""
        held = {n.id for n in walk(self.seq) if isinstance(n, gast.Name)}
        copies = [(t.id, n.value.id) for n in walk(self.info.node)
                  if isinstance(n, gast.Assign) and isinstance(n.value, gast.Name)
                  for t in n.targets if isinstance(t, gast.Name)]
        grown = True
        while grown:
            before = len(held)
            held |= {target for target, source in copies if source in held}
            grown = len(held) > before
        return held

    def _own_function(self, func: gast.expr) -> bool:
        """Whether ``func`` may be a function of the user's (no builtin, no ``np.sum``)."""
        if isinstance(func, gast.Name):
            found, value = self.info.lookup(func.id)
            return not found or getattr(value, "__module__", None) not in ("builtins",) and \
                hasattr(value, "__code__")
        return not isinstance(func, gast.Attribute) or not isinstance(func.value, gast.Name) or \
            self.info.lookup(func.value.id)[1].__class__.__name__ != "module"

    def _block(self, block: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in block:
            if any(isinstance(n, gast.Name) and n.id == self.it for n in walk(stmt)):
                out.extend(self._statement(stmt))
            else:
                out.append(stmt)
        return out

    def _statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        done = self._read(stmt)
        self.moved = True  # (what comes after may find items taken)
        return done

    def _read(self, stmt: gast.stmt) -> list[gast.stmt]:
        if isinstance(stmt, (gast.For, gast.While)):
            self.moved = True  # (a second pass finds the items the first took)
        advanced = self._advanced(stmt)
        if advanced is not None:
            return advanced
        holder = self._loop_over(stmt)
        if holder is not None:
            if any(isinstance(n, gast.Name) and n.id == self.it for s in stmt.body + stmt.orelse
                   for n in walk(s)):
                raise self.refuse(stmt, "it is advanced inside a loop over it")
            holder(self._rest())  # (each item taken counted first: a `break` leaves the
            stmt.body = [gast.copy_location(self._step(), stmt), *stmt.body]  # rest to come)
            return [stmt]
        if isinstance(stmt, (gast.If, gast.For, gast.While)) and not any(
                isinstance(n, gast.Name) and n.id == self.it
                for n in walk(stmt.test if isinstance(stmt, (gast.If, gast.While)) else
                              gast.Tuple(elts=[stmt.target, stmt.iter], ctx=gast.Load()))):
            stmt.body = self._block(stmt.body)
            stmt.orelse = self._block(stmt.orelse)
            return [stmt]
        if self._listed(stmt):
            taken = build.assign(self.count, build.call("len", build.name(self.it)))
            return [stmt] if isinstance(stmt, gast.Return) else \
                [stmt, gast.copy_location(taken, stmt)]
        raise self.refuse(stmt, "it is used here other than by `v = next(it)`, `next(it, "
                          "default)`, `for v in it:`, `list(it)`, `sum(it)` or a comprehension "
                          "over it")

    def _loop_over(self, stmt: gast.stmt) -> Callable[[gast.expr], None] | None:
        """For ``for v in it:`` or ``for i, v in enumerate(it, ...)`` (one item of ``it`` per
        pass), what puts the loop's new operand in place of ``it``; ``None`` else."""
        if not isinstance(stmt, gast.For):
            return None
        if self._is_it(stmt.iter):
            return lambda value: setattr(stmt, "iter", value)
        call = stmt.iter
        if isinstance(call, gast.Call) and isinstance(call.func, gast.Name) and \
                call.func.id == "enumerate" and self.info.is_builtin("enumerate") and \
                call.args and self._is_it(call.args[0]) and \
                sum(self._is_it(n) for n in walk(call)) == 1:
            return lambda value: call.args.__setitem__(0, value)
        return None

    def _step(self) -> gast.Assign:
        return build.assign(self.count, gast.BinOp(left=build.name(self.count), op=gast.Add(),
                                                   right=build.constant(1)))

    def _is_it(self, node: gast.AST) -> bool:
        return isinstance(node, gast.Name) and node.id == self.it

    def _next(self, node: gast.AST) -> gast.Call | None:
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
                node.func.id == "next" and 1 <= len(node.args) <= 2 and not node.keywords and \
                self._is_it(node.args[0]) and not (len(node.args) == 2 and any(
                    self._is_it(n) for n in walk(node.args[1]))):
            return node
        return None

    def _advanced(self, stmt: gast.stmt) -> list[gast.stmt] | None:
        """``v = next(it)``, ``v = next(it, d)`` or ``next(it)`` alone, as the module docstring
        says; ``None`` for any other statement."""
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1:
            call, target = self._next(stmt.value), stmt.targets[0]
        elif isinstance(stmt, gast.Expr):
            call, target = self._next(stmt.value), None
        else:
            return None
        if call is None or target is not None and any(self._is_it(n) for n in walk(target)):
            return None
        item = build.subscript(build.name(self.it), build.name(self.count))
        left = gast.Compare(left=build.name(self.count), ops=[gast.Lt()],
                            comparators=[build.call("len", build.name(self.it))])
        step = self._step().value
        if len(call.args) == 1:
            out = [build.if_(gast.Compare(left=build.name(self.count), ops=[gast.GtE()],
                                          comparators=[build.call("len", build.name(self.it))]),
                             [gast.Raise(exc=build.name("StopIteration"), cause=None)])]
            if target is not None:
                out.append(build.assign(target, item))
            out.append(build.assign(self.count, step))
        else:
            value = gast.IfExp(test=left, body=item, orelse=call.args[1])
            out = [build.assign(target, value)] if target is not None else \
                [gast.Expr(value=value)]
            out.append(build.assign(self.count, gast.IfExp(
                test=build.clone(left), body=step, orelse=build.name(self.count))))
        return [gast.copy_location(s, stmt) for s in out]

    def _rest(self) -> gast.expr:
        if not self.moved:  # (none taken yet, outside a loop: all of them, as listed)
            return build.name(self.it)
        return build.subscript(build.name(self.it), gast.Slice(
            lower=build.name(self.count), upper=None, step=None))

    def _listed(self, stmt: gast.stmt) -> bool:
        """Whether ``stmt`` reads ``it`` once, where it takes every item left whenever it runs:
        the one argument of ``list``, ``tuple``, ``sum`` (a start too), ``sorted``, ``max`` or
        ``min`` (its keywords too), or the first ``for`` of a list comprehension or of a
        generator one of those takes; now reading ``it[it_1:]``."""
        value = getattr(stmt, "value", None)
        targets = getattr(stmt, "targets", [getattr(stmt, "target", None)])
        if not isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Return, gast.Expr)) or \
                value is None or sum(self._is_it(n) for n in walk(stmt)) != 1 or \
                any(self._is_it(n) for t in targets if t is not None for n in walk(t)):
            return False
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, (gast.IfExp, gast.BoolOp)):  # (only the part always evaluated)
                stack.append(node.test if isinstance(node, gast.IfExp) else node.values[0])
            elif self._taken(node):
                return True
            elif isinstance(node, (gast.ListComp, gast.SetComp, gast.GeneratorExp,
                                   gast.DictComp)):
                stack.append(node.generators[0].iter)
            elif isinstance(node, gast.AST) and not isinstance(node, gast.Lambda):
                stack.extend(build.children(node))
        return False

    def _taken(self, node: gast.AST) -> bool:
        """Whether ``node`` takes ``it`` whole (:meth:`_listed`), now reading the items left."""
        if isinstance(node, gast.ListComp) and self._is_it(node.generators[0].iter):
            node.generators[0].iter = self._rest()
            return True
        if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and
                node.func.id in _TAKERS and self.info.is_builtin(node.func.id) and node.args and
                len(node.args) <= (2 if node.func.id == "sum" else 1)):
            return False
        first = node.args[0]
        if self._is_it(first):
            node.args[0] = self._rest()
            return True
        if isinstance(first, gast.GeneratorExp) and self._is_it(first.generators[0].iter):
            first.generators[0].iter = self._rest()
            return True
        return False
