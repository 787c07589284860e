"""Copy propagation renames what statements read, markers included: a restore marker's ``reads``
(what the undo of an in-place update reads, kept alive by the optimizer) follow the rename, so
the optimizer's remembered reads and a fresh ``header_loads`` of the marker agree."""

from __future__ import annotations

import gast

from tangentish import ir
from tangentish.passes.copies import _Reads, _rename_reads
from tangentish.passes.dataflow import header_loads


def test_a_restore_marker_reads_the_renamed_names():
    update = gast.parse("y[j] = v").body[0]
    restore = ir.Restore(1, reads=("j", "v", "y"))
    body = [update, restore]
    reads = _Reads()
    assert reads(restore) == {"j", "v", "y"}
    _rename_reads(body, {"j": "i", "v": "u"}, reads)
    assert restore.reads == ("i", "u", "y")
    assert header_loads(restore) == reads(restore) == reads.walks.reads(restore) == {"i", "u", "y"}
    assert header_loads(update) == {"i", "u", "y"}
