"""The refusals refusals11 lifted (``refusals11_zoo``): each program in every first-order mode
against central differences within their error estimate, and ``hvp`` against differences of the
checked gradient (``idioms15_check``); what stays refused names the construct, the file and
line, with a hint whose rewrite is itself checked here."""

from __future__ import annotations

import numpy as np
import pytest
import refusals11_zoo as z
from idioms15_check import Case, by_name, check_each_position, check_refusal, copies, reference, seeded

import tangentish

_n, _u, _ = seeded(5905)

LISTS = [  # (a list under wrt grown in place, then indexed past the end it was called with;
    # second=False: the gradient's own list code, `del xs[k:]` or `xs[:k] + [...]`, is not
    # differentiated again, so its hvp is refused, as it was before for any index)
    Case("inserted_then_indexed", z.inserted_then_indexed, ([0.4, 1.3],)),
    Case("grown_then_indexed", z.grown_then_indexed, ([0.7, -1.1, 0.3],), second=False),
]
CASES = [
    Case("flat_loop_2d", z.flat_loop, (_n(2, 3),)),
    Case("flat_loop_0d", z.flat_loop, (np.array(0.8),)),
    Case("flat_enumerated_and_zipped_3d", z.flat_enumerated, (_n(2, 1, 2),)),
    Case("flat_of_a_rebound_name", z.flat_of_a_rebound_name, (_n(2, 2),)),
    Case("flat_written_in_the_loop", z.flat_written_in_the_loop, (_n(3, 2),)),
    Case("local_spreads", z.local_spreads, (_n(3, 2),)),
    Case("grid_row_put_back", z.grid_row_put_back, (_n(2),)),
    Case("defaults_read_at_the_def", z.defaults_read_at_the_def, (_n(3),)),
    Case("defaults_in_a_helper", z.defaults_in_a_helper, (_n(2, 2),)),
]
BY_NAME = by_name(LISTS + CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    case = BY_NAME[name]
    check_each_position(case)
    if isinstance(case.args[0], list) and case.second:  # (hvp of a list: differences of the checked gradient)
        direction = list(np.random.default_rng(3).standard_normal(len(case.args[0])))
        gradient = tangentish.grad(case.fn)

        def along(t: float) -> np.ndarray:
            return np.asarray(gradient([a + t * d for a, d in zip(case.args[0], direction,
                                                                  strict=True)]), dtype=float)

        jac, err = reference(along, (0.0,), 0)
        product = tangentish.hvp(case.fn)(*copies(case.args), direction)
        np.testing.assert_array_less(np.abs(np.asarray(product, dtype=float) - jac),
                                     err + 1e-6 * (1.0 + np.abs(jac)))


def test_an_index_past_the_end_of_a_list_that_is_never_grown_stays_refused():
    """Only a list the function changes in place is read where it runs: an index past the
    end of one it never changes is refused when the derivative is built, naming the list."""
    def past_the_end(xs):
        return xs[2] * xs[0]

    check_refusal(past_the_end, ([0.5, 1.5],), ("index 2 is out of range for xs",
                                                "which has 2 items"), tangentish.grad)


def test_a_local_function_spread_with_the_wrong_count_raises_pythons_type_error():
    """``h(*trio)`` of a ``def h(a, b)``: Python's TypeError, at the line, as the function's own."""
    def wrong_count(x):
        def h(a, b):
            return a * b

        trio = [x, x, x]
        return np.sum(h(*trio))

    with pytest.raises(TypeError, match=r"h\(\) takes 2 more positional arguments"):
        tangentish.grad(wrong_count)(_n(2))


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (z.grad_of_a_lambda, (_n(3), _n(3)),
     ("`a lambda` is not known", "tangentish.grad(g)(y, x)", "def g(z, x)")),
    (z.grad_of_a_lambda_stored, (_n(3), _n(3)),
     ("`lambda` used as a value", "grad(g)(y, x)", "step = tangentish.grad(lambda z")),
    (z.local_too_many, (_n(3),), ("passes 3 positional arguments; it takes 2",
                                  "return np.sum(h(x, x, x))")),
    (z.dict_of_a_constant_argument, (_n(3), {"s": 2.0}),
     ("the argument 'opts', whose keys are known only when", "opts['s']", "dict(a=x, **opts)")),
    (z.dict_display_of_a_constant_argument, (_n(3), {"s": 2.0}),
     ("the argument 'opts', whose keys", '{**opts, "a": x}')),
    (z.recursion_over_a_list, (_n(3),), ("recursive call", "rewrite the recursion as a loop")),
    (z.flat_reversed, (_n(2, 2),), ("`reversed(...)` of `.flat`", "TypeError",
                                    "reversed(x.ravel())")),
    (z.default_changed_in_place, (_n(3),), ("'y' is changed in place", "'s_default'")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_with_a_hint(refused, transform):
    check_refusal(*refused, transform)


def test_a_generator_helper_summed_is_its_list_summed():
    """``sum(_squares(x))`` of a generator helper ``for v in x: yield v * v`` (refused before):
    its items taken at once, the helper inlined as the list it yields
    (passes/generator_helpers.py): grad and jvp are ``2 x`` in closed form."""
    x = _n(3)
    np.testing.assert_allclose(tangentish.grad(z.generator_summed)(x), 2 * x, rtol=1e-14)
    np.testing.assert_allclose(tangentish.jvp(z.generator_summed)(x, x_dot=x)[1],
                               2 * x @ x, rtol=1e-14)
