"""A second program generator, led by execution: straight-line NumPy (and SciPy) calls.

``fuzz/run.py``'s generator writes programs from a grammar of constructs (control flow, helpers,
lists, in-place writes) over a modest set of NumPy calls.  This one writes few constructs and
many calls: each step draws a spelling from a wide palette (about 250 calls of NumPy, and of
``scipy.special``/``scipy.linalg``/``scipy.stats`` with ``--wide``), with operands drawn from the
values so far, and keeps it only if NumPy runs it on the sample inputs to a finite float64
result of at most 200 elements; so each program is valid where NumPy says so, at whatever rank,
size or shape mix NumPy takes (``np.tril`` of a vector, ``np.convolve`` of a 0-d array,
``sla.expm`` of ``np.cov`` of a vector: all found here).  The program then returns a weighted
sum of ``np.sin`` of its last values, and ``grad``, ``jvp`` and ``hvp`` are checked against
central differences at two steps (no verdict where the two disagree: a kink or a jump).

    cd tests && python fuzz/calls.py --seed 1 --programs 40 [--wide] [--steps 7]

A derivative NaN or inf in every mode alike is counted apart (``nan-every-mode``: a zero the
program computes meeting a singular partial, as the README says; :func:`check`).  Each program
with a finding is kept in ``--dir`` (default ``/tmp/tangentish-calls``) with its
inputs and findings; ``--rerun FILE...`` checks kept programs again.  Not part of the suite.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import textwrap
import traceback
import warnings
from typing import Any

import numpy as np
from calls_palette import BINARY, STATEMENTS, UNARY, WIDE, wide_modules

SHAPES = [(), (3,), (4,), (2, 3), (3, 3), (2, 3, 2)]
COARSE = 1e-3  # (a step past a plateau of rounding: :func:`_verdict`)


def _run_step(code: str, env: dict[str, Any]) -> dict[str, Any]:
    namespace = {**wide_modules(), **env}
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        exec(code, {"np": np}, namespace)  # noqa: S102 (the generator's own text)
    return namespace


def _kept(value: Any) -> bool:
    """A finite float64 array or number of at most 200 elements, each below 1e4."""
    if isinstance(value, (float, int)) and not isinstance(value, bool):
        value = np.float64(value)
    return isinstance(value, (np.ndarray, np.floating)) and np.asarray(value).dtype == np.float64 \
        and bool(np.all(np.isfinite(value))) and np.max(np.abs(value), initial=0) < 1e4 \
        and np.size(value) <= 200


def _step(rng: np.random.Generator, names: list[str], target: str, wide: bool) -> str:
    a = names[rng.integers(len(names))] if rng.random() < 0.5 else names[-1]
    b = names[rng.integers(len(names))]
    kind = rng.random()
    if kind < 0.55:
        pool = UNARY + WIDE if wide else UNARY
        return f"{target} = " + pool[rng.integers(len(pool))].format(a=a)
    if kind < 0.85:
        return f"{target} = " + BINARY[rng.integers(len(BINARY))].format(a=a, b=b)
    return STATEMENTS[rng.integers(len(STATEMENTS))].format(t=target, a=a)


def make_program(rng: np.random.Generator, steps: int, wide: bool) -> tuple[str, list]:
    """A program's source and its inputs (see the module docstring)."""
    params = [f"p{i}" for i in range(rng.integers(1, 3))]
    env: dict[str, Any] = {}
    for p in params:
        value = rng.standard_normal(SHAPES[rng.integers(len(SHAPES))]) * 0.8
        env[p] = float(value) if np.ndim(value) == 0 else value
    lines, names = [], list(params)
    for _ in range(steps * 40):
        if len(lines) == steps:
            break
        target = f"v{len(lines)}"
        code = _step(rng, names, target, wide)
        try:
            value = _run_step(code, env).get(target)
        except Exception:  # noqa: BLE001 (NumPy refusing a spelling drops it)
            continue
        if _kept(value):
            env[target] = value
            lines.append(code)
            names.append(target)
    tail = names[-3:]
    weights = rng.uniform(0.5, 1.5, len(tail))
    result = " + ".join(f"np.sum(np.sin({n}) * {w:.3f})" for n, w in zip(tail, weights, strict=True))
    head = "import numpy as np\n" + ("import scipy.linalg as sla\nimport scipy.special as sps\n"
                                     "import scipy.stats as sst\n" if wide else "")
    body = textwrap.indent("\n".join(lines) + f"\nreturn {result}", "    ")
    return f"{head}\n\ndef f({', '.join(params)}):\n{body}\n", [env[p] for p in params]


