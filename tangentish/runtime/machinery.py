"""What generated code needs besides derivatives: the seed check, placeholders, aliasing
checks, and split motion's rewind/replay.

Why the seed check stays in generic generated code (issue 10 asks for it in the API wrapper): it
needs the output, which exists only inside the derivative, between its primal and its adjoint, and
it must run there.  Checked after the call, a default seed met by an array output would already
have made the gradient of its sum (``_rt.unreduce(1.0, x, axis=0)`` broadcasts) or stopped in a
NumPy error of the adjoint instead of :class:`NonScalarOutputError`; and the seed's cast to a
float32 or float16 output's dtype (``in_output_dtype``) keeps the whole adjoint in that dtype
(NumPy 1.x makes ``np.float32 * float`` a float64).  The wrapper checks the seed only where the
derivative is specialized to a proven float64 scalar output (``specialize.seeded_run``),
and ``vjp``'s :class:`~tangentish.pullback.Pullback`, which has the output before the pullback runs.
"""

from __future__ import annotations

import copy
import linecache
import sys
from typing import Any
from warnings import (  # noqa: F401  (a user's catch_warnings block, carried: passes/quiet_runs.py)
    catch_warnings,
    filterwarnings,
    resetwarnings,
    simplefilter,
)

import numpy as np

from ..errors import (
    ArgumentError,
    InternalError,
    NonScalarOutputError,
    UnsupportedConstructError,
    UnsupportedValueError,
)
from ._common import (
    FLOAT_SCALARS,
    NO_DERIVATIVE,
    UNBOUND,
    _is_complex,
    _shape,
    in_output_dtype,
    not_a_real_output,
    per_value_dtype,
)
from ._memory import (
    _IMMUTABLE,
    OPAQUE,
    _shared,
    _shared_item,
    arrays_in,
    held_at,
    item_shared,
    not_array,
    reaches,
    rebound,
    shares,
    tape_hint,
    untaped_list,
    written_part,
)


def seed(output: Any, out_bar: Any, function: str) -> Any:
    """Start the adjoint sweep: ``out_bar`` in ``output``'s floating dtype, once it fits the output
    (the default ``1.0`` a real scalar, or any output of one value; else a seed of the output's
    shape, or one per value of a returned tuple or list).  What does not fit raises (the refusals'
    words: :func:`_not_real`, :func:`_not_one_per_value`, :func:`_misfit`).  Of a Python-float
    output, a float64: the adjoint computes in NumPy's arithmetic (``in_output_dtype``)."""
    if out_bar.__class__ is float and output.__class__ in FLOAT_SCALARS:  # (the common case at
        return np.float64(out_bar)  # scalar inputs)
    if refusal := _not_real(output, function):
        raise UnsupportedValueError(**refusal)
    if isinstance(output, (tuple, list)):
        if refusal := _not_one_per_value(output, out_bar, function):
            raise NonScalarOutputError(**refusal)
        return per_value_dtype(out_bar, output)
    shape = _shape(output)
    if _shape(out_bar) == shape:
        return in_output_dtype(out_bar, output)
    if np.ndim(out_bar) == 0 and np.size(output) == 1:  # one value (x.T @ A @ x of a column x)
        return in_output_dtype(np.full(shape, out_bar), output)
    raise NonScalarOutputError(**_misfit(shape, out_bar, function))


def _not_real(output: Any, function: str) -> dict | None:
    """The refusal of an output that is not real numbers (complex, None, text, bool), if it is
    one.  (The refusals return their words and :func:`seed` raises: a traceback shows the one
    frame of the runtime that refused.)"""
    if _is_complex(output):
        return {"message": f"{function} returned a complex value: tangentish differentiates real "
                "functions of real inputs", "hint": "return a real value (e.g. np.abs, .real), "
                "or keep complex values off the differentiated path"}
    not_real = not_a_real_output(output)
    if not_real:
        return {"message": f"{function} returned {not_real}, not a real number or array: there "
                "is nothing to differentiate", "hint": "return the value to differentiate as a "
                "float or a floating array (None comes from a `return` without a value; a bool "
                "from a comparison)"}
    return None


