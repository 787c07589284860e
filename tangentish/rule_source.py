"""Where a rule's syntax comes from: the lambdas of the shortcuts and the template functions, read
from their file through :mod:`linecache` and parsed one top-level statement at a time (a rule
file holds hundreds of rules; a ``grad()`` asks for a few, and parsing a whole file, or
``inspect.getsource``'s tokenizing of it, costs a first ``grad()`` milliseconds); and a template
function parsed and checked into a :class:`~tangentish.registry.Template`
(:func:`parse_template`: apart from the registry, which a derivative read back from the persistent
cache consults without parsing anything, or importing gast).
"""

from __future__ import annotations

import ast
import functools
import inspect
import linecache
import textwrap
from collections import ChainMap
from collections.abc import Callable, Hashable
from types import CodeType

import gast

from .errors import RuleDefinitionError
from .registry import ADJOINT, TANGENT, Template
from .syntax.build import node_list
from .syntax.convert import ast_to_gast
from .syntax.tree_walk import walk

GUARD = "guard"  # (a rule class's checks before both halves: :func:`guarded`)


def template_source(fn: Callable) -> str:
    """The source of the template function ``fn``, dedented, as ``inspect.getsource`` gives it
    (its decorators, then its lines to the end of its body), read from the top-level statement
    around it; ``inspect.getsource``'s when that statement does not show it."""
    code = fn.__code__
    lines = linecache.getlines(code.co_filename, getattr(fn, "__globals__", None))
    first = code.co_firstlineno
    for stmt in _statement_around(lines, first):
        for node in walk(stmt):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                    node.name == code.co_name and \
                    min([node.lineno, *(d.lineno for d in node.decorator_list)]) == first:
                return textwrap.dedent("".join(lines[first - 1:node.end_lineno]))
    return textwrap.dedent(inspect.getsource(fn))


@functools.lru_cache(maxsize=16)
def _statements(text: str) -> list[ast.stmt]:
    """The top-level statements of a source file (parsed once per file)."""
    return ast.parse(text).body


def _lambdas_on(lines: list[str], line: int) -> list[ast.Lambda]:
    """The lambdas whose ``lambda`` keyword is on ``line``, found in the top-level statement
    around it only (a rule file holds hundreds of lambdas; a grad() asks for a few).  That
    statement is parsed alone when the lines around it allow (parsing the whole file costs
    milliseconds per rule file on the first grad()), else the whole file is."""
    def on_line(body: list[ast.stmt]) -> list[ast.Lambda]:
        return [node for stmt in body if stmt.lineno <= line <= stmt.end_lineno
                for node in _walk_line(stmt, line) if isinstance(node, ast.Lambda)
                and node.lineno == line]

    found = on_line(_statement_around(lines, line))
    return found or on_line(_statements("".join(lines)))


def _walk_line(stmt: ast.stmt, line: int) -> list[ast.AST]:
    """The nodes of ``stmt`` in ``ast.walk``'s order, without the expressions wholly off ``line`` (an
    expression's parts lie within it: none of theirs starts on ``line`` either)."""
    if stmt.lineno == stmt.end_lineno:  # (one line: nothing to leave out)
        return list(walk(stmt))
    found, index, tree, expr = [stmt], 0, ast.AST, ast.expr
    while index < len(found):  # (syntax/tree_walk.py's loop, pruned)
        node = found[index]
        index += 1
        for field in node._fields:
            value = getattr(node, field, None)
            for child in value if isinstance(value, list) else (value,):
                if isinstance(child, tree) and (not isinstance(child, expr)
                                                or child.lineno <= line <= child.end_lineno):
                    found.append(child)
    return found


def _statement_around(lines: list[str], line: int) -> list[ast.stmt]:
    """The statements of the lines from the last one at or above ``line`` (1-based) that starts at
    column 0 to the next such line (past the ``def`` or ``class`` that decorators there decorate),
    parsed at their own line numbers; ``[]`` if they do not parse alone (an ``else:``, a string)."""
    def starts(text: str) -> bool:
        return bool(text) and not text[0].isspace() and text[0] not in ")]}#"

    start = min(line, len(lines)) - 1
    while start > 0 and not starts(lines[start]):
        start -= 1
    stop = line
    while stop < len(lines) and (not starts(lines[stop]) or all(
            text.startswith("@") for text in lines[start:stop] if starts(text))):
        stop += 1
    return _parsed_at(start, "".join(lines[start:stop]))


