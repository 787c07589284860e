"""Tests of the pytest plugin (tangentish/pytest_plugin.py), mostly through pytester runs.

Each run passes ``-p no:tangentish -p tangentish.pytest_plugin``: the explicit ``-p`` makes the
runs work without the installed entry point, and blocking the entry point name first keeps
pytest from registering the same module twice (under "tangentish" and under its module name),
which it refuses. ``test_entry_point_loads_the_plugin`` covers the entry point itself.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import tangentish.api  # noqa: F401  (loaded before pytester's in-process runs; see below)
import tangentish.checking  # noqa: F401

# pytester's in-process runs drop the modules they imported when they end; tangentish's rule
# registry and exception classes must be the same in every run (and in this file run alone), so
# the transforms and the checker are imported here, outside any run.
pytest_plugins = ["pytester"]

PLUGIN = Path(__file__).resolve().parents[1] / "tangentish" / "pytest_plugin.py"
PYPROJECT = PLUGIN.parents[1] / "pyproject.toml"

# Shared head of the test files pytester writes: the functions must live in those files, since
# tangentish reads their source.
HEAD = """
import numpy as np
import pytest
import tangentish

def cube(x):
    return np.sum(x ** 3)

def cube_grad_wrong(x):
    return 2 * x ** 2

X = (np.array([0.5, -1.0, 2.0]),)
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:tangentish", "-p", "tangentish.pytest_plugin", *args)


def write(pytester: pytest.Pytester, body: str, name: str = "test_plugin_run") -> Path:
    # runpytest runs in this process: a basename of one of our own test modules would clash
    return pytester.makepyfile(**{name: HEAD + textwrap.dedent(body)})


# -- the check_grads fixture -----------------------------------------------------------------

def test_fixture_passes_a_correct_derivative(pytester: pytest.Pytester) -> None:
    write(pytester, """
        def test_ok(check_grads):
            report = check_grads(cube, X)
            assert report.ok and report.seed == 0
    """)
    run(pytester).assert_outcomes(passed=1)


def test_fixture_fails_a_wrong_gradient_with_the_seed(pytester: pytest.Pytester) -> None:
    write(pytester, """
        def test_wrong(check_grads):
            check_grads(cube, X, grad=cube_grad_wrong)
    """)
    result = run(pytester, "--tangentish-seed=7", "--tangentish-show-source")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*GradientCheckError: Gradient check of cube failed (seed=7)*",
        "*Reproduce: tangentish.check_grads(cube, args, wrt=0, grad=cube_grad_wrong, seed=7)",
    ])
    # grad= was given, so there is no tangentish source to show
    result.stdout.no_fnmatch_line("*Generated derivative source*")


def test_a_failing_fixture_check_shows_the_report_not_the_checkers_frames(
        pytester: pytest.Pytester) -> None:
    write(pytester, """
        def cube_hvp_wrong(x, v):
            return 5.0 * x * v

        def test_wrong(check_grads):
            check_grads(cube, X, grad=cube_grad_wrong)

        def test_wrong_hvp(check_grads):
            check_grads(cube, X, order=2, hvp=cube_hvp_wrong)
    """)
    result = run(pytester)
    result.assert_outcomes(failed=2)
    text = result.stdout.str()
    assert "check_grads(cube, X, grad=cube_grad_wrong)" in text  # the test's own line
    assert "checking/check.py" not in text and "_conclude" not in text  # no internal frames
    assert "CheckReport(" not in text  # nor their locals
    # a wrong hvp= is named as what failed; tangentish's own derivatives are not blamed
    assert "(hvp=) disagrees with finite differences" in text
    assert "reverse sweep" not in text and "first wrong statement" not in text


def test_seed_option_reaches_the_check_and_explicit_seed_wins(pytester: pytest.Pytester) -> None:
    write(pytester, """
        def test_seeds(check_grads):
            assert check_grads(cube, X).seed == 7
            assert check_grads(cube, X, seed=3).seed == 3
    """)
    run(pytester, "--tangentish-seed=7").assert_outcomes(passed=1)