def _not_one_per_value(output: Any, out_bar: Any, function: str) -> dict | None:
    """The refusal of a seed that is not one per value of a returned tuple or list (a tuple or
    list, maybe ragged, or an array over the values), if it is not."""
    sized = isinstance(out_bar, (tuple, list)) or np.ndim(out_bar) > 0
    if sized and len(out_bar) == len(output):
        return None
    return {"message": f"grad({function}) needs a single output, but {function} returned "
            f"{len(output)} values", "hint": "differentiate one of them (index the result in a "
            "wrapper function), or pass one seed per value as `out_bar=`; a (value, gradient) "
            f"pair written for scipy's minimize(jac=True): grad({function}, has_aux=True) "
            "differentiates the value and returns the rest"}


def _misfit(shape: tuple[int, ...], out_bar: Any, function: str) -> dict:
    """The refusal of a seed whose shape is not the output's (``shape``)."""
    if np.ndim(out_bar) == 0:
        return {"message": f"grad({function}) needs a scalar output, but {function} returned an "
                f"array of shape {shape}", "hint": f"reduce the output (e.g. np.sum), pass a "
                f"cotangent of shape {shape} as `out_bar=`, or use tangentish.vjp / "
                "tangentish.jacobian"}
    return {"message": f"the seed `out_bar` has shape {np.shape(out_bar)} but {function} "
            f"returned shape {shape}", "hint": "pass a cotangent with the same shape as the output"}


def rewind(redo: list, array: Any, index: Any, saved: Any) -> None:
    """``array[index] = saved`` (undoing an in-place update), remembering what it overwrote so
    that :func:`replay` can put it back."""
    redo.append((array, index, np.copy(array[index])))
    array[index] = saved


def rewind_pop(redo: list, items: list) -> None:
    """``items.pop()`` (undoing an ``append``), remembering the item for :func:`replay`."""
    redo.append((items, None, items.pop()))


def rewind_append(redo: list, items: list, item: Any) -> None:
    """``items.append(item)`` (undoing a ``pop``), remembering to remove it for :func:`replay`."""
    items.append(item)
    redo.append((items, rewind_append, None))


def rewind_del(redo: list, items: list, start: int) -> None:
    """``del items[start:]`` (undoing an ``extend``), remembering the items for :func:`replay`."""
    redo.append((items, slice(start, None), items[start:]))
    del items[start:]


def rewind_put_back(redo: list, value: Any, saved: Any) -> None:
    """``put_back(value, saved)`` (undoing a call that changed ``value``), remembering the
    contents it overwrote for :func:`replay`."""
    redo.append((value, put_back, snapshot(value)))
    put_back(value, saved)


def replay(redo: list) -> None:
    """Put back, newest first, what :func:`rewind` and friends overwrote."""
    while redo:
        target, index, value = redo.pop()
        if index is put_back:
            put_back(target, value)
        elif index is rewind_append:
            target.pop()
        elif index is None:
            target.append(value)
        elif isinstance(index, slice) and isinstance(target, list):
            target.extend(value)
        else:
            target[index] = value


