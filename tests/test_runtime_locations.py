"""An error tangentish raises while a derivative runs (found on the values: a singular matrix, a
mode known only at run time, an array output met by a scalar seed) names the user's file, line and
statement, as an error found while transforming does (tangentish/provenance.py).

The table has a row per raise site of a project error in tangentish/runtime, found by walking its
source: a new raise site without a row (or a documented reason it cannot be reached from user
code) fails :func:`test_every_runtime_raise_site_has_a_row`.  Each row runs a user function of
tests/location_zoo.py whose derivative raises there, and checks that the error is raised by that
very site, names the line marked ``# <- here`` with its text and an underline, and keeps the
generated code's frame in its traceback."""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path

import location_zoo as zoo
import numpy as np
import pytest
from helpers import assert_specialized, specialize

import tangentish
import tangentish.errors
from tangentish import provenance
from tangentish.errors import TangentishError
from tangentish.runtime.checks import _matmul_in_place

RUNTIME = Path(tangentish.__file__).parent / "runtime"
PROJECT_ERRORS = {name for name, value in vars(tangentish.errors).items()
                  if isinstance(value, type) and issubclass(value, TangentishError)}
A = np.array([[1.0, 2.0], [3.0, 4.0]])


def _sites() -> dict[str, tuple[str, str, int, int]]:
    """``"module.function"`` (``#k`` for the k-th of several in one function) → (file, function,
    first line, last line) of each ``raise SomeProjectError(...)`` in tangentish/runtime."""
    found = {}
    for path in sorted(RUNTIME.glob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef):
                continue
            raises = [node for node in ast.walk(function) if isinstance(node, ast.Raise)
                      and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name)
                      and node.exc.func.id in PROJECT_ERRORS]
            for k, node in enumerate(sorted(raises, key=lambda n: n.lineno)):
                name = f"{path.stem}.{function.name}" + (f"#{k}" if len(raises) > 1 else "")
                found[name] = (str(path), function.name, node.lineno, node.end_lineno)
    return found


SITES = _sites()

# Raise sites no user function reaches, and why (each must still exist: the list only shrinks).
UNREACHABLE = {
    "contract._parse": "NumPy's own np.einsum, which runs first in the primal sweep, refuses "
                       "subscripts naming another number of operands than it is given",
    "containers.unlisted": "list()/tuple() reach their rule with an array, a list or a tuple "
                           "only: a dict's use, iter, zip, map and generator functions are "
                           "refused while transforming (a guard for what a new rule may let by)",
    "linalg.field_index": "a field of a named result (`.S`, `.logabsdet`...) read from a "
                          "differentiated object other than a named tuple: objects built in the "
                          "function are refused while transforming and containers under wrt "
                          "are flattened first (a guard for what a new form may let by)",
    "containers._count": "Python's `*` repeats a list only by an int (or an object with "
                         "`__index__`, a NumPy integer) and raises for anything else before "
                         "the derivative runs; an array factor goes to containers._factor",
    "machinery.snapshot": "what is saved whole before an in-place change (x.fill(v), "
                          "np.copyto(x, v), out=x) must be an ndarray for NumPy to change it, "
                          "and snapshot saves every ndarray; out= given a tuple is refused "
                          "while transforming",
}


def _grad(*args: object, **kwargs: object) -> Callable:
    return lambda f: tangentish.grad(f)(*args, **kwargs)


def _checked(run: Callable) -> Callable:
    def in_checked_mode(f: Callable) -> object:
        os.environ["TANGENTISH_CHECKED"] = "1"
        tangentish.refresh_environment()
        try:
            return run(f)
        finally:
            del os.environ["TANGENTISH_CHECKED"]
            tangentish.refresh_environment()

    return in_checked_mode


