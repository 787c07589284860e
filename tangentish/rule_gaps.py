"""What ``tangentish rules --missing`` leaves out of its list: utilities that compute no numbers
(printing, files, dtypes, dates, configuration, memory queries), and the functions deliberately
left without a derivative rule, each with the reason.  Names are spelled as the listing spells them
(``np.``, ``np.linalg.``, ``np.fft.``, ``math.``, ``scipy.special.``); a name the installed
version lacks is skipped."""

from __future__ import annotations

import sys
import warnings

_PRINTING = ("array2string", "array_repr", "array_str", "base_repr", "binary_repr",
             "format_float_positional", "format_float_scientific", "get_printoptions",
             "set_printoptions", "printoptions", "info", "show_config", "show_runtime", "typename")
_FILES = ("load", "loadtxt", "save", "savetxt", "savez", "savez_compressed", "genfromtxt",
          "fromfile", "fromregex", "frombuffer", "fromstring", "from_dlpack", "fromiter")
_TYPES = ("can_cast", "common_type", "isdtype", "issubdtype", "min_scalar_type", "mintypecode",
          "promote_types", "result_type", "isscalar", "iterable", "isfortran", "broadcast_shapes")
_DATES = ("busday_count", "busday_offset", "is_busday", "datetime_as_string", "datetime_data")
_CONFIG = ("getbufsize", "setbufsize", "geterr", "seterr", "geterrcall", "seterrcall",
           "get_include", "nested_iters", "may_share_memory", "shares_memory", "test")

_NUMPY1 = ("add_docstring", "add_newdoc", "add_newdoc_ufunc", "byte_bounds", "compare_chararrays",
           "deprecate", "deprecate_with_doc", "disp", "find_common_type", "get_array_wrap",
           "geterrobj", "seterrobj", "issctype", "issubclass_", "issubsctype", "lookfor",
           "maximum_sctype", "obj2sctype", "recfromcsv", "recfromtxt", "safe_eval", "sctype2char",
           "set_numeric_ops", "set_string_function", "source", "who")  # NumPy 1.x only

UTILITIES: frozenset[str] = frozenset(
    [f"np.{name}" for group in (_PRINTING, _FILES, _TYPES, _DATES, _CONFIG, _NUMPY1)
     for name in group]
    + ["np.linalg.test", "np.fft.test", "scipy.special.geterr", "scipy.special.seterr",
       "scipy.special.test"])

_COMPLEX = "its values are complex: tangentish differentiates real functions of real inputs only"
_CALLABLE = "takes a Python function to apply: write the loop or the expression itself"
_SET = ("values chosen by equality (a set operation): the result's size changes with the values; "
        "np.sort and boolean masks are differentiated")

_ALIAS = "a deprecated NumPy 1.x alias (removed in NumPy 2): use the function it names"
_ITERATOR = ("an iterator over an array's elements: `for v in x.flat:` and `for i in "
             "np.ndindex(x.shape): v = x[i]` are differentiated")

