"""CI's split of the big tables over interpreters (tests/conftest.py): a partition of the rows."""

import ast
from pathlib import Path

from conftest import TABLES, in_shard


def test_every_table_row_runs_in_exactly_one_shard_and_other_tests_in_all():
    rows = [f"tests/{table}[row{k}-mode]" for table in sorted(TABLES) for k in range(60)]
    for count in (1, 2, 3):
        for nodeid in rows:
            name = nodeid.split("::")[1].split("[")[0]
            assert sum(in_shard(name, nodeid, i, count) for i in range(count)) == 1
        for other in ("tests/t.py::test_other[a]", "tests/test_container_aliases.py::test_grad[a]"):
            assert all(in_shard(other.split("::")[1].split("[")[0], other, i, count)
                       for i in range(count))  # (the same function name in another file too)
    shares = [sum(in_shard(r.split("::")[1].split("[")[0], r, i, 3) for r in rows) for i in range(3)]
    assert min(shares) > len(rows) / 3 * 0.8  # (about a third each)


def test_the_tables_named_are_test_functions():
    defined = set()
    for path in Path(__file__).parent.rglob("test_*.py"):
        defined |= {f"{path.name}::{node.name}"
                    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.FunctionDef)}
    assert defined >= TABLES, TABLES - defined