# site → (user function, how its derivative is called)
ROWS: dict[str, tuple[Callable, Callable]] = {
    "rearrange.linspace_steps": (zoo.linspace_retstep, _grad(1.0)),
    "containers._factor": (zoo.list_times_zero_d_integer, _grad(np.ones(2))),
    "pad_stats._check_mode": (zoo.pad_mode, _grad(np.ones(3), "empty")),
    "rearrange.pad_border": (zoo.pad_values, _grad(np.ones(3))),
    "gradients.spacing_shift": (zoo.gradient_coordinates, lambda f: tangentish.jvp(f, wrt=1)(
        np.arange(4.0) ** 2, np.array([0.0, 0.5, 1.5, 2.0]), c_dot=np.ones(4))),
    "contract.einsum_checked": (zoo.einsum_constant_interleaved, _grad(np.ones(3), np.ones(3))),
    "checks.no_derivative": (zoo.einsum_interleaved, _grad(np.ones(3), [0])),
    "determinant.nonsingular_only": (zoo.slogdet_singular, _grad(np.array([1.0, 2.0]))),
    "gather.unique_source": (zoo.unique_tie, _grad(np.array([1.0, 2.0]))),
    "indexing._fold_dtype": (zoo.divide_at_float32, _grad(np.ones(3))),
    "checks.extended_slots": (zoo.list_slice_of_step_one, _grad(np.ones(3), 1)),
    "special.one_axis": (zoo.norm_axes, _grad(A, (0, 1))),
    "special.unnorm_partial": (
        zoo.nuclear_third, lambda f: tangentish.grad(tangentish.grad(tangentish.grad(f)))(1.0)),
    "quantiles.quantile_weights": (zoo.nanquantile_q, _grad(np.arange(4.0), np.full((2, 2), .5))),
    "quantiles._positions": (zoo.quantile_method, _grad(np.arange(4.0), "inverted_cdf")),
    "linalg.thin_svd": (zoo.svd_full, lambda f: tangentish.jvp(f)(
        np.ones((3, 2)) + np.eye(3, 2), a_dot=np.ones((3, 2)))),
    "linalg.thin_cotangent": (zoo.svd_full, _grad(np.ones((3, 2)) + np.eye(3, 2))),
    "linalg.tall_only": (zoo.qr_wide, _grad(np.ones((2, 3)) + np.eye(2, 3))),
    "linalg.nonzero_diagonal": (zoo.svd_singular, _grad(np.diag([1.0, 0.0]))),  # (exact 0)
    "linalg.basis_free": (zoo.eigh_basis, _grad(np.eye(2))),
    "eigenspaces.distinct_only": (zoo.eigh_spectral, _grad(np.eye(2))),
    "linalg.full_rank_pinv": (zoo.pinv_deficient, _grad(np.ones((2, 2)))),
    "composites.polyfit_lhs": (zoo.polyfit_full, _grad(np.array([1.0, 2.0, 4.0]))),
    "composites.poly_drop": (zoo.poly_of_matrix, _grad(np.array([[2.0, 1.0], [0.5, 3.0]]))),
    "linalg.nuclear_curvature": (zoo.nuclear_norm,
                                 lambda f: tangentish.hessian(f)(np.diag([1.0, 0.0]))),
    "linalg.spectral_curvature#0": (zoo.spectral_norm,
                                    lambda f: tangentish.hessian(f)(np.zeros((2, 2)))),
    "linalg.spectral_curvature#1": (zoo.spectral_norm, lambda f: tangentish.hessian(f)(np.eye(2))),
    "linalg.full_rank_only": (zoo.lstsq_wide, _grad(np.ones((2, 3)) + np.eye(2, 3))),
    "checks.real_only": (zoo.real_of_complex, _grad(1.0, 1.0 + 2.0j)),
    "spectra.real_seed": (zoo.abs_of_unseen_complex, _grad(np.ones(4), 1.0 + 2.0j)),
    "checks._not_in_place#0": (zoo.matmul_in_place, _grad(2.0)),
    "checks._not_in_place#1": (zoo.grown_in_place, _grad(np.ones((2, 2)))),
    "checks._not_in_place#2": (zoo.cast_in_place, _grad(np.ones(2))),
    "checks.out_written": (zoo.sum_into_float32, _grad(np.ones(2))),
    "checks.values_only": (zoo.svd_values, _grad(2.0 * np.eye(2), True)),
    "checks.real_eigenvalues": (zoo.eigvals_complex,
                                lambda f: tangentish.jvp(f)(np.eye(2), x_dot=np.ones((2, 2)))),
    "checks.float_target#0": (zoo.dict_write, _grad(1.0, {"a": 2.0}, "a")),
    "machinery._private_object": (zoo.uncopyable_argument,
                                  _grad(1.0, zoo.Uncopyable(np.ones(2)))),
    "checks.float_target#1": (zoo.int_write, _grad(1.0, np.zeros(3, dtype=int))),
    "checks.float_target#2": (zoo.list_spliced, _grad(np.ones(2), [np.ones(2)])),
    "checks.array_operand": (zoo.list_added, _grad(1.0, [1.0, 2.0])),
    "machinery.seed#0": (zoo.complex_by_value, _grad(1.0, 1j)),
    "machinery.unresolved": (zoo.missing_in_branch, _grad(np.ones(2), True)),
    "machinery.seed#1": (zoo.two_outputs, _grad(1.0)),
    "machinery.seed#2": (zoo.array_output, _grad(np.ones(2), out_bar=np.ones(3))),
    "machinery.aux_pair": (zoo.array_output, lambda f: tangentish.grad(f, has_aux=True)(1.0)),
    "machinery.check_unshared#0": (zoo.list_items_overlap, _grad(np.ones(3))),
    "machinery.check_unshared#1": (zoo.list_item_changed, lambda f: tangentish.grad(f, wrt="x")(
        [np.ones(3)], np.ones(3))),
    "machinery._check_untaped": (zoo.view_changed_while_taped,
                                 lambda f: tangentish.hessian(f)(np.ones(4))),
    "machinery.check_not_array": (zoo.helper_bumps, _grad(np.ones(3))),
    "machinery.check_not_module#0": (zoo.module_array_augmented, _grad(np.ones(3))),
    "machinery.check_not_module#1": (zoo.module_view_augmented, _grad(np.ones(3))),
    "machinery.check_like": (zoo.wrong_rule, _checked(_grad(np.linspace(0.1, 0.5, 5)))),
    "triangular._transposed": (zoo.triangular_trans, _grad(np.triu(A), 5)),
    "symmetric_reads._whole": (zoo.solve_assume, _grad(A, "banded")),
    "symmetric_reads.lu_rows": (zoo.lu_stack, _grad(np.stack([A, A]))),
    "symmetric_reads.full_covariance": (zoo.mvn_cov, lambda f: tangentish.grad(f)(
        np.ones(2), zoo.sst.Covariance.from_diagonal(np.array([1.0, 2.0])))),
    "checks.checked": (zoo.qr_full_tall, _grad(np.ones((3, 2)) + np.eye(3, 2))),
    "checks.matrices_only": (zoo.sqrtm_of_a_number, _grad(np.array(1.5))),
}
NEEDS_SCIPY = {"triangular._transposed", "symmetric_reads._whole", "symmetric_reads.lu_rows",
               "symmetric_reads.full_covariance", "checks.checked", "checks.matrices_only"}