def aux_pair(value: Any, function: str) -> Any:
    """Under ``has_aux=True`` the function returns ``(output, aux)``: a tuple or list of two."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return value
    what = f"a {type(value).__name__} of {len(value)} values" if isinstance(
        value, (tuple, list)) else f"a {type(value).__name__}"
    raise ArgumentError(f"with has_aux=True, {function} must return a pair (output, aux), but it "
                        f"returned {what}", hint="return `output, aux`, or drop has_aux=True")


def private(value: Any) -> Any:
    """A copy of an argument the function changes in place (arrays, lists and dicts, and an
    object holding arrays; anything else is returned as is), so the caller's value is never
    changed."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):  # (a defaultdict or an OrderedDict stays one)
        copied = copy.copy(value)
        copied.update((key, private(item)) for key, item in value.items())
        return copied
    if isinstance(value, list):  # its arrays too: an item read back may be changed in place
        return [private(item) for item in value]
    if isinstance(value, tuple):
        items = [private(item) for item in value]
        return type(value)(*items) if hasattr(type(value), "_fields") else tuple(items)
    if isinstance(getattr(value, "__dict__", None), dict) and not isinstance(value, OPAQUE) \
            and next(arrays_in(value), None) is not None:
        return _private_object(value)
    return value


def _private_object(value: Any) -> Any:
    """A deep copy of an object whose arrays the function may change (``w = m.w; w[0] = v``)."""
    try:
        return copy.deepcopy(value)
    except Exception as exc:  # (a lock, a file, an object refusing to be copied)
        raise UnsupportedConstructError(
            f"the function changes in place an array that an argument of type "
            f"{type(value).__name__} may hold, and the derivative, which never changes its "
            f"arguments, cannot copy it ({type(exc).__name__}: {exc})",
            hint="copy the array before changing it (`w = m.w.copy()`)") from None


def check_unshared(changed: Any, other: Any, changed_name: str, other_name: str,
                   where: str, index: Any = Ellipsis, *, copy_of: str | None = None,
                   rebind: str | None = None, text: bool = False, skip: Any = None,
                   in_place: bool = False, tape: bool = False, item: bool = False) -> None:
    """Refuse an in-place change of ``changed`` (of ``changed[index]``, for an element or slice
    assignment) when ``other``, read later, shares the memory it writes: the derivative would
    otherwise compute with a value the program never had.  ``copy_of``: ``other_name`` was made
    by ``other_name = copy_of``; ``rebind``: the operator of the augmented assignment changing
    it (``g /= v``), which ``g = g / v`` would do without the change; ``text``: ``other_name``
    is the source text of an expression the program named nowhere (``for v in y[0:2]``);
    ``skip``: ``changed`` is item ``skip`` of the list ``other`` (``xs[i] op= v``), whose other
    items must not share its memory; ``in_place``: ``changed[index] op= v``, which changes an
    array item of a list ``changed`` the caller passed in place (for ``...``, any array it
    holds: an argument whose memory another name writes, ``w = m.w``), so that item must not
    share ``other``'s memory, nor, where ``other`` is ``changed`` under the same name, another
    item's; ``tape``: ``other`` is the tape of a gradient being differentiated again, which must
    hold nothing the change changes (:func:`._memory.untaped_list`; ``item``: the change is
    ``changed[index] = v``).  (A number's ``+=`` rebinds it: it shares nothing.)"""
    if tape:
        return _check_untaped(changed, other, changed_name, where, index, item)
    if skip is not None or (in_place and other is changed and other_name == changed_name):
        if not item_shared(changed, other, skip):
            return
        raise UnsupportedConstructError(**_shared_item(changed_name, other_name, where, rebind))
    shared = changed is other and isinstance(changed, (np.ndarray, list))
    if not shared and isinstance(changed, np.ndarray):
        shared = shares(written_part(changed, index), other)
    elif in_place:  # (`rows[i] op= v` on the caller's list; any array it holds for `...`)
        chosen = [changed[index]] if isinstance(changed, (list, dict)) and index is not Ellipsis else changed
        shared = any(shares(a, other) for a in arrays_in(chosen))
    if shared:  # (a list changed itself, not one of its items: words of its own)
        how = (copy_of, rebind, text, not in_place and isinstance(changed, list), held_at(other, changed))
        raise UnsupportedConstructError(**_shared(changed_name, other_name, where, *how))


