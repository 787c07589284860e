"""pytest plugin for tangentish: seeded gradient checks and golden files of generated source.

Installed with tangentish and registered through the ``pytest11`` entry point ``tangentish``
(``-p no:tangentish`` turns it off; where the entry point is not installed,
``-p tangentish.pytest_plugin`` loads the module by hand)::

    import pytest

    def test_loss_gradient(check_grads):            # tangentish.check_grads, seeded from the CLI
        check_grads(loss, (w, x, y), wrt=0)

    @pytest.mark.tangentish_grads(loss, (w, x, y), wrt=0, rtol=1e-6)
    def test_loss_marked():                         # the check runs before the test body
        ...

    def test_loss_source(golden_source):            # generated source vs. a reviewed file
        golden_source(loss, "golden/grad_loss.py", wrt=0)

Options (group "tangentish"):

* ``--tangentish-seed=N``: the seed of every check made by the fixture or the marker (default 0;
  an explicit ``seed=`` wins). Failure messages end with a reproduction line containing it.
* ``--tangentish-show-source``: when a check of a tangentish-derived derivative fails (no
  ``grad=``/``vjp=``/``jvp=`` given), append ``tangentish.source(f, wrt=...)`` to the message.
* ``--tangentish-update-golden``: ``golden_source`` (re)writes its files instead of comparing.

Import cost: this module imports only the standard library and pytest at top level; NumPy and
tangentish are imported inside the fixtures and hooks, when a test uses them. (Python imports the
package ``tangentish/__init__.py`` before this submodule, and that currently imports NumPy and
the whole library, so a run of an unrelated project still pays for it until the package
initialiser becomes lazy; this module itself adds nothing.)
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

MARKER = "tangentish_grads"
_USER_DERIVATIVES = ("grad", "vjp", "jvp")
_WRITTEN = pytest.StashKey[list]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tangentish", "tangentish gradient checks and golden sources")
    group.addoption("--tangentish-seed", type=int, default=0, metavar="N",
                    help="seed of the gradient checks of the check_grads fixture and the "
                         f"{MARKER} marker (default 0; an explicit seed= wins)")
    group.addoption("--tangentish-show-source", action="store_true", default=False,
                    help="append the generated derivative source to failed gradient checks")
    group.addoption("--tangentish-update-golden", action="store_true", default=False,
                    help="golden_source writes its golden files instead of comparing")


def pytest_configure(config: pytest.Config) -> None:
    seed = config.getoption("tangentish_seed", 0)
    if seed is None or seed < 0:
        raise pytest.UsageError(f"--tangentish-seed must be a non-negative integer, got {seed}")
    config.addinivalue_line(
        "markers",
        f"{MARKER}(fn, args, wrt=0, **options): check the derivatives of fn at args with "
        "tangentish.check_grads before the test body runs (options go to check_grads)",
    )
    config.stash[_WRITTEN] = []


def _generated_source(f, options: dict) -> str:
    """The tangentish source of the derivatives a check of ``f`` used, for a failure report."""
    import tangentish

    wrt = options.get("wrt", 0)
    modes = options.get("modes", ("rev", "fwd"))
    modes = (modes,) if isinstance(modes, str) else tuple(modes)
    sections = []
    for mode, name in (("rev", "grad"), ("fwd", "jvp")):
        if mode not in modes:
            continue
        call = f"tangentish.source({getattr(f, '__name__', f)!r}, wrt={wrt!r}, mode={name!r})"
        try:
            text = tangentish.source(f, wrt=wrt, mode=name)
        except Exception as exc:  # the report must survive a function tangentish cannot take
            text = f"(not available: {type(exc).__name__}: {exc})"
        sections.append(f"Generated derivative source, {call}:\n{text.rstrip()}")
    return "\n\n".join(sections)


def _check_options(function, options: dict, what: str, positional: int) -> None:
    """Unknown keywords (``wtr=0``) get the project's error naming them, not Python's TypeError."""
    __tracebackhide__ = True
    import inspect

    from tangentish.arguments import caller_location
    from tangentish.arguments.values import close_keyword
    from tangentish.errors import ArgumentError

    accepted = list(inspect.signature(function).parameters)[positional:]  # after (f, args)
    for key in options:
        if key not in accepted:
            raise ArgumentError(f"{what} got an unexpected option {key}=", caller_location(),
                                hint=f"{close_keyword(key, accepted)}it accepts "
                                f"{', '.join(accepted)}")


def run_check(config: pytest.Config, f, args, **options):
    """``tangentish.check_grads(f, args, **options)`` with the seed and show-source options."""
    __tracebackhide__ = True
    import tangentish
    from tangentish.checking import check_grads as documented  # tangentish's may be patched

    _check_options(documented, options, "check_grads", 2)
    options.setdefault("seed", config.getoption("tangentish_seed"))
    try:
        return tangentish.check_grads(f, args, **options)
    except tangentish.GradientCheckError as exc:
        derived = all(options.get(name) is None for name in _USER_DERIVATIVES)
        if derived and config.getoption("tangentish_show_source"):
            exc.args = (f"{exc}\n\n{_generated_source(f, options)}", *exc.args[1:])
        # The report is the message: no frames of tangentish's checker (and none of their
        # locals, such as the whole CheckReport) under the test's own line.
        raise exc.with_traceback(None) from None


@pytest.fixture
def check_grads(request: pytest.FixtureRequest):
    """``check_grads(f, args, **options)``: ``tangentish.check_grads`` seeded with
    ``--tangentish-seed`` (an explicit ``seed=`` wins); returns the ``CheckReport`` and raises
    ``GradientCheckError`` on failure, with the generated source under
    ``--tangentish-show-source``."""
    config = request.config

    def check(f, args, **options):
        __tracebackhide__ = True
        return run_check(config, f, args, **options)

    return check


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """Run the checks of ``@pytest.mark.tangentish_grads`` before the test body."""
    marks = list(item.iter_markers(MARKER))
    if not marks:
        return
    import tangentish

    for mark in reversed(marks):
        failure = _mark_problem(mark)
        if failure is None:
            try:
                run_check(item.config, *mark.args, **mark.kwargs)
            except (tangentish.GradientCheckError, tangentish.TangentishError) as exc:
                failure = f"@pytest.mark.{MARKER}: {exc}"
            else:
                continue
        pytest.fail(failure, pytrace=False)  # outside the except: no chained duplicate message


def _mark_problem(mark) -> str | None:
    """What is wrong with the marker's own arguments (before check_grads sees them), or None."""
    if len(mark.args) != 2:
        return (f"@pytest.mark.{MARKER} takes (fn, args, wrt=0, **options), got "
                f"{len(mark.args)} positional arguments")
    fn, args = mark.args
    if isinstance(fn, (str, bytes)) or not callable(fn):
        return (f"@pytest.mark.{MARKER}: fn must be the function to check, got "
                f"{type(fn).__name__} {fn!r}\nhint: pass the function object itself, not its name")
    if not isinstance(args, tuple):
        return (f"@pytest.mark.{MARKER}: args must be a tuple of "
                f"{getattr(fn, '__name__', 'fn')}'s arguments, got {type(args).__name__} "
                f"{args!r}\nhint: write (x,) for a single argument")
    return None


