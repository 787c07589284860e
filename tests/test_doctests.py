"""Every docstring example in ``tangentish/`` runs, and every pass shows itself with one.

Each module of ``tangentish/passes/`` starts with a docstring whose example runs the pass (or the
pipeline up to it) on a tiny function and prints the result with ``tangentish.syntax.printer``:
the before/after of that stage, checked here.  Examples run with ``ELLIPSIS``, so provenance
comments can say ``[...]`` instead of the name doctest gives the example's file.  To run them with
pytest's own collector: ``pytest --doctest-modules -o doctest_optionflags=ELLIPSIS tangentish/``
(``--ignore=tangentish/__main__.py``).
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tangentish"


def _module_names() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    names = [name for name in names if name != "tangentish.__main__"]  # importing it runs the CLI
    # Modules of optional dependencies are not collected where the dependency is absent.
    return [name for name in names if _optional(name) is None or
            importlib.util.find_spec(_optional(name)) is not None]


def _optional(name: str) -> str | None:
    """The optional dependency a module imports (the rules of ``scipy_*`` modules: SciPy)."""
    return "scipy" if name.startswith("tangentish.rules.scipy_") else None


MODULES = _module_names()
PASSES = [name for name in MODULES if name.startswith("tangentish.passes")]
FLAGS = doctest.ELLIPSIS


def _run(name: str) -> doctest.TestResults:
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in doctest.DocTestFinder().find(module, name):
        runner.run(test)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, capsys):
    results = _run(name)
    report = capsys.readouterr().out
    assert results.failed == 0, report


@pytest.mark.parametrize("name", PASSES)
def test_every_pass_module_shows_itself_in_a_doctest(name):
    module = importlib.import_module(name)
    own = doctest.DocTestFinder(recurse=False).find(module, name)[0]
    assert own.examples, f"{name}'s module docstring has no example"


def test_the_main_module_has_no_examples():
    """``__main__`` is not imported (that would run the CLI): it must not hide examples."""
    assert ">>>" not in (PACKAGE / "__main__.py").read_text()
