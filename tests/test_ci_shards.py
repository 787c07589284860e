"""CI's split of the big tables over interpreters (tests/conftest.py): a partition of the rows."""

import ast
from pathlib import Path

from conftest import EVERYWHERE, TABLES, in_shard

OTHERS = ("tests/t.py::test_other[a]", "tests/test_container_aliases.py::test_grad[a]",
          "tests/test_x.py::test_y")  # (the same function name as a table's in another file too)


def _name(nodeid: str) -> str:
    return nodeid.split("::")[1].split("[")[0]


def test_every_table_row_runs_in_exactly_one_shard_and_other_tests_in_all():
    rows = [f"tests/{table}[row{k}-mode]" for table in sorted(TABLES) for k in range(60)]
    for count in (1, 2, 3):
        for nodeid in rows:
            assert sum(in_shard(_name(nodeid), nodeid, (i, count)) for i in range(count)) == 1
        for other in OTHERS:
            assert all(in_shard(_name(other), other, (i, count)) for i in range(count))
    shares = [sum(in_shard(_name(r), r, (i, 3)) for r in rows) for i in range(3)]
    assert min(shares) > len(rows) / 3 * 0.8  # (about a third each)


def test_the_other_tests_split_on_their_own_and_the_fuzzer_runs_everywhere():
    others = [f"tests/test_o{k}.py::test_p[{k}]" for k in range(200)]
    rows = [f"tests/{table}[row{k}-mode]" for table in sorted(TABLES) for k in range(20)]
    for count in (1, 2, 3):
        for nodeid in others:  # a rest shard splits the others whatever the tables' shard
            assert sum(in_shard(_name(nodeid), nodeid, None, (i, count)) for i in range(count)) == 1
            assert sum(in_shard(_name(nodeid), nodeid, (0, 3), (i, count))
                       for i in range(count)) == 1
        for nodeid in rows:  # and leaves the tables' rows to the tables' shard
            assert all(in_shard(_name(nodeid), nodeid, None, (i, count)) for i in range(count))
    for fuzz in EVERYWHERE:
        nodeid = f"tests/fuzz/{fuzz}"
        assert all(in_shard(_name(nodeid), nodeid, (i, 3), (j, 2)) for i in range(3) for j in range(2))
    shares = [sum(in_shard(_name(n), n, None, (i, 2)) for n in others) for i in range(2)]
    assert min(shares) > len(others) / 2 * 0.8


def test_the_tables_named_are_test_functions():
    """Each name is a function of a file of that name.  (Only the files named are read: another
    file's functions cannot be ``file::function`` of a name; reading all of them took 1.3-2 s.)"""
    named = {name.split("::")[0] for name in TABLES | EVERYWHERE}
    defined = set()
    for path in Path(__file__).parent.rglob("test_*.py"):
        if path.name not in named:
            continue
        defined |= {f"{path.name}::{node.name}"
                    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.FunctionDef)}
    assert defined >= TABLES | EVERYWHERE, (TABLES | EVERYWHERE) - defined
