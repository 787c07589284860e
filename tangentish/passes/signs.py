"""Signs moved through products and quotients, bit for bit: the folds :mod:`optimize` makes of
negations in derivative code.

Negation only flips a number's sign bit, and rounding to nearest is symmetric in sign, so
``(-x) * y`` and ``(-x) / y`` are ``-(x * y)`` and ``-(x / y)`` exactly, zeros' signs included
(only a NaN's sign bit may differ), and IEEE defines ``a - b`` as ``a + (-b)``.  So a negation
may move to the first factor of a product or quotient (down its left operands) and back:

- :func:`without_sign`: ``-x * y / z`` without its sign (``x * y / z``): ``-(-x * y)`` is
  ``x * y``, ``a + -x * y`` is ``a - x * y``;
- :func:`into_number`: ``-(c / b * e)`` with a number ``c`` as its first factor is
  ``-c / b * e``, the sign taken into the number as the code is made (one array negated fewer:
  ``-(1.0 / v * d)``, the adjoint of ``x - mu`` read through a quotient, is ``-1.0 / v * d``).

    >>> import gast
    >>> from tangentish.syntax.printer import expression_text
    >>> def show(text, fold):
    ...     found = fold(gast.parse(text).body[0].value)
    ...     return None if found is None else expression_text(found)
    >>> show("-(1.0 / v * d)", lambda e: into_number(e.operand))
    '-1.0 / v * d'
    >>> show("-(0.5 * g)", lambda e: into_number(e.operand))
    '-0.5 * g'
    >>> show("-(g * 0.5)", lambda e: into_number(e.operand)) is None  # (the sign of g, not of 0.5)
    True
    >>> show("-(0 * g)", lambda e: into_number(e.operand)) is None  # (an int 0 has no -0)
    True
    >>> show("-(a / (2.0 * v))", lambda e: into_operand(e.operand))
    'a / (-2.0 * v)'
    >>> show("-(g * 0.5)", lambda e: into_operand(e.operand))
    'g * -0.5'
    >>> show("-(g * h)", lambda e: into_operand(e.operand)) is None
    True
    >>> show("2 * (-c * b / q * a)", lambda e: sign_into_scale(e.left, e.right))
    '-2 * (c * b / q * a)'
    >>> show("2 * (c * -b)", lambda e: sign_into_scale(e.left, e.right)) is None  # (not first)
    True
    >>> show("0 * -b", lambda e: sign_into_scale(e.left, e.right)) is None  # (an int 0)
    True
    >>> show("a + -x * y", lambda e: without_sign(e.right))
    'x * y'
    >>> show("a + -2.0 * y", lambda e: without_sign(e.right))
    '2.0 * y'
"""

from __future__ import annotations

import gast

from ..syntax import build

_PRODUCTS = (gast.Mult, gast.Div)


def without_sign(term: gast.expr) -> gast.expr | None:
    """``x`` for ``-x``, ``x * y / z`` for ``-x * y / z`` (a product or quotient whose first
    factor, down its left operands, is negated: a negation or a negative number written out), as
    new nodes along that path; ``None`` for any other term."""
    if term.__class__ is gast.UnaryOp and term.op.__class__ is gast.USub:
        return term.operand
    if term.__class__ is gast.BinOp and term.op.__class__ in _PRODUCTS:
        left = term.left
        if build.is_number(left) and left.value < 0:
            return gast.BinOp(left=build.constant(-left.value), op=term.op, right=term.right)
        left = without_sign(left)
        if left is not None:
            return gast.BinOp(left=left, op=term.op, right=term.right)
    return None


def signed(node: gast.UnaryOp | gast.BinOp) -> bool:
    """Whether ``node`` is ``-(-x * y)`` or ``a + -x * y``, ``a - -x * y`` (:func:`without_sign`
    takes the sign away)."""
    if node.__class__ is gast.UnaryOp:
        inner = node.operand
        return node.op.__class__ is gast.USub and inner.__class__ is gast.BinOp and \
            without_sign(inner) is not None
    return node.op.__class__ in (gast.Add, gast.Sub) and without_sign(node.right) is not None


def into_number(term: gast.expr) -> gast.expr | None:
    """``-c * y / z`` for the ``term`` ``c * y / z`` whose first factor, down its left operands,
    is a number ``c`` other than an int 0 (whose negation is itself, not ``-0.0``), as new nodes
    along that path: the negation of ``term``; ``None`` for any other term."""
    if term.__class__ is not gast.BinOp or term.op.__class__ not in _PRODUCTS:
        return None
    left = term.left
    if build.is_number(left):
        if left.value == 0 and left.value.__class__ is int:
            return None
        return gast.BinOp(left=build.constant(-left.value), op=term.op, right=term.right)
    left = into_number(left)
    return None if left is None else gast.BinOp(left=left, op=term.op, right=term.right)


def into_operand(term: gast.expr) -> gast.expr | None:
    """``a * -c`` or ``a / (-c * v)`` for the ``term`` ``a * c`` or ``a / (c * v)``: a product or
    quotient whose right operand is a number ``c`` (not an int 0) or a chain led by one, negated
    there, as new nodes: the negation of ``term``; ``None`` for any other term."""
    if term.__class__ is not gast.BinOp or term.op.__class__ not in _PRODUCTS:
        return None
    right = term.right
    if build.is_number(right):
        negated = None if _int_zero(right) else build.constant(-right.value)
    else:
        negated = into_number(right)
    return None if negated is None else gast.BinOp(left=term.left, op=term.op, right=negated)


def sign_into_scale(left: gast.expr, right: gast.expr) -> gast.expr | None:
    """``-c * (x * y)`` for ``left * right`` = ``c * (-x * y)``: a number ``c`` (not an int 0)
    times a product or quotient whose first factor, down its left operands, is a negation (a
    negative number there is left as it is), as new nodes; ``None`` for any other product."""
    if not build.is_number(left) or _int_zero(left) or not _negated_first(right):
        return None
    return gast.BinOp(left=build.constant(-left.value), op=gast.Mult(), right=without_sign(right))


def _negated_first(term: gast.expr) -> bool:
    while term.__class__ is gast.BinOp and term.op.__class__ in _PRODUCTS:
        term = term.left
    return term.__class__ is gast.UnaryOp and term.op.__class__ is gast.USub


def _int_zero(number: gast.Constant) -> bool:
    return number.value == 0 and number.value.__class__ is int


_LINEAR = ("sum", "mean")  # (reductions that are sums: the negation of a term's is the term's)


def unsigned_reduction(call: gast.expr) -> gast.UnaryOp | None:
    """``-(x * y).sum(...)`` for the method call ``(-x * y).sum(...)`` (or ``mean``, with no
    keyword but ``axis`` and ``keepdims``) of a term whose first factor is a negation (not a
    negative number); ``None`` for any other node."""
    func = getattr(call, "func", None)
    if call.__class__ is not gast.Call or func.__class__ is not gast.Attribute or \
            func.attr not in _LINEAR or any(k.arg not in ("axis", "keepdims") for k in call.keywords):
        return None
    term = func.value
    if not (term.__class__ is gast.UnaryOp and term.op.__class__ is gast.USub or
            _negated_first(term)):
        return None
    inner = gast.Call(func=build.attribute(without_sign(term), func.attr), args=call.args,
                      keywords=call.keywords)
    return gast.UnaryOp(op=gast.USub(), operand=inner)
