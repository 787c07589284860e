"""The rows of the ``idioms20`` zoos, one table (``tests/test_idioms20.py``): each area's rows
are in ``idioms20_<area>_cases.py`` next to its zoo."""

from __future__ import annotations

import idioms20_audio_cases
import idioms20_geo_cases
import idioms20_learn_cases
import idioms20_mech_cases
import idioms20_queue_cases
import idioms20_style_cases

CASES = [*idioms20_geo_cases.CASES, *idioms20_queue_cases.CASES, *idioms20_audio_cases.CASES,
         *idioms20_learn_cases.CASES, *idioms20_mech_cases.CASES, *idioms20_style_cases.CASES]