SHOW_SOURCE = """
    @pytest.fixture
    def planted(monkeypatch):
        def failing(f, args, **options):
            raise tangentish.GradientCheckError(f"planted failure (seed={options['seed']})", None)
        monkeypatch.setattr(tangentish, "check_grads", failing)

    def test_message(planted, check_grads, request):
        with pytest.raises(tangentish.GradientCheckError) as info:
            check_grads(cube, X)
        message = str(info.value)
        if request.config.getoption("tangentish_show_source"):
            assert message.startswith("planted failure (seed=0)\\n\\n")
            assert tangentish.source(cube).rstrip() in message
            assert tangentish.source(cube, mode="jvp").rstrip() in message
        else:
            assert message == "planted failure (seed=0)"

    def test_modes_and_user_derivatives(planted, check_grads, request):
        with pytest.raises(tangentish.GradientCheckError) as info:
            check_grads(cube, X, modes="rev")
        assert "mode='jvp'" not in str(info.value)
        with pytest.raises(tangentish.GradientCheckError) as info:
            check_grads(cube, X, jvp=lambda x, t: None)
        assert str(info.value) == "planted failure (seed=0)"

    def test_report(planted, check_grads):
        check_grads(cube, X)
"""


@pytest.mark.parametrize("show", [True, False])
def test_show_source_appends_the_generated_source(pytester: pytest.Pytester, show: bool) -> None:
    write(pytester, SHOW_SOURCE)
    result = run(pytester, *(["--tangentish-show-source"] if show else []))
    result.assert_outcomes(passed=2, failed=1)
    if not show:
        result.stdout.no_fnmatch_line("*Generated derivative source*")
        return
    result.stdout.fnmatch_lines([
        "*GradientCheckError: planted failure (seed=0)",
        "*Generated derivative source, tangentish.source('cube', wrt=0, mode='grad'):",
        "*def grad_cube_wrt_x(x, *, out_bar=1.0):",
        "*Generated derivative source, tangentish.source('cube', wrt=0, mode='jvp'):",
    ])


# -- the tangentish_grads marker -------------------------------------------------------------

def test_marker_runs_the_check_before_the_body(pytester: pytest.Pytester) -> None:
    write(pytester, """
        RAN = []

        @pytest.mark.tangentish_grads(cube, X, wrt="x")
        def test_marked_ok():
            RAN.append("ok")

        def test_body_ran():
            assert RAN == ["ok"]

        @pytest.mark.tangentish_grads(cube, X, grad=cube_grad_wrong)
        def test_marked_wrong():
            raise RuntimeError("the body must not run")

        @pytest.mark.tangentish_grads(cube, X, grad=cube_grad_wrong, seed=11)
        def test_marked_explicit_seed():
            pass

        @pytest.mark.tangentish_grads(cube, X, 0)  # wrt must be a keyword
        def test_marked_badly():
            pass
    """)
    result = run(pytester, "--strict-markers", "--tangentish-seed=5")
    result.assert_outcomes(passed=2, failed=3)
    result.stdout.fnmatch_lines([
        "*@pytest.mark.tangentish_grads: Gradient check of cube failed (seed=5)*",
        "*Reproduce: tangentish.check_grads(cube, args, wrt=0, grad=cube_grad_wrong, seed=5)",
        "*@pytest.mark.tangentish_grads: Gradient check of cube failed (seed=11)*",
        "*@pytest.mark.tangentish_grads takes (fn, args, wrt=0, **options), got 3 positional*",
    ])
    result.stdout.no_fnmatch_line("*the body must not run*")
    result.stdout.no_fnmatch_line("*During handling of the above exception*")


def test_careless_markers_and_options_fail_with_one_clear_message(pytester: pytest.Pytester) -> None:
    write(pytester, """
        @pytest.mark.tangentish_grads("cube", X)
        def test_name_instead_of_function():
            pass

        @pytest.mark.tangentish_grads(cube, 3)
        def test_int_instead_of_args():
            pass

        @pytest.mark.tangentish_grads(cube, X, wrt="y")
        def test_bad_wrt():
            pass

        @pytest.mark.tangentish_grads(cube, X, wtr=0)
        def test_misspelt_option():
            pass

        def test_fixture_misspelt_option(check_grads):
            check_grads(cube, X, sede=1)
    """)
    result = run(pytester)
    result.assert_outcomes(failed=5)
    result.stdout.fnmatch_lines([
        "*@pytest.mark.tangentish_grads: fn must be the function to check, got str 'cube'",
        "*hint: pass the function object itself, not its name",
        "*@pytest.mark.tangentish_grads: args must be a tuple of cube's arguments, got int 3",
        "*@pytest.mark.tangentish_grads: cube has no parameter 'y'",
        "*@pytest.mark.tangentish_grads: check_grads got an unexpected option wtr=",
        "*hint: did you mean 'wrt'? *",
        "*ArgumentError: check_grads got an unexpected option sede=",
    ])
    result.stdout.no_fnmatch_line("*TypeError*")