LEFT_OUT: dict[str, str] = {
    "np.product": _ALIAS + ", np.prod", "np.cumproduct": _ALIAS + ", np.cumprod",
    "np.msort": _ALIAS + ", np.sort(a, axis=0)",
    "np.asfarray": _ALIAS + ", np.asarray(a, dtype=float)",
    "np.fastCopyAndTranspose": _ALIAS + ", a.T.copy()",
    "np.nditer": _ITERATOR, "np.ndenumerate": _ITERATOR,
    "np.apply_over_axes": _CALLABLE,
    "np.ix_": "an index builder, whose integer and bool arguments carry no derivative; of a "
    "float array that varies it returns the values, which are not differentiated (index with "
    "np.ix_ of integer arrays, or reshape the values yourself: `v[:, None]`, `v[None, :]`)",
    "np.frompyfunc": _CALLABLE,
    "np.unique_all": _SET, "np.unique_counts": _SET, "np.unique_inverse": _SET,
    "np.unique_values": _SET, "np.intersect1d": _SET, "np.union1d": _SET, "np.setdiff1d": _SET,
    "np.setxor1d": _SET, "np.trim_zeros": _SET,
    "np.sort_complex": _COMPLEX, "np.roots": _COMPLEX,
    "np.fft.fftfreq": "a grid of frequencies from the length n and the spacing d: "
    "differentiate 1 / (n * d) instead",
    "np.fft.rfftfreq": "a grid of frequencies from the length n and the spacing d: "
    "differentiate 1 / (n * d) instead",
    "np.asmatrix": "np.matrix (whose * is a matrix product) is refused everywhere",
    "np.bmat": "np.matrix (whose * is a matrix product) is refused everywhere",
    "np.histogram2d": "its counts are piecewise constant in the data but its edges follow the "
    "data's range unless given; np.histogram of each axis with range= or edges is differentiated",
    "np.histogramdd": "as np.histogram2d", "np.histogram_bin_edges": "its edges follow the data's "
    "range: np.linspace(np.min(a), np.max(a), bins + 1) is differentiated",
    "np.kaiser": "its shape parameter beta enters through I0: the window is np.i0(beta * "
    "np.sqrt(1 - (2 * np.arange(M) / (M - 1) - 1) ** 2)) / np.i0(beta), which is differentiated",
    "math.frexp": "returns (mantissa, exponent) of a Python float: np.frexp is differentiated",
    "math.modf": "returns (fraction, integer part) of a Python float: np.modf is differentiated",
    **{f"scipy.special.{name}": _COMPLEX for name in (
        "hankel1", "hankel1e", "hankel2", "hankel2e", "h1vp", "h2vp", "wofz", "kelvin",
        "sph_harm_y", "sph_harm_y_all")},
}

_WRITE = "the element assignment y[index] = values it makes, at the index NumPy writes " \
    "(passes/in_place_calls.py)"

LOWERED: dict[str, str] = {
    "np.block": "np.concatenate of np.concatenate, each block reshaped (passes/numpy_forms.py)",
    "np.linalg.cond": "the ratio of np.linalg.svd's values, or norm(x, p) * norm(inv(x), p) "
    "(passes/numpy_forms.py)",
    "np.linalg.tensorsolve": "np.linalg.solve of a reshaped to a square matrix and of "
    "np.ravel(b), reshaped (passes/numpy_forms.py)",
    "np.linalg.tensorinv": "np.linalg.inv of a reshaped to a square matrix, reshaped "
    "(passes/numpy_forms.py)",
    "np.piecewise": "the loop NumPy runs, each function called on the elements its condition "
    "selects (passes/piecewise.py)",
    "np.fromfunction": "the function called on the grids of np.indices(shape) "
    "(passes/applied.py)",
    "np.copyto": _WRITE, "np.fill_diagonal": _WRITE, "np.place": _WRITE, "np.put": _WRITE,
    "np.put_along_axis": _WRITE, "np.putmask": _WRITE,
    "np.apply_along_axis": "the loop over the lines NumPy runs, the function called by name on "
    "each (passes/applied.py)",
}
"""Functions with no rule of their own that are differentiated as the calls they are made of."""

_MODULES = {"np": "numpy", "np.linalg": "numpy.linalg", "np.fft": "numpy.fft", "math": "math",
            "scipy.special": "scipy.special"}


def left_out(fn: object) -> tuple[str, str] | None:
    """``(name, reason)`` of ``fn`` if it is one of :data:`LEFT_OUT`, else None: the hint of the
    error a call of it raises.  (Asked on that error only; reads the modules already imported.)"""
    for dotted, reason in LEFT_OUT.items():
        prefix, _, name = dotted.rpartition(".")
        module = sys.modules.get(_MODULES[prefix])
        with warnings.catch_warnings():  # (NumPy 1.25+ warns on its deprecated aliases)
            warnings.simplefilter("ignore")
            found = getattr(module, name, None) if module is not None else None
        if found is not None and found is fn:
            return dotted, reason
    return None
