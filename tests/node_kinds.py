"""Files covering every kind of syntax node a set of files holds, for tests of code that works
node kind by node kind (a converter, a walker): once each kind is met, more files add nothing but
time (comparing every module of the package, or of the package and the tests, took 8 to 13 s)."""

from __future__ import annotations

import ast
import functools
from pathlib import Path


def kinds_of(tree: ast.AST) -> set[str]:
    return {type(node).__name__ for node in ast.walk(tree)}


@functools.cache
def _file_kinds(path: Path) -> frozenset[str]:
    """The kinds of one file, read once per process (``test_tree_walk`` and ``test_parse`` both
    cover the package's files: parsing them was most of each test's time)."""
    return frozenset(kinds_of(ast.parse(path.read_text(encoding="utf-8"))))


@functools.cache
def covering(files: tuple[Path, ...]) -> tuple[tuple[Path, ...], frozenset[str]]:
    """Greedily, the file adding the most node kinds not yet covered (ties: the first in order),
    until the chosen files hold every kind any of ``files`` holds; and those kinds."""
    kinds = {path: _file_kinds(path) for path in files}
    chosen, seen = [], set()
    while True:
        path = max(files, key=lambda p: len(kinds[p] - seen))
        if not kinds[path] - seen:
            return tuple(chosen), frozenset(seen)
        chosen.append(path)
        seen |= kinds[path]
