"""Rendering from many threads (as a web server does): identical bytes, nothing shared goes wrong."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import ajdoc
from conftest import EXAMPLES

# the 2025 layout has no place for some of the example's sections: said, not printed
pytestmark = pytest.mark.filterwarnings("ignore::ajdoc.rendering.LayoutWarning")


def _render_many(jd, threads: int, each: int, **kw) -> list[bytes]:
    start = threading.Barrier(threads)

    def work(_: int) -> list[bytes]:
        start.wait()  # every thread starts rendering at once
        return [ajdoc.render(jd, **kw) for _ in range(each)]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [data for chunk in pool.map(work, range(threads)) for data in chunk]


def test_eight_threads_render_one_role_to_identical_bytes():
    jd = ajdoc.load_role(EXAMPLES / "teenuse-juht.yaml")
    single = ajdoc.render(jd)
    outputs = _render_many(jd, threads=8, each=6)
    assert len(outputs) == 48
    assert {len(o) for o in outputs} == {len(single)}
    assert all(o == single for o in outputs)


def test_threads_rendering_different_layouts_do_not_mix():
    jd = ajdoc.load_role(EXAMPLES / "teenuse-juht.yaml")
    expected = {layout: ajdoc.render(jd, layout=layout) for layout in ("2022", "2025")}
    assert expected["2022"] != expected["2025"]
    start = threading.Barrier(6)

    def work(i: int) -> tuple[str, bytes]:
        layout = ("2022", "2025")[i % 2]
        start.wait()
        return layout, ajdoc.render(jd, layout=layout)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(6)))
    assert all(data == expected[layout] for layout, data in results)


def test_a_library_folder_edited_while_running_is_read_again(tmp_path):
    blocks = tmp_path / "lib" / "blocks"
    blocks.mkdir(parents=True)
    block = ("blocks:\n  - id: minu.rights\n    version: 1\n    kind: list\n    title: Õigused\n"
             "    variants:\n      minu:\n        items: [\"{text}\"]\n")
    path = blocks / "minu.yaml"
    path.write_text(block.format(text="Esimene õigus."), encoding="utf-8")
    role = {"preset": "specialist", "sections": {"rights": "minu.rights"},
            "general": {"title": "Nõunik", "unit": ["Üldosakond"], "supervisor": "Juhataja"},
            "purpose": "Ametikoha eesmärk on nõustamine.",
            "duties": [{"text": "Nõustamine.", "results": ["Nõu on antud."]}]}
    first = ajdoc.role_from_dict(role, library=[tmp_path / "lib"])
    assert [i.text for i in first.rights] == ["Esimene õigus."]
    path.write_text(block.format(text="Teine õigus, pikem."), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = ajdoc.role_from_dict(role, library=[tmp_path / "lib"])
    assert [i.text for i in second.rights] == ["Teine õigus, pikem."]
