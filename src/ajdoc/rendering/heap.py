"""Keeping a large render's cost per annex flat: the objects that existed before it are set aside
from the garbage collector's full passes while it runs.

A combined directive of 500 annexes allocates enough for Python's collector to run several full
passes during it, and each full pass scanned the whole heap: the loaded directive and its roles,
the library, the prepared templates. That made an annex of a large directive dearer than one of a
small directive. ``set_aside`` moves every object tracked at its start to the collector's
permanent generation (``gc.freeze``) and back at its end (``gc.unfreeze``): the collector still
runs as usual over every object the render makes, only the heap that was there before is not
rescanned meanwhile (garbage among it is collected after the render). Threads share one freeze:
the first render to start takes it, the last to end gives it back; a process that froze objects
itself (``gc.get_freeze_count()``) is left as it is.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from typing import Iterator

_LOCK = threading.Lock()
_active = 0  # renders running inside this module's freeze


@contextlib.contextmanager
def set_aside() -> Iterator[None]:
    """Run the body with the heap that exists now out of the collector's passes (see above)."""
    global _active
    with _LOCK:
        mine = _active > 0 or gc.get_freeze_count() == 0
        if mine:
            if _active == 0:
                gc.freeze()
            _active += 1
    try:
        yield
    finally:
        if mine:
            with _LOCK:
                _active -= 1
                if _active == 0:
                    gc.unfreeze()
