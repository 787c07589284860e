"""Refusals at run time: where a derivative exists mathematically but tangentish does not compute
it, or where a value tangentish does not differentiate (a complex number) reaches a rule, the
derivative raises instead of returning a silently wrong number."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from ..errors import ArgumentError, ArgumentValueError, UnsupportedConstructError, UnsupportedValueError
from ._common import _is_complex


def no_derivative(value: Any, what: str) -> Any:
    """Raise: the derivative with respect to ``what`` (an argument that varies with ``wrt``) is
    not computed by tangentish.  Generated code calls this only where that argument is active."""
    raise UnsupportedConstructError(
        f"tangentish does not differentiate {what}",
        hint="make that argument a constant (or compute it outside the differentiated function)")


def default_changed(message: str) -> ArgumentError:
    """The error a derivative raises, ``message`` naming its parameter, when a call passes a
    parameter something other than the default the derivative was built for (a module, a
    function or a string: ``passes/module_defaults.py``, ``passes/callable_defaults.py``)."""
    return ArgumentError(message, hint=(
        "which module, function or name a parameter holds is known only when the derivative "
        "runs, so it is built for the default: leave the argument out (or pass the default); for "
        "another function or name, differentiate a function of yours that passes it (`def g(x): "
        "return f(x, act=np.sin)`); another array module's functions (`xp=jax.numpy`) are not "
        "differentiated, NumPy's and SciPy's are"))


def real_only(value: Any, what: str, of: Any) -> Any:
    """``value`` unchanged if ``of`` is real; a complex ``of`` raises (tangentish differentiates
    real functions of real inputs only)."""
    if _is_complex(of):
        raise UnsupportedConstructError(
            f"{what} of a complex value on the differentiated path: tangentish differentiates "
            "real functions of real inputs only", hint="keep complex numbers off the path from "
            "the differentiated arguments to the output")
    return value


def matrices_only(a: Any, what: str) -> Any:
    """``a`` unchanged when it is a matrix or a stack of them; fewer axes raise.  SciPy's matrix
    functions differ there: ``sqrtm`` of a 0-d or 1-d array is ``ValueError`` in SciPy 1.15 and
    ``exp(a)`` as a 1x1 matrix in 1.17 (not a square root), so neither is differentiated."""
    if np.ndim(a) < 2:
        raise UnsupportedValueError(
            f"{what} of a {np.ndim(a)}-d array: it takes a square matrix (SciPy 1.15 raises "
            "ValueError for this one, SciPy 1.17 returns exp(a) as a 1x1 matrix, which "
            "is not its square root)", hint="for a number write `np.sqrt(a)`; for a 1x1 matrix "
            f"make it one first: `{what}(np.atleast_2d(a))` or `{what}(a.reshape(1, 1))`")
    return a


def real_eigenvalues(value: Any, what: str, w: Any) -> Any:
    """``value`` unchanged where the eigenvalues ``w`` of ``np.linalg.eig``/``eigvals`` are real;
    complex ones (a real matrix's come in conjugate pairs) raise."""
    if _is_complex(w):
        raise UnsupportedValueError(
            f"{what} returned complex eigenvalues: tangentish differentiates the eigenvalues and "
            "eigenvectors of real matrices whose eigenvalues are all real",
            hint="differentiate a matrix with real eigenvalues (a symmetric one: np.linalg.eigh or "
            "eigvalsh), or keep the decomposition off the path from the differentiated arguments")
    return value


def values_only(value: Any, compute_uv: Any) -> Any:
    """``value`` unchanged when ``compute_uv`` is false (``np.linalg.svd(x, compute_uv=False)``
    returns the singular values only, the form whose derivative this is); true raises."""
    if compute_uv:
        raise UnsupportedConstructError(
            "np.linalg.svd with compute_uv passed as a true value is not differentiated",
            hint="leave compute_uv out to get (u, s, vh), or pass compute_uv=False for the "
            "singular values")
    return value


def checked(value: Any, ok: Any, what: str, hint: str) -> Any:
    """``value`` unchanged when ``ok`` holds; else ``what`` (a case a rule does not differentiate,
    such as ``scipy.linalg.qr``'s non-unique columns of a full ``Q``) raises, with ``hint``."""
    if not ok:
        raise UnsupportedConstructError(what, hint=hint)
    return value


def _all_zero(tangent: Any) -> bool:
    if isinstance(tangent, (list, tuple)):  # one tangent per item (a list argument)
        return all(_all_zero(item) for item in tangent)
    return bool(np.all(np.equal(tangent, 0)))


def no_tangent(tangent: Any, what: str) -> Any:
    """``0.0`` for a zero tangent of ``what`` (an argument that does not vary); any other raises:
    the forward-mode twin of :func:`no_derivative`."""
    if _all_zero(tangent):
        return 0.0
    return no_derivative(tangent, what)


def float_target(array: Any, line: int, spliced: bool = False) -> None:
    """Nothing, unless ``array`` has an integer or bool dtype: then the varying value the user's
    line ``line`` writes into it (or casts to it) is truncated by NumPy (its derivative would be
    lost), and this raises; so it does for a dict (one the caller passed: the derivative does not
    follow a dict's entries once changed).  Generated code calls it before each such write into an array whose
    dtype the transform could not prove, and after a cast to a dtype it could not resolve (see
    passes/cast_guards.py).  (``line`` is for the reader of generated code: the error gets the
    user's file, line and statement from the line map, as every error found at run time does:
    see tangentish/provenance.py.)  ``spliced``: the write is to a slice, which a list or tuple
    the caller passed would change the length of (the derivative follows arrays): refused."""
    if isinstance(array, dict):
        raise UnsupportedConstructError(
            "a value that varies with the differentiated arguments is written here into a dict "
            "the caller passed: the derivative does not follow a dict's entries once changed",
            hint="keep the new value in a local name and read that, or build a new dict "
            "(`d = {**d, key: value}`)")
    dtype = getattr(array, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        raise UnsupportedConstructError(
            f"a value that varies with the differentiated arguments is truncated to dtype {dtype} "
            "here (written into an integer or bool array, or cast by a dtype known only when the "
            "function runs): its derivative would be lost",
            hint="make the array floating (e.g. `np.zeros(n)` or `buf.astype(float)`), or cast "
            "explicitly (`v.astype(int)`, `int(v)`) if the truncation is meant: its derivative "
            "is 0")
    if spliced and isinstance(array, (list, tuple)):
        raise UnsupportedConstructError(
            "assigning to a slice of a list the caller passed, which may change its length: the "
            "derivative follows a slice of an array", hint="copy it first (`xs = list(xs)`): a "
            "slice of a list the function made is differentiated")


def array_operand(value: Any, name: str, line: int) -> None:
    """Nothing, unless ``value`` (the parameter ``name``) is no ndarray, NumPy scalar or Python
    number: the derivative reads the user's line ``line``, ``name + [a, b]``, as NumPy's
    elementwise sum, and of a list (or tuple, or another object) ``+`` would mean something else,
    a join, so this raises (see passes/numeric_values.py; ``line`` is for the reader of generated
    code, the error gets the user's place from the line map)."""
    if isinstance(value, (np.ndarray, np.generic, int, float, complex)):
        return
    raise UnsupportedConstructError(
        f"`+` joins the lists or tuples it meets, which is not differentiated: the argument "
        f"{name!r} is a {type(value).__name__} here (the derivative was made for NumPy's "
        f"elementwise sum, of an array {name!r} and a list)",
        hint=f"if a join is meant, build the list in place (`ys = list({name})`, then "
        f"`ys.extend(...)`); if the elementwise sum is meant, pass {name!r} as an ndarray")


def copyto_cast(value: Any, into: Any, casting: Any) -> None:
    """Nothing, unless ``np.copyto(into, value, casting=casting)`` raises: then the same error,
    NumPy's own (``np.copyto`` checks the cast, ``into[...] = value``, which the derivative does
    in its place, does not: a float written into an integer array raises under ``same_kind``).
    An array of one or more dimensions is checked by its dtype alone; a number, a NumPy scalar or
    a list by a copy into an empty array of its own shape, so NumPy's rules for numbers apply."""
    if isinstance(value, np.ndarray) and value.ndim:
        if np.can_cast(value.dtype, into.dtype, casting=casting):
            return
        value = np.empty(0, value.dtype)  # (NumPy's error names the two dtypes)
    np.copyto(np.empty(np.shape(value), into.dtype), value, casting=casting)


def out_written(value: Any, into: Any, what: str) -> Any:
    """``value``, the result of ``what`` (a reduction, ``np.dot``...) that the function writes
    into ``into`` by ``out=``: where ``into`` is not an array, or has another shape, NumPy refuses
    that ``out=`` and so does this (its ``TypeError``, ``ValueError``).  An integer or bool
    result is cast into ``into``'s dtype, as NumPy casts it; a floating one of another dtype is
    refused: NumPy versions differ in the dtype it is computed in (NumPy 2 casts a float64 sum
    into float32, NumPy 1 may sum in float32), so never a value off by a rounding."""
    if not isinstance(into, np.ndarray):
        raise TypeError(f"{what}: out= must be an array, not {type(into).__name__}")
    shape, dtype = np.shape(value), np.result_type(value)
    if shape != into.shape:
        raise ValueError(f"{what}: out= has shape {into.shape}, its result {shape}")
    if dtype != into.dtype and dtype.kind in "iub":
        return np.asarray(value).astype(into.dtype)[()]
    if dtype != into.dtype:
        raise UnsupportedValueError(
            f"{what} writes its {dtype} result into an array of dtype {into.dtype} by out=: "
            "NumPy versions differ in the dtype they compute it in",
            hint=f"give out= an array of dtype {dtype}, or assign the result "
            "(`r[...] = np.sum(a, axis=0)`), which casts it after computing it")
    return value


def in_place(new: Any, old: Any, op: str) -> Any:
    """What NumPy leaves in the array ``old`` after ``name op= v``, which changes it in place,
    given ``new`` (``old op v``, which the derivative binds to the name): ``new`` itself, or
    ``new`` rounded into ``old``'s dtype where NumPy's ``same_kind`` cast does that (``float32 +=
    float64``: float32 values, the derivative passing through the rounding as through
    ``astype``); NumPy's error where it raises (a result of another shape, or of a dtype it will
    not cast back; ``@=`` before NumPy 2).  A number (or a NumPy scalar) is rebound by ``op=``,
    as the derivative does."""
    if not isinstance(old, np.ndarray):
        return new
    shape, dtype = np.shape(new), getattr(new, "dtype", old.dtype)
    if (op == "@=" and not _matmul_in_place()) or shape != old.shape or \
            not np.can_cast(dtype, old.dtype, "same_kind"):
        _not_in_place(op, old, shape, dtype)
    out = new if dtype == old.dtype else np.asarray(new).astype(old.dtype)
    # (a 0-d array stays one, as NumPy's change in place leaves it: its arithmetic gives a NumPy
    # scalar, which the next `op=` would rebind where NumPy changes the array again; mutation
    # fuzzer seed 70 program 98: `e = s; e -= e * 0.5` in a loop halved s once, not twice)
    return np.asarray(out) if not old.shape and out.__class__ is not np.ndarray else out


def _not_in_place(op: str, old: np.ndarray, shape: tuple, dtype: np.dtype) -> None:
    """Raise the error of :func:`in_place` (NumPy's class of it)."""
    plain = f"`a = a {op[:-1]} b`"
    if op == "@=" and not _matmul_in_place():
        raise ArgumentError("`@=` on an array: in-place matrix multiplication is not supported "
                            f"by NumPy {np.__version__}", hint=f"write {plain}")
    if shape != old.shape:
        raise ArgumentValueError(
            f"`{op}` cannot change an array of shape {old.shape} in place to the broadcast "
            f"shape {shape} (NumPy raises here)", hint=f"write {plain} for a new array")
    raise ArgumentError(
        f"`{op}` cannot cast its {dtype} result into an array of dtype {old.dtype} in place "
        "(NumPy raises here: casting rule 'same_kind')",
        hint=f"make the array {dtype} first, or write {plain} for a new array")


@functools.cache
def _matmul_in_place() -> bool:
    """Whether this NumPy runs ``a @= b`` on arrays (2.0 and later; 1.x raises TypeError)."""
    a = np.eye(1)
    try:
        a @= a
    except TypeError:
        return False
    return True


def fails(handlers: tuple, function: Any, *args: Any, **kwargs: Any) -> int:
    """``0`` where ``function(*args, **kwargs)`` returns; where it raises, ``1 +`` the place of
    the first of ``handlers`` (exception classes, or tuples of them, as ``except`` takes them)
    the exception is an instance of; one none of them takes propagates, as it does from the
    ``try`` statement this stands for (passes/try_statements.py: ``try: L =
    np.linalg.cholesky(A)`` / ``except np.linalg.LinAlgError: ...`` asks ``fails`` which branch
    runs, then computes ``L`` in it, differentiated)."""
    try:
        function(*args, **kwargs)
    except BaseException as error:
        for place, handler in enumerate(handlers):
            if isinstance(error, handler):
                return place + 1
        raise
    return 0


def extended_slots(n: int, lower: Any, upper: Any, step: Any, count: int) -> range:
    """The positions ``xs[lower:upper:step] = v`` writes in a list of ``n`` items, ``v`` holding
    ``count`` (passes/extended_slices.py writes them one by one): Python's ``ValueError`` where
    the numbers differ (and for a step of 0); with a step of 1 Python then changes the list's
    length, which the derivative does not follow: refused."""
    positions = range(n)[slice(lower, upper, step)]
    if len(positions) != count and step == 1:
        raise UnsupportedConstructError(
            "assigning to a slice of a list with a step of 1 may change its length, which the "
            "derivative does not follow", hint="write the slice without its step (`xs[i:j] = v`)")
    if len(positions) != count:
        raise ValueError(f"attempt to assign sequence of size {count} to extended slice of size "
                         f"{len(positions)}")
    return positions
