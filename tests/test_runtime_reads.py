"""``_rt.reads(like, index, where)``: where ``like[index]`` reads an element at which ``where``
holds (the support of a selection's adjoint read through an index, ``passes/supports_base.py``),
against a reference that counts, element by element, the reads at which it holds."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers import seed_for

from tangentish import runtime as rt

INDEXES = {
    "int": 2,
    "negative": -1,
    "slice": slice(1, None),
    "step": slice(None, None, 2),
    "repeats": [0, 3, 3, 1],
    "array": np.array([4, 0, 0]),
    "mask": np.array([True, False, True, True, False]),
    "row_and_slice": (1, slice(0, 2)),
    "pairs": ([0, 1, 1], [2, 2, 2]),
}


def _reference(shape: tuple[int, ...], index, where) -> np.ndarray:
    """Count the reads at which ``where`` holds: read the positions, not the values."""
    positions = np.arange(int(np.prod(shape))).reshape(shape)
    read = positions[index]
    holds = np.broadcast_to(np.not_equal(where, 0), np.shape(read))
    out = np.zeros(int(np.prod(shape)), dtype=int)
    np.add.at(out, np.ravel(read)[np.ravel(holds)], 1)
    return out.reshape(shape) > 0


@pytest.mark.parametrize("name", sorted(INDEXES))
def test_reads_where_it_holds(name: str) -> None:
    index = INDEXES[name]
    shape = (3, 5) if isinstance(index, tuple) else (5,)
    like = np.zeros(shape)
    rng = np.random.default_rng(seed_for(name))
    read_shape = np.shape(like[index])
    for where in (True, rng.random(read_shape) < 0.5, np.float64(0.0), rng.random(read_shape)):
        expected = _reference(shape, index, where)
        np.testing.assert_array_equal(rt.reads(like, index, where), expected)
    np.testing.assert_array_equal(rt.reads(like, index), _reference(shape, index, True))


def test_items_of_a_sequence_have_one_mask_each() -> None:
    """A tuple whose items have different shapes (a helper's result, a tape's entry): one mask
    per item, of the item's own form (``runtime/item_masks.py``)."""
    items = (np.zeros(2), 1.5, np.zeros((2, 3)))

    def plain(mask):
        return [np.asarray(m).tolist() for m in mask.items]
    assert plain(rt.reads(items, 2)) == [[False, False], False, np.ones((2, 3), bool).tolist()]
    assert plain(rt.reads(items, -1, False)) == [[False] * 2, False, [[False] * 3] * 2]
    where = np.eye(2, 3) > 0
    assert plain(rt.reads(items, 2, where)) == [[False] * 2, False, where.tolist()]
    assert plain(rt.reads(items, 0, np.zeros(2))) == [[False] * 2, False, [[False] * 3] * 2]
    assert plain(rt.reads(items, slice(0, 2), True)) == [[True] * 2, True, [[False] * 3] * 2]
    assert plain(rt.read_mask(items, np.array([True, False, True]))) == \
        [[True] * 2, True, [[True] * 3] * 2]
    assert plain(rt.read_mask(items, np.zeros((2, 3)))) == [[False] * 2, False, [[False] * 3] * 2]
    nested = [(1.0, np.zeros(2)), (2.0, np.zeros(2))]
    mask = rt.reads(nested, -1, rt.reads(nested[-1], 1, np.array([False, True])))
    assert mask[1][1].tolist() == [False, True] and mask[0][1].tolist() == [False, False]
    assert not np.logical_or(mask, rt.read_mask(nested, False))[1][0]
    assert len(rt.unpopped_mask(mask[:-1], nested[-1])) == 2
    # (a list with no value on this path has the mask False: support_flow; fuzz 5155/61 raised
    # AttributeError here, at third order)
    assert rt.unpopped_mask(False, nested[-1]) is False
    assert rt.unpopped_mask(True, nested[-1]) is True
    assert np.any(mask) and not np.any(rt.read_mask(nested, False))


def test_an_adjoint_in_items_form_stands_for_its_sequence() -> None:
    """A 1-d object array of items (a list's adjoint in items form, saved on a tape and read
    back when differentiated again) has one mask per item too (fuzz seed 3800, program 10)."""
    holder = np.empty(2, dtype=object)
    holder[0], holder[1] = np.zeros(3), np.zeros((2, 2))
    mask = rt.reads(holder, 1, np.eye(2) > 0)
    assert mask[0].tolist() == [False] * 3 and mask[1].tolist() == [[True, False], [False, True]]
    assert rt.read_mask(holder, True)[1].shape == (2, 2)


