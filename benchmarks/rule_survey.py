"""Which public NumPy/SciPy functions ``tangentish.grad`` refuses, on one-line programs.

For each public function of ``np``, ``np.linalg``, ``np.fft`` and ``scipy.special`` the survey tries
argument patterns (``f(x)``, ``f(x, y)``, ``f(A)``, ``f(x, 2)``...) until NumPy runs one to a float
result whose central differences are not all 0, writes the program ``sum(f(...) ** 2)`` to a file,
differentiates it in every float argument and compares with those differences; for each
continuous ``scipy.stats`` distribution (SciPy's own test parameters) it does the same with
``logpdf pdf cdf logcdf sf`` in ``x`` and ``logpdf`` in the first shape parameter.  Each entry
ends as ``ok``, ``missing-rule`` (MissingRuleError), ``refused`` (another tangentish error: an
argument or parameter not differentiated), ``WRONG`` (relative error above 1e-3: read the
program; an invalid input NumPy accepts, such as ``np.interp`` with unsorted ``xp``, lands here
too) or ``crash``.  A module runs in a child process, resumed after any entry that kills it.

    python benchmarks/rule_survey.py --out survey.jsonl --modules np,special,stats
    python benchmarks/rule_survey.py --summary survey.jsonl [--against before.jsonl]

Results (rules29, SciPy 1.17, NumPy 2.4): see the report of that stream; ``scipy.special``'s
``refused`` are mostly order parameters (``jv(v, x)`` in ``v``), refused on purpose.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import inspect
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

X4 = np.array([0.31, 0.47, 0.62, 0.83])
Y4 = np.array([0.72, 0.25, 0.55, 0.41])
Z4 = np.array([0.36, 0.66, 0.28, 0.58])
A33 = np.eye(3) * 2.0 + np.array([[0.1, 0.3, -0.2], [0.3, 0.2, 0.1], [-0.2, 0.1, 0.4]])
B33 = np.array([[0.5, -0.1, 0.2], [0.3, 0.7, 0.1], [0.0, 0.2, 0.9]])
M34 = np.linspace(0.15, 0.85, 12).reshape(3, 4) ** 1.1
VALUES = {"x": X4, "y": Y4, "z": Z4, "A": A33, "B": B33, "M": M34}
# (the call's arguments, the parameters the program takes)
PATTERNS = [("x", "x"), ("x, y", "x, y"), ("A", "A"), ("A, B", "A, B"), ("x, y, z", "x, y, z"),
            ("M", "M"), ("x, 2", "x"), ("x, 0.5", "x"), ("x, 3", "x"), ("A, 2", "A"), ("2, x", "x"),
            ("0.5, x", "x"), ("1.5, x", "x"), ("x, 1.5", "x"), ("x, y, 0.5", "x, y")]
SKIPPED = {"save", "savez", "savez_compressed", "savetxt", "load", "loadtxt", "genfromtxt", "fromfile",
           "memmap", "info", "show_config", "show_runtime", "test", "source", "lookfor", "who",
           "seterr", "seterrcall", "setbufsize", "set_printoptions", "printoptions", "frompyfunc",
           "vectorize", "get_include", "deprecate", "disp", "safe_eval", "byte_bounds"}
HEADER = "import numpy as np\nimport scipy.special as sp\nimport scipy.stats as st\n\n"


def _modules() -> dict[str, object]:
    import scipy.special
    import scipy.stats
    return {"np": np, "np.linalg": np.linalg, "np.fft": np.fft, "sp": scipy.special, "st": scipy.stats}


def _public(prefix: str) -> list[str]:
    module = _modules()[prefix]
    return [n for n in sorted(dir(module)) if not n.startswith("_") and n not in SKIPPED
            and (isinstance(getattr(module, n), np.ufunc)
                 or callable(getattr(module, n)) and not inspect.isclass(getattr(module, n)))]


Call = tuple[str, str, tuple]  # (the call, the program's parameters, their values)


def entries(name: str) -> list[tuple[str, list[Call]]]:
    """``(label, calls to try in turn)`` of one surveyed module, in a fixed order."""
    if name == "stats":
        return _distributions()
    prefix = {"np": "np", "linalg": "np.linalg", "fft": "np.fft", "special": "sp"}[name]
    out = []
    for fn_name in _public(prefix):
        nin = getattr(getattr(_modules()[prefix], fn_name), "nin", None)  # (a ufunc: no out=)
        calls = [(f"{prefix}.{fn_name}({args})", params,
                  tuple(VALUES[p.strip()] for p in params.split(",")))
                 for args, params in PATTERNS if nin is None or len(args.split(",")) == nin]
        out.append((f"{prefix}.{fn_name}", calls))
    return out


def _distributions() -> list[tuple[str, list[Call]]]:
    import scipy.stats as st
    from scipy.stats._distr_params import distcont
    out, seen = [], set()
    for name, shapes in distcont:
        if name in seen or not hasattr(st, name):
            continue
        seen.add(name)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            points = getattr(st, name).ppf(np.array([0.2, 0.4, 0.6, 0.8]), *shapes)
        if not np.all(np.isfinite(points)):
            continue
        given = "".join(f", {float(s)!r}" for s in shapes)
        for method in ("logpdf", "pdf", "cdf", "logcdf", "sf"):
            out.append((f"st.{name}.{method}", [(f"st.{name}.{method}(x{given})", "x", (points,))]))
        if shapes:
            rest = "".join(f", {float(s)!r}" for s in shapes[1:])
            call = f"st.{name}.logpdf(np.array({points.tolist()}), a{rest})"
            out.append((f"st.{name}.logpdf[shape]", [(call, "a", (np.array(float(shapes[0])),))]))
    return out


def _program(call: str, params: str, values: tuple) -> tuple[str, list] | None:
    """The program's text (its result reduced to a number), and its differences; None where
    NumPy does not run the call to a finite float result."""
    namespace = {"np": np, **{k: v for k, v in _modules().items() if "." not in k}}
    copies = [np.array(v, copy=True) for v in values]
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            names = [p.strip() for p in params.split(",")]
            out = eval(call, namespace, dict(zip(names, copies, strict=True)))  # noqa: S307
            item = out[0] if isinstance(out, tuple) else out
            kind = np.asarray(item).dtype.kind
            if kind not in "fc":
                return None
            index = "[0]" if isinstance(out, tuple) else ""
            reduced = f"np.sum(np.abs({call}{index}) ** 2)" if kind == "c" else f"np.sum({call}{index} ** 2)"
            text = f"def p({params}):\n    return {reduced}\n"
            exec(text, namespace)  # noqa: S102
            if not np.isfinite(namespace["p"](*copies)):
                return None
            return text, _differences(namespace["p"], values)
    except Exception:  # noqa: BLE001  (any failure of the primal: try the next pattern)
        return None


def _differences(f, values: tuple, h: float = 1e-6) -> list:
    grads = []
    for k, value in enumerate(values):
        g = np.zeros(np.shape(value))
        for i in np.ndindex(np.shape(value)):
            up, down = [np.array(v, copy=True) for v in values], [np.array(v, copy=True) for v in values]
            up[k][i] += h
            down[k][i] -= h
            g[i] = (f(*up) - f(*down)) / (2 * h)
        grads.append(g)
    return grads


def _verdict(f, values: tuple, expected: list) -> tuple[str, str]:
    import tangentish
    from tangentish.errors import MissingRuleError, TangentishError
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            got = tangentish.grad(f, wrt=tuple(range(len(values))))(*[np.array(v, copy=True) for v in values])
    except MissingRuleError as exc:
        return "missing-rule", str(exc).splitlines()[0][:160]
    except TangentishError as exc:
        return "refused", f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    except Exception as exc:  # noqa: BLE001  (reported, never hidden)
        return "crash", f"{type(exc).__name__}: {str(exc)[:160]}"
    got = got if isinstance(got, tuple) else (got,)
    error = max(float(np.max(np.abs(np.asarray(a) - b) / (1e-4 + np.abs(b))))
                for a, b in zip(got, expected, strict=True))
    return ("ok" if error < 1e-3 else "WRONG"), f"relative error {error:.1e}"


def run_module(name: str, out: Path, first: int, progress: Path, programs: Path) -> None:
    """Survey ``name`` from entry ``first`` on, one JSON line per entry; ``progress`` holds the
    entry being surveyed (a crash of the process resumes after it)."""
    sys.path.insert(0, str(programs))
    for k, (label, calls) in enumerate(entries(name)):
        if k < first:
            continue
        progress.write_text(str(k))
        found = next(((c, p, v, *made) for c, p, v in calls if (made := _program(c, p, v))), None)
        if found is None:
            continue
        call, params, values, text, expected = found
        (programs / f"survey_{name}_{k}.py").write_text(HEADER + text)
        f = importlib.import_module(f"survey_{name}_{k}").p
        status, message = _verdict(f, values, expected)
        with out.open("a") as fh:
            fh.write(json.dumps({"module": name, "label": label, "call": call, "status": status,
                                 "message": message}) + "\n")


def drive(modules: list[str], out: Path) -> None:
    """Each module in a child process, resumed after an entry that kills it."""
    work = Path(tempfile.mkdtemp(prefix="rule_survey_"))
    for name in modules:
        first, progress = 0, work / f"progress_{name}"
        while True:
            done = subprocess.run([sys.executable, __file__, "--child", name, "--out", str(out),
                                   "--first", str(first), "--work", str(work)], check=False)
            if done.returncode == 0:
                break
            last = int(progress.read_text())
            with out.open("a") as fh:
                fh.write(json.dumps({"module": name, "label": f"entry {last}", "status": "crash",
                                     "message": f"the process ended with {done.returncode}"}) + "\n")
            first = last + 1


def summary(path: Path, against: Path | None) -> None:
    def load(p: Path) -> dict:
        return {(d["module"], d["label"]): d["status"] for d in map(json.loads, p.read_text().splitlines())}
    now = load(path)
    for name in dict.fromkeys(m for m, _ in now):
        counts = collections.Counter(s for (m, _), s in now.items() if m == name)
        print(name, dict(sorted(counts.items())))
    if against is not None:
        before = load(against)
        for key in sorted(set(now) | set(before)):
            if now.get(key) != before.get(key):
                print("  ", *key, before.get(key, "-"), "->", now.get(key, "-"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--modules", default="np,linalg,fft,special,stats")
    parser.add_argument("--summary", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--child")
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.summary is not None:
        summary(args.summary, args.against)
    elif args.child is not None:
        run_module(args.child, args.out, args.first, args.work / f"progress_{args.child}", args.work)
    else:
        drive(args.modules.split(","), args.out)


if __name__ == "__main__":
    main()