def _check_untaped(changed: Any, tape: list, changed_name: str, where: str, index: Any,
                   item: bool) -> None:
    """:func:`check_unshared` of an array changed in place that the tape of a gradient being
    differentiated again may hold: refused unless no array the tape holds overlaps what changes
    (a number is rebound, never changed; a list as :func:`._memory.untaped_list` says; an
    object changed there is refused)."""
    if isinstance(changed, _IMMUTABLE) or isinstance(changed, np.ndarray) and \
            not shares(written_part(changed, index), tape) or untaped_list(changed, tape, index, item):
        return
    raise UnsupportedConstructError(
        f"{changed_name!r} is changed in place at {where} while the gradient's tape (the "
        "values its adjoint reads back) holds it or a view of it; differentiating this "
        "gradient again cannot follow a change made through another name",
        hint=tape_hint(changed_name))


def check_not_module(value: Any, module_value: Any, name: str, module_name: str,
                     where: str, rebind: str = "+", update: bool = False) -> None:
    """Refuse an augmented assignment ``v += e`` (in place on an array or a list) when ``v`` is
    the module-level (or closure) value ``module_name`` or shares its memory (``v =
    np.asarray(W)``, ``v = W[0]`` of a 2-d ``W``): it would write into the user's value.  A
    number read from it (``v = W[0]`` of a 1-d ``W``) is rebound, as Python does.  ``name`` is
    the user's text for ``v`` (``c[1]`` for ``c[1] *= e``), ``rebind`` the operator.
    ``update``: a change of ``v`` itself (``v[i] = e``), refused when ``v`` is anything the
    module-level value holds, or may hold unseen (:func:`._memory.reaches`)."""
    if update:
        shared = reaches(module_value, value)
    else:
        shared = value is module_value and not isinstance(value, _IMMUTABLE)
    if not shared and isinstance(value, np.ndarray) and not update:
        shared = shares(value, module_value)
    if shared and name == module_name:
        raise UnsupportedConstructError(
            f"this augmented assignment at {where} writes into the module-level value "
            f"{module_name!r} (through another name for it)",
            hint=f"make a new value (`{name} = {name} {rebind} ...`), or change a copy of it")
    if shared:
        raise UnsupportedConstructError(
            f"{name!r} is the module-level value {module_name!r} (or a view of it) at {where}, "
            f"which this {'change' if update else 'augmented assignment'} would write into",
            hint=f"change a copy (`{name} = {name}.copy()` first)" + (
                "" if update else f", or make a new value: `{name} = {name} {rebind} ...`"))


def check_not_array(value: Any, function: str, parameter: str, where: str, items: bool = False
                    ) -> None:
    """Refuse to pass a mutable value (an array, a list) to a helper that rebinds ``parameter``
    with an augmented assignment: on such a value ``p += v`` writes into the caller's value, which
    the derivative would then read changed.  Numbers are rebound, as the helper expects.
    ``items``: it rebinds the items of a loop over it (``for q in p: q /= s``; :func:`rebound`)."""
    if rebound(value, items):
        return
    raise UnsupportedValueError(**not_array(value, function, parameter, where, items))


def unresolved(name: str) -> Any:
    """A call of a name that did not resolve when the function was differentiated, reached: the
    error the transform would have raised, raised where the call runs (so a branch that never runs
    on this NumPy, ``np.trapz`` behind ``hasattr(np, "trapezoid")``, does not stop the rest)."""
    raise UnsupportedConstructError(
        f"cannot resolve the function `{name}`",
        hint="check the name; it must exist when f is differentiated (a call in a branch that "
        "does not run may name what this Python or NumPy lacks)")


def snapshot(value: Any) -> Any:
    """A copy of a value that a call is about to change in place, for the tape."""
    if isinstance(value, np.ndarray):
        return np.array(value, copy=True)
    if isinstance(value, (list, dict, set)):
        return value.copy()
    raise UnsupportedValueError(
        f"cannot save a {type(value).__name__} that is changed in place (only arrays, lists, "
        "dicts and sets can be put back for the derivative)",
        hint="change a copy instead, or build a new value")


