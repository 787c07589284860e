"""Shrinking a failing check to a small program that fails the same way.

Candidates come from the program's ``ast``, smallest-first in spirit: delete a statement (including
helpers, constants and imports), unwrap control flow (an ``if`` to one of its branches, a loop to
its body after binding the loop variable to a first item), drop an ``else``, drop a parameter the
check does not differentiate (and its input), drop a keyword argument, and replace a
sub-expression by one of its operands, by ``1.0`` or by a parameter.  A candidate is kept when it
is smaller (fewer nodes, then shorter text), the program is still valid at the same inputs
(finite primal, accepted by the finite-difference reference), and the same check still ends with
the same verdict (a crash: with the same exception type).  Greedy, to a fixed point or a time
budget.
"""

from __future__ import annotations

import ast
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import Outcome, normalise, prepare, wrong_kind
from .modes import Hang, run_check, time_limit
from .plan import Plan
from .program import ENTRY, Program, load, unload

PRIMAL_LIMIT = 5.0  # seconds for a candidate's primal and reference
Candidate = tuple[ast.Module, str | None]  # the new tree, and the parameter it removes (if any)


@dataclass
class Shrunk:
    program: Program
    inputs: list[Any]
    outcome: Outcome
    attempts: int
    seconds: float


def canonical(tree: ast.Module) -> str:
    parts = []
    for node in tree.body:
        text = ast.unparse(node)
        gap = "\n\n\n" if parts and (isinstance(node, ast.FunctionDef) or parts[-1][1]) else "\n"
        parts.append((gap + text if parts else text, isinstance(node, ast.FunctionDef)))
    return "".join(p for p, _ in parts) + "\n"


def same_failure(outcome: Outcome | None, target: Outcome) -> bool:
    """Same verdict, and the same kind of it: a crash or refusal with the same exception and
    message (names and numbers aside), a wrong result wrong in the same way (derivative, nan, shape, dtype,
    primal value, changed input)."""
    if outcome is None or outcome.verdict != target.verdict:
        return False
    if target.verdict in ("crash", "refused"):
        return normalise(outcome.detail) == normalise(target.detail)
    if target.verdict == "wrong":
        return wrong_kind(outcome.detail) == wrong_kind(target.detail)
    return True


def reproduce(program: Program, inputs: list[Any], plan: Plan, api: Any, folder: Path,
              limit: float) -> Outcome | None:
    """The plan's check on ``program`` at ``inputs``; ``None`` when the program is not valid there."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning for `1.0()`
            module = load(program, folder, "shrink")
    except Exception:  # noqa: BLE001
        return None
    try:
        with time_limit(PRIMAL_LIMIT):  # a candidate may have lost its loop counter
            case = prepare(program, module, list(inputs))
    except (Exception, Hang):  # noqa: BLE001  (Rejected, the primal fails or hangs: not valid)
        unload(module)
        return None
    try:
        return run_check(case, plan, api, limit)
    finally:
        unload(module)


def shrink(program: Program, inputs: list[Any], plan: Plan, target: Outcome, api: Any,
           budget: float = 60.0, limit: float = 10.0) -> Shrunk:
    start, attempts = time.monotonic(), 0
    tree = ast.parse(program.text)
    best = (program, list(inputs), target)
    seen: set[str] = set()
    size = _size(tree, program.text)
    with tempfile.TemporaryDirectory(prefix="tangentish-shrink-") as folder:
        improved = True
        while improved and time.monotonic() - start < budget:
            improved = False
            for candidate, dropped in candidates(tree, best[0], plan):
                text = canonical(candidate)
                if text in seen or _size(candidate, text) >= size:
                    continue
                seen.add(text)
                attempts += 1
                trial, trial_inputs = _apply(best[0], best[1], text, dropped)
                outcome = reproduce(trial, trial_inputs, plan, api, Path(folder), limit)
                if same_failure(outcome, target):
                    tree, best, improved = ast.parse(text), (trial, trial_inputs, outcome), True
                    size = _size(tree, text)
                    break
                if time.monotonic() - start > budget:
                    break
    return Shrunk(best[0], best[1], best[2], attempts, time.monotonic() - start)


def _size(tree: ast.AST, text: str) -> tuple[int, int]:
    return _count(tree), len(text)


def _count(node: ast.AST) -> int:
    """How many nodes ``ast.walk(node)`` yields (ctx nodes each time they occur), without its
    generators: counted for every candidate, it was a sixth of a shrink's time."""
    count = 1
    for field in node._fields:
        value = getattr(node, field, None)
        if isinstance(value, ast.AST):
            count += _count(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, ast.AST):
                    count += _count(item)
    return count


