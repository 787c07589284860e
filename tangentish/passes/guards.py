"""The run-time checks of :mod:`aliases` and its refusals: before an in-place change, each other
name that may share the array's memory and is read afterwards gets
``_rt.check_unshared(changed, other, ...)``, which refuses when they do share it at run time.
The messages use the user's names: for an earlier value of the changed variable that the program
also named otherwise (``z = g``, then ``g /= v``, ``z`` read later), that other name, what it
copies and the rebinding that needs no change (``z = g.copy()``, or ``g = g / v``).

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     g = x * 1.5
    ...     s = 0.0
    ...     for i in range(2):
    ...         z = g
    ...         g /= 2.0
    ...         s = s + np.sum(z * x)
    ...     return s
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
            _rt.check_unshared(g_2, g_2, 'g', 'z', '...', copy_of='g', rebind='/')
    ...
"""

from __future__ import annotations

import ast
import functools
import io
import linecache
import re
import textwrap
import tokenize
from os.path import basename

import gast

from .. import ir, runtime
from ..errors import Location, UnsupportedConstructError
from ..ir import Op
from ..loader import is_generated
from ..provenance import located_at
from ..runtime.machinery import tape_hint
from ..syntax import build
from ..syntax.printer import operator_symbol
from .dataflow import blocks, must_define, statements, stores
from .normalize import Normalized
from .tape_kinds import TAPES


def taped(norm: Normalized, holders: list[str]) -> bool:
    """Whether the only list holding an array changed in place is the tape of a gradient being
    differentiated again, whose origin is a line of the user's: the change is then checked at
    run time against what the tape holds (each value is pushed and popped once, so a value
    popped back is usually held no more, which the points-to facts cannot tell)."""
    return is_generated(norm.info.fn) and len(holders) == 1 and user_name(holders[0]) in TAPES


def _tape_check(norm: Normalized, stmt: gast.stmt, changed: str) -> tuple[str, str] | None:
    """The user's name of the array ``stmt`` (in a gradient differentiated again) changes and
    the user's line it was made for (``('a', 'f.py:12')``), or ``None`` for a change the
    gradient makes on an array of its own (refused, :func:`_own_change_error`)."""
    where = norm.info.location(node_of(stmt))
    origin = located_at(where.filename, where.lineno)
    if origin is None or not _in_source(origin.filename, _root_name(changed)):
        return None
    return _root_name(changed), f"{basename(origin.filename)}:{origin.lineno}"


def shared_error(norm: Normalized, stmt: gast.stmt, changed: str, other: str,
                  holder: bool = True) -> UnsupportedConstructError:
    name, text = spelled(norm, changed), source_text(norm, other)
    if holder and is_generated(norm.info.fn) and user_name(other) in TAPES:
        where = norm.info.location(node_of(stmt))
        origin = located_at(where.filename, where.lineno)
        text = origin.line.strip() if origin is not None else ""
        line = f" (at {basename(origin.filename)}:{origin.lineno}: `{text}`)" if text else ""
        if origin is not None and not _in_source(origin.filename, _root_name(changed)):
            error = _own_change_error(name, origin, text)
            error.own_change = _root_name(changed)  # (pipeline: written as a new value instead)
            return error
        return UnsupportedConstructError(
            f"{name} is changed in place{line} while the gradient's tape (`{user_name(other)}`, "
            "the values its adjoint reads back) may hold it or a view of it; differentiating "
            "this gradient again cannot follow a change made through another name", where,
            hint=tape_hint(_root_name(changed)))
    shown = f"`{text}`" if text else repr(user_name(other))
    what = f"the list or tuple {shown}, which holds it (or a view of it)," if holder \
        else f"{shown}, which may share its memory,"
    if holder:  # (a copy of the list would hold the same arrays)
        hint = f"put copies in {shown} where it is made (`np.copy(...)` of each array)"
    else:
        made = f"{text}.copy()" if text else f"{user_name(other)} = {user_name(other)}.copy()"
        hint = f"copy first (`{made}` where it is made)"
    return UnsupportedConstructError(
        f"{name} is changed in place while {what} is used afterwards; the "
        "derivative cannot follow a change made through another name",
        norm.info.location(node_of(stmt)), hint=f"{hint}, or change a copy of {name}")


