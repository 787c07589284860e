"""Which runtime helpers generated code calls, and how often: over the goldens and over the zoo.

Issue 10 asks that a reader of generated code need only a small runtime.  This script lists every
distinct ``_rt.<name>`` that generated code reads, with its count:

- ``goldens``: every file under ``tests/golden/`` (the zoo in every mode, and the containers'
  goldens), as stored;
- ``generic``: the zoo of ``tests/zoo.py`` in every mode (``grad``, ``value_and_grad``, ``jvp``,
  ``vjp``, ``hvp``), generated now, helpers' derivatives included (the goldens' text);
- ``specialized``: the same functions' derivatives specialized to the arguments of
  ``zoo.SAMPLES`` (what the second call with those shapes runs, see ``tangentish/specialize.py``;
  ``hvp`` has no specializations).

It also says how many public names ``tangentish.runtime`` exports.  Every rule module is imported
first (``REGISTRY.provide_all()``): a family imported on demand half-way (the runtime helpers'
rules, for an ``hvp``) would otherwise make every specialization asked for afterwards stale, and
the ``specialized`` table would count generic sources for most of the zoo.

    python benchmarks/runtime_calls.py               # the three tables
    python benchmarks/runtime_calls.py --names-only  # one line per table: the distinct names

Runs against whichever ``tangentish`` is importable (``PYTHONPATH=<old checkout>`` measures an
old one; the ``goldens`` table reads the golden files of this checkout).
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

import numpy as np  # noqa: E402
from zoo import SAMPLES, ZOO  # noqa: E402  (tests/ is on the path from here)

import tangentish  # noqa: E402
import tangentish.runtime  # noqa: E402

MODES = ("grad", "value_and_grad", "jvp", "vjp", "hvp")
_CALL = re.compile(r"\b_rt\.(\w+)")


def runtime_names(text: str) -> collections.Counter:
    """How many times ``text`` reads each ``_rt.<name>``."""
    return collections.Counter(_CALL.findall(text))


def in_goldens(folder: Path = TESTS / "golden") -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for path in sorted(folder.glob("*/*.py")):
        counts += runtime_names(path.read_text())
    return counts


def _derivative(fn, wrt, mode: str):
    if mode == "hvp":
        return tangentish.hvp(fn, wrt=wrt[0] if isinstance(wrt, tuple) else wrt)
    return getattr(tangentish, mode)(fn, wrt=wrt)


def _specialized_source(derivative, fn, mode: str) -> str | None:
    """The source a call with the zoo's sample arguments runs once specialized (None for
    hvp, which is not specialized)."""
    source_for = getattr(derivative, "source_for", None)
    if source_for is None:
        return None
    args = SAMPLES[fn.__name__](np.random.default_rng(0))
    if mode == "jvp":  # (arguments, then their tangents)
        return source_for(*args, *args)
    return source_for(*args)


def in_zoo(specialized: bool) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for mode in MODES:
        for fn, wrt in ZOO:
            try:
                derivative = _derivative(fn, wrt, mode)
            except tangentish.TangentishError:  # (hvp refuses a few: see tests/test_golden.py)
                continue
            text = _specialized_source(derivative, fn, mode) if specialized else \
                derivative.source
            counts += runtime_names(text or "")
    return counts


def _table(title: str, counts: collections.Counter, names_only: bool) -> None:
    print(f"{title}: {len(counts)} distinct, {sum(counts.values())} reads")
    if names_only:
        print("    " + " ".join(sorted(counts)))
        return
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"    {count:>5}  _rt.{name}")


def main(argv: list[str] | None = None) -> int:
    from tangentish.registry import REGISTRY

    REGISTRY.provide_all()  # (see the module docstring)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names-only", action="store_true", help="the distinct names only")
    args = parser.parse_args(argv)
    print(f"tangentish from {Path(tangentish.__file__).parent}; {len(ZOO)} zoo functions; "
          f"tangentish.runtime exports {len(tangentish.runtime.__all__)} public names")
    _table("goldens (tests/golden/*/*.py)", in_goldens(), args.names_only)
    _table("generic zoo, every mode", in_zoo(specialized=False), args.names_only)
    _table("specialized zoo (sample arguments), every mode but hvp", in_zoo(specialized=True),
           args.names_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
