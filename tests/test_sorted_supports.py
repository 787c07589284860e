"""A list gathered by ``sorted`` (its adjoint ``_rt.untake_along_axis`` of one mask per item)
whose items a singular function made and the output reads only in part: the supports do not
take the list's item masks as the gather's cotangent (fuzz seed 4205 program 15 crashed with
``TypeError: Cannot interpret 'ItemMasks(...)' as a data type``).  Table over the ways a list
reaches ``sorted`` and is read, grad and vjp against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_reverse_modes, module_from_text, one_sided_jacobian

import tangentish

ITEMS = "[np.log1p(np.min(v)), np.sqrt(v[1] * v[1] + 0.5), 0.3]"
FORMS = {
    "map": f"s = sorted(map(lambda e: e, {ITEMS}))\n    return s[0] + s[-1]",
    "map_scaled": f"s = sorted(map(lambda e: e * 0.5 - 0.25, {ITEMS}))\n    return s[0] * 0.5 + s[-1]",
    "display": f"s = sorted({ITEMS})\n    return s[0] + s[-1]",
    "reverse": f"s = sorted({ITEMS}, reverse=True)\n    return s[1]",
    "generator": f"s = sorted(e * 2.0 for e in {ITEMS})\n    return s[-1]",
    "appended": f"xs = []\n    for e in {ITEMS}:\n        xs.append(e)\n    s = sorted(xs)\n"
                "    return s[0] - s[-1]",
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_sorted_lists_read_in_part(tmp_path, form):
    module = module_from_text(tmp_path, f"sorted_{form}",
                              f"import numpy as np\n\n\ndef f(v):\n    {FORMS[form]}\n")
    v = np.array([-0.72, -0.33])
    slopes = one_sided_jacobian(module.f, v)
    np.testing.assert_allclose(tangentish.grad(module.f)(v), slopes, rtol=1e-5, atol=1e-6)
    _, pullback = tangentish.vjp(module.f)(v)
    np.testing.assert_allclose(pullback(1.0), slopes, rtol=1e-5, atol=1e-6)


# An item at the singular point of its function (sqrt, a fractional power at 0) that the output
# does not read: its adjoint is 0 by structure, never 0 * inf.  Through a list sorted (one mask
# per item, moved as the items were: ``_rt.ungathered``) and through an array made of a display
# (``np.array([...])``, ``np.stack([...])``: the display's adjoint taken apart item by item).
# Fuzz seed 5260, program 79: ``xs.sort()`` of ``[1.5, math.pow(abs(x), 0.5), 1.0]`` at x = 0.
SINGULAR = "np.sqrt(v[0] * v[0])"
UNREAD = {
    "sorted_last": f"s = sorted([1.5, {SINGULAR}, v[1]])\n    return s[-1] * v[1]",
    "sorted_reverse": f"s = sorted([{SINGULAR}, 1.5, v[1]], reverse=True)\n    return s[0] + v[1]",
    "sort_method": f"xs = [1.5, {SINGULAR}, v[1]]\n    xs.sort()\n    return xs[-1] * xs[1]",
    "pow_in_sorted": "s = sorted([1.5, abs(v[0]) ** 0.5, v[1]])\n    return s[-1] + v[1]",
    "array_display": f"return np.array([1.5, {SINGULAR}, v[1]])[0] * v[1]",
    "array_display_sorted": f"return np.sort(np.array([1.5, {SINGULAR}, v[1]]))[-1]",
    "stack_display": f"return np.stack([1.5, {SINGULAR}, v[1]])[2] * v[1]",
    "stack_axis_sorted": f"return np.sort(np.stack([[1.5, {SINGULAR}]], axis=1)[:, 0])[-1] + v[1]",
    "stack_axis_read": f"return np.stack([[v[1], 1.5], [{SINGULAR}, v[1]]], axis=1)[1, 0] * v[1]",
    # (a row of a stack along axis 1 reads an element of every item: none is unread)
    "stack_axis_row": "return np.sum(np.stack([np.sqrt(v * v + 1.0), v * 2.0], axis=1)[1])",
    # (sorted() of an array: its items are its elements, whose mask is an array; the support's
    # _rt.ungathered took it for a list's, AttributeError 'ndarray' has no attribute 'items')
    "sorted_array_tail": "return sum(sorted(np.sqrt(v * v))[1:]) * v[1]",
    "sorted_array_last": "s = sorted(np.sqrt(v * v) - 2.0)\n    return s[-1]",
}


@pytest.mark.parametrize("form", sorted(UNREAD))
def test_an_unread_item_at_a_singular_point_has_adjoint_zero(tmp_path, form):
    module = module_from_text(tmp_path, f"unread_{form}",
                              f"import numpy as np\n\n\ndef f(v):\n    {UNREAD[form]}\n")
    v = np.array([0.0, 0.8])  # (v[0] = 0: sqrt's partial is inf there, its item unread)
    assert_reverse_modes(module.f, v)
