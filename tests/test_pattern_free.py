"""The line tests a first ``grad()`` asks of every function, said without regular expressions
(compiling a pattern cost a first ``grad()`` 0.1-0.3 ms each, ~1.2 ms in all; speed24): each
answers what ``re`` answers with the pattern it replaces, which stays beside it as its
specification.  Compared on seeded random lines built from the characters the patterns tell
apart (word characters, digits that are and are not decimal, Unicode spaces, brackets, ``=``,
``*``, ``#``, the keywords), on numbered names, and on NumPy version strings.  (The names of
generated files stay matched by a pattern, compiled at the process's first write of one: it
matches up to ``MAX_FILES`` names there, which str methods did no faster.)"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from tangentish import source_files, specialize
from tangentish.passes import source_forms, webs
from tangentish.syntax import form_tests, naming, star

_TOKENS = ("a", "b1", "_x", " ", "  ", "=", "==", ".", "np.tanh", "[", "]", "#", "if", "else",
           "lambda", "lambdax", "\t", "1", "\u00b2", "(", ")", "\n", "\u00e9", "*", ",", "x",
           "\u00a0", "f", "g(", "Point", "_", "0a", "\u0663", "Point(", "m._S(", "= ", " if ", " else ")


def _lines(seed: int, count: int = 4000) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        line = "".join(rng.choice(_TOKENS) for _ in range(rng.randint(0, 9)))
        lines.append(line + "\n" if rng.random() < 0.5 else line)
    return lines


_LINES = _lines(5840)

_CASES = [  # (name, the function, what re says)
    ("ALIAS", naming.alias_line, lambda line: re.search(naming.ALIAS, line) is not None),
    ("_STARRED", star._starred, lambda line: re.search(star._STARRED, line) is not None),
    ("_STARRED_DISPLAY", form_tests._starred_display,
     lambda line: re.search(form_tests._STARRED_DISPLAY, line) is not None),
    ("RECORD_CALL", lambda line: naming.may_build_record([line]),
     lambda line: re.search(naming.RECORD_CALL, line) is not None or
     re.search(naming.CHAINED_RECORD_CALL, line) is not None),
    ("\\W", naming.word_characters, lambda line: re.sub(r"\W", "_", line)),
    ("safe_stem", source_files.safe_stem,
     lambda line: re.sub(r"[^A-Za-z0-9_]", "_", line)[:80] or "generated"),
]


@pytest.mark.parametrize(("name", "mine", "pattern"), _CASES, ids=[c[0] for c in _CASES])
def test_each_line_test_answers_as_its_pattern(name, mine, pattern):
    answers = [pattern(line) for line in _LINES]
    assert [mine(line) for line in _LINES] == answers
    if isinstance(answers[0], bool):  # (both answers occur: the comparison can fail)
        assert 20 <= sum(answers) <= len(answers) - 20, name


def test_a_spread_in_a_call_is_found_as_its_pattern_finds_it():
    rng = random.Random(5865)  # (the characters SPREAD tells apart; refusals10's ** in calls)
    tokens = ("(", ",", "**", "*", " ", "\u00a0", "{", "x", "_", "\u00b2", "1", ")", "f(", "y")
    lines = ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 8))) for _ in range(4000)]
    answers = [re.search(source_forms.SPREAD, line) is not None for line in lines]
    assert [source_forms.spreads(line) for line in lines] == answers
    assert 20 <= sum(answers) <= len(answers) - 20


def test_a_call_of_a_name_is_found_as_its_pattern_finds_it():
    found = 0
    for name in ("x", "f", "g", "b1", "_x", "np", "lambda", "\u00e9"):
        for line in _LINES[:1500]:
            expected = re.search(rf"\b{name}\s*\(", line) is not None
            assert naming.called(name, line) is expected, (name, line)
            found += expected
    assert found > 100


@pytest.mark.parametrize("name", ["x", "x_1", "x_12", "x_1_2", "x__3", "_7", "x_", "x_1a",
                                  "x_\u0663", "x_\u00b2", "_", "a_b"])
def test_a_renamed_web_drops_its_number_as_the_pattern_did(name):
    taken: set[str] = set()
    expected = re.sub(r"_\d+$", "", name)
    assert webs._fresh(name, taken) == f"{expected}_1"


@pytest.mark.parametrize("version", ["1.26.4", "1.21.0", "2.0.0", "2.0.0rc1", "2.0.0b1",
                                     "2.0.0.dev0+git20240101", "2.0.1", "2.1.0.dev0", "2.3.5",
                                     "3.0.0", "2.10.0", "1.99.99rc2", "2.0.0a1"])
def test_value_based_promotion_is_told_as_numpy_version_tells_it(version):
    assert specialize.below_2(version) is (np.lib.NumpyVersion(version) < "2.0.0")