def test_negative_seed_option_is_a_usage_error(pytester: pytest.Pytester) -> None:
    write(pytester, "def test_nothing():\n    pass\n")
    result = run(pytester, "--tangentish-seed=-1")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--tangentish-seed must be a non-negative integer, got -1*"])


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.tangentish_grads(fn, args, wrt=0, **options):*"])


# -- the golden_source fixture ---------------------------------------------------------------

GOLDEN = """
    def test_golden(golden_source):
        text = golden_source(cube, "golden/cube.py", wrt=0)
        assert text == tangentish.source(cube)
"""


def test_golden_source_missing_update_compare_and_diff(pytester: pytest.Pytester) -> None:
    pytester.mkdir("sub")
    test_file = write(pytester, GOLDEN, name="sub/test_plugin_golden")
    golden = pytester.path / "sub" / "golden" / "cube.py"  # relative to the test file, not cwd

    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*golden file *cube.py* does not exist; run pytest with "
                                 "--tangentish-update-golden to create it"])
    assert not golden.exists()

    result = run(pytester, "--tangentish-update-golden")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*tangentish: wrote 1 golden file(s)*", f"*{golden}"])
    assert "def grad_cube_wrt_x(x, *, out_bar=1.0):" in golden.read_text()

    run(pytester).assert_outcomes(passed=1)

    test_file.write_text(test_file.read_text().replace("x ** 3)", "x ** 3) + np.sum(x)"))
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*tangentish.source(cube) differs from golden file *cube.py*",
        "*--- *cube.py (golden)",
        "*+++ tangentish.source(cube) (generated)",
        "*@@ *",
    ])
    result.stdout.fnmatch_lines(["*+*x_bar*"])


def test_golden_source_passes_source_options_and_absolute_paths(
        pytester: pytest.Pytester, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "cube_jvp.py"
    write(pytester, f"""
        def test_jvp(golden_source):
            text = golden_source(cube, {str(target)!r}, mode="jvp")
            assert text == tangentish.source(cube, mode="jvp") != tangentish.source(cube)
    """)
    run(pytester, "--tangentish-update-golden").assert_outcomes(passed=1)
    assert target.is_file()
    result = run(pytester, "--tangentish-update-golden")  # unchanged: nothing rewritten
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*wrote * golden file*")
    run(pytester).assert_outcomes(passed=1)


# -- registration and import cost ------------------------------------------------------------

def test_entry_point_is_declared() -> None:
    text = PYPROJECT.read_text()
    if sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads(text)["project"]
        assert project["entry-points"]["pytest11"] == {"tangentish": "tangentish.pytest_plugin"}
    else:  # no TOML parser in 3.10's standard library: the section as written
        section = text.split("[project.entry-points.pytest11]\n", 1)[1].split("\n[", 1)[0]
        assert section.strip() == 'tangentish = "tangentish.pytest_plugin"'


def test_entry_point_is_installed() -> None:
    found = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert found.get("tangentish") == "tangentish.pytest_plugin", (
        "the pytest11 entry point is missing from the installed metadata: run pip install -e .")


def test_entry_point_loads_the_plugin(pytester: pytest.Pytester,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert "tangentish" in {ep.name for ep in entry_points(group="pytest11")}, (
        "tangentish is not installed with its pytest11 entry point: pip install -e .")
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    write(pytester, """
        def test_ok(check_grads):
            check_grads(cube, X)
    """)
    pytester.runpytest("--strict-markers").assert_outcomes(passed=1)


def test_plugin_module_imports_neither_numpy_nor_the_library() -> None:
    # ``import tangentish.pytest_plugin`` runs tangentish/__init__.py first, which imports NumPy
    # and the whole library, so load the plugin file on its own to see what it imports itself.
    code = textwrap.dedent(f"""
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("plugin_alone", {str(PLUGIN)!r})
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
        print(sorted(m for m in sys.modules if m == "numpy" or m.startswith("tangentish")))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_plugin_module_has_only_light_top_level_imports() -> None:
    tree = ast.parse(PLUGIN.read_text())
    top = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            top.add("." * node.level + (node.module or ""))
    assert top <= {"__future__", "difflib", "pathlib", "pytest"}, top
