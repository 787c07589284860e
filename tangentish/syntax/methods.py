"""Array methods and attributes, mapped to the NumPy functions whose rules differentiate them.

``x.sum(axis=0)`` is differentiated by the rule of ``np.sum`` with ``a=x``; ``x.reshape(3, 4)`` by
``np.reshape`` with ``shape=(3, 4)``; ``x.T`` by ``np.transpose``.  Generated code keeps the user's
spelling in the primal sweep.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np


class MethodSpec:
    """How an array method is the function of its rule (a plain class: a frozen dataclass costs
    a first ``grad()`` a millisecond to make)."""

    __slots__ = ("function", "varargs", "rename")

    def __init__(self, function: Any, varargs: str | None = None,
                 rename: tuple[tuple[str, str], ...] = ()):
        self.function = function
        self.varargs = varargs  # parameter that collects positional arguments (x.reshape(3, 4))
        self.rename = rename  # method keyword → function parameter


# NumPy < 2.1 calls reshape's shape parameter `newshape`.
_RESHAPE_SHAPE = "shape" if "shape" in inspect.signature(np.reshape).parameters else "newshape"

METHODS: dict[str, MethodSpec] = {
    "sum": MethodSpec(np.sum),
    "mean": MethodSpec(np.mean),
    "max": MethodSpec(np.max),
    "min": MethodSpec(np.min),
    "var": MethodSpec(np.var),
    "prod": MethodSpec(np.prod),
    "std": MethodSpec(np.std),
    "cumsum": MethodSpec(np.cumsum),
    "dot": MethodSpec(np.dot),
    "reshape": MethodSpec(np.reshape, varargs=_RESHAPE_SHAPE),
    "transpose": MethodSpec(np.transpose, varargs="axes"),
    "ravel": MethodSpec(np.ravel),
    "flatten": MethodSpec(np.ravel),
    "squeeze": MethodSpec(np.squeeze),
    "copy": MethodSpec(np.copy),
    "clip": MethodSpec(np.clip, rename=(("min", "a_min"), ("max", "a_max"))),
    "trace": MethodSpec(np.trace),
    "argmax": MethodSpec(np.argmax),
    "argmin": MethodSpec(np.argmin),
    "argsort": MethodSpec(np.argsort),
    "argpartition": MethodSpec(np.argpartition),
    "searchsorted": MethodSpec(np.searchsorted),
    "choose": MethodSpec(np.choose),
    "any": MethodSpec(np.any),
    "all": MethodSpec(np.all),
    "nonzero": MethodSpec(np.nonzero),
    "astype": MethodSpec(np.ndarray.astype),  # NumPy < 2.1 has no np.astype
    "item": MethodSpec(np.ndarray.item),
    "tolist": MethodSpec(np.ndarray.tolist),
    "cumprod": MethodSpec(np.cumprod),
    "diagonal": MethodSpec(np.diagonal),
    "swapaxes": MethodSpec(np.swapaxes),
    "repeat": MethodSpec(np.repeat),
    "take": MethodSpec(np.take),
    "conj": MethodSpec(np.conjugate),
    "conjugate": MethodSpec(np.conjugate),
    "round": MethodSpec(np.round),
    "append": MethodSpec(list.append),
    "extend": MethodSpec(list.extend),
    "pop": MethodSpec(list.pop),
}

# Attributes: `x.T` and `x.mT` are transposes, `x.real`/`x.imag` the parts; the others carry no
# derivative.
ATTRIBUTES: dict[str, Any] = {
    "T": np.transpose,
    "real": np.real,
    "imag": np.imag,
    "shape": np.shape,
    "ndim": np.ndim,
    "size": np.size,
}
if hasattr(np.ndarray, "ptp"):  # NumPy 1.x (NumPy 2 removed the method, not np.ptp)
    METHODS["ptp"] = MethodSpec(np.ptp)
if hasattr(np, "matrix_transpose"):  # NumPy >= 2.0 (arrays have no .mT before)
    ATTRIBUTES["mT"] = np.matrix_transpose
NONDIFFERENTIABLE_ATTRIBUTES = frozenset({"dtype", "itemsize", "nbytes", "strides", "flags"})
# The fields of the named tuples numpy.linalg returns on NumPy >= 2.0 (``EighResult``,
# ``EigResult``, ``SlogdetResult``, ``SVDResult``, ``QRResult``): ``np.linalg.svd(a).S`` is item 1
# of the result.  Read as that item of whatever tuple holds the field (``_rt.named_field``); a
# differentiated object without such a field is refused when the derivative runs.
NAMED_RESULT_FIELDS = frozenset({"eigenvalues", "eigenvectors", "sign", "logabsdet", "U", "S",
                                 "Vh", "Q", "R"})