def _apply(program: Program, inputs: list[Any], text: str, dropped: str | None) -> tuple[Program, list]:
    if dropped is None:
        return program.replace(text=text), list(inputs)
    position = program.position(dropped)
    params = tuple(p for p in program.params if p.name != dropped)
    return program.replace(text=text, params=params), [v for i, v in enumerate(inputs) if i != position]


def candidates(tree: ast.Module, program: Program, plan: Plan) -> Iterator[Candidate]:
    yield from _statement_removals(tree)
    yield from _unwraps(tree)
    yield from _parameter_drops(tree, program, plan)
    yield from _expression_replacements(tree, program)


def _nodes(tree: ast.AST) -> list[ast.AST]:
    return list(ast.walk(tree))


def _clone(node: Any) -> Any:
    """A deep copy of a syntax tree (or a list of them), positions included: what
    ``copy.deepcopy`` gives, ten times faster (no memo, no pickling protocol; a tree is a tree, so
    nothing is shared).  Fields are passed to the constructor: a node built empty and filled
    afterwards is deprecated from Python 3.13."""
    if isinstance(node, list):
        return [_clone(item) for item in node]
    if not isinstance(node, ast.AST):
        return node
    new = node.__class__(**{field: _clone(getattr(node, field))
                            for field in node._fields if hasattr(node, field)})
    for attribute in node._attributes:
        if hasattr(node, attribute):
            setattr(new, attribute, getattr(node, attribute))
    return new


def _statement_lists(nodes: list[ast.AST]) -> Iterator[tuple[int, str, int]]:
    for index, node in enumerate(nodes):
        for field in ("body", "orelse"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                for position in range(len(body) - 1, -1, -1):
                    yield index, field, position


# A candidate is the tree itself, edited in place, and put back as it was when the next one is
# asked for (or when the caller drops the rest): the caller reads its text and size before
# asking again, and parses the text it keeps.  (A copy of the whole tree per candidate, walked
# and given positions, was most of a shrink's time: 10 CPU-s of the suite's shrinking test.)

def _spliced(tree: ast.Module, body: list, position: int, replacement: list,
             pad: bool) -> Iterator[Candidate]:
    """``tree`` with ``body[position]`` replaced by ``replacement`` (a ``pass`` where ``pad`` and
    the list would be empty)."""
    saved = body[position]
    body[position:position + 1] = replacement
    padded = int(pad and not body)
    if padded:
        body.append(ast.Pass())
    try:
        yield tree, None
    finally:
        body[position:position + len(replacement) + padded] = [saved]


def _with_field(tree: ast.Module, node: ast.AST, field: str, value: Any,
                dropped: str | None = None) -> Iterator[Candidate]:
    """``tree`` with ``node.field`` set to ``value``."""
    saved = getattr(node, field)
    setattr(node, field, value)
    try:
        yield tree, dropped
    finally:
        setattr(node, field, saved)


def _statement_removals(tree: ast.Module) -> Iterator[Candidate]:
    nodes = _nodes(tree)
    for index, field, position in _statement_lists(nodes):
        statement = getattr(nodes[index], field)[position]
        if isinstance(statement, ast.FunctionDef) and statement.name == ENTRY:
            continue
        yield from _spliced(tree, getattr(nodes[index], field), position, [], field == "body")


def _first_binding(loop: ast.For) -> ast.stmt:
    source = loop.iter
    if isinstance(source, ast.Call) and getattr(source.func, "id", "") == "range":
        first: ast.expr = source.args[0] if len(source.args) > 1 else ast.Constant(0)
    else:
        first = ast.Subscript(ast.Call(ast.Name("list", ast.Load()), [_clone(source)], []),
                              ast.Constant(0), ast.Load())
    return ast.fix_missing_locations(ast.copy_location(ast.Assign([_clone(loop.target)], first),
                                                       loop))


def _unwraps(tree: ast.Module) -> Iterator[Candidate]:
    nodes = _nodes(tree)
    for index, field, position in _statement_lists(nodes):
        body = getattr(nodes[index], field)
        statement, pad = body[position], field == "body"
        if isinstance(statement, ast.If):
            yield from _spliced(tree, body, position, list(statement.body), pad)
            if statement.orelse:
                yield from _spliced(tree, body, position, list(statement.orelse), pad)
                yield from _with_field(tree, statement, "orelse", [])
        elif isinstance(statement, ast.For):
            yield from _spliced(tree, body, position,
                                [_first_binding(statement), *statement.body], pad)
        elif isinstance(statement, ast.While):
            yield from _spliced(tree, body, position, list(statement.body), pad)


def _entry(tree: ast.Module) -> ast.FunctionDef:
    return next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == ENTRY)