# Sites only newer libraries reach: np.linalg.vector_norm (one_axis's only caller) is NumPy 2's;
# (and one only older NumPy reaches: `a @= b` raises before NumPy 2, checks.in_place#0)
# scipy.linalg.lu_factor factors a stack of matrices from SciPy 1.16 (older ones factor garbage)
def _stacks_lu() -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (an old SciPy warns of the garbage it factors)
        return np.ndim(zoo.sla.lu_factor(np.stack([A, A]))[1]) == 2


# scipy.linalg.sqrtm of a 0-d array returns (exp of it) from SciPy 1.17; older ones raise ValueError
def _sqrtm_of_numbers() -> bool:
    try:
        zoo.sla.sqrtm(np.array(1.5))
    except ValueError:
        return False
    return True


TOO_OLD = ({"special.one_axis"} if not hasattr(np.linalg, "vector_norm") else set()) | (
    {"checks._not_in_place#0"} if _matmul_in_place() else set()) | (
    {"symmetric_reads.lu_rows"} if zoo.sla is not None and not _stacks_lu() else set()) | (
    {"checks.matrices_only"} if zoo.sla is not None and not _sqrtm_of_numbers() else set())
RUNNABLE = sorted(site for site in ROWS if (zoo.sla is not None or site not in NEEDS_SCIPY) and
                  site not in TOO_OLD)


def test_every_runtime_raise_site_has_a_row():
    assert len(SITES) > 30  # (the walk finds them)
    assert not set(ROWS) & set(UNREACHABLE)
    assert set(SITES) == set(ROWS) | set(UNREACHABLE), (
        f"without a row: {sorted(set(SITES) - set(ROWS) - set(UNREACHABLE))}; "
        f"gone: {sorted((set(ROWS) | set(UNREACHABLE)) - set(SITES))}")


def _marked_line(function: Callable) -> tuple[str, int, str]:
    """The file, line number and text of the line of ``function`` marked ``# <- here``."""
    lines, first = inspect.getsourcelines(function)
    (index,) = [i for i, line in enumerate(lines) if line.rstrip().endswith("# <- here")]
    return inspect.getsourcefile(function), first + index, lines[index].rstrip("\n")