@functools.lru_cache(maxsize=64)  # (the lambdas of one shortcut call share its statement)
def _parsed_at(start: int, text: str) -> list[ast.stmt]:
    """``text`` parsed at line ``start + 1`` (blank lines stand for those above: the file's line
    numbers, none to renumber); ``[]`` if it does not parse alone.  Kept: its callers only read
    the trees."""
    try:
        return ast.parse("\n" * start + text).body
    except (SyntaxError, ValueError):
        return []


def _same_lambda(node: ast.Lambda, code: CodeType) -> bool:
    """Whether ``node`` is the lambda compiled to ``code`` (tells apart lambdas on one line):
    by the columns of its instructions where Python records them (3.11+), else by what it loads."""
    if hasattr(code, "co_positions"):
        spots = [(line, column) for line, _, column, end in code.co_positions()
                 if line is not None and column is not None and (column, end) != (0, 0)]
        start, stop = (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)
        if spots:  # 3.12 records none for a lambda returning a constant: compare the code then
            return all(start <= spot <= stop for spot in spots)
    compiled = compile(ast.Expression(body=node), code.co_filename, "eval", dont_inherit=True)
    inner = next(c for c in compiled.co_consts if isinstance(c, CodeType))
    return all(getattr(inner, a) == getattr(code, a) for a in ("co_consts", "co_names", "co_code"))


def parse_lambda(fn: Callable, role: str) -> tuple[gast.Lambda, str]:
    """The syntax tree of the lambda ``fn`` (from its file) and its origin ``file.py:line``.

    ``role`` names the lambda in errors (``"the partial of np.sin"``)."""
    code = getattr(fn, "__code__", None)
    if code is None or getattr(fn, "__name__", "") != "<lambda>":
        raise RuleDefinitionError(
            f"{role} must be a lambda, got {fn!r}",
            hint="write the expression as `lambda y, x: ...` (result first, then the parameters)")
    origin = f"{code.co_filename.rsplit('/', 1)[-1]}:{code.co_firstlineno}"
    linecache.checkcache(code.co_filename)  # (as inspect.findsource does)
    lines = linecache.getlines(code.co_filename, getattr(fn, "__globals__", None))
    if not lines:
        raise RuleDefinitionError(
            f"cannot read the source of {role} ({origin}); it is parsed, never run",
            hint="define rules in a file (not in an interactive session or with exec)")
    names = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    candidates = [node for node in _lambdas_on(lines, code.co_firstlineno)
                  if [a.arg for a in (*node.args.posonlyargs, *node.args.args,
                                      *node.args.kwonlyargs)] == names]
    if len(candidates) > 1:
        candidates = [node for node in candidates if _same_lambda(node, code)]
        if len({ast.dump(node) for node in candidates}) == 1:  # the same lambda written twice
            candidates = candidates[:1]
    if len(candidates) != 1:
        raise RuleDefinitionError(
            f"cannot tell which lambda on line {origin} is {role}",
            hint="put each lambda of a rule on a line of its own")
    return ast_to_gast(candidates[0]), origin


def _is_d(node: gast.AST) -> bool:
    return isinstance(node, gast.Subscript) and getattr(node.value, "id", None) == "d"


