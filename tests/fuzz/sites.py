"""The value-zero classifier's program rewriting (fuzz/value_zero.py): each *site* (the argument
``u`` of ``np.sqrt``, ``np.cbrt``, ``math.sqrt``, ``math.cbrt``, or of a power with a constant
exponent that is not an integer) wrapped in a hook or a nudge, and each comparison in a hook
(``np.fmin`` and ``np.fmax`` too: they pick by a comparison; and a cast to an integer, ``int(u)``
or ``k[1] = u`` into an integer array: its result is recorded and handed back like one).

>>> print(instrument("def f(x):\\n    return np.sqrt(x) if -1.0 < x < 1.0 else x", "_S", True)[0])
def f(x):
    return np.sqrt(_S(0, x)) if _FZ_CHAIN([lambda: -1.0, lambda: x, lambda: 1.0], ('Lt', 'Lt')) else x
<BLANKLINE>
"""

from __future__ import annotations

import ast

_UNARY = {("np", "sqrt"), ("np", "cbrt"), ("math", "sqrt"), ("math", "cbrt")}
_POWERS = {("np", "power"), ("np", "float_power"), ("math", "pow")}
# (a selection that drops a NaN, np.fmin(c, nan) = c: rewritten, with ``compare``, to pick by
# a comparison the recorder hands back, so that a NaN where the selection read an element
# reaches on; fuzz seed 4946, program 33)
_PICKS = {("np", "fmin"), ("np", "fmax")}
_MODULES = {"numpy": "np", "math": "math"}  # (the names the sites above spell them by)


def _fractional(node: ast.expr) -> bool:
    """A constant exponent that is not an integer (its partial is singular at 0)."""
    value = node.operand.value if isinstance(node, ast.UnaryOp) and isinstance(
        node.op, ast.USub) and isinstance(node.operand, ast.Constant) else getattr(node, "value", None)
    return isinstance(node, (ast.Constant, ast.UnaryOp)) and type(value) is float and \
        not float(value).is_integer()


class _Instrument(ast.NodeTransformer):
    """Wraps each site's argument in ``wrap(k, u)`` (``wrap`` the name of a call, or ``None``:
    ``u + _FZ_NUDGE[k]``) and, with ``compare``, each comparison in ``_FZ_CMP(...)`` (a chained
    one in ``_FZ_CHAIN([lambda: a, lambda: b, ...], ops)``, link by link).  A site is
    found under the names the program imports NumPy and math by (``import numpy as onp`` inside
    ``f``: feature ``local_imports``)."""

    def __init__(self, wrap: str | None, compare: bool, modules: dict[str, str]):
        self.wrap, self.compare, self.sites, self.modules = wrap, compare, 0, modules

    def _site(self, node: ast.expr) -> ast.expr:
        k = ast.Constant(self.sites)
        self.sites += 1
        if self.wrap is not None:
            return ast.Call(ast.Name(self.wrap, ast.Load()), [k, node], [])
        nudge = ast.Subscript(ast.Name("_FZ_NUDGE", ast.Load()), k, ast.Load())
        return ast.BinOp(node, ast.Add(), nudge)

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        func = node.func
        name = (self.modules.get(func.value.id, func.value.id), func.attr) if isinstance(
            func, ast.Attribute) and isinstance(func.value, ast.Name) else None
        if node.args and not node.keywords and (name in _UNARY and len(node.args) == 1 or (
                name in _POWERS and len(node.args) == 2 and _fractional(node.args[1]))):
            node.args[0] = self._site(node.args[0])
        if self.compare and name in _PICKS and len(node.args) == 2 and not node.keywords:
            return ast.Call(ast.Name("_FZ_PICK", ast.Load()), [ast.Constant(name[1]), *node.args], [])
        if self.compare and isinstance(func, ast.Name) and func.id == "int" and len(node.args) == 1 \
                and not node.keywords:
            return ast.Call(ast.Name("_FZ_CAST", ast.Load()), [ast.Constant(None), node.args[0]], [])
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.stmt:
        self.generic_visit(node)
        target = node.targets[0]
        if self.compare and len(node.targets) == 1 and isinstance(target, ast.Subscript) and \
                isinstance(target.value, ast.Name):  # (``k[1] = x``: a cast where k holds ints)
            node.value = ast.Call(ast.Name("_FZ_CAST", ast.Load()),
                                  [ast.Name(target.value.id, ast.Load()), node.value], [])
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow) and _fractional(node.right):
            node.left = self._site(node.left)
        return node

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if self.wrap is not None and node.id == "tangentish" and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Name("_FZ_API", ast.Load()), node)
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        self.generic_visit(node)
        if not self.compare:
            return node
        if len(node.ops) == 1:
            return ast.Call(ast.Name("_FZ_CMP", ast.Load()), [node], [])
        thunks = [ast.Lambda(ast.arguments([], [], None, [], [], None, []), operand)
                  for operand in (node.left, *node.comparators)]
        ops = ast.Tuple([ast.Constant(type(op).__name__) for op in node.ops], ast.Load())
        return ast.Call(ast.Name("_FZ_CHAIN", ast.Load()), [ast.List(thunks, ast.Load()), ops], [])


def instrument(text: str, wrap: str | None, compare: bool = False) -> tuple[str, int]:
    """The program's text with its sites (and comparisons) wrapped, and the number of sites."""
    tree = ast.parse(text)
    modules = {alias.asname or alias.name: _MODULES[alias.name] for node in ast.walk(tree)
               if isinstance(node, ast.Import) for alias in node.names if alias.name in _MODULES}
    transformer = _Instrument(wrap, compare, modules)
    tree = ast.fix_missing_locations(transformer.visit(tree))
    return ast.unparse(tree) + "\n", transformer.sites
