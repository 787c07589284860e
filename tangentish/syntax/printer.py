"""gast → Python source text, deterministic and precedence-exact.

tangentish prints generated code itself rather than through astor or ``ast.unparse``: both print
``Constant(-0.4) ** 2`` as ``-0.4 ** 2`` (which Python reads as ``-(0.4 ** 2)``), astor warns on
Python 3.12 and uses names Python 3.14 removes, and ``ast.unparse`` varies between versions.  Here
every operand is parenthesized exactly when Python's grammar needs it, negative numbers count as
unary minus, ``inf``/``nan`` are spelled as calls, an empty block gets ``pass``, and
:class:`~tangentish.ir.Comment` statements print as comments (one line each, control characters
escaped, so no user text can end a comment early).

    >>> import gast
    >>> tree = gast.parse("y = x ** 2")
    >>> tree.body[0].value.left = gast.Constant(value=-0.4, kind=None)
    >>> print(statement_lines(tree.body[0])[0])
    y = (-0.4) ** 2
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable

import gast

from .. import ir

_INDENT = "    "

# Binding strength, weakest first (the Python reference's operator precedence table).
_IFEXP, _OR, _AND, _NOT, _COMPARE = 2, 3, 4, 5, 6
_BITOR, _BITXOR, _BITAND, _SHIFT, _ARITH, _TERM, _UNARY, _POWER, _ATOM = (
    7, 8, 9, 10, 11, 12, 13, 14, 16)

_BINOPS: dict[type, tuple[str, int]] = {
    gast.Add: ("+", _ARITH), gast.Sub: ("-", _ARITH), gast.Mult: ("*", _TERM),
    gast.Div: ("/", _TERM), gast.FloorDiv: ("//", _TERM), gast.Mod: ("%", _TERM),
    gast.MatMult: ("@", _TERM), gast.Pow: ("**", _POWER), gast.LShift: ("<<", _SHIFT),
    gast.RShift: (">>", _SHIFT), gast.BitOr: ("|", _BITOR), gast.BitXor: ("^", _BITXOR),
    gast.BitAnd: ("&", _BITAND),
}
_UNARY_SYMBOLS = {gast.USub: "-", gast.UAdd: "+", gast.Invert: "~", gast.Not: "not "}
_COMPARES = {
    gast.Eq: "==", gast.NotEq: "!=", gast.Lt: "<", gast.LtE: "<=", gast.Gt: ">", gast.GtE: ">=",
    gast.Is: "is", gast.IsNot: "is not", gast.In: "in", gast.NotIn: "not in",
}


class PrintError(ValueError):
    """A node the printer does not know (a bug in a pass, never the user's fault)."""


def operator_symbol(op: gast.operator) -> str:
    """How Python spells a binary operator (``gast.Div()`` → ``"/"``)."""
    return _BINOPS[type(op)][0]


def _number(value: object) -> tuple[str, int]:
    """A numeric literal and its binding strength (negative numbers are unary minus)."""
    if isinstance(value, float):
        if math.isnan(value):
            return "float('nan')", _ATOM
        if math.isinf(value):
            return ("float('inf')", _ATOM) if value > 0 else ("-float('inf')", _UNARY)
        negative = math.copysign(1.0, value) < 0
    elif isinstance(value, complex):
        return repr(value), (_ATOM if value.real == 0 and "-" not in repr(value) else _ARITH)
    else:
        negative = value < 0
    return repr(value), (_UNARY if negative else _ATOM)


def _constant(node: gast.Constant) -> tuple[str, int]:
    value = node.value
    if isinstance(value, bool) or value is None:
        return repr(value), _ATOM
    if value is Ellipsis:
        return "...", _ATOM
    if isinstance(value, (int, float, complex)):
        return _number(value)
    if isinstance(value, (str, bytes)):
        return repr(value), _ATOM
    raise PrintError(f"cannot print the constant {value!r}")


def _sub(node: gast.AST, needed: int) -> str:
    kind = node.__class__
    if kind is gast.Name:  # (most operands: an atom, never wrapped)
        return node.id
    printer = _EXPRESSIONS.get(kind)  # (what _expr does, without its call)
    if printer is None:
        raise PrintError(f"cannot print a {kind.__name__} expression")
    text, strength = printer(node)
    return f"({text})" if strength < needed else text


def _index(node: gast.AST) -> str:
    """The inside of ``x[...]``: slices and tuples without their own parentheses."""
    if isinstance(node, gast.Slice):
        parts = ["" if p is None else _sub(p, _IFEXP + 1) for p in (node.lower, node.upper)]
        text = ":".join(parts)
        return text + (f":{_sub(node.step, _IFEXP + 1)}" if node.step is not None else "")
    if isinstance(node, gast.Tuple) and node.elts:
        inner = ", ".join(_index(e) for e in node.elts)
        return inner + ("," if len(node.elts) == 1 else "")
    return _sub(node, _IFEXP)


def _arguments(node: gast.Call) -> str:
    parts = [_sub(a, _IFEXP) if not isinstance(a, gast.Starred)
             else f"*{_sub(a.value, _ARITH)}" for a in node.args]
    for keyword in node.keywords:
        value = _sub(keyword.value, _IFEXP)
        parts.append(f"{keyword.arg}={value}" if keyword.arg else f"**{value}")
    return ", ".join(parts)


def _sequence(node: gast.Tuple | gast.List) -> tuple[str, int]:
    items = [_sub(e, _IFEXP) for e in node.elts]
    if isinstance(node, gast.List):
        return f"[{', '.join(items)}]", _ATOM
    if len(items) == 1:
        return f"({items[0]},)", _ATOM
    return f"({', '.join(items)})", _ATOM


def _binop(node: gast.BinOp) -> tuple[str, int]:
    symbol, strength = _BINOPS[node.op.__class__]
    if strength == _POWER:  # (``**``) right-associative; the left operand is a primary
        return f"{_sub(node.left, _POWER + 1)} ** {_sub(node.right, _POWER)}", _POWER
    return f"{_sub(node.left, strength)} {symbol} {_sub(node.right, strength + 1)}", strength


def _unary(node: gast.UnaryOp) -> tuple[str, int]:
    if isinstance(node.op, gast.Not):
        inner = node.operand  # not a in b → a not in b (the lowering of `not in`)
        if isinstance(inner, gast.Compare) and len(inner.ops) == 1 and \
                isinstance(inner.ops[0], gast.In):
            flipped = gast.Compare(left=inner.left, ops=[gast.NotIn()],
                                   comparators=inner.comparators)
            return _compare(flipped)
        return f"not {_sub(node.operand, _NOT)}", _NOT
    return f"{_UNARY_SYMBOLS[type(node.op)]}{_sub(node.operand, _UNARY)}", _UNARY


def _compare(node: gast.Compare) -> tuple[str, int]:
    parts = [_sub(node.left, _COMPARE + 1)]
    for op, right in zip(node.ops, node.comparators, strict=True):
        parts.append(f"{_COMPARES[type(op)]} {_sub(right, _COMPARE + 1)}")
    return " ".join(parts), _COMPARE


def _boolop(node: gast.BoolOp) -> tuple[str, int]:
    word, strength = (" and ", _AND) if isinstance(node.op, gast.And) else (" or ", _OR)
    return word.join(_sub(v, strength + 1) for v in node.values), strength


def _attribute(node: gast.Attribute) -> tuple[str, int]:
    value = node.value
    if isinstance(value, gast.Constant) and isinstance(value.value, int):
        return f"({_constant(value)[0]}).{node.attr}", _ATOM  # `1 .real` reads badly
    return f"{_sub(value, _ATOM)}.{node.attr}", _ATOM


def _formatted(node: gast.AST) -> tuple[str, int]:
    """f-strings (user code only, never derivative code): the standard library prints them."""
    return ast.unparse(gast.gast_to_ast(node)), _ATOM


def _call(node: gast.Call) -> tuple[str, int]:
    return f"{_sub(node.func, _ATOM)}({_arguments(node)})", _ATOM


def _subscript(node: gast.Subscript) -> tuple[str, int]:
    return f"{_sub(node.value, _ATOM)}[{_index(node.slice)}]", _ATOM


def _ifexp(node: gast.IfExp) -> tuple[str, int]:
    text = (f"{_sub(node.body, _IFEXP + 1)} if {_sub(node.test, _IFEXP + 1)} else "
            f"{_sub(node.orelse, _IFEXP)}")
    return text, _IFEXP


def _name(node: gast.Name) -> tuple[str, int]:
    return node.id, _ATOM


_EXPRESSIONS = {  # node class → its printer (f-strings and displays as written: user code only)
    gast.Name: _name, gast.Constant: _constant, gast.BinOp: _binop, gast.Call: _call,
    gast.Attribute: _attribute, gast.Subscript: _subscript, gast.UnaryOp: _unary,
    gast.Tuple: _sequence, gast.List: _sequence, gast.Compare: _compare, gast.BoolOp: _boolop,
    gast.IfExp: _ifexp, gast.JoinedStr: _formatted, gast.Dict: _formatted, gast.Set: _formatted,
}


def _expr(node: gast.AST) -> tuple[str, int]:
    printer = _EXPRESSIONS.get(type(node))
    if printer is None:
        raise PrintError(f"cannot print a {type(node).__name__} expression")
    return printer(node)


def expression_text(node: gast.AST) -> str:
    """The source text of one expression."""
    return _expr(node)[0]


def _target(node: gast.AST, top: bool = True) -> str:
    """An assignment target or a returned tuple: ``a, (b, c)`` (parentheses only when nested)."""
    if isinstance(node, gast.Tuple) and node.elts:
        inner = ", ".join(_target(e, False) for e in node.elts)
        inner += "," if len(node.elts) == 1 else ""
        return inner if top else f"({inner})"
    return _sub(node, _IFEXP)


def _comment(text: str) -> str:
    """A comment that stays one line whatever ``text`` holds."""
    if text.isprintable():  # (nearly every comment: nothing to escape)
        return f"# {text}"
    safe = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
    return f"# {safe}"


def _block(stmts: list[gast.stmt], depth: int, marks: list | None = None) -> list[str]:
    if marks is None:
        lines = [line for stmt in stmts for line in statement_lines(stmt, depth)]
    else:  # (where each statement starts: the line map of generated code, passes/generate.py)
        lines = []
        for stmt in stmts:
            marks.append((len(lines), stmt))
            _join(lines, lambda inner, s=stmt: statement_lines(s, depth, inner), marks)
    if not any(not line.lstrip().startswith("#") for line in lines):
        lines.append(_INDENT * depth + "pass")
    return lines


def _join(lines: list[str], more: Callable[[list | None], list[str]], marks: list | None
          ) -> list[str]:
    """``lines`` extended by ``more(inner)`` (a printer given marks of its own, or None), whose
    marks are added to ``marks`` shifted by the lines before them."""
    if marks is None:
        lines += more(None)
        return lines
    inner: list = []
    printed = more(inner)
    marks.extend((len(lines) + offset, stmt) for offset, stmt in inner)
    lines += printed
    return lines


def _headed(head: str, stmts: list[gast.stmt], depth: int, marks: list | None) -> list[str]:
    """``head`` (``if ...:``, ``else:``, ``for ...:``) and then the block ``stmts`` under it."""
    return _join([head], lambda inner: _block(stmts, depth + 1, inner), marks)


def _if_lines(node: gast.If, depth: int, keyword: str = "if", marks: list | None = None
              ) -> list[str]:
    pad = _INDENT * depth
    lines = _headed(f"{pad}{keyword} {_sub(node.test, _IFEXP)}:", node.body, depth, marks)
    orelse = node.orelse
    if len(orelse) == 1 and isinstance(orelse[0], gast.If):
        if marks is not None:
            marks.append((len(lines), orelse[0]))
        return _join(lines, lambda inner: _if_lines(orelse[0], depth, "elif", inner), marks)
    if orelse:
        _join(lines, lambda inner: _headed(f"{pad}else:", orelse, depth, inner), marks)
    return lines


def _simple(node: gast.stmt) -> str:
    kind = type(node)
    if kind is gast.Assign:
        targets = node.targets
        if len(targets) == 1:
            target = targets[0]
            targets = target.id if target.__class__ is gast.Name else _target(target)
        else:
            targets = " = ".join(map(_target, targets))
        return f"{targets} = {_sub(node.value, _IFEXP)}"
    if kind is gast.AugAssign:
        symbol = _BINOPS[type(node.op)][0]
        return f"{_target(node.target)} {symbol}= {_sub(node.value, _IFEXP)}"
    if kind is gast.Expr:
        return _sub(node.value, _IFEXP)
    if kind is gast.Return:
        if node.value is None:
            return "return"
        value = node.value
        return f"return {_target(value) if isinstance(value, gast.Tuple) else _sub(value, _IFEXP)}"
    if kind in (gast.Break, gast.Continue, gast.Pass):
        return kind.__name__.lower()
    if kind is gast.Delete:
        return "del " + ", ".join(_target(t) for t in node.targets)
    if kind is gast.Raise:
        return f"raise {_sub(node.exc, _IFEXP)}"
    if kind is gast.Assert:
        message = f", {_sub(node.msg, _IFEXP)}" if node.msg is not None else ""
        return f"assert {_sub(node.test, _IFEXP)}{message}"
    raise PrintError(f"cannot print a {kind.__name__} statement")


def statement_lines(node: gast.stmt, depth: int = 0, marks: list | None = None) -> list[str]:
    """The lines of one statement at indentation ``depth`` (``marks``, if given, gets ``(line
    index, statement)`` for each statement nested in it)."""
    pad = _INDENT * depth
    if node.__class__ is gast.Assign:  # (most statements: straight to the simple ones)
        return [pad + _simple(node)]
    if isinstance(node, ir.Comment):
        return [pad + _comment(node.text)]
    if isinstance(node, ir.Marker):
        raise PrintError(f"an unresolved {type(node).__name__} marker reached the printer")
    if isinstance(node, gast.If):
        return _if_lines(node, depth, marks=marks)
    if isinstance(node, gast.For):
        head = f"{pad}for {_target(node.target)} in {_sub(node.iter, _IFEXP)}:"
        return _headed(head, node.body, depth, marks)
    if isinstance(node, gast.While):
        return _headed(f"{pad}while {_sub(node.test, _IFEXP)}:", node.body, depth, marks)
    if isinstance(node, gast.FunctionDef):
        return function_lines(node, depth, marks)
    if isinstance(node, gast.With):  # (passes/quiet_runs.py: ``with np.errstate(...):``)
        items = ", ".join(_sub(i.context_expr, _IFEXP) + (
            "" if i.optional_vars is None else f" as {_target(i.optional_vars)}") for i in node.items)
        return _headed(f"{pad}with {items}:", node.body, depth, marks)
    return [pad + _simple(node)]


def _parameters(args: gast.arguments) -> str:
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    parts = []
    for index, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        parts.append(arg.id if default is None else f"{arg.id}={_sub(default, _IFEXP)}")
        if args.posonlyargs and index == len(args.posonlyargs) - 1:
            parts.append("/")
    if args.vararg is not None:
        parts.append(f"*{args.vararg.id}")
    elif args.kwonlyargs:
        parts.append("*")
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        parts.append(arg.id if default is None else f"{arg.id}={_sub(default, _IFEXP)}")
    if args.kwarg is not None:
        parts.append(f"**{args.kwarg.id}")
    return ", ".join(parts)


def _docstring(text: str, depth: int) -> str:
    pad = _INDENT * depth
    plain = all(c.isprintable() for c in text) and '"""' not in text and "\\" not in text
    quoted = f'"""{text}"""' if plain and not text.endswith('"') else repr(text)
    return pad + quoted


def function_lines(node: gast.FunctionDef, depth: int = 0, marks: list | None = None
                   ) -> list[str]:
    pad = _INDENT * depth
    lines = [f"{pad}def {node.name}({_parameters(node.args)}):"]
    body = list(node.body)
    if body and isinstance(body[0], gast.Expr) and isinstance(body[0].value, gast.Constant) \
            and isinstance(body[0].value.value, str):
        lines.append(_docstring(body.pop(0).value.value, depth + 1))
        if not body:
            return lines
    return _join(lines, lambda inner: _block(body, depth + 1, inner), marks)


def function_text(node: gast.FunctionDef, marks: list | None = None) -> str:
    """The source of one function definition, ending with a newline; ``marks``, if given, gets
    ``(line number, statement)`` for the first line of each statement of its body, nested ones
    included, in the order of the text."""
    inner: list | None = None if marks is None else []
    lines = function_lines(node, 0, inner)
    if inner:
        marks.extend((offset + 1, stmt) for offset, stmt in inner)
    return "\n".join(lines) + "\n"
