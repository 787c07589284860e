"""Complex values on the differentiated path: which names may hold complex numbers, and the
operations allowed on them (each with a rule checked under one convention), the others refused.

Convention: tangentish differentiates real functions of real inputs; a complex intermediate
``z`` has as its adjoint ``z_bar = dL/dRe(z) + 1j * dL/dIm(z)``, the gradient of the real loss
with respect to the pair of reals ``(Re z, Im z)`` (twice the conjugate Wirtinger derivative
``dL/d conj(z)``, as PyTorch's autograd keeps it; JAX's ``grad`` of a complex input is its
conjugate), and as its tangent ``z_dot = d Re(z) + 1j * d Im(z)``.  A rule written
for real numbers is wrong for a complex value (the adjoint of ``a * b`` is ``w_bar * conj(b)``,
not ``w_bar * b``), so a value that may be complex meets only:

- the complex forms of ``+ - * / **``, unary ``-``, ``np.exp``, ``np.square``, ``np.conj``,
  ``.real``/``np.real``, ``.imag``/``np.imag``, ``np.abs``/``abs`` and ``np.angle``
  (``rules/complex_forms.py``: this pass puts their keys in place of the real ones, the user's
  line unchanged; a real operand takes the real part of its adjoint), and those of
  ``np.concatenate``, ``np.stack``, ``np.hstack``, ``np.vstack``, ``np.where``,
  ``@``/``np.matmul``/``np.dot``, the casts
  ``np.array``/``np.asarray``/``.astype`` and an element assignment (``rules/complex_joins.py``);
  ``complex(a, b)`` has its own rule;
- operations whose real rule is right for complex values as it stands (real-linear maps that
  keep the dtype): indexing, ``sum``, ``mean``, ``reshape``, ``transpose``, ``ravel``, copies,
  tuples and lists (whose ``+`` joins them: no complex form there); and ``np.zeros_like``,
  ``np.ones_like`` and ``np.empty_like``, whose values are no operand's (their derivative 0 for
  complex values too: the zero adjoint a branch's join writes, ``X_bar = np.zeros_like(X)``, is
  one, so a second derivative through it is taken);
- ``np.fft``'s transforms and shifts (``rules/numpy_fft.py``).

Any other operation of a value that may be complex raises where it is differentiated
(:func:`refuse_complex`), naming it; an output that is complex raises when it is returned.

A value may be complex if it comes from a complex transform of ``np.fft``, a complex literal or
global (``1j``, ``np.complex128``), ``complex(a, b)``, a cast to a complex dtype, or an
operation on a value that may be complex whose result is not real by construction (``.real``,
``np.abs``, ``irfft``...).  (An argument that is not differentiated is taken as real; a
complex one that reaches a rule of a real value raises at run time: ``_rt.real_seed``, and the
check that gradients are real.)

    >>> import numpy as np, operator
    >>> import tangentish.rules
    >>> from tangentish import ir
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.activity import _rows
    >>> from tangentish.passes.dataflow import assigned
    >>> def f(x, h):
    ...     z = np.fft.rfft(x) * h
    ...     return np.sum(np.abs(z) ** 2)
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> rows = _rows(norm)
    >>> sorted(mark_complex(rows, norm.info, {"x", "h"} | assigned(norm.body)))
    ['rfft_x', 'z']
    >>> [op.key.__name__ for _, op in rows]
    ['rfft', 'multiply', 'absolute', 'pow', 'sum']
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import gast
import numpy as np

from ..errors import UnsupportedConstructError
from ..ir import LIST, Op
from ..loader import is_generated
from ..rule_forms import SELECTION_WEIGHTS
from ..syntax.build import names
from ..syntax.parse import SourceInfo
from ..syntax.resolve import resolve_reference

_MAKES_COMPLEX = frozenset({"fft", "ifft", "rfft", "fft2", "ifft2", "rfft2", "fftn", "ifftn",
                            "rfftn", "ihfft"})
_MAKES_REAL = frozenset({"irfft", "irfft2", "irfftn", "hfft"})
_FFT_AS_IS = _MAKES_COMPLEX | _MAKES_REAL | frozenset({"fftshift", "ifftshift"})
_AS_IS = (operator.getitem, np.sum, np.mean, np.reshape, np.transpose, np.ravel, list.append,
          list.pop, np.copy, np.moveaxis, np.cumsum, np.polyder,
          np.zeros_like, np.ones_like, np.empty_like)  # (these three: values of no operand's)
# the helpers the adjoints of those operations call (a derivative of a derivative): real-linear,
# keeping the dtype, their rules right for complex values as they stand
_HELPERS_AS_IS = {"tangentish.runtime.broadcast": ("unreduce", "fit", "unbroadcast"),
                  "tangentish.runtime.indexing": ("unindex", "add_at", "zero_index", "set_index"),
                  "tangentish.runtime.containers": ("own", "joined", "drop_last", "unpopped"),
                  "tangentish.runtime.machinery": ("private",),
                  "tangentish.runtime.products": ("uncumsum",),
                  "tangentish.runtime.contract": ("unpolyder",),
                  "tangentish.runtime.rearrange": ("unjoin", "rejoin")}
_SCIMATH = "numpy.lib.scimath"  # (np.emath's functions: complex for a real argument too)
_OWN = ("tangentish.rules.complex_forms", "tangentish.runtime.spectra",  # (forms, adjoints'
        "tangentish.rules.complex_joins", "tangentish.rules.complex_holomorphic",  # helpers,
        _SCIMATH, "tangentish.rules.complex_products")  # more forms, np.emath's functions)
_REAL_RESULTS = (np.real, np.imag, np.absolute, abs, np.angle, np.linalg.norm,
                 np.real_if_close)  # (a complex one raises when its derivative runs)
_MAKES = (complex, np.complex128, np.complex64, np.clongdouble)  # (their values are complex)
_AS_OPERANDS = {("tangentish.runtime.spectra", "onto"): (1,), ("tangentish.runtime.spectra",
                "dft_adjoint"): (1,), ("tangentish.runtime.spectra", "dft"): (1,),
                ("tangentish.runtime.spectra", "real_seed"): (0,),
                ("tangentish.runtime.broadcast", "unbroadcast"): (0,),  # (a mask to z's shape)
                ("tangentish.runtime.selection", "divided"): (1, 2),
                ("tangentish.rules.complex_products", "divided"): (1, 2),
                ("tangentish.runtime.selection", "chosen"): (0, 1),
                ("numpy", "where"): (1, 2), ("tangentish.rules.complex_joins", "where"): (1, 2)}
"""Helpers whose value is complex only as these operands of theirs are (a mask, a shape, the
condition of ``np.where``: not; a derivative's mask recast with its complex value is complex)."""
_REAL_WEIGHTS = {("tangentish.runtime.selection", "chosen"): 1}
"""Helpers real-linear in their other operands (their rules right for complex values there, as
they stand) while this one, a selection's weight, is real."""
_TRUTHS = (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne,
           operator.not_, operator.truth, np.any, np.all, np.logical_and, np.logical_or,
           np.logical_xor, np.logical_not, np.isnan, np.isinf, np.isfinite, np.iscomplex,
           np.isreal, np.count_nonzero, np.shape, np.size, np.ndim, len)
_MASKS = SELECTION_WEIGHTS | {"reads", "read_mask", "unpopped_mask", "factor_masks", "lstsq_masks",
                              "step"}
_RUNTIME = "tangentish.runtime."  # (the modules of _MASKS' helpers)
"""Operations whose values are booleans, counts or (the runtime's) weights, whatever their
operands (a derivative's masks of where an adjoint may be non-zero, ``np.any(z_mask)``,
``_rt.reads(z, i)``; a selection's weights, ``_rt.pick_first(a, b)``)."""
_ALLOWED = ("+ - * / ** (a constant exponent), unary -, np.exp, np.square, np.sqrt, np.log "
            "(also log2, log10, log1p), np.expm1, np.sin, np.cos, np.tan, np.sinh, np.cosh, "
            "np.tanh and their inverses, np.reciprocal, np.emath's sqrt, log, log2, log10, "
            "arcsin, arccos, arctanh, power and logn, np.conj, .real, "
            ".imag, np.abs, np.angle, indexing, element assignment, sum, mean, reshape, "
            "transpose, ravel, cumsum, np.polyder, np.polyval, np.vdot, np.real_if_close, "
            "np.linalg.norm (its 2-norm), np.concatenate, np.stack, np.hstack, np.vstack, "
            "np.where, @, np.matmul, np.dot, np.array, np.asarray, .astype, np.zeros_like, "
            "np.ones_like, np.empty_like, complex(a, b) and "
            "np.fft's transforms and shifts")


def _fft_name(key: object) -> str:
    """The name of ``key`` if it is a function of ``numpy.fft``, else ""."""
    if getattr(key, "__module__", None) != "numpy.fft":
        return ""
    return getattr(key, "__name__", "")


def _is_complex(value: object) -> bool:
    if isinstance(value, (complex, np.complexfloating)):
        return True
    try:
        return isinstance(value, type) and issubclass(value, (complex, np.complexfloating)) \
            or isinstance(value, np.dtype) and value.kind == "c" \
            or isinstance(value, np.ndarray) and value.dtype.kind == "c"
    except TypeError:
        return False


def complex_operand(op: Op, info: SourceInfo, found: frozenset[str] | set[str],
                    local: set[str]) -> bool:
    """Whether an operand of ``op`` may be complex: a name in ``found``, a complex literal, or a
    name of the module (a global, not in ``local``) holding a complex value."""
    for arg in [*op.args, *op.keywords.values()]:
        kind = arg.__class__
        if kind is gast.Name and arg.id in local and getattr(arg, "annotation", None) is None:
            if arg.id in found:
                return True
            continue
        if _complex_expression(arg, info, found, local):
            return True
    return False


def _complex_expression(node: gast.AST, info: SourceInfo, found: frozenset[str] | set[str],
                        local: set[str]) -> bool:
    """Whether the operand expression ``node`` may be complex (a global's attribute chain, such
    as ``C.real`` of a complex global ``C``, by the value it resolves to)."""
    kind = node.__class__
    if kind is gast.Constant:
        return _is_complex(node.value)
    if kind is gast.Name and node.id in local:
        return node.id in found
    if kind is gast.Name or kind is gast.Attribute and names(node)[:1] \
            and names(node)[0] not in local:
        reference = resolve_reference(info, node)
        if reference is not None:
            return _is_complex(reference.value)
    return any(_complex_expression(child, info, found, local)
               for child in gast.iter_child_nodes(node))


_DISPLAYS = (gast.Tuple, gast.List)


def _subscript(op: Op) -> tuple[str, gast.expr] | None:
    """``(t, k)`` where ``op`` is ``t[k]`` of a name ``t`` with one index (no slice)."""
    if op.key is operator.getitem and len(op.args) == 2 and op.args[0].__class__ is gast.Name \
            and op.args[1].__class__ in (gast.Constant, gast.UnaryOp, gast.Name):
        return op.args[0].id, op.args[1]
    return None


def _item_of_display(op: Op, held: dict[str, list[gast.expr]]) -> gast.expr | None:
    """Item ``k`` of the displays ``t`` may hold (see :func:`_held_displays`) where ``op`` is
    ``t[k]``, ``k`` a constant (each item complex as its own item is, not as the whole display:
    the adjoints of a join, the values a tape saved), else None."""
    read = _subscript(op)
    if read is None or read[0] not in held or read[1].__class__ is not gast.Constant \
            or read[1].value.__class__ is not int:
        return None
    displays, k = held[read[0]], read[1].value
    if not displays or any(not -len(d.elts) <= k < len(d.elts) or any(
            e.__class__ is gast.Starred for e in d.elts) for d in displays):  # (`(*a, b)`)
        return None
    items = [d.elts[k] for d in displays]
    return items[0] if len(items) == 1 else gast.Tuple(elts=items, ctx=gast.Load())


def _held_displays(rows: list[tuple[str, Op]]) -> dict[str, list[gast.expr]]:
    """The names each of whose values is one of a few tuple or list displays → those displays:
    ``_rt.onto(g, (a, b))`` (the adjoint of a join), and ``t = xs[-1]`` of a list ``xs`` that
    holds nothing but such displays (a tape: ``xs = []``, ``xs.append((a, b))``, ``xs.pop()``)."""
    defined: dict[str, list[Op]] = {}
    for name, op in rows:
        defined.setdefault(name, []).append(op)
    tapes: dict[str, list[gast.expr]] = {}
    for name, ops in defined.items():
        items: list[gast.expr] | None = []
        for op in ops:
            if op.key is LIST and all(a.__class__ in _DISPLAYS for a in op.args):
                items += op.args
            elif op.key is list.append and len(op.args) == 2 \
                    and op.args[1].__class__ in _DISPLAYS:
                items.append(op.args[1])
            elif getattr(op.key, "__name__", "") != "drop_last":
                items = None
                break
        if items is not None and _read_by_items(name, rows):  # (another name for it might
            tapes[name] = items  # change what it holds)
    held = {}
    for name, ops in defined.items():
        if all(getattr(op.key, "__name__", "") == "onto" and op.key.__module__ == _OWN[1]
               and len(op.args) == 2 and op.args[1].__class__ in _DISPLAYS for op in ops):
            held[name] = [op.args[1] for op in ops]
        elif all(_tape_read(op) in tapes for op in ops):
            held[name] = [d for op in ops for d in tapes[_tape_read(op)]]
    return {name: displays for name, displays in held.items() if _read_by_items(name, rows)}


def _read_by_items(name: str, rows: list[tuple[str, Op]]) -> bool:
    """Whether every operation reading ``name`` reads an item of it, appends to it or pops it
    (no other name is made to hold it: what it holds is what its own operations put in)."""
    for _, op in rows:
        if name in op.operand_names() and not (
                op.args and op.args[0].__class__ is gast.Name and op.args[0].id == name
                and name not in op.operand_names()[1:] and (
                    _tape_read(op) == name or op.key is list.append
                    or getattr(op.key, "__name__", "") == "drop_last")):
            return False
    return True


def _tape_read(op: Op) -> str:
    """The list ``op`` takes an item of (``xs[k]``, ``xs.pop()``: forward mode keeps it whole),
    else ""."""
    if op.key is list.pop and op.args and op.args[0].__class__ is gast.Name:
        return op.args[0].id
    return (_subscript(op) or ("",))[0]


def _result_complex(op: Op, info: SourceInfo, found: set[str], local: set[str],
                    held: dict[str, list[gast.expr]]) -> bool:
    item = _item_of_display(op, held) if held else None
    if item is not None:
        return _complex_expression(item, info, found, local)
    fft = _fft_name(op.key)
    module = getattr(op.key, "__module__", None)
    name = getattr(op.key, "__name__", "")
    if fft in _MAKES_COMPLEX or op.key in _MAKES or module == _SCIMATH \
            or name == "lambertw" and str(module).startswith("scipy.special"):  # (complex always)
        return True
    if fft in _MAKES_REAL or op.key in _REAL_RESULTS or module in (_OWN[0], _OWN[5]) \
            and name in ("real", "imag", "absolute", "angle", "norm", "real_if_close") \
            or (module, name) == (_OWN[1], "squared_magnitude") \
            or op.key in _TRUTHS or name in _MASKS and str(module).startswith(_RUNTIME):
        return False  # (their complex forms too: a function analyzed again after the swap)
    which = _AS_OPERANDS.get((module, name))
    if which is not None:  # (complex as those operands are)
        return complex_operand(Op(None, [op.args[k] for k in which if k < len(op.args)]), info,
                               found, local)
    return complex_operand(op, info, found, local)


def element_write(op: Op | None) -> bool:
    """Whether ``op`` is an element assignment ``a[b] = c``: ``operator.setitem``, or its complex
    form (which :func:`mark_complex` puts in its place where ``a`` or ``c`` may be complex)."""
    key = getattr(op, "key", None)
    return key is operator.setitem or getattr(key, "__module__", None) == _OWN[2] \
        and getattr(key, "__name__", "") == "setitem"


def _fixed_point(rows: list[tuple[str, Op]], info: SourceInfo, local: set[str],
                 held: dict[str, list[gast.expr]]) -> set[str]:
    found: set[str] = set()
    changed = True
    while changed:
        size = len(found)
        found.update(name for name, op in rows if name not in found
                     and _result_complex(op, info, found, local, held))
        changed = len(found) != size
    return found


def mark_complex(rows: list[tuple[str, Op]], info: SourceInfo, local: set[str],
                 sequences: Callable[[], set[str]] = set) -> frozenset[str]:
    """The names that may hold complex values (to a fixed point: loops carry them round), with
    the key of each operation of such a value that has a complex form replaced by that form
    (``local``: the function's parameters and assigned names; ``sequences``: the names surely
    holding lists or tuples, whose ``+`` and ``*`` join and repeat them: no complex form)."""
    found = _fixed_point(rows, info, local, {})
    if not found:  # (no operation makes a complex value: none has a complex operand to change)
        return frozenset()
    held = _held_displays(rows)
    if held:  # (again, the items of the displays they hold each complex as it is)
        found = _fixed_point(rows, info, local, held)
    from ..rules.complex_forms import FORMS

    lists = sequences() if any(op.key is operator.add or op.key is operator.mul
                               for _, op in rows) else set()
    for _, op in rows:
        if lists and (op.key is operator.add or op.key is operator.mul) \
                and not lists.isdisjoint(op.operand_names()):
            continue
        try:
            form = FORMS.get(op.key)
        except TypeError:  # (an unhashable callable: no complex form)
            continue
        if form is not None and complex_operand(op, info, found, local):
            op.key = form
    return frozenset(found)


def standing(key: object) -> object:
    """The real operation that ``key``, a complex form (``z * w``, ``np.exp(z)``, ``z.real``,
    ``np.where(c, z, w)``), stands for (:mod:`.supports`: how many operands, whether its partial
    is singular, whether it selects); ``key`` itself for any other."""
    if getattr(key, "__module__", None) not in _FORMS:
        return key
    from ..rules.complex_forms import STANDS_FOR  # (imported already: key is one of its forms)

    return STANDS_FOR.get(key, key)


_FORMS = (_OWN[0], _OWN[2], _OWN[3])  # (complex_forms', complex_joins', complex_holomorphic's)


def refuse_complex(info: SourceInfo, op: Op, local: set[str], found: frozenset[str]) -> None:
    """Raise if an operand of ``op`` (a differentiated operation) may be complex and ``op`` has
    no rule that follows the convention (see the module's docstring)."""
    module = getattr(op.key, "__module__", None)
    if op.key is None or op.is_display or op.key in _AS_IS or op.key in _MAKES \
            or _fft_name(op.key) in _FFT_AS_IS or module in _OWN or module in _HELPERS_AS_IS \
            and getattr(op.key, "__name__", "") in _HELPERS_AS_IS[module]:
        return
    weight = _REAL_WEIGHTS.get((module, getattr(op.key, "__name__", "")))
    if weight is not None and weight < len(op.args) and not complex_operand(
            Op(None, [op.args[weight]]), info, found, local):
        return
    if complex_operand(op, info, found, local):
        if is_generated(info.fn):
            _refuse_again(info, op.node, f"applies {op.label} to a value that may be complex")
        raise UnsupportedConstructError(
            f"{op.label} of a value that may be complex is not differentiated: tangentish "
            "differentiates real functions of real inputs, through complex intermediates only "
            f"along {_ALLOWED}", info.location(op.node),
            hint="take the real and imaginary parts (or np.abs) first and compute with those, or "
            "keep complex values off the differentiated path")


def _refuse_again(info: SourceInfo, node: gast.AST, what: str) -> None:
    """Raise for a derivative's own code (a second derivative differentiates it) that ``what``:
    the user's statement it comes from is named (:mod:`tangentish.provenance`), its text too."""
    raise UnsupportedConstructError(
        "a second derivative through the complex values of this statement is not taken: its "
        f"first derivative's code {what}, as far as tangentish can tell",
        info.location(node), hint="take first derivatives (grad, jvp, vjp) of a function with "
        "complex intermediates, or compute this statement's complex values with their real and "
        "imaginary parts (z.real, z.imag)")


def refuse_complex_output(output: gast.expr, rows: list[tuple[str, Op]], info: SourceInfo,
                          found: frozenset[str], active: set[str]) -> None:
    """Raise if a differentiated name of ``output`` may be complex (a helper of the user's
    returning one to its caller, whose rules would take it for real, as much as the function)."""
    returned = [name for name in names(output) if name in found and name in active]
    if returned:
        node = [op.node for name, op in rows if name == returned[0]][-1:] or [output]
        if is_generated(info.fn):
            _refuse_again(info, node[0], f"returns `{returned[0]}`, which may be complex")
        raise UnsupportedConstructError(
            f"{info.name} returns a value that may be complex (`{returned[0]}`): tangentish "
            "differentiates real functions of real inputs", info.location(node[0]),
            hint="return a real value (np.abs(z) ** 2, z.real, z.imag); a helper that computes "
            "with complex values can return their real and imaginary parts")
