"""A cached ``grad()`` of another commit against this tree's, in one process, interleaved.

    python benchmarks/bench_cached_ab.py REV [--rounds 21] [--calls 10000]

On a loaded machine two processes never see the same speed, so the two versions run in one:
``REV``'s ``tangentish/`` (``git archive``) is extracted to a temporary directory and renamed
``tangentish_before`` (every word ``tangentish`` in its files), then imported beside the
``tangentish`` that ``import tangentish`` finds.  Each workload function (and the 30-line one) is
copied once per version (the same code object, two function objects: each version's cache keeps
its entry on its own copy), cached, then ``grad(f, wrt=...)`` and the check of its dependencies
alone (the cache entry's ``holds(f)``) are timed round by round, before and after alternating;
the medians and their ratios are printed.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import timeit
import types
from pathlib import Path

import workloads

ROOT = Path(__file__).resolve().parent.parent


def extract(rev: str, folder: Path) -> None:
    """``rev``'s package as ``folder/tangentish_before``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "tangentish"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # (3.10.12+, 3.11.4+: no warning on 3.12+)
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)  # noqa: S202  (this repository's own archive)
    package = folder / "tangentish"
    for path in package.rglob("*.py"):
        path.write_text(re.sub(r"\btangentish\b", "tangentish_before", path.read_text()))
    package.rename(folder / "tangentish_before")


def _copy(fn: types.FunctionType) -> types.FunctionType:
    return types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__,
                              fn.__closure__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit measured as 'before'")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--calls", type=int, default=10000)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        extract(options.rev, Path(folder))
        sys.path.insert(0, folder)
        import tangentish_before

        import tangentish

        rows = []
        for fn, wrt in [*((w.fn, w.wrt) for w in workloads.WORKLOADS),
                        (workloads.thirty_lines, (0, 1))]:
            calls = []
            for grad in (tangentish_before.grad, tangentish.grad):
                own = _copy(fn)
                grad(own, wrt=wrt), grad(own, wrt=wrt)  # (built, then a hit)
                bound = next(iter(own.__dict__["__tangentish_derivatives__"].entries.values()))
                calls += [lambda grad=grad, own=own, wrt=wrt: grad(own, wrt=wrt),
                          lambda bound=bound, own=own: bound.holds(own)]
            rows.append((fn.__name__, calls, ([], [], [], [])))
        for _ in range(options.rounds):
            for _, calls, samples in rows:
                for call, kept in zip(calls, samples, strict=True):
                    kept.append(timeit.timeit(call, number=options.calls) / options.calls)
    print(f"{options.rev} (before) against this tree (after), median of {options.rounds} "
          f"interleaved rounds of {options.calls} calls:\n"
          f"{'':<14}{'cached grad(): before':>22}{'after':>10}{'ratio':>7}"
          f"{'holds(f): before':>19}{'after':>10}{'ratio':>7}")
    for name, _, samples in rows:
        grad_before, holds_before, grad_after, holds_after = map(statistics.median, samples)
        print(f"{name:<14}{grad_before * 1e6:19.2f} us{grad_after * 1e6:7.2f} us"
              f"{grad_after / grad_before:7.2f}{holds_before * 1e6:16.2f} us"
              f"{holds_after * 1e6:7.2f} us{holds_after / holds_before:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