def _validate(template: Template, fn: Callable) -> None:
    where = f"rule {template.name!r} ({template.origin})"
    names = template.placeholders
    every = [sub for node in template.body for sub in node_list(node)]  # (one walk for both)
    if not all(isinstance(sub.slice, gast.Name) and sub.slice.id in names
               for sub in every if _is_d(sub)):
        inner = next(sub.slice for node in template.body for sub in walk(node)
                     if _is_d(sub) and not (isinstance(sub.slice, gast.Name)
                                            and sub.slice.id in names))  # (the first, as read)
        raise RuleDefinitionError(
            f"{where}: d[...] must wrap one of the template's parameters "
            f"{sorted(names)}, got d[{gast.dump(inner)}]",
            hint="write d[x] where x is a parameter of the template function",
        )
    targets = [t.slice.id for node in every if isinstance(node, gast.Assign)
               for t in node.targets if _is_d(t)]
    if template.kind == GUARD:
        if targets:
            raise RuleDefinitionError(f"{where}: a guard checks and names, it assigns no derivative",
                                      hint="assign d[...] in the adjoint and tangent templates")
        return
    if template.kind == ADJOINT and template.result in targets:
        raise RuleDefinitionError(
            f"{where}: an adjoint assigns d[<argument>], not d[{template.result}] (the result)",
            hint="the first parameter is the result; assign the argument adjoints from d[result]",
        )
    if template.kind == TANGENT and set(targets) != {template.result}:
        raise RuleDefinitionError(
            f"{where}: a tangent template must assign d[{template.result}] and nothing else",
            hint="write `d[y] = ...` using d[x] for the input tangents",
        )
    if not targets:
        raise RuleDefinitionError(
            f"{where}: the template assigns no derivative",
            hint="assign d[x] = ... for the argument(s) it differentiates",
        )


def parse_template(fn: Callable, key: Hashable, kind: str) -> Template:
    """Parse a template function into a :class:`Template` (raising on malformed templates)."""
    try:
        source = template_source(fn)
    except (OSError, TypeError) as exc:
        raise RuleDefinitionError(
            f"cannot read the source of rule {getattr(fn, '__name__', fn)!r}: {exc}",
            hint="define rule templates with `def` in a file",
        ) from None
    node = next(n for n in ast_to_gast(ast.parse(source)).body if isinstance(n, gast.FunctionDef))
    args = node.args
    params = [a.id for a in args.posonlyargs + args.args + args.kwonlyargs]
    if not params:
        raise RuleDefinitionError(
            f"rule {fn.__name__!r} needs at least a result parameter",
            hint="the first parameter names the result, the others the function's arguments",
        )
    positional = args.posonlyargs + args.args
    defaults = {a.id: d for a, d in zip(positional[len(positional) - len(args.defaults):],
                                         args.defaults, strict=True)}
    keyword_defaults = zip(args.kwonlyargs, args.kw_defaults, strict=True)
    defaults.update({a.id: d for a, d in keyword_defaults if d is not None})
    code = fn.__code__
    body = [s for s in node.body if not (isinstance(s, gast.Expr)
                                          and isinstance(s.value, gast.Constant))]
    template = Template(
        key=key, kind=kind, name=fn.__name__, result=params[0], params=params[1:],
        defaults=defaults, body=body,
        origin=f"{code.co_filename.rsplit('/', 1)[-1]}:{code.co_firstlineno}",
        namespace=getattr(fn, "__globals__", {}),
    )
    _validate(template, fn)
    return template


def guarded(half: Template, cls: type) -> Template:
    """``half`` (an adjoint or tangent of the rule class ``cls``) after the statements of ``cls``'s
    own ``guard`` template, if it has one: checks and names both halves share, stated once.  The
    guard lists the function's parameters (the half may list fewer: a subclass takes another rule
    class's halves, the math of a function with fewer parameters, after its own checks)."""
    guard = cls.__dict__.get(GUARD)
    if guard is None:
        return half
    checks = parse_template(guard, None, GUARD)
    if checks.result != half.result or checks.params[:len(half.params)] != half.params:
        raise RuleDefinitionError(
            f"rule {cls.__name__}: its guard takes {[checks.result, *checks.params]}, its "
            f"{half.kind} {[half.result, *half.params]}",
            hint="give the guard the half's result and parameters, then any more the function has")
    return half.replace(params=checks.params, defaults={**half.defaults, **checks.defaults},
                        body=[*checks.body, *half.body], origin=checks.origin,
                        namespace=ChainMap(checks.namespace, half.namespace))