def _root_name(name: str) -> str:
    """The user's spelling of a name renamed once or more (``b_1_1`` → ``b``)."""
    while (shorter := user_name(name)) != name:
        name = shorter
    return name


def _in_source(filename: str, name: str) -> bool:
    """Whether ``name`` is an identifier of the user's file ``filename`` (or its text is gone)."""
    lines = linecache.getlines(filename)
    return not lines or name in _names_in("".join(lines))


def refuse_taped_change(norm: Normalized, changes: list[tuple]) -> None:
    """Refuse a gradient's change in place only its tape may see (of ``changes``: ``(stmt, name,
    tape, other sharers)``; none if another name may see one of that name's) with its spelling
    (``own_change``: ``y_2`` of ``y_2_1``), so its item writes become new values (functional_writes)."""
    spelled = []
    for stmt, name, tape, others in changes if is_generated(norm.info.fn) else ():
        at = norm.info.location(node_of(stmt))
        written = _names_in(linecache.getline(at.filename, at.lineno))
        spelled.append((next((n for n in (name, user_name(name)) if n in written), None), stmt,
                        name, tape, others))
    crowded = {entry[0] for entry in spelled if entry[4]}
    for spelling, stmt, name, tape, _ in spelled:
        if tape and spelling is not None and spelling not in crowded:
            error = shared_error(norm, stmt, name, tape[0])
            error.own_change = spelling
            raise error


def _own_change_error(name: str, origin: Location, text: str) -> UnsupportedConstructError:
    """The refusal of a change in place that the gradient makes on an array of its own (an
    adjoint it sums into, ``x_bar[i] += g``): it names the user's line it was made for, in the
    user's file, and never hints to copy an array the user did not write."""
    shown = f"`{text}` ({basename(origin.filename)}:{origin.lineno})" if text else \
        f"{basename(origin.filename)}:{origin.lineno}"
    return UnsupportedConstructError(
        f"differentiating this gradient again is not supported here: for {shown} it changes "
        f"its own {name} (no variable of yours) in place while its tape (the values its "
        "adjoint reads back) may hold it or a view of it", origin,
        hint="nothing in your code needs a copy; take this second derivative by differences "
        "of the gradient (`g = tangentish.grad(f)`, then `(g(x + h * v) - g(x - h * v)) / "
        "(2 * h)`), or report the line")


def spelled(norm: Normalized, name: str) -> str:
    """How a message names the value of ``name``: the user's variable (``'y'``), or the source
    text of the expression a temporary holds (```y[0:2]```)."""
    text = source_text(norm, name)
    return f"`{text}`" if text else repr(user_name(name))


def source_text(norm: Normalized, name: str, written: set[str] | None = None) -> str | None:
    """The user's source text of the expression ``name`` holds, when ``name`` is a temporary
    the transformation made (none of the identifiers ``written`` in the function's own text, as
    ``_seq`` for the sequence of ``for v in y[0:2]``) bound once to an expression on one line;
    else ``None``."""
    info = norm.info
    if user_name(name) in (written if written is not None else identifiers(norm)):
        return None
    entry = _entry(norm, name)
    if entry is not None:  # (a dict local's variable: `cfg['w']`)
        return entry
    bindings = [s for s in statements(norm.body) if isinstance(s, gast.Assign)
                and isinstance(s.targets[0], gast.Name) and s.targets[0].id == name]
    node = node_of(bindings[0]) if len(bindings) == 1 else None
    node = getattr(node, "value", node) if isinstance(node, gast.stmt) else node
    lineno, end = getattr(node, "lineno", None), getattr(node, "end_col_offset", None)
    if lineno is None or end is None or getattr(node, "end_lineno", lineno) != lineno:
        return None
    return info.line_text(lineno)[node.col_offset:end] or None