def _parameter_drops(tree: ast.Module, program: Program, plan: Plan) -> Iterator[Candidate]:
    keep = set(plan.names())
    args = _entry(tree).args
    for param in program.params:
        if param.name in keep:
            continue
        yield from _with_field(tree, args, "args", [a for a in args.args if a.arg != param.name],
                               param.name)


def _replacements(node: ast.expr, params: list[str]) -> list[ast.expr]:
    out: list[ast.expr] = []
    if isinstance(node, ast.BinOp):
        out += [node.left, node.right]
    elif isinstance(node, ast.UnaryOp):
        out.append(node.operand)
    elif isinstance(node, ast.IfExp):
        out += [node.body, node.orelse]
    elif isinstance(node, ast.BoolOp):
        out += node.values
    elif isinstance(node, ast.Call):
        out += [a for a in node.args if not isinstance(a, ast.Starred)]
        out += [k.value for k in node.keywords]
        if isinstance(node.func, ast.Attribute) and not isinstance(node.func.value, ast.Name):
            out.append(node.func.value)  # a method call: the object it is called on
    elif isinstance(node, ast.Subscript) or isinstance(node, ast.Attribute) and node.attr == "T":
        out.append(node.value)
    if not isinstance(node, ast.Constant):
        out.append(ast.Constant(1.0))
    if isinstance(node, ast.Name) or not isinstance(node, ast.Constant):
        out += [ast.Name(p, ast.Load()) for p in params]
    return out


def _expression_replacements(tree: ast.Module, program: Program) -> Iterator[Candidate]:
    params = [p.name for p in program.float_params]
    nodes = _nodes(tree)
    callees = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
    slots = _slots(nodes)
    for node in nodes:
        if not isinstance(node, ast.expr) or isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del)):
            continue
        if id(node) in callees:
            continue
        if isinstance(node, ast.Name) and node.id in ("np", "math") or isinstance(node, ast.Attribute) \
                and isinstance(node.value, ast.Name) and node.value.id in ("np", "math"):
            continue
        for replacement in _replacements(node, params):
            if isinstance(replacement, ast.Name) and isinstance(node, ast.Name) and replacement.id == node.id:
                continue
            yield from _put(tree, *slots[id(node)], replacement)
        if isinstance(node, ast.Call) and node.keywords:
            for k in range(len(node.keywords)):
                yield from _with_field(tree, node, "keywords", node.keywords[:k] + node.keywords[k + 1:])


def _slots(nodes: list[ast.AST]) -> dict[int, tuple[ast.AST, str, int | None]]:
    """Where each node of the tree sits: its parent, the field, and the position in a list field
    (the first parent in walking order, as nodes are not shared in a parsed tree)."""
    found: dict[int, tuple[ast.AST, str, int | None]] = {}
    for parent in nodes:
        for field, value in ast.iter_fields(parent):
            if isinstance(value, ast.AST):
                found.setdefault(id(value), (parent, field, None))
            elif isinstance(value, list):
                for position, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        found.setdefault(id(item), (parent, field, position))
    return found


def _put(tree: ast.Module, parent: ast.AST, field: str, position: int | None,
         replacement: ast.expr) -> Iterator[Candidate]:
    """``tree`` with ``replacement`` in the place of the node at ``parent.field[position]``."""
    if position is None:
        yield from _with_field(tree, parent, field, replacement)
        return
    items = getattr(parent, field)
    yield from _with_field(tree, parent, field, [*items[:position], replacement, *items[position + 1:]])
