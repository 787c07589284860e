"""The peers the benchmark compares with, each optional: autograd, JAX (eager and jit), PyTorch eager.

Every peer runs the workload's own function: a copy of it (and of the helpers it calls) whose
global ``np`` is the peer's NumPy (``autograd.numpy``, ``jax.numpy``, or a few lines of PyTorch
below).  Inputs are converted to the peer's array type once, before timing, as a user of that
library would hold them.  A peer that is not installed gives a note instead of a candidate; one
that cannot run a workload (JAX's jit on a data-dependent ``while``) gives the error as its note.

``make(peer, workload, args)`` returns ``(call, note)``: ``call()`` computes the gradient and waits
for it; its result converts to NumPy with :func:`to_numpy`.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
import types
from collections.abc import Callable
from typing import Any

import numpy as np

PEERS = ("autograd", "jax", "jax_jit", "torch")
_MODULES = {"autograd": "autograd", "jax": "jax", "jax_jit": "jax", "torch": "torch"}


def missing_note(peer: str) -> str | None:
    """None when ``peer`` can run here, else why not (printed instead of its column)."""
    module = _MODULES[peer]
    if importlib.util.find_spec(module) is None:
        return f"{module} is not installed (pip install -e '.[bench]')"
    return None


def version(peer: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version(_MODULES[peer])
    except PackageNotFoundError:
        return "not installed"


def rebind(fn: Callable, np_like: Any) -> Callable:
    """A copy of ``fn`` whose module globals see ``np_like`` as ``np``; the module's other
    functions (its helpers) are copied into the same namespace, so they see it too."""
    original = fn.__globals__
    namespace = dict(original)
    namespace["np"] = np_like
    for name, value in original.items():
        if isinstance(value, types.FunctionType) and value.__globals__ is original:
            namespace[name] = types.FunctionType(value.__code__, namespace, value.__name__,
                                                 value.__defaults__, value.__closure__)
    return namespace[fn.__name__]


def to_numpy(result: Any) -> tuple:
    values = result if isinstance(result, (tuple, list)) else (result,)
    out = []
    for value in values:
        if hasattr(value, "detach"):
            value = value.detach().numpy()
        out.append(np.asarray(value, dtype=np.float64))
    return tuple(out)


def make(peer: str, workload: Any, args: tuple) -> tuple[Callable[[], Any] | None, str]:
    """The peer's gradient of ``workload`` at ``args`` as a no-argument callable, and a note
    (the jit compile time, or why there is no callable)."""
    note = missing_note(peer)
    if note:
        return None, note
    builder = {"autograd": _autograd, "jax": _jax_eager, "jax_jit": _jax_jit, "torch": _torch}[peer]
    try:
        return builder(workload, args)
    except Exception as error:  # a peer that cannot do a workload is a result, not a crash
        return None, f"{type(error).__name__}: {_first_line(error)}"


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:160] if text else ""


def _autograd(workload: Any, args: tuple):
    import autograd
    import autograd.numpy as anp

    gradient = autograd.grad(rebind(workload.fn, anp), argnum=workload.wrt)
    return (lambda: gradient(*args)), ""


def _jax_module():
    jax = importlib.import_module("jax")
    jax.config.update("jax_enable_x64", True)
    jax.config.update("jax_platforms", "cpu")
    return jax


def _jax_args(jax: Any, args: tuple) -> tuple:
    return tuple(jax.numpy.asarray(a) if isinstance(a, np.ndarray) else a for a in args)


def _jax_eager(workload: Any, args: tuple):
    jax = _jax_module()
    gradient = jax.grad(rebind(workload.fn, jax.numpy), argnums=workload.wrt)
    inputs = _jax_args(jax, args)
    return (lambda: jax.block_until_ready(gradient(*inputs))), ""


def _jax_jit(workload: Any, args: tuple):
    jax = _jax_module()
    gradient = jax.jit(jax.grad(rebind(workload.fn, jax.numpy), argnums=workload.wrt),
                       static_argnums=workload.static)
    inputs = _jax_args(jax, args)
    start = time.perf_counter()
    jax.block_until_ready(gradient(*inputs))        # trace + compile + one run
    compile_seconds = time.perf_counter() - start
    return (lambda: jax.block_until_ready(gradient(*inputs))), f"compile {compile_seconds:.3g} s"


def torch_numpy(torch: Any) -> types.SimpleNamespace:
    """The few NumPy functions the workloads call, in PyTorch (axis/keepdims spelled as NumPy)."""

    def reduction(op: Callable) -> Callable:
        def reduce(x, axis=None, keepdims=False):
            return op(x) if axis is None else op(x, dim=axis, keepdim=keepdims)
        return reduce

    def maximum(a, b):
        return torch.clamp_min(a, b) if isinstance(b, float) else torch.maximum(a, b)

    names = ("sin", "cos", "exp", "log", "log1p", "tanh", "sqrt", "abs")
    ops = {name: getattr(torch, name) for name in names}
    return types.SimpleNamespace(**ops, sum=reduction(torch.sum), max=reduction(torch.amax),
                                 maximum=maximum)


def _torch(workload: Any, args: tuple):
    torch = importlib.import_module("torch")
    torch.set_num_threads(1)
    fn = rebind(workload.fn, torch_numpy(torch))
    inputs = []
    for position, value in enumerate(args):
        if isinstance(value, (np.ndarray, float)) and position in workload.wrt_tuple:
            value = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        elif isinstance(value, np.ndarray):
            value = torch.from_numpy(value)
        inputs.append(value)
    leaves = [inputs[i] for i in workload.wrt_tuple]
    single = not isinstance(workload.wrt, tuple)

    def call():
        grads = torch.autograd.grad(fn(*inputs), leaves)
        return grads[0] if single else grads

    return call, ""


def preload(names: list[str]) -> None:
    """Import the peers to be used (and set them to float64 and one thread) before timing."""
    modules = {_MODULES[name] for name in names}
    if "autograd" in modules:
        importlib.import_module("autograd")
    if "jax" in modules:
        _jax_module()
    if "torch" in modules:
        importlib.import_module("torch").set_num_threads(1)
