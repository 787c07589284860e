"""The parts of complex values that vary, and the parts that are read: structural zeros of ``.real``
and ``.imag``.

A complex value may move with the differentiated arguments along its real part only (``x + 0j``,
``np.where(c, x, 1j)``, ``complex(x, 0.5)``, a cast of a real array, their sums, selections,
moves and real multiples), or along its imaginary part only (``1j * x``).  Then its other part is
a constant, as ``x.imag`` of a real ``x`` is.  And an output may read only one part of a value
(``z.imag``, ``(z * 1j).real``): a real operand that feeds only the other part (``a`` in
``z = a + b * 1j``, ``complex(a, b)``) does not reach it.  The derivatives there are 0 by
structure; unless activity (:mod:`.activity`) knows it, they are computed like any other, and an
infinite partial behind them makes ``0 * inf``: NaN where the derivative is 0
(``np.sqrt(z.imag ** 2)`` at ``z.imag == 0``: fuzz seed 7995 program 2).

Two dataflows over the operations, each a least fixed point (loops carry the parts round), of
bits :data:`RE` and :data:`IM`: forward, the parts of each value that may vary (a real value's
are ``RE``); backward from the output, the parts of each value that are read.  A sum, a
difference, a negation, a conjugate, a selection, a join, a cast, a move or an element write keeps
each part where it is; a product by a real number keeps them, by an imaginary constant swaps them,
by any other complex value mixes them; ``complex(a, b)`` puts ``a`` in ``RE`` and ``b`` in ``IM``;
any other operation mixes.  Then ``z.imag`` (``z.real``) of a value whose ``IM`` (``RE``) does not
vary is a constant (:func:`constant_parts`), and an operand whose parts reach no part of the
result that is read is not useful through it (:func:`unread_operands`).  (Names that may share
memory are checked at run time before an in-place change: :mod:`.aliases`.)

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.activity import analyze
    >>> def f(x, y):  # (z.imag does not vary; w.imag does not read x)
    ...     z = np.where(x > 0, x + 0j, 1j)
    ...     w = x + 1j * y
    ...     return np.sum(np.sqrt(z.imag ** 2) + w.imag)
    >>> info = parse_function(f); desugar(info)
    >>> sorted(analyze(normalize(info), ["x", "y"]).active)
    ['_t3', 'out', 't4_plus_w_imag', 'w', 'w_imag', 'y']
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

import gast
import numpy as np

from ..ir import Op
from ..syntax.parse import SourceInfo
from .complex_paths import _AS_IS, _REAL_RESULTS, _TRUTHS, complex_operand

RE, IM, BOTH = 1, 2, 3
_FORMS = "tangentish.rules.complex_forms", "tangentish.rules.complex_joins"
_ADDING = frozenset({"add", "subtract", "negative", "conjugate", "where", "concatenate", "stack",
                     "hstack", "vstack", "array", "asarray", "astype", "setitem", "recast"})
"""Complex forms (:data:`_FORMS`) each part of whose result is the same part of its operands'
(a sum, a selection, a join, a cast; a conjugate's, negated)."""
_REAL_ADDING = (operator.add, operator.sub, operator.neg, np.add, np.subtract, np.negative,
                np.conjugate, np.where, np.concatenate, np.stack, np.hstack, np.vstack, np.array,
                np.asarray, np.ndarray.astype, operator.setitem, np.complex128, np.complex64)
"""Their real keys (an operation no operand of which :mod:`.complex_paths` found complex, in a
function with complex values elsewhere), and the casts to complex."""
_PRODUCTS = (operator.mul, np.multiply, operator.truediv, np.divide)
_KEEP, _SWAP, _MIX = "keep", "swap", "mix"


def constant_parts(rows: list[tuple[str, Op]], flows: list[tuple[str, list[str]]],
                   seen: dict[int, tuple[Op, list[str]]], varied: set[str], kinds: Kinds
                   ) -> list[tuple[str, list[str]]]:
    """``flows`` (``(defined name, flowing names)`` of each of ``rows``, ``(defined name,
    operation)``) where nothing flows into an operation taking a part of a value that does not
    vary (``z.imag``, ``np.real(z)``): a constant, whatever ``varied`` says (``seen``, the flowing
    names by operation, likewise); ``flows`` itself where there is none."""
    parts = [(op, _part(op)) for _, op in rows if _part(op) and len(op.args) == 1]
    if not parts:
        return flows
    moving = _varying(rows, varied, kinds)
    still = {id(op) for op, part in parts if not _of(op.args[0], moving, varied, kinds) & part}
    if not still:
        return flows
    seen.update({key: (seen[key][0], []) for key in still})
    return [(target, [] if id(op) in still else flowing)
            for (target, flowing), (_, op) in zip(flows, rows, strict=True)]


def unread_operands(rows: list[tuple[str, Op]], outputs: Iterable[str], kinds: Kinds
                    ) -> dict[int, set[str]]:
    """By operation id, the names it reads that reach no part of its result that is read (their
    derivatives through it are 0 by structure): ``a`` of ``a + b * 1j`` where only ``.imag`` of
    it is read, ``x`` of ``x.imag`` for a real ``x``."""
    if not kinds.complex_names and not any(_part(op) for _, op in rows):
        return {}
    read = dict.fromkeys(outputs, BOTH)
    size = -1
    while size != sum(read.values()):  # (the least fixed point: a loop's reads go round)
        size = sum(read.values())
        for target, op in reversed(rows):
            if read.get(target):
                for name, part in _operand_reads(op, read[target], kinds):
                    read[name] = read.get(name, 0) | part
    unread: dict[int, set[str]] = {}
    for target, op in rows:
        if read.get(target):
            reads = _operand_reads(op, read[target], kinds)
            named = {name for name, _ in reads}
            unread[id(op)] = named - {name for name, part in reads if part}
    return {key: names for key, names in unread.items() if names}


class Kinds:
    """What is known of the values: complex (``complex_names``, :mod:`.complex_paths`), surely real
    (a differentiated argument, checked real at the call; a number; what real operations make of
    surely real values), or neither (*doubtful*: an argument that is not differentiated, an
    object's attribute, a helper's result, and what is made of them, may hold complex numbers
    that nothing marked; they are taken as complex here, so the run-time checks of the rules
    they meet, ``_rt.real_seed``, ``_rt.real_only``, stay on the path); and of a constant
    factor, whether it is real or imaginary."""

    def __init__(self, rows: list[tuple[str, Op]], complex_names: frozenset[str],
                 info: SourceInfo, local: set[str], wrt: Iterable[str]):
        self.complex_names, self.info, self.local = complex_names, info, local
        self._rows, self._wrt, self._doubtful = rows, wrt, None

    @property
    def doubtful(self) -> set[str]:
        """The doubtful names, found when first asked (most functions have no ``.imag``)."""
        if self._doubtful is None:
            self._doubtful = _doubtful(self._rows, self.local, set(self._wrt), self.complex_names)
        return self._doubtful

    def parts(self, name: str) -> int:
        """The parts a value of ``name`` may have: ``RE`` for a surely real one."""
        return BOTH if name in self.complex_names or name in self.doubtful else RE

    def factor(self, node: gast.expr) -> str:
        """What multiplying by ``node`` does to the parts: keep (real), swap (an imaginary
        constant), mix."""
        value = _constant(node)
        if isinstance(value, complex):
            return _KEEP if value.imag == 0 else _SWAP if value.real == 0 else _MIX
        if value is not None:
            return _KEEP
        if isinstance(node, gast.Name) and node.id in self.doubtful:
            return _MIX
        return _MIX if complex_operand(Op(None, [node]), self.info, self.complex_names,
                                       self.local) else _KEEP


_COMPLEX_OF_REAL = frozenset({"roots", "eig", "eigvals", "sort_complex"})
"""NumPy's functions whose result may be complex for real arguments (beside ``np.fft``'s and
``np.emath``'s, which :mod:`.complex_paths` marks)."""


def _real_closed(op: Op) -> bool:
    """Whether ``op`` of surely real operands is surely real: an operator, a copy or display,
    NumPy's (not :data:`_COMPLEX_OF_REAL`, not ``np.fft``'s or ``np.emath``'s), ``math``'s, a
    real-valued builtin, tangentish's own helpers (a derivative's code, differentiated again)."""
    key = op.key
    module = str(getattr(key, "__module__", None) or "")
    if key is None or op.is_display or isinstance(key, np.ufunc) or module in ("_operator", "math"):
        return True
    if module.startswith("numpy"):
        return not module.startswith(("numpy.fft", "numpy.lib.scimath")) and \
            getattr(key, "__name__", "") not in _COMPLEX_OF_REAL
    return module.startswith("tangentish.") or key in (abs, min, max, sum, float, int, len, round)


def _doubtful(rows: list[tuple[str, Op]], local: set[str], wrt: set[str],
              complex_names: frozenset[str]) -> set[str]:
    """The local names neither marked complex nor surely real (the least fixed point)."""
    defined = {name for name, _ in rows}
    doubtful = (local - wrt - defined) | {name for name, op in rows if not _real_closed(op)}
    size = -1
    while size != len(doubtful):
        size = len(doubtful)
        doubtful |= {name for name, op in rows if name not in doubtful and not _real_result(op)
                     and not doubtful.isdisjoint(op.operand_names())}
    return doubtful - complex_names


def _real_result(op: Op) -> bool:
    """Whether ``op``'s value is real whatever its operands (``np.abs``, ``z.real``, a test)."""
    return _part(op) > 0 or op.key in _REAL_RESULTS or op.key in _TRUTHS or \
        getattr(op.key, "__module__", None) == _FORMS[0] and \
        getattr(op.key, "__name__", "") in ("absolute", "angle")


def _constant(node: gast.expr) -> object:
    """The number ``node`` is, if it is a literal (``1j``, ``-0.5j``)."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    value = node.value if isinstance(node, gast.Constant) else None
    return value if isinstance(value, (int, float, complex)) and not isinstance(value, bool) \
        else None


def _moved(parts: int, factor: str) -> int:
    """``parts`` multiplied by a factor that keeps, swaps or mixes them."""
    if factor == _KEEP or not parts:
        return parts
    return (parts & RE) << 1 | (parts & IM) >> 1 if factor == _SWAP else BOTH


def _part(op: Op) -> int:
    """``RE`` for ``np.real`` (``z.real``), ``IM`` for ``np.imag``, or their complex forms; 0."""
    key = op.key
    if key is np.real or key is np.imag:
        return RE if key is np.real else IM
    name = getattr(key, "__name__", "") if getattr(key, "__module__", None) == _FORMS[0] else ""
    return RE if name == "real" else IM if name == "imag" else 0


def _form(op: Op) -> str:
    """How ``op`` moves the parts: "add" (each part to itself), "product", "quotient",
    "complex" (``complex(a, b)``), "part" (``np.real``, ``np.imag``) or "" (it mixes them)."""
    key = op.key
    name = getattr(key, "__name__", "") if getattr(key, "__module__", None) in _FORMS else None
    if _part(op):
        return "part"
    if key is None or op.is_display or name in _ADDING or key in _AS_IS or any(
            key is k for k in _REAL_ADDING):
        return "add"
    if key is complex and 1 <= len(op.args) <= 2 and not op.keywords:
        return "complex"
    if len(op.args) == 2 and not op.keywords and (name in ("multiply", "divide") or any(
            key is k for k in _PRODUCTS)):
        return "quotient" if name == "divide" or key in _PRODUCTS[2:] else "product"
    return ""


def _of(node: gast.expr, moving: dict[str, int], varied: set[str], kinds: Kinds) -> int:
    """The parts of the operand ``node`` that may vary."""
    if isinstance(node, gast.Name):
        return 0 if node.id not in varied else moving.get(node.id, BOTH) if \
            kinds.parts(node.id) == BOTH else RE
    return BOTH if not varied.isdisjoint(Op(None, [node]).operand_names()) else 0


def _varying(rows: list[tuple[str, Op]], varied: set[str], kinds: Kinds) -> dict[str, int]:
    """The parts of each complex name that may vary (the least fixed point)."""
    moving: dict[str, int] = dict.fromkeys(kinds.complex_names & varied, 0)
    size = -1
    while size != sum(moving.values()):
        size = sum(moving.values())
        for target, op in rows:
            if target in moving:
                moving[target] |= _result_varies(op, moving, varied, kinds)
    return moving


def _result_varies(op: Op, moving: dict[str, int], varied: set[str], kinds: Kinds) -> int:
    form, args = _form(op), op.args
    parts = [_of(arg, moving, varied, kinds) for arg in [*args, *op.keywords.values()]]
    if form == "add":
        return _union(parts)
    if form == "complex":
        return (RE if parts[0] else 0) | (IM if parts[1:] and parts[1] else 0)
    if form in ("product", "quotient"):
        first = _moved(parts[0], kinds.factor(args[1]))
        second = _moved(parts[1], kinds.factor(args[0])) if form == "product" else \
            BOTH if parts[1] else 0
        return first | second
    return BOTH if any(parts) else 0


def _union(parts: list[int]) -> int:
    found = 0
    for part in parts:
        found |= part
    return found


def _operand_reads(op: Op, read: int, kinds: Kinds) -> list[tuple[str, int]]:
    """``(name, parts of it read)`` of each name ``op`` reads, ``read`` being the parts of its
    result that are read."""
    form, args = _form(op), op.args
    found: list[tuple[str, int]] = []
    for k, arg in enumerate([*args, *op.keywords.values()]):
        if not isinstance(arg, gast.Name):
            found += [(name, BOTH) for name in Op(None, [arg]).operand_names()]
            continue
        if form == "add" or form == "complex" and k == 0:
            part = read & RE if form == "complex" else read
        elif form == "complex":
            part = RE if read & IM else 0
        elif form == "part":
            part = _part(op) if read else 0
        elif form in ("product", "quotient") and k < 2 and not (form == "quotient" and k == 1):
            part = _moved(read, kinds.factor(args[1 - k]))
        else:
            part = BOTH if read else 0
        found.append((arg.id, part & kinds.parts(arg.id)))
    return found