def _entry(norm: Normalized, name: str) -> str | None:
    """The user's text of the dict entry whose variable ``name`` (renamed or not) is."""
    while name not in norm.info.entries and (shorter := user_name(name)) != name:
        name = shorter
    return norm.info.entries.get(name)


def _target_text(norm: Normalized, stmt: gast.stmt) -> str | None:
    """The source text of what the user's statement behind ``stmt`` assigns (``w`` of ``w += 1``,
    ``c[1]`` of ``c[1] *= x``), or ``None``."""
    node = node_of(stmt)
    lineno = getattr(node, "lineno", None)
    text = norm.info.line_text(lineno).strip() if lineno is not None else ""
    try:
        tree = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        return None
    target = tree.target if isinstance(tree, ast.AugAssign) else \
        tree.targets[0] if isinstance(tree, ast.Assign) and len(tree.targets) == 1 else None
    return ast.get_source_segment(text, target) if target is not None else None


def identifiers(norm: Normalized) -> set[str]:
    """The identifiers the function's source text holds, and the helpers' inlined into it
    (not the words of its comments and strings)."""
    found: set[str] = set()
    for text in ["".join(norm.info.lines), *norm.info.borrowed.values()]:
        found |= _names_in(text)
    return found


@functools.lru_cache(maxsize=16)
def _names_in(text: str) -> frozenset[str]:
    """The identifiers of ``text`` (remembered: a second derivative asks this of a user's whole
    file once per change in place it checks, and tokenizing a long test module took seconds)."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(textwrap.dedent(text)).readline)
        return frozenset(token.string for token in tokens if token.type == tokenize.NAME)
    except (tokenize.TokenError, SyntaxError):  # (a line alone: every word in it)
        return frozenset(re.findall(r"[^\W\d]\w*", text))


def node_of(stmt: gast.stmt) -> gast.AST:
    op = ir.note(stmt).op
    return op.node if op is not None and op.node is not None else stmt


def insert_guards(norm: Normalized, guards: list[tuple[gast.stmt, str, list[str]]]) -> None:
    info = norm.info
    runtime_alias = norm.machinery.aliases["_rt"]
    written = identifiers(norm) if guards else set()
    for stmt, changed, others in guards:
        surely = _surely_at(norm.body, stmt, set(norm.params), not is_generated(info.fn))
        block = _block_of(norm.body, stmt)
        place = f"{info.short_filename}:{ir.note(stmt).origin or info.first_line}"
        checks = []
        for other in others:
            if other not in surely and _early_result(norm, other):
                continue  # never bound where a change runs (see _early_result)
            if other not in surely:  # read later but maybe unbound here: bound on entry
                _declare_unbound(norm, stmt, changed, other)
            label, named, where, keywords = _words(norm, stmt, changed, other, written, place)
            index = _written_index(stmt)
            if index is not None and ir.note(stmt).in_place:  # (x a caller's list: its item)
                keywords = {**keywords, "in_place": build.constant(True)}
            check = build.call(f"{runtime_alias}.check_unshared", build.name(changed),
                               build.name(other), build.constant(label),
                               build.constant(named), build.constant(where), **keywords)
            if index is not None:  # x[i] = v: only what it overwrites must not be shared
                check.args.append(build.slice_as_expression(build.clone(index)))
            checks.append(_check(check, stmt, runtime.check_unshared))
        index = next(i for i, s in enumerate(block) if s is stmt)
        block[index:index] = checks


def _words(norm: Normalized, stmt: gast.stmt, changed: str, other: str, written: set[str],
           place: str) -> tuple[str, str, str, dict[str, gast.expr]]:
    """The check's names for ``changed`` and ``other``, where it cites, and its keywords."""
    named, keywords = _named(norm, stmt, changed, other, written)
    label = user_name(changed)  # (a list's item: its source text, `xs[0]`)
    if ir.note(stmt).item_of is not None:
        label = source_text(norm, changed, written) or label
    elif label not in written:  # (a name of the transform's, `cfg_w`: what the line changes)
        label = _target_text(norm, stmt) or source_text(norm, changed, written) or label
    elif "copy_of" in keywords and named != label and _target_text(norm, stmt) == named:
        label, named = named, label  # (`e = s`, then `e -= e`: the user changed `e`)
    if taped(norm, [other]):  # (the user's array and line: `a8`, f.py:17)
        found = _tape_check(norm, stmt, changed)
        if found is None:
            raise shared_error(norm, stmt, changed, other)
        item = _written_index(stmt) is not None and isinstance(stmt.targets[0].value, gast.Name)
        return found[0], named, found[1], {"tape": build.constant(True), "item": build.constant(item)}
    if other == ir.note(stmt).item_of:  # xs[i] op= v: xs's other items must not share
        keywords = {"skip": _item_index(norm, changed)}
    found = _tape_check(norm, stmt, changed) if is_generated(norm.info.fn) else None
    return label, named, found[1] if found else place, keywords  # (the user's line)


