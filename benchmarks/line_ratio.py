"""How much longer generated code is than the code it differentiates, over the golden zoo.

For every function of ``tests/zoo.py`` and every mode (``grad``, ``value_and_grad``, ``jvp``,
``vjp``: forward half plus pullback, ``hvp``: the ``jvp`` of the gradient), the ratio of the
generated function's lines to the original function's lines.  Lines are code lines: blank lines,
comment lines (the provenance comments) and docstrings are not counted, on either side.  Helpers'
derivatives are left out on both sides (a helper is not part of the original function either).
Prints the median and the maximum per mode.

    python benchmarks/line_ratio.py              # the table
    python benchmarks/line_ratio.py --each       # and every function's ratio

Runs against whichever ``tangentish`` is importable (``PYTHONPATH=<old checkout>`` measures an old
one; without ``.record``, the helpers' sections are cut off ``.source`` at their separator comment).
"""

from __future__ import annotations

import argparse
import ast
import inspect
import statistics
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from zoo import ZOO  # noqa: E402  (tests/ is on the path from here)

import tangentish  # noqa: E402

MODES = ("grad", "value_and_grad", "jvp", "vjp", "hvp")


def code_lines(text: str) -> int:
    """Lines that are neither blank, nor comments, nor part of a docstring."""
    tree = ast.parse(textwrap.dedent(text))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and \
                    isinstance(first.value.value, str):
                docstrings |= set(range(first.lineno, first.end_lineno + 1))
    return sum(1 for number, line in enumerate(text.splitlines(), 1)
               if line.strip() and not line.strip().startswith("#") and number not in docstrings)


def derivative_text(fn, wrt, mode: str) -> str:
    """The generated function's own text (its pullback's too for vjp), without helpers."""
    if mode == "hvp":
        derivative = tangentish.hvp(fn, wrt=wrt[0] if isinstance(wrt, tuple) else wrt)
    else:
        derivative = getattr(tangentish, mode)(fn, wrt=wrt)
    record = getattr(derivative, "record", None)
    if mode == "hvp" or record is None:
        return derivative.source.split("# derivative of the helper")[0]
    return record.text + (record.backward.text if record.backward else "")


def ratios(mode: str) -> dict[str, float]:
    found = {}
    for fn, wrt in ZOO:
        try:
            text = derivative_text(fn, wrt, mode)
        except tangentish.TangentishError:  # hvp refuses a few (see tests/test_golden.py)
            continue
        found[fn.__name__] = code_lines(text) / code_lines(inspect.getsource(fn))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="print every function's ratio")
    args = parser.parse_args(argv)
    print(f"tangentish {getattr(tangentish, '__version__', '?')} from "
          f"{Path(tangentish.__file__).parent}; {len(ZOO)} zoo functions; code lines, "
          "generated / original")
    print(f"{'mode':<16}{'functions':>10}{'median':>9}{'max':>9}  largest")
    for mode in MODES:
        found = ratios(mode)
        worst = max(found, key=found.get)
        print(f"{mode:<16}{len(found):>10}{statistics.median(found.values()):>9.2f}"
              f"{found[worst]:>9.2f}  {worst}")
        if args.each:
            for name, ratio in sorted(found.items(), key=lambda item: item[1]):
                print(f"    {name:<28}{ratio:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
