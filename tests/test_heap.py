"""ajdoc.rendering.heap: during a large render the heap that existed before it is set aside from
the garbage collector's passes, and given back after; the collector still collects what the
render makes; a process that froze objects itself keeps its freeze."""

from __future__ import annotations

import gc
import threading

from ajdoc.rendering import heap


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_heap_before_is_frozen_during_and_given_back_after():
    assert gc.get_freeze_count() == 0
    before = _Cycle()
    with heap.set_aside():
        assert gc.get_freeze_count() > 0
        assert gc.is_tracked(before)
        # garbage the body makes is still collected while the rest is set aside
        for _ in range(5):
            _Cycle()
        assert gc.collect() >= 5
    assert gc.get_freeze_count() == 0


def test_a_failing_body_gives_the_heap_back():
    try:
        with heap.set_aside():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


def test_threads_share_one_freeze_the_last_to_end_gives_it_back():
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with heap.set_aside():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other)
    t.start()
    assert inside.wait(10)
    with heap.set_aside():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() > 0, "the other render still runs: its freeze stays"
    release.set()
    t.join(10)
    assert gc.get_freeze_count() == 0


def test_a_freeze_of_the_process_own_is_left_alone():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with heap.set_aside():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
