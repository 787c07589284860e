"""A third program generator, led by realistic code: the idioms tables' programs, changed a little.

``fuzz/run.py`` writes programs from a grammar and ``fuzz/calls.py`` chains library calls; both
are synthetic.  This one starts from the programs people wrote for the idioms tables (the
``CASES``/``ROWS`` of ``tests/``: optimizers' test functions, models, integrators, image
filters...) and applies one to three small edits that keep them valid Python: a smooth function
swapped for another (``np.sin`` -> ``np.tanh``), ``+`` for ``-``, a float constant scaled, an
``a = a + b`` written ``a += b`` (and back), a statement run twice in a loop, an
assignment's right side moved into a helper function, a statement duplicated, a sum for a mean,
a temporary split out.  A program NumPy runs to a finite real scalar (``RuntimeWarning`` an
error) is then checked: ``grad`` against central differences at two steps (no verdict where
they disagree: a kink, nor where a point of the stencil takes another control-flow path than
the point itself, :func:`_one_path`), ``grad`` against the unoptimized ``grad`` and ``jvp`` against the
gradient's projection (both tight), ``value_and_grad``'s value against the program's, ``hvp``
against differences of the gradient (no verdict across a branch either), and the caller's
arrays unchanged.

    cd tests && python fuzz/mutate.py --seed 1 --programs 40 [--edits 3] [--tables idioms29_cases]

Each program with a finding is written to ``--dir`` (default ``/tmp/tangentish-mutate``) as a
file that runs on its own.  Not part of the suite (``test_fuzz_mutate.py`` runs two programs).
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import inspect
import os
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from idioms15_check import reference  # noqa: E402

import tangentish  # noqa: E402
from fuzz.modes import Hang, time_limit  # noqa: E402
from fuzz.mutations import EDITS, edit  # noqa: E402
from fuzz.oracle import PathTracer, Rejected  # noqa: E402
from tangentish.errors import TangentishError  # noqa: E402

TABLES = ("CASES", "ROWS", "MORE_ROWS")
PRIMAL_SECONDS = 0.5  # (CPU time; the differences call the program ~4 times per element)
CHECK_SECONDS = 120.0
TRACED_STEPS = 300_000  # (a longer program's paths are not compared: the differences judge it)
TRACED_ELEMENTS = 8  # (the stencil's points compared along the first elements of the argument)


def rows(modules: list[str]) -> list[Any]:
    """The usable rows of ``modules``' tables: a plain function of the module (no closure,
    decorator or lambda), one float array or float under ``wrt``, no keywords."""
    found = []
    for name in modules:
        module = importlib.import_module(name)
        for row in (r for table in TABLES for r in getattr(module, table, [])):
            fn, wrt = getattr(row, "fn", None), getattr(row, "wrt", 0)
            if not (inspect.isfunction(fn) and fn.__closure__ is None and fn.__name__ != "<lambda>"
                    and isinstance(wrt, int) and not getattr(row, "kwargs", None)):
                continue
            arg = row.args[wrt] if wrt < len(row.args) else None
            if isinstance(arg, float) or (isinstance(arg, np.ndarray) and arg.dtype == np.float64
                                          and 0 < arg.size <= 40):
                found.append(row)
    return found


def table_modules() -> list[str]:
    """Every module of ``tests/`` holding a table."""
    here = Path(__file__).resolve().parent.parent
    return sorted(p.stem for p in here.glob("*.py") if any(
        line.startswith(t + " = [") for line in p.read_text().splitlines() for t in TABLES))


def mutated(row: Any, rng: np.random.Generator, edits: int, where: Path, label: str
            ) -> tuple[Any, str, list[str]] | None:
    """``row.fn`` with up to ``edits`` edits, written to a file in ``where`` and loaded with the
    function's module's globals (a copy); None if nothing applied or it does not compile."""
    try:
        source = textwrap.dedent(inspect.getsource(row.fn))
    except (OSError, TypeError):
        return None
    module = ast.parse(source)
    function = module.body[0]
    if not isinstance(function, ast.FunctionDef) or function.decorator_list:
        return None
    done = [e for e in (edit(module, function, rng) for _ in range(edits)) if e]
    if not done:
        return None
    text = ast.unparse(module) + "\n"
    path = where / f"{label}.py"
    path.write_text(text)
    env = dict(row.fn.__globals__)
    env["__name__"] = label
    try:
        exec(compile(text, str(path), "exec"), env)  # noqa: S102  (the fuzzer's own program)
    except SyntaxError:
        return None
    return env[function.name], text, done


def _same(got: Any, want: Any, tol: float) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    scale = max(1.0, float(np.max(np.abs(want), initial=0.0)))
    return got.shape == want.shape and bool(np.all((np.abs(got - want) <= tol * scale) |
                                                   (np.isnan(got) & np.isnan(want))))


def _primal(fn: Any, args: tuple) -> float | None:
    """The program's value, or None where NumPy does not run it to a finite real scalar within
    :data:`PRIMAL_SECONDS` of CPU time (an edit can make a loop endless: ``hi *= 1.5`` in a
    bisection)."""
    try:
        with warnings.catch_warnings(), time_limit(PRIMAL_SECONDS):
            warnings.simplefilter("error")
            out = fn(*copy.deepcopy(args))
    except (Exception, Hang):  # noqa: BLE001  (an edit NumPy refuses, or that hangs)
        return None
    if isinstance(out, (bool, np.bool_)) or np.ndim(out) != 0 or not np.isrealobj(out):
        return None
    return float(out) if np.isfinite(out) else None


def check(fn: Any, args: tuple, wrt: int, second: bool = True) -> list[str]:
    """The findings of one program (empty: agreed, or no verdict); ``second``: its ``hvp`` too
    (a row marked ``second=False`` is not twice differentiable at its point: a guard such as
    ``np.where(x == 0, 1.0, np.sin(x) / x)`` at an exact 0 has a zero second derivative there)."""
    value = _primal(fn, args)
    if value is None:
        return ["no verdict: NumPy does not run it to a finite real scalar"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            jac, error = reference(fn, args, wrt)
        except Exception:  # noqa: BLE001  (differences that do not run: no verdict)
            return ["no verdict: the differences do not run"]
    if not np.all(np.isfinite(jac)) or np.any(error > 1e-4 * (1.0 + np.abs(jac))):
        return ["no verdict: the differences disagree (a kink, a jump or rounding)"]
    step = float(np.cbrt(np.finfo(np.float64).eps))  # (reference's steps, step and step / 2)
    if not _one_path(fn, args, wrt, [(index, h * sign) for h in (step, step / 2)
                                      for sign in (1.0, -1.0) for index in _elements(args[wrt])]):
        error = np.full(np.shape(jac), np.inf)  # (the rest is still checked: no verdict on grad)
    return _derivatives(fn, args, wrt, value, jac, error, second)


def _elements(arg: Any) -> list[Any]:
    """The first :data:`TRACED_ELEMENTS` indexes of a float or array argument."""
    return list(np.ndindex(np.shape(arg)))[:TRACED_ELEMENTS]


def _one_path(fn: Any, args: tuple, wrt: int, moves: list[tuple[Any, Any]]) -> bool:
    """Whether the program takes the control-flow path it takes at ``args`` at each point
    ``args[wrt]`` moved by ``moves`` (``(index, step)``, the step scaled by ``max(1, |x|)`` as the
    differences scale theirs, or ``(None, direction * t)``): traced opcode by opcode in its own
    file (fuzz/oracle.py's tracer).  A bisection's comparisons decide the path: its result is a
    staircase in its argument whose steps (2 ** -40) no difference quotient sees, so the
    differences give the slope of the root it tracks, and the derivative of the program the 0 of
    each stair (mutation seed 63 program 27: Newton's steps after it with their sign flipped no
    longer make the two agree).  True where the program runs too long to trace."""
    tracer = PathTracer(fn.__code__.co_filename)
    tracer.LONGEST = TRACED_STEPS
    try:
        _, path = tracer.run(fn, list(copy.deepcopy(args)))
        for index, move in moves:
            moved = list(copy.deepcopy(args))
            moved[wrt] = _moved(args[wrt], index, move)
            if tracer.run(fn, moved)[1] != path:
                return False
    except Rejected:
        return True
    except Exception:  # noqa: BLE001  (a point the differences could not evaluate either)
        return False
    return True


def _moved(arg: Any, index: Any, move: Any) -> Any:
    """``arg`` moved by ``move`` at ``index`` (scaled by its size) or along ``move`` (None)."""
    if index is None:
        point = np.asarray(arg, dtype=np.float64) + move
    else:
        point = np.array(arg, dtype=np.float64)
        point[index] += move * max(1.0, abs(float(point[index])))
    return point if isinstance(arg, np.ndarray) else float(point)


def _derivatives(fn: Any, args: tuple, wrt: int, value: float, jac: np.ndarray,
                 error: np.ndarray, second: bool = True) -> list[str]:
    kept = copy.deepcopy(args)
    found = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = tangentish.grad(fn, wrt=wrt)(*args)
            g0 = tangentish.grad(fn, wrt=wrt, optimized=False)(*args)
            v, g2 = tangentish.value_and_grad(fn, wrt=wrt)(*args)
            direction = np.random.default_rng(0).standard_normal(np.shape(args[wrt]))
            name = list(inspect.signature(fn).parameters)[wrt] + "_dot"
            tangent = float(direction) if isinstance(args[wrt], float) else direction
            _, d = tangentish.jvp(fn, wrt=wrt)(*args, **{name: tangent})
    except TangentishError as exc:
        return [f"refused {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"]
    except Exception as exc:  # noqa: BLE001  (a raw crash is a finding)
        return [f"crash {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"]
    if np.isnan(np.asarray(g, dtype=float)).any():  # (a zero meeting a singular partial,
        return ["nan: a gradient NaN where the differences are finite"]  # as README says)
    if not all(_leaves_equal(a, b) for a, b in zip(args, kept, strict=True)):
        found.append("wrong: an argument changed")
    if np.shape(g) != np.shape(args[wrt]) or np.any(np.abs(np.asarray(g) - jac) > error):
        found.append(f"wrong grad: {np.asarray(g).ravel()[:4]} vs differences {jac.ravel()[:4]}")
    if not _same(g0, g, 1e-8):
        found.append("wrong: optimized and unoptimized gradients differ")
    if not (_same(v, value, 1e-10) and _same(g2, g, 1e-10)):
        found.append("wrong: value_and_grad differs from the program or grad")
    if not _same(d, float(np.sum(np.asarray(g) * direction)), 1e-7):
        found.append(f"wrong jvp: {d} vs grad's projection {np.sum(np.asarray(g) * direction)}")
    return found + (_second(fn, args, wrt, tangent) if second else [])


def _second(fn: Any, args: tuple, wrt: int, direction: Any) -> list[str]:
    """``hvp`` (forward over reverse: a second transform on the first) against central
    differences of the gradient along ``direction`` at two steps (no verdict where they differ)."""
    gradient = tangentish.grad(fn, wrt=wrt)

    def along(h: float) -> np.ndarray:
        moved = [list(copy.deepcopy(args)) for _ in range(2)]
        moved[0][wrt] = args[wrt] + h * direction
        moved[1][wrt] = args[wrt] - h * direction
        return (np.asarray(gradient(*moved[0])) - np.asarray(gradient(*moved[1]))) / (2 * h)

    if not _one_path(fn, args, wrt, [(None, direction * t) for t in (1e-4, -1e-4, 5e-5, -5e-5)]):
        return []  # (the gradient's differences cross a branch: no verdict)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            coarse, fine = along(1e-4), along(5e-5)
            hv = tangentish.hvp(fn, wrt=wrt)(*copy.deepcopy(args), direction)
    except TangentishError as exc:
        return [f"refused hvp {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"]
    except Exception as exc:  # noqa: BLE001  (a raw crash is a finding)
        return [f"crash hvp {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"]
    error = 4 * np.abs(coarse - fine) + 1e-6 * (1 + np.abs(fine))
    if not np.all(np.isfinite(fine)) or np.any(error > 1e-3 * (1 + np.abs(fine))):
        return []  # (a kink of the gradient: no verdict)
    if np.shape(hv) != np.shape(fine) or np.any(np.abs(np.asarray(hv) - fine) > error):
        return [f"wrong hvp: {np.ravel(hv)[:4]} vs differences {np.ravel(fine)[:4]}"]
    return []


def _leaves_equal(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_leaves_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_leaves_equal(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return bool(np.array_equal(a, b, equal_nan=True))
    return True


def run(seed: int, programs: int, edits: int, modules: list[str], where: Path,
        quiet: bool = False) -> dict[str, int]:
    """Check ``programs`` mutated programs; counts by outcome."""
    pool = rows(modules)
    rng = np.random.default_rng(seed)
    counts: dict[str, int] = {}
    for k in range(programs):
        row = pool[int(rng.integers(len(pool)))]
        label = f"mut_{seed}_{k}"
        made = mutated(row, rng, edits, where, label)
        try:
            with time_limit(CHECK_SECONDS):
                found = check(made[0], copy.deepcopy(row.args), row.wrt,
                              getattr(row, "second", True)) if made else []
        except Hang as exc:  # (the program ran in PRIMAL_SECONDS: the rest hanging is a finding)
            found = [f"crash {exc}"]
        kind = "no program" if made is None else (_kind(found[-1]) if found else "agreed")
        counts[kind] = counts.get(kind, 0) + 1
        if kind.startswith(("wrong", "crash", "refused")):
            _keep(where, label, row, made[1], made[2], found)
        if kind.startswith(("wrong", "crash", "refused")) and not quiet:
            print(f"{label} ({row.name}, {', '.join(made[2])}): {'; '.join(found)}")
    return counts


def _kind(finding: str) -> str:
    """``wrong``, ``wrong hvp``, ``crash``, ``refused hvp ...``: a finding's first words."""
    head = finding.split(":")[0]
    return head if head.startswith("refused") else " ".join(head.split(" ")[:2]).replace(" grad", "")


def _keep(where: Path, label: str, row: Any, text: str, done: list[str], found: list[str]) -> None:
    notes = "\n".join(f"# {line}" for line in (f"from {row.fn.__module__}:{row.name}", *done, *found))
    (where / f"{label}.finding.py").write_text(f"{notes}\n{text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--programs", type=int, default=20)
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--tables", default="", help="modules, comma-separated (default: all)")
    parser.add_argument("--dir", default="/tmp/tangentish-mutate")
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args()
    where = Path(options.dir)
    where.mkdir(parents=True, exist_ok=True)
    modules = options.tables.split(",") if options.tables else table_modules()
    os.environ.setdefault("TANGENTISH_FUZZ_SECONDS", "0")
    counts = run(options.seed, options.programs, options.edits, modules, where, options.quiet)
    print(f"seed {options.seed}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
          f"(edits: {', '.join(sorted(EDITS))})")


if __name__ == "__main__":
    main()