def test_a_mask_made_for_another_form_of_its_list_holds_where_it_does_not_fit() -> None:
    """A list's mask made for the list as it was at another time: an item past its end holds
    (fuzz seed 4808 program 461: ``IndexError`` on ``[-1]`` of an empty mask in a second
    derivative), a mask read against an array standing for the list holds everywhere (there:
    ``TypeError``), and two masks of different lengths combine into one that holds everywhere,
    since which of their items match is not known (fuzz seed 4870 program 34: ``ValueError``).
    Holding is always safe: a contribution kept where it may be 0."""
    mask = rt.reads([np.zeros(2), 1.0], 0, np.array([True, False]))
    assert rt.read_mask([np.zeros(2), 1.0, np.zeros(3)], mask) is mask
    assert mask[0].tolist() == [True, False] and not mask[1]
    assert mask[2] is True and mask[-3] is True and mask[-1] is False
    empty = rt.read_mask([], False)
    held = rt.read_mask([(1.0, np.zeros(2))], empty)[-1]  # (in the item's form: its [0]
    assert held[0] is True and held[1].tolist() == [True, True]  # read, fuzz 6089/6)
    assert rt.read_mask(np.zeros((1, 3)), empty).tolist() == [[True] * 3]
    longer = rt.read_mask([np.zeros(3), 1.0, 2.0], False)
    for either in (np.logical_or(mask, longer), np.logical_and(longer, mask)):
        assert len(either) == 3 and either[0].tolist() == [True] * 3 and either[1] and either[2]
    # a mask with no items (made for a name not known to hold a list) met with an array's
    # mask holds everywhere in it (fuzz seed 6060 program 37: read as nowhere, a gradient 0)
    read = np.array([False, True, False])
    assert np.logical_or(empty, read).tolist() == [True] * 3
    assert np.logical_or(read, empty).tolist() == [True] * 3
    assert np.logical_and(empty, read).tolist() == read.tolist()


def test_an_array_standing_for_its_list_gives_each_item_its_row() -> None:
    """``np.logical_or`` of a list's mask with the mask of ``np.stack(xs)`` (an array standing for
    the list, row ``k`` item ``k``'s): item ``k`` takes row ``k``, in the item's own form; that
    whole array broadcast into every item gave a float item a mask of two elements (fuzz seed
    5010 program 91: ``ValueError`` in ``unreduce``).  An array that fits neither an item nor
    its rows is whether it holds anywhere, as ``read_mask`` reads a plain mask of a list."""
    scalars = rt.reads([1.0, 2.0], -1, True)
    rows = np.array([True, False])
    either = np.logical_or(rows, scalars)
    assert [np.shape(m) for m in either.items] == [(), ()]
    assert bool(either[0]) and bool(either[1])
    assert not np.logical_or(np.array([False, False]), rt.read_mask([1.0, 2.0], False))[0]
    vectors = rt.read_mask([np.zeros(3), np.zeros(3)], False)
    stacked = np.array([[True, False, False], [False, False, True]])
    assert [m.tolist() for m in np.logical_or(vectors, stacked).items] == stacked.tolist()
    other = np.logical_or(rt.read_mask([np.zeros(2), 1.0], False), np.array([False, True, False]))
    assert other[0].tolist() == [True, True] and np.shape(other[1]) == () and bool(other[1])


def test_a_list_mask_iterates_its_items_and_keeps_its_form_through_unbroadcast() -> None:
    """A list's mask iterates over its items only: an index past its end holds (a mask made
    before its list grew), so iterating by index never ended, and ``np.shape`` of one (in
    ``_rt.unbroadcast``, handing a tape item's support on at third order) looped, growing a
    list until memory ran out (fuzz seed 5004 program 164: a timeout, 10 GB).  ``unbroadcast``
    of such a mask is the mask in the form of the value it is for (``mask_of``)."""
    item = rt.reads([1.0, (np.zeros(3), 2.0)], 1, True)[1]
    assert list(itertools.islice(iter(item), 5)) == list(item.items) and len(list(item)) == 2
    like = (np.zeros(3), 2.0)
    kept = rt.unbroadcast(item, like)
    assert [np.shape(m) for m in kept.items] == [(3,), ()] and bool(kept[1])
    none = rt.read_mask([np.zeros(3), 2.0], False)
    assert not np.any(rt.unbroadcast(none, like))
    assert rt.unbroadcast(item, np.zeros((2, 2))).tolist() == [[True, True], [True, True]]


@pytest.mark.parametrize("grad_shape, like", [
    ((0, 4, 2), []), ((0,), np.zeros((0, 3))), ((2, 0), np.zeros(0)), ((3, 0), np.zeros((1, 0))),
    ((0, 4, 2), np.zeros((0, 2), np.float32))])
def test_unbroadcast_to_an_empty_array_is_empty(grad_shape, like) -> None:
    """An empty ``like`` has no element to add to: its adjoint is empty, of its shape, whatever
    the empty ``grad``'s shape (an empty list's adjoint ``(0,)`` met its items' ``(0, 4, 2)``
    at second order and raised: fuzz seed 5793 program 45); a non-empty ``grad`` still raises."""
    got = rt.unbroadcast(np.ones(grad_shape), like)
    assert got.shape == np.shape(like)
    assert got.dtype == np.result_type(np.asarray(like).dtype, np.float32)
    with pytest.raises(ValueError):
        rt.unbroadcast(np.ones(5), like)