def _declare_unbound(norm: Normalized, stmt: gast.stmt, changed: str, other: str) -> None:
    """Bind the local ``other``, maybe unbound where ``stmt`` changes ``changed`` in place, to
    the placeholder ``_rt.UNBOUND`` on entry (unless it already is), so the check can read it:
    the placeholder shares no memory, and using it raises as an unbound name does.  (A name
    bound only in a branch an early ``return`` leaves, ``s = ...`` there: surely bound here.)"""
    if is_generated(norm.info.fn) or not any(other in stores(s) for s in statements(norm.body)):
        raise shared_error(norm, stmt, changed, other, holder=False)  # (not a local: no check)
    if any(ir.note(s).placeholder and stores(s) == {other} for s in norm.body):
        return
    placeholder = build.assign(other, build.attribute(
        build.name(norm.machinery.aliases["_rt"]), "UNBOUND"))
    ir.note(placeholder).origin = norm.info.first_line
    ir.note(placeholder).op = Op(None, [])
    ir.note(placeholder).placeholder = True
    norm.body.insert(0, placeholder)


def _check(call: gast.Call, stmt: gast.stmt, key: object) -> gast.stmt:
    """The run-time check ``call`` as a statement kept before ``stmt`` (cited at its line)."""
    guard = build.expression(call)
    ir.note(guard).origin = ir.note(stmt).origin
    ir.note(guard).op = Op(key, [], label="a check")
    ir.note(guard).keep = True
    return guard


def _early_result(norm: Normalized, name: str) -> bool:
    """Whether ``name`` is (a version of) the variable the function's own early returns assign.
    Desugaring binds it only together with the flag ``_done``, after which nothing but the final
    ``return`` runs (a loop is left by ``break``, later code is under ``if not _done``): where an
    in-place change runs, it holds nothing yet, so it shares no memory.  (An inlined helper's
    result variable is bound for the caller's later code: not this one's.)"""
    result = norm.info.early_result
    return result is not None and (name == result or user_name(name) == result)


def _named(norm: Normalized, stmt: gast.stmt, changed: str, other: str, written: set[str]
           ) -> tuple[str, dict[str, gast.expr]]:
    """The user's name for ``other`` in the check's message, and the check's keywords: for an
    earlier value of the variable changed that the program also gave another name (``z = g``,
    then ``g /= v``), that name, what it copies, and the operator rebinding ``g`` would use; for
    a temporary, the source text of the expression it holds."""
    text = source_text(norm, other, written)
    if text is not None:  # a temporary: the user's expression
        return text, {"text": build.constant(True)}
    name, alias = user_name(other), norm.other_names.get(other)
    if alias is not None and alias not in written and user_name(alias) not in written:
        alias = None  # a temporary (``_seq = g`` for a loop over ``g``): no name of the user's
    if name != user_name(changed) or alias is None or user_name(alias) == name:
        return name, {}
    keywords = {"copy_of": build.constant(_entry(norm, name) or name)}  # (`cfg['w']`: cfg_w)
    value = getattr(stmt, "value", None)
    if ir.note(stmt).augments is not None and isinstance(value, gast.BinOp):
        keywords["rebind"] = build.constant(operator_symbol(value.op))
    return _entry(norm, alias) or alias, keywords


