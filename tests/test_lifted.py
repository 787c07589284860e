"""What refusals3 lifted (tests/lifted_zoo.py): each function in every mode and at second order
against central differences, its argument unchanged; what stays refused names the user's line."""

from __future__ import annotations

import lifted_zoo as zoo
import pytest
from test_list_views import check_every_mode, check_refused, check_second_order


@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_every_mode_and_second_order(f):
    check_every_mode(f)
    check_second_order(f)


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("f", zoo.REFUSED, ids=lambda f: f.__name__)
def test_what_stays_refused_names_the_line(f, mode):
    check_refused(f, mode, "lifted_zoo.py")