def _diff(expected: str, generated: str, path: Path, name: str) -> str:
    lines = difflib.unified_diff(expected.splitlines(), generated.splitlines(),
                                 fromfile=f"{path} (golden)",
                                 tofile=f"tangentish.source({name}) (generated)", lineterm="")
    return "\n".join(lines)


@pytest.fixture
def golden_source(request: pytest.FixtureRequest):
    """``golden_source(fn, path, **source_options)``: compare ``tangentish.source(fn,
    **source_options)`` with the file at ``path`` (relative to the test file's directory) as
    whole text; ``--tangentish-update-golden`` writes the file instead. Returns the source."""
    config = request.config
    base = Path(request.path).parent

    def compare(fn, path, **source_options) -> str:
        __tracebackhide__ = True
        import tangentish
        from tangentish.api import source as documented

        _check_options(documented, source_options, "golden_source", 1)
        text = tangentish.source(fn, **source_options)
        target = base / path
        name = getattr(fn, "__name__", repr(fn))
        exists = target.is_file()
        expected = target.read_text(encoding="utf-8") if exists else None
        if config.getoption("tangentish_update_golden"):
            if text != expected:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                config.stash[_WRITTEN].append(target)
            return text
        if not exists:
            pytest.fail(f"golden file {target} for tangentish.source({name}) does not exist; "
                        "run pytest with --tangentish-update-golden to create it")
        if text != expected:
            pytest.fail(f"tangentish.source({name}) differs from golden file {target} (run "
                        "pytest with --tangentish-update-golden to accept the new source):\n"
                        + _diff(expected, text, target, name))
        return text

    return compare


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    written = config.stash.get(_WRITTEN, [])
    if written:
        terminalreporter.write_sep("-", f"tangentish: wrote {len(written)} golden file(s)")
        for path in written:
            terminalreporter.write_line(str(path))