def _item_index(norm: Normalized, item: str) -> gast.expr:
    """The index ``i`` of ``item = xs[i]``, the item of a list an augmented assignment changes."""
    binding = next(s for s in statements(norm.body) if isinstance(s, gast.Assign) and
                   isinstance(s.targets[0], gast.Name) and s.targets[0].id == item)
    return build.slice_as_expression(build.clone(binding.value.slice))


def _written_index(stmt: gast.stmt) -> gast.expr | None:
    """The index of ``x[index] = v`` (``None`` for other in-place changes)."""
    if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Subscript):
        return stmt.targets[0].slice
    return None


def _surely_at(body: list[gast.stmt], target: gast.stmt, inherited: set[str],
               placeholders: bool = True) -> set[str] | None:
    """The names bound on every path reaching ``target`` (``None`` if it is not in ``body``).
    A placeholder ``x = _rt.UNBOUND`` binds ``x`` too: a check given the placeholder finds it
    shares no memory, and given a later value checks that (``s = ...`` in one branch, the
    other an early ``return``, then ``e = s; e -= e``)."""
    surely = set(inherited)
    for stmt in body:
        if stmt is target:
            return surely
        if isinstance(stmt, ir.COMPOUND):
            for inner in (stmt.body, stmt.orelse):
                found = _surely_at(inner, target, surely, placeholders)
                if found is not None:
                    return found
        surely |= must_define([stmt]) | (stores(stmt) if placeholders and ir.note(stmt).placeholder
                                         else set())
    return None


def _block_of(body: list[gast.stmt], target: gast.stmt) -> list[gast.stmt]:
    for block in blocks(body):
        if any(s is target for s in block):
            return block
    raise ValueError("statement not found")


def user_name(name: str) -> str:
    """The user's spelling of a single-assignment name (``x_2`` → ``x``)."""
    base, _, suffix = name.rpartition("_")
    return base if suffix.isdigit() and base else name


def insert_module_checks(norm: Normalized, checks: list[tuple[gast.stmt, str, list[str]]]) -> None:
    """Before each augmented assignment whose value may be a module-level array or list (or a
    view of one), ``_rt.check_not_module(v, W, 'v', 'W', place)``: in place on such a value,
    ``v += e`` would write into the user's global, which the derivative never does; before each
    other change of a name that may hold one (``v[i] = e``), the same with ``update=True``."""
    runtime_alias = norm.machinery.aliases["_rt"]
    written = identifiers(norm) if checks else set()
    for stmt, changed, modules in checks:
        block = _block_of(norm.body, stmt)
        place = f"{norm.info.short_filename}:{ir.note(stmt).origin or norm.info.first_line}"
        label = user_name(changed)  # (a list's item: its source text, `c[1]`)
        if ir.note(stmt).item_of is not None:
            label = source_text(norm, changed, written) or label
        value = getattr(stmt, "value", None)
        operator = {"rebind": build.constant(operator_symbol(value.op))} \
            if isinstance(value, gast.BinOp) and not ir.note(stmt).updates else {}
        if ir.note(stmt).updates:  # (``v[i] = e``: no augmented assignment)
            operator["update"] = build.constant(True)
        made = [_check(build.call(f"{runtime_alias}.check_not_module", build.name(changed),
                                  build.name(module), build.constant(label),
                                  build.constant(module), build.constant(place), **operator),
                       stmt, runtime.check_not_module) for module in modules]
        index = next(i for i, s in enumerate(block) if s is stmt)
        block[index:index] = made