def put_back(value: Any, saved: Any) -> None:
    """Undo an in-place change: ``value`` gets the contents ``snapshot`` saved, in place (every
    other name for it sees them again)."""
    if isinstance(value, np.ndarray):
        value[...] = saved
    elif isinstance(value, list):
        value[:] = saved
    else:
        value.clear()
        value.update(saved)


# -- checked mode (see tangentish/passes/checked.py) -------------------------------------------------


def _as_precise(derivative: np.dtype, value: np.dtype, scalar: bool, tangent: bool,
                stored: bool) -> bool:
    """Same kind, at least as many bytes, or any for a value ``stored`` into an array (``a32[i] =
    t64`` rounds it: its adjoint is read from ``a``'s).  A tangent may also be real under a complex
    value, in the precision of its parts (``np.emath.log(u)`` of a real ``u``: ``u_dot / u``; an
    adjoint may not, it carries both parts).  Under NumPy 1's value-based casting, a float32
    scalar derivative of a float64 scalar value passes: a Python number made ``v32 + 1.0``
    float64 there (NEP 50 does not), and its term has no tangent to keep that promotion."""
    if derivative.kind == value.kind:
        return stored or derivative.itemsize >= value.itemsize or scalar and _VALUE_BASED and \
            value.kind == "f"
    return tangent and derivative.kind == "f" and value.kind == "c" and \
        2 * derivative.itemsize >= value.itemsize


_VALUE_BASED = np.lib.NumpyVersion(np.__version__) < "2.0.0"  # (NumPy 1.x's promotion rules)


def _float_dtype(value: Any) -> np.dtype | None:
    """A value's floating dtype as the check compares it (``None``: nothing to compare; Python
    numbers take the dtype of the arrays they meet; ``np.float64``, a ``float`` subclass, is
    float64: the adjoints of Python floats from ``math`` and ``float()``, rounded to float32
    beside float32 values, are widened before they reach it, passes/weak_results.py)."""
    if value is None or isinstance(value, (bool, np.bool_, int, list, tuple)) or \
            value.__class__ is float:
        return None
    dtype = getattr(value, "dtype", None)
    return dtype if isinstance(dtype, np.dtype) and dtype.kind in "fc" else None


def check_like(derivative: Any, value: Any, name: str, where: str, stored: bool = False) -> None:
    """Checked mode: ``derivative`` (an adjoint or a tangent) has ``value``'s shape, and a floating
    dtype of the same kind at least as precise (a float32 value met by float64 data has a float64
    adjoint; the returned gradient is cast back; any precision where ``value`` is ``stored`` into
    an array), tangents as adjoints (forward mode keeps the promotion of a term that vanished:
    ``y = v32 + c64`` has a float64 ``y_dot``, passes/widening.py), but for a real tangent under a
    complex value (:func:`_as_precise`)."""
    if derivative is None or derivative is UNBOUND or derivative is NO_DERIVATIVE or \
            value is UNBOUND or \
            isinstance(value, (list, tuple)):
        return
    shapes = np.shape(derivative), np.shape(value)
    kinds = _float_dtype(derivative), _float_dtype(value)  # (``is None``: a dtype == None holds)
    if shapes[0] == shapes[1] and (kinds[0] is None or kinds[1] is None or _as_precise(
            kinds[0], kinds[1], not shapes[1], name.endswith("_dot"), stored)):
        return
    frame = sys._getframe(1)
    line = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
    raise InternalError(
        f"checked mode: {name} has shape {shapes[0]} and dtype {kinds[0]}, but its value has "
        f"shape {shapes[1]} and dtype {kinds[1]}\n  generated line {frame.f_lineno} of "
        f"{frame.f_code.co_name}: {line}\n  from {where}",
        hint="this is a bug in tangentish (or in a rule): please report it with this message")
