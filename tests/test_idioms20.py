"""The ``idioms20`` zoos, each program in one mode, turn by turn (``idioms20_check``: the CI
budget; ``python idioms20_check.py`` runs every program in every mode): geodesy and
crystallography (``idioms20_geo_zoo``), queueing and point processes (``idioms20_queue_zoo``),
audio effects sample by sample (``idioms20_audio_zoo``), statistical learning
(``idioms20_learn_zoo``), mechanics and robotics (``idioms20_mech_zoo``) and Python habits
(``idioms20_style_zoo``), against central differences within their error estimate."""

from __future__ import annotations

import pytest
from idioms15_check import by_name
from idioms20_check import check_mode, mode_of
from idioms20_tables import CASES

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    case = BY_NAME[name]
    check_mode(case, mode_of(case, TURNS[name]))
