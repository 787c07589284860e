"""Golden tests: the generated source of each zoo function, compared as whole text.

To update after an intended change of the generated code, run

    TANGENTISH_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and review the diff of tests/golden/ before committing it.
"""

import os
import pathlib

import pytest
from zoo import ZOO

import tangentish

GOLDEN = pathlib.Path(__file__).parent / "golden"
UPDATE = os.environ.get("TANGENTISH_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("fn, wrt", ZOO, ids=[fn.__name__ for fn, _ in ZOO])
def test_generated_source_matches_golden(fn, wrt):
    text = tangentish.source(fn, wrt=wrt)
    path = GOLDEN / f"{fn.__name__}.py"
    if UPDATE:
        path.write_text(text)
    assert path.exists(), f"no golden file {path}; run with TANGENTISH_UPDATE_GOLDEN=1"
    assert text == path.read_text(), f"generated source of {fn.__name__} changed"


def test_golden_sources_compile():
    for path in sorted(GOLDEN.glob("*.py")):
        compile(path.read_text(), str(path), "exec")


def test_every_golden_file_has_a_zoo_entry():
    names = {fn.__name__ for fn, _ in ZOO}
    assert {p.stem for p in GOLDEN.glob("*.py")} <= names
