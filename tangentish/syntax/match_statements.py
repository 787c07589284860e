"""``match`` statements of literal cases, as the ``if``/``elif`` chain Python runs.

A case whose pattern is a value (``case "l1":``, ``case 2:``, ``case Mode.FAST:``: the subject
``==`` it), ``None``/``True``/``False`` (the subject ``is`` it), several of those joined by
``|``, or the wildcard ``case _:`` (any subject), with or without an ``if`` guard, becomes one
test of the chain; the subject is evaluated once (a name or a constant is read where it is,
anything else is bound first to a fresh variable).  A ``match`` with any other pattern (a
capture ``case x:``, ``as``, a sequence, mapping or class pattern) is left as it is, and
:mod:`.fence` refuses it naming the statement.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> node = gast.parse('''
    ... def f(x, mode):
    ...     match mode.lower():
    ...         case "l1" | "abs":
    ...             y = abs(x)
    ...         case None:
    ...             y = x
    ...         case _:
    ...             y = x * x
    ...     return y''').body[0]
    >>> node.body = literal_matches(node.body, {"x", "mode", "y"})
    >>> print(function_text(node), end="")
    def f(x, mode):
        _subject = mode.lower()
        if _subject == 'l1' or _subject == 'abs':
            y = abs(x)
        elif _subject is None:
            y = x
        else:
            y = x * x
        return y
"""

from __future__ import annotations

import gast

from . import build
from .naming import fresh_name

_SINGLETONS = (None, True, False)


def literal_matches(body: list[gast.stmt], taken: set[str]) -> list[gast.stmt]:
    """``body`` with each ``match`` of literal cases (in nested blocks too) as an ``if`` chain;
    ``taken``: the names the function uses (a fresh subject variable takes none of them)."""
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse"):
            if isinstance(stmt, (gast.If, gast.For, gast.While)):
                setattr(stmt, field, literal_matches(getattr(stmt, field), taken))
        if isinstance(stmt, gast.Match):
            for case in stmt.cases:
                case.body = literal_matches(case.body, taken)
            out.extend(_chain(stmt, taken) or [stmt])
        else:
            out.append(stmt)
    return out


def _chain(stmt: gast.Match, taken: set[str]) -> list[gast.stmt] | None:
    """The statements for ``stmt``, or None when a pattern is not a literal one."""
    subject, first = stmt.subject, []
    if not isinstance(subject, (gast.Name, gast.Constant)):
        name = fresh_name("subject", taken)
        first.append(gast.copy_location(build.assign(name, subject), stmt))
        subject = build.name(name)
    tests = []
    for k, case in enumerate(stmt.cases):
        test = _test(case.pattern, subject)
        if test is False or test is True and case.guard is None and k != len(stmt.cases) - 1:
            return None  # (a capture, or a wildcard before other cases: Python's SyntaxError)
        if case.guard is not None:
            test = case.guard if test is True else gast.BoolOp(op=gast.And(),
                                                               values=[test, case.guard])
        tests.append(test)
    chain: list[gast.stmt] = []
    for test, case in reversed(list(zip(tests, stmt.cases, strict=True))):
        if test is True:  # (the wildcard, last)
            chain = list(case.body)
            continue
        chain = [gast.copy_location(gast.If(test=test, body=list(case.body), orelse=chain),
                                    case.pattern)]
    return first + chain


def _test(pattern: gast.AST, subject: gast.expr) -> gast.expr | bool:
    """The test of ``pattern`` on ``subject``: True for the wildcard, False for a pattern that
    is not a literal one."""
    if isinstance(pattern, gast.MatchAs) and pattern.pattern is None and pattern.name is None:
        return True
    if isinstance(pattern, gast.MatchValue):
        return _compare(subject, gast.Eq(), pattern.value)
    if isinstance(pattern, gast.MatchSingleton) and pattern.value in _SINGLETONS:
        return _compare(subject, gast.Is(), gast.Constant(value=pattern.value, kind=None))
    if isinstance(pattern, gast.MatchOr):
        parts = [_test(p, subject) for p in pattern.patterns]
        if any(part is True or part is False for part in parts):
            return False
        return gast.BoolOp(op=gast.Or(), values=parts)
    return False


def _compare(subject: gast.expr, op: gast.cmpop, value: gast.expr) -> gast.Compare:
    return gast.Compare(left=build.clone(subject), ops=[op], comparators=[value])