def _raised_by(error: BaseException) -> tuple[str, int]:
    trace = error.__traceback__
    while trace.tb_next is not None:
        trace = trace.tb_next
    return trace.tb_frame.f_code.co_filename, trace.tb_lineno


def _generated_frames(error: BaseException) -> list[str]:
    found, trace = [], error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename in provenance.MAPS:
            found.append(trace.tb_frame.f_code.co_name)
        trace = trace.tb_next
    return found


def assert_names_line(error: TangentishError, function: Callable) -> None:
    """``error`` names the line of ``function`` marked ``# <- here``: file, number, text, caret."""
    filename, lineno, text = _marked_line(function)
    where = error.location
    assert where is not None, str(error)
    assert (os.path.realpath(where.filename), where.lineno) == (os.path.realpath(filename),
                                                                lineno), str(error)
    assert where.line.strip() == text.strip()
    message = str(error)
    assert f'File "{where.filename}", line {lineno}' in message, message
    assert f"    {text.strip()}\n    ^^^" in message, message
    assert message.startswith(error.message)
    assert error.hint is None or message.endswith(f"hint: {error.hint}")


@pytest.mark.parametrize("site", RUNNABLE)
@pytest.mark.usefixtures("generic_first_calls")  # (the generic code's run-time checks)
def test_a_runtime_error_names_the_users_line(site):
    function, call = ROWS[site]
    with pytest.raises(TangentishError) as caught:
        call(function)
    filename, first, last = SITES[site][0], SITES[site][2], SITES[site][3]
    raised_in, line = _raised_by(caught.value)
    assert (raised_in, first <= line <= last) == (filename, True), (site, raised_in, line)
    assert_names_line(caught.value, function)
    assert _generated_frames(caught.value), "the generated code's frame is kept in the traceback"


def test_scipy_rows_run_where_scipy_is():
    assert set(ROWS) - set(RUNNABLE) == (NEEDS_SCIPY if zoo.sla is None else set()) | TOO_OLD


# -- every transform, helpers, second order, specializations, the persistent cache ----------------

SINGULAR = np.array([1.0, 2.0])  # np.outer(x, x): singular


def _through_helper(x):
    return zoo.slogdet_singular(x * 1.0) * 2.0


@tangentish.checkpoint
def _kept_helper(x):
    return zoo.slogdet_singular(x)


def _through_own_derivative(x):
    return _kept_helper(x * 1.0) * 2.0


TRANSFORMS = {
    "grad": lambda f: tangentish.grad(f)(SINGULAR),
    "value_and_grad": lambda f: tangentish.value_and_grad(f)(SINGULAR),
    "vjp": lambda f: tangentish.vjp(f, SINGULAR)[1](1.0),
    "jvp": lambda f: tangentish.jvp(f)(SINGULAR, x_dot=np.ones(2)),
    "hessian": lambda f: tangentish.hessian(f)(SINGULAR),
    "hvp": lambda f: tangentish.hvp(f)(SINGULAR, np.ones(2)),
    "jacobian": lambda f: tangentish.jacobian(f)(SINGULAR),
    "jacobian_fwd": lambda f: tangentish.jacobian(f, mode="fwd")(SINGULAR),
    "grad_of_grad": lambda f: tangentish.grad(lambda x: np.sum(tangentish.grad(f)(x)))(SINGULAR),
    "jvp_of_grad": lambda f: tangentish.jvp(tangentish.grad(f))(SINGULAR, x_dot=np.ones(2)),
}


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("function", [zoo.slogdet_singular, _through_helper,
                                      _through_own_derivative], ids=lambda f: f.__name__)
def test_every_transform_names_the_innermost_users_line(transform, function):
    """Directly, through a helper inlined into the function, and through a helper with a
    derivative of its own: the line named is the helper's own (the innermost user statement)."""
    with pytest.raises(TangentishError) as caught:
        TRANSFORMS[transform](function)
    assert_names_line(caught.value, zoo.slogdet_singular)
    assert caught.value.location.function == "slogdet_singular"


def test_a_specialized_derivative_names_the_line():
    """Later calls with one signature run a derivative specialized to it (built here by
    ``specialize``, tangentish/specialize.py): its lines are mapped too."""
    gradient = tangentish.grad(zoo.slogdet_singular)
    for call in range(3):
        with pytest.raises(TangentishError) as caught:
            gradient(SINGULAR)
        assert_names_line(caught.value, zoo.slogdet_singular)
        if call:
            assert_specialized(gradient, (SINGULAR,))
        specialize(gradient, (SINGULAR,))
    assert gradient.specializations.functions


