"""Transform time against program size and nesting (issue 9's scale targets).

    python benchmarks/bench_scale.py            # the table: statements, nested ifs, nested loops
    python benchmarks/bench_scale.py --quick    # smaller sizes, for a smoke run

Each program is generated as source text, written to a temporary module and differentiated once
in this process (``tangentish.grad``, reverse mode, default options); the time is the wall time of
that first transform, compile included.  The derivative is then called once on a small input so a
transform that produced broken code cannot pass as fast.  Targets (reported, never asserted):
2,000 statements under 2 s, 5,000 under 5 s, 50 nested ``if``s and 20 nested loops in seconds,
and an expression nested beyond Python's own limits refused with a clear error.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import tangentish  # noqa: E402

_OPS = ("np.sin({a}) * {b}", "{a} + 0.5 * {b}", "np.tanh({a} - {b})", "{a} * {b} + 1.0",
        "np.exp(-{a} * {a}) + {b}")


def straight_line(n: int) -> str:
    """``n`` assignments, each reading the two previous values (a long chain of mixed ops)."""
    lines = ["def f(x):", "    v0 = x", "    v1 = x * 2.0"]
    for i in range(2, n):
        op = _OPS[i % len(_OPS)].format(a=f"v{i - 1}", b=f"v{i - 2}")
        lines.append(f"    v{i} = {op}")
    lines.append(f"    return np.sum(v{n - 1})")
    return "\n".join(lines)


def nested_ifs(depth: int) -> str:
    lines = ["def f(x):", "    y = x"]
    for level in range(depth):
        pad = "    " * (level + 1)
        lines.append(f"{pad}if np.sum(y) > {-1000.0 - level}:")
        lines.append(f"{pad}    y = y * 1.01 + np.sin(y)")
    lines.append("    return np.sum(y * y)")
    return "\n".join(lines)


def nested_loops(depth: int) -> str:
    lines = ["def f(x):", "    y = x"]
    for level in range(depth):
        pad = "    " * (level + 1)
        lines.append(f"{pad}for i{level} in range(1):")
    pad = "    " * (depth + 1)
    lines.append(f"{pad}y = np.sin(y) + y")
    lines.append("    return np.sum(y * y)")
    return "\n".join(lines)


def deep_expression(depth: int) -> str:
    """A chain of ``depth`` binary operations (``x * 1.01 - x + ...``): an AST ``depth`` deep."""
    terms = " ".join(f"{'+-*'[i % 3]} {'x' if i % 3 < 2 else '1.01'}" for i in range(depth))
    return f"def f(x):\n    return np.sum(x {terms})"


def _load(source: str, directory: Path, name: str):
    path = directory / f"{name}.py"
    path.write_text("import numpy as np\n\n\n" + source + "\n")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.f


def measure(source: str, directory: Path, name: str) -> str:
    try:
        f = _load(source, directory, name)
    except (RecursionError, SyntaxError) as exc:
        return f"Python itself does not compile it ({type(exc).__name__})"
    start = time.perf_counter()
    try:
        df = tangentish.grad(f)
    except tangentish.TangentishError as exc:
        first = str(exc).splitlines()[0]
        return f"refused after {time.perf_counter() - start:.2f} s: {type(exc).__name__}: {first}"
    elapsed = time.perf_counter() - start
    df(np.linspace(0.1, 0.2, 3))  # the derivative runs
    lines = df.source.count("\n")
    return f"{elapsed:.2f} s ({lines} generated lines)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args(argv)
    sizes = (100, 500) if args.quick else (500, 2000, 5000)
    ifs = (5, 10) if args.quick else (10, 20, 50)
    loops = (5, 10) if args.quick else (10, 20)
    exprs = (250, 2000) if args.quick else (250, 1000, 5000)
    cases = ([(f"{n} statements", straight_line(n)) for n in sizes]
             + [(f"{n} nested ifs", nested_ifs(n)) for n in ifs]
             + [(f"{n} nested loops", nested_loops(n)) for n in loops]
             + [(f"expression {n} deep", deep_expression(n)) for n in exprs])
    print("| program | transform time |\n|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        tangentish.grad(_load(straight_line(10), Path(tmp), "warm_up"))  # rules load once
        for index, (label, source) in enumerate(cases):
            print(f"| {label} | {measure(source, Path(tmp), f'scale_{index}')} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