def _load(source: str, path: str) -> Any:
    with open(path, "w") as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.f


def _differences(f: Any, args: list, i: int, step: float) -> np.ndarray:
    x = np.asarray(args[i], dtype=float)
    grad = np.zeros(np.shape(x))
    for index in np.ndindex(np.shape(x)):
        moved = []
        for sign in (1.0, -1.0):
            y = x.copy()
            y[index] += sign * step
            moved.append(f(*[(y if np.ndim(x) else float(y)) if k == i else a
                             for k, a in enumerate(args)]))
        grad[index] = (moved[0] - moved[1]) / (2 * step)
    return grad


def _fresh(x: Any) -> Any:
    """``x`` for a call that may change it: a copy of an array, a number as it is."""
    return np.copy(x) if isinstance(x, np.ndarray) else x


def _verdict(derived: Any, near: np.ndarray, far: np.ndarray,
             coarse: Any = None) -> str | None:
    """None when ``derived`` agrees with the differences ``near`` (or they disagree with the
    ones ``far``: no verdict), else what is wrong.  Where ``derived`` is off, the function may
    be flat in floating point only at both steps (a plateau of rounding: ``sps.logit(sps.expit(v))``
    at ``v = 32``, ``expit`` within an ulp of 1 over steps of 0.01, is 0 by differences where its
    derivative is 1; seed 697 program 39): no verdict either where the differences at a step
    past it (``coarse()``) differ from them by more than curvature explains."""
    derived = np.asarray(derived, dtype=float)
    if derived.shape != near.shape:
        return "shape"
    scale = 1 + np.max(np.abs(near), initial=0)
    noise = np.max(np.abs(near - far), initial=0)
    if noise > 1e-4 * scale:
        return None
    if not np.all(np.isfinite(derived)):
        return "nonfinite"
    if np.max(np.abs(derived - near), initial=0) <= 1e-5 * scale + 10 * noise:
        return None
    return None if coarse is not None and np.max(np.abs(coarse() - near), initial=0) > \
        1e-2 * scale else "value"


def _modes(f: Any, inputs: list, tangentish: Any) -> dict[str, Any]:
    n = len(inputs)
    near = [_differences(f, inputs, i, 1e-6) for i in range(n)]
    far = [_differences(f, inputs, i, 3e-6) for i in range(n)]
    rng = np.random.default_rng(7)
    direction = [rng.standard_normal(np.shape(x)) if np.ndim(x) else float(rng.standard_normal())
                 for x in inputs]

    def grad() -> list[str]:
        # (a copy of an array; a Python float as it is, as f was run: np.copy makes a 0-d array,
        # with which f's own code may fail, x + 1.0 then a NumPy scalar: seed 280 program 20)
        got = tangentish.grad(f, tuple(range(n)))(*[_fresh(x) for x in inputs])
        return [f"argument {i}: {v}" for i in range(n) if (v := _verdict(
            got[i], near[i], far[i], lambda i=i: _differences(f, inputs, i, COARSE)))]

    def jvp() -> list[str]:
        value, tangent = tangentish.jvp(f, tuple(inputs), tuple(direction))
        found = [] if np.allclose(value, f(*inputs), rtol=1e-10, atol=1e-12) else ["value"]
        along = [np.asarray(sum(np.sum(g[i] * direction[i]) for i in range(n))) for g in (near, far)]
        coarse = lambda: np.asarray(sum(np.sum(_differences(f, inputs, i, COARSE) * direction[i])  # noqa: E731
                                        for i in range(n)))
        return found + [v for v in [_verdict(tangent, *along, coarse)] if v]

    def hvp() -> list[str]:
        gradient = tangentish.grad(f, 0)
        x, rest, v = np.asarray(inputs[0], dtype=float), inputs[1:], np.asarray(direction[0])

        def along(step: float) -> np.ndarray:
            ends = [x + sign * step * v for sign in (1.0, -1.0)]
            ends = [e if np.ndim(x) else float(e) for e in ends]
            return (np.asarray(gradient(ends[0], *rest)) - np.asarray(gradient(ends[1], *rest))) \
                / (2 * step)

        got = tangentish.hvp(f)(inputs[0], *rest, direction[0])
        return [v for v in [_verdict(got, along(1e-5), along(3e-5), lambda: along(COARSE))] if v]

    return {"grad": grad, "jvp": jvp, "hvp": hvp}