def test_the_checked_call_path_names_the_line():
    """A call the plain path hands to the checked one (a keyword argument)."""
    with pytest.raises(TangentishError) as caught:
        tangentish.grad(zoo.slogdet_singular)(x=SINGULAR)
    assert_names_line(caught.value, zoo.slogdet_singular)


def test_an_error_is_located_once_and_keeps_its_class_and_hint():
    with pytest.raises(tangentish.errors.UnsupportedConstructError) as caught:
        tangentish.grad(zoo.slogdet_singular)(SINGULAR)
    error = caught.value
    assert error.hint and "invertible" in error.hint
    assert str(error).count('File "') == 1
    before = str(error)
    provenance.locate(error)  # (a wrapper further out finds it located)
    assert str(error) == before


def test_an_error_of_the_users_own_code_is_left_alone():
    """A plain Python or NumPy error of the user's computation keeps its own traceback: the
    generated line it stopped at shows there (its file holds the generated text)."""
    def mismatched(x):
        return np.sum(x[:2] * x)

    with pytest.raises(ValueError) as caught:
        tangentish.grad(mismatched)(np.ones(3))
    assert not isinstance(caught.value, TangentishError)
    assert _generated_frames(caught.value)


LOADED = """
import numpy as np


def f(x):
    a = np.outer(x, x)
    sign, logdet = np.linalg.slogdet(a)
    return logdet
"""

RUN = """
import sys
import numpy as np
import tangentish
from tangentish.persist import store
import model_for_locations as model

try:
    tangentish.grad(model.f)(np.array([1.0, 2.0]))
except tangentish.errors.TangentishError as error:
    where = error.location
    print(store.STATS.hits, where.filename, where.lineno, where.line.strip())
"""


def test_a_derivative_from_the_persistent_cache_names_the_line(tmp_path):
    (tmp_path / "model_for_locations.py").write_text(textwrap.dedent(LOADED), encoding="utf-8")
    root = str(Path(tangentish.__file__).resolve().parent.parent)
    env = {**os.environ, "TANGENTISH_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join([root, str(tmp_path)])}
    runs = [subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True, env=env,
                           timeout=300, check=False, cwd=tmp_path) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    first, second = (run.stdout.strip().split(maxsplit=3) for run in runs)
    expected = [str(tmp_path / "model_for_locations.py"), "7",
                "sign, logdet = np.linalg.slogdet(a)"]
    assert (first[0], first[1:]) == ("0", expected)
    assert int(second[0]) >= 1 and second[1:] == expected  # (read back: a hit)


# -- the line map itself, over the golden zoo ---------------------------------------------------

_PROVENANCE = re.compile(r"^\s*# adjoint of: (.*)  \[(.+):(\d+)\]$")


def _records(record):
    for one in [record, record.backward, *record.helpers()]:
        if one is not None:
            yield one
            if one.backward is not None and one is not record:
                yield one.backward


TRANSFORMS_OF_THE_ZOO = {"grad": tangentish.grad, "jvp": tangentish.jvp, "vjp": tangentish.vjp}


@pytest.mark.parametrize("mode", sorted(TRANSFORMS_OF_THE_ZOO))
def test_every_generated_line_maps_to_the_line_its_comment_names(mode):
    """Over the golden zoo: each generated function's line map starts at its ``def``, runs down
    its text, names lines whose text it holds, and agrees with every provenance comment (reverse
    mode has them)."""
    from zoo import ZOO

    comments = 0
    for fn, wrt in ZOO:
        for record in _records(TRANSFORMS_OF_THE_ZOO[mode](fn, wrt=wrt).record):
            lines = provenance.MAPS[record.function.__code__.co_filename]
            starts = [start for start, _ in lines.runs]
            assert starts[0] == 1 and starts == sorted(set(starts)), record.name
            assert all(text.strip() for _, text in lines.texts), record.name
            for number, line in enumerate(record.text.splitlines(), start=1):
                comment = _PROVENANCE.match(line)
                if comment is not None:
                    where = lines.location(number)
                    assert (where.lineno, where.line.strip(), os.path.basename(where.filename)) \
                        == (int(comment[3]), comment[1], comment[2]), (record.name, line)
                    comments += 1
    assert comments > 50 if mode != "jvp" else comments == 0
