"""Sibling modes refuse alike: ``grad``, ``value_and_grad`` and ``vjp`` build the same reverse-mode
derivative, ``hvp`` and ``hessian`` the same forward-over-reverse one, so one of a group never
refuses what another accepts (a false refusal is a bug; a refusal the others lack may hide a
wrong answer in them).  Each row is differentiated in every mode with the same ``wrt``; the
verdict of each group must be one, and the rows' expected verdicts pin the table down.  The
accepted rows' gradients are checked against finite differences in ``test_soundness.py``."""

import agreement_zoo as a
import numpy as np
import pytest
import soundness_zoo as z

import tangentish

X4 = np.array([0.3, -0.4, 0.8, 0.25])
GROUPS = (("grad", "value_and_grad", "vjp"), ("hvp", "hessian"))

ACCEPTED, REFUSED = "accepted", "refused"
ROWS = [
    (a.copy_then_row, (X4,), 0, ACCEPTED),
    (a.copy_then_other_row, (X4,), 0, ACCEPTED),
    (a.astype_then_augmented, (X4,), 0, ACCEPTED),
    (a.take_then_item, (X4,), 0, ACCEPTED),
    (a.copy_in_loop, (X4,), 0, ACCEPTED),
    (a.copy_in_branch, (X4,), 0, ACCEPTED),
    (a.copy_in_branch, (-X4,), 0, ACCEPTED),
    (a.list_copy, (X4,), 0, ACCEPTED),
    (a.unknown_method_of_constant_active_later, (X4,), 0, ACCEPTED),
    (a.method_of_active, (X4,), 0, ACCEPTED),
    (a.max_of_constant_dead, (X4,), 0, ACCEPTED),
    (a.max_of_constant_scaled, (X4,), 0, ACCEPTED),
    (a.max_of_constant_filled, (X4,), 0, ACCEPTED),
    (a.max_of_active_list, (X4,), 0, ACCEPTED),
    (z.r_of_two, (X4,), 0, None),  # (refused until it has a rule: either, but alike)
    (z.list_of_tuple, (X4,), 0, None),
    (z.updates_then_sum, (X4[:3],), 0, ACCEPTED),
    (z.live_out_through_update, (X4, 0.3), 0, ACCEPTED),
    (z.row_scaled_in_loop, (X4,), 0, ACCEPTED),  # (second order once refused these four)
    (z.row_scaled_by_constant_rows, (X4,), 0, ACCEPTED),
    (z.element_accumulated_in_loop, (X4,), 0, ACCEPTED),
    (z.carried_then_sliced, (X4,), 0, ACCEPTED),
]


def _run(mode, fn, args, wrt):
    if mode == "grad":
        return tangentish.grad(fn, wrt=wrt)(*args)
    if mode == "value_and_grad":
        return tangentish.value_and_grad(fn, wrt=wrt)(*args)
    if mode == "vjp":
        return tangentish.vjp(fn, wrt=wrt)(*args)[1](1.0)
    if mode == "hvp":
        return tangentish.hvp(fn, wrt=wrt)(*args, np.ones(np.shape(args[wrt])))
    return tangentish.hessian(fn, wrt=wrt)(*args)


def verdict(mode, fn, args, wrt):
    """``accepted``, or ``refused`` with the project's error (anything else fails the test)."""
    copies = [np.array(v) if isinstance(v, np.ndarray) else v for v in args]
    try:
        _run(mode, fn, copies, wrt)
    except tangentish.TangentishError as error:
        return REFUSED, str(error).splitlines()[0]
    return ACCEPTED, ""


@pytest.mark.parametrize("fn, args, wrt, expected", ROWS,
                         ids=[f"{row[0].__name__}-{i}" for i, row in enumerate(ROWS)])
def test_sibling_modes_accept_or_refuse_alike(fn, args, wrt, expected):
    for group in GROUPS:
        found = {mode: verdict(mode, fn, args, wrt) for mode in group}
        kinds = {kind for kind, _ in found.values()}
        assert len(kinds) == 1, f"{fn.__name__}: modes disagree: {found}"
        if expected is not None and group == GROUPS[0]:
            assert kinds == {expected}, f"{fn.__name__}: {found}"