def check(f: Any, inputs: list, tangentish: Any) -> list[tuple[str, str, str]]:
    """``(mode, "wrong" | "crash" | "refused" | "nan-every-mode", detail)`` for each finding: a
    NaN or inf in every mode alike is ``nan-every-mode``, the README's zero that the function
    computes meeting a singular partial (``sps.entr(np.linspace(0.0, 1.0, 3) * s)``: 0 * inf,
    as IEEE says, in every mode; seed 247 program 24), not a mode's own mistake (a NaN in jvp
    only, where grad gives a number, is ``wrong``).  Every mode that differentiates the argument
    with the NaN: hvp differentiates argument 0 alone (a NaN in argument 1's gradient and in jvp
    is in every such mode: seed 691 program 19)."""
    found = _checked(f, inputs, tangentish)
    nonfinite = {mode for mode, kind, detail in found
                 if kind == "wrong" and detail.endswith("nonfinite")}
    first = ("grad", "wrong", "argument 0: nonfinite") in found
    if nonfinite == {"grad", "jvp", "hvp"} or (not first and nonfinite == {"grad", "jvp"}):
        found = [(mode, "nan-every-mode", detail) if mode in nonfinite and kind == "wrong" and
                 detail.endswith("nonfinite") else (mode, kind, detail)
                 for mode, kind, detail in found]
    return found


def _checked(f: Any, inputs: list, tangentish: Any) -> list[tuple[str, str, str]]:
    found = []
    for mode, run in _modes(f, inputs, tangentish).items():
        try:
            found += [(mode, "wrong", detail) for detail in run()]
        except tangentish.TangentishError as error:  # (an InternalError: a bug caught, a crash)
            verdict = "crash" if isinstance(error, tangentish.InternalError) else "refused"
            found.append((mode, verdict, str(error).splitlines()[0][:160]))
        except Exception as error:  # noqa: BLE001 (a raw error is a finding)
            frame = traceback.extract_tb(error.__traceback__)[-1]
            found.append((mode, "crash", f"{type(error).__name__}: {str(error)[:120]} @ "
                          f"{os.path.basename(frame.filename)}:{frame.lineno}"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--programs", type=int, default=40)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--wide", action="store_true")
    parser.add_argument("--dir", default="/tmp/tangentish-calls")
    parser.add_argument("--rerun", nargs="*", default=None)
    options = parser.parse_args(argv)
    import tangentish

    os.makedirs(options.dir, exist_ok=True)
    np.seterr(all="ignore")
    warnings.simplefilter("ignore")
    if options.rerun is not None:
        return _rerun(options.rerun, tangentish)
    counts: dict[str, int] = {}
    for k in range(options.programs):
        source, inputs = make_program(np.random.default_rng([options.seed, k]), options.steps,
                                      options.wide)
        path = os.path.join(options.dir, f"calls_{options.seed}_{k}.py")
        found = check(_load(source, path), inputs, tangentish)
        for kind in {kind for _, kind, _ in found} or {"ok"}:
            counts[kind] = counts.get(kind, 0) + 1
        if not found:
            os.remove(path)
            continue
        with open(path, "a") as handle:
            handle.write(f"\nINPUTS = {[np.asarray(x).tolist() for x in inputs]!r}\n"
                         f"FOUND = {found!r}\n")
        for mode, kind, detail in found:
            print(f"{options.seed}/{k} {mode} {kind}: {detail}", flush=True)
    print("programs by finding:", counts, flush=True)
    return 0


def _rerun(paths: list[str], tangentish: Any) -> int:
    for path in paths:
        spec = importlib.util.spec_from_file_location("kept", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        inputs = [np.array(x) if isinstance(x, list) else x for x in module.INPUTS]
        print(os.path.basename(path), check(module.f, inputs, tangentish) or "ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
