"""Delivery: PDF and PDF/A through LibreOffice, PNG previews, the unsigned ASiC-E container.

The PDF and preview tests need LibreOffice (soffice) and poppler-utils (pdftoppm); without them
they are skipped with the reason shown (`pytest -ra`). CI installs both (.ci/run). They are
marked `libreoffice` (`pytest -m "not libreoffice"` leaves them out).
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import click
import pytest
from click.testing import CliRunner

from ajdoc import api, delivery
from ajdoc.cli import _Group
from ajdoc.cli.delivery import preview as preview_cmd
from ajdoc.cli.options import delivery_options
from ajdoc.delivery import check_delivery, deliver
from ajdoc.errors import AjdocError
from ajdoc.output import write_all

from conftest import EXAMPLES, run_cli
from docxtext import docx_text

HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
HAVE_PDFTOPPM = shutil.which("pdftoppm") is not None
_skip_soffice = pytest.mark.skipif(
    not HAVE_SOFFICE, reason="LibreOffice is not installed "
                             "(apt-get install libreoffice-writer-nogui fonts-liberation2)")
_skip_pdftoppm = pytest.mark.skipif(
    not HAVE_PDFTOPPM, reason="pdftoppm is not installed (apt-get install poppler-utils)")


def needs_soffice(test):
    """Runs LibreOffice: marked `libreoffice` (`-m "not libreoffice"`), skipped without it."""
    return pytest.mark.libreoffice(_skip_soffice(test))


def needs_pdftoppm(test):
    """Runs poppler's pdftoppm: marked `libreoffice` too, skipped without it."""
    return pytest.mark.libreoffice(_skip_pdftoppm(test))

# Measured with LibreOffice 7.4.7 (Debian 12) and Liberation Serif in place of Times New Roman:
# the directive and its annexes converted separately, and the combined document.
DIRECTIVE_PAGES = {"kaskkiri-183.pdf": 1, "kaskkiri-183-lisa-1.pdf": 4,
                   "kaskkiri-183-lisa-2.pdf": 3}
TEENUSE_JUHT_PAGES = 5  # 2022 layout
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def cli_group(*commands: click.Command) -> click.Group:
    """The commands under ajdoc's own group: its error handling (one line, exit code)."""
    return _Group(name="ajdoc", commands={c.name: c for c in commands})


@click.command("render-pdf")
@click.argument("role", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--force", is_flag=True)
@delivery_options
def render_pdf(role, output, force, pdf, pdf_a, asice):
    """What `ajdoc render --pdf/--pdf-a/--asice` does (ajdoc/cli/render.py), in a small group."""
    check_delivery([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force)
    api.render_role(role, output, force=force)
    click.echo(f"wrote {output}")
    for path in deliver([output], pdf=pdf, pdf_a=pdf_a, asice=asice, force=force):
        click.echo(f"wrote {path}")


# -- a PNG reader with the standard library -----------------------------------------------------


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of gray values 0–255) of an 8-bit gray/RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (0, 2, 6) and interlace == 0
            bpp = {0: 1, 2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line[0::bpp]) if bpp == 1 else
                    bytes((line[i] * 3 + line[i + 1] * 6 + line[i + 2]) // 10
                          for i in range(0, stride, bpp)))
        prev = line
    return width, height, rows


def ink(png: bytes) -> dict:
    width, height, rows = read_png(png)
    dark = sum(sum(1 for v in row if v < 128) for row in rows)
    # a table border: a row of pixels more than half dark
    ruled = sum(1 for row in rows if sum(1 for v in row if v < 160) > width / 2)
    return {"size": (width, height), "dark": dark / (width * height), "ruled": ruled,
            "values": len({v for row in rows for v in row})}


# -- PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directive_docx(tmp_path_factory) -> dict[Path, bytes]:
    out = tmp_path_factory.mktemp("directive")
    d = api.load_directive(EXAMPLES / "kaskkiri-183.yaml")
    files = api.directive_files(d, out, out / "kaskkiri-183-koos.docx")
    write_all(files.items())
    return {p: data for p, data in files.items() if p.suffix == ".docx"}


@pytest.fixture(scope="module")
def directive_pdfs(directive_docx) -> dict[str, bytes]:
    started = time.perf_counter()
    written = delivery.write_pdfs(list(directive_docx))
    print(f"\n4 documents to PDF in one LibreOffice run: {time.perf_counter() - started:.1f} s")
    return {p.name: p.read_bytes() for p in written}


@needs_soffice
def test_directive_and_each_annex_pdf_page_counts(directive_pdfs):
    pages = {name: delivery.pdf_page_count(data) for name, data in directive_pdfs.items()}
    combined = pages.pop("kaskkiri-183-koos.pdf")
    assert pages == DIRECTIVE_PAGES
    assert combined == sum(DIRECTIVE_PAGES.values())  # the directive, then each annex on a new page
    for data in directive_pdfs.values():
        assert data.startswith(b"%PDF-") and delivery.pdf_a_part(data) is None


@needs_soffice
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) missing")
def test_page_count_agrees_with_pdfinfo(directive_pdfs, tmp_path):
    import subprocess

    for name, data in directive_pdfs.items():
        (tmp_path / name).write_bytes(data)
        info = subprocess.run(["pdfinfo", tmp_path / name], capture_output=True, text=True).stdout
        assert re.search(rf"^Pages:\s+{delivery.pdf_page_count(data)}$", info, re.M), name


@needs_soffice
@pytest.mark.slow
def test_pdf_a_is_identified_as_pdf_a():
    jd = api.load_role(EXAMPLES / "teenuse-juht.yaml")
    docx = api.render(jd)
    pdf = delivery.to_pdf({"teenuse-juht.docx": docx}, pdf_a=True)["teenuse-juht.pdf"]
    assert delivery.pdf_page_count(pdf) == TEENUSE_JUHT_PAGES
    xmp = pdf[pdf.index(b"<x:xmpmeta"):pdf.index(b"</x:xmpmeta>")]
    assert b"pdfaid:part" in xmp and delivery.pdf_a_part(pdf) == "2B"
    # nothing of the PDF/A run stays behind for the next conversion
    plain = delivery.to_pdf({"teenuse-juht.docx": docx})["teenuse-juht.pdf"]
    assert delivery.pdf_a_part(plain) is None and b"pdfaid" not in plain


@needs_soffice
def test_two_conversions_in_parallel():
    docs = [("teenuse-juht", "2022"), ("koordinaator-kaitstud-too", "2022")]
    rendered = {name: api.render(api.load_role(EXAMPLES / f"{name}.yaml"), layout=layout)
                for name, layout in docs}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(delivery.to_pdf, {f"{name}.docx": data})
                   for name, data in rendered.items()}
        results = {name: f.result()[f"{name}.pdf"] for name, f in futures.items()}
    assert all(delivery.pdf_page_count(pdf) >= 1 for pdf in results.values())
    assert delivery.pdf_page_count(results["teenuse-juht"]) == TEENUSE_JUHT_PAGES


@needs_soffice
def test_a_document_libreoffice_cannot_read_is_an_error_not_a_skip():
    with pytest.raises(delivery.ConversionError) as info:
        delivery.to_pdf({"good.docx": api.render(api.load_role(EXAMPLES / "teenuse-juht.yaml")),
                         "bad.docx": b"this is not a Word document"})
    assert "bad.docx: LibreOffice wrote no PDF" in str(info.value)
    assert info.value.exit_code == 1


@needs_soffice
def test_pdfs_are_written_all_or_none(directive_docx, tmp_path):
    docx = next(p for p in directive_docx if p.name == "kaskkiri-183.docx")
    pdf = docx.with_suffix(".pdf")  # written by the module fixture, if it ran; else now
    if not pdf.exists():
        delivery.write_pdfs([docx])
    before = pdf.read_bytes()
    with pytest.raises(AjdocError, match="exists already; use --force"):
        delivery.write_pdfs([docx])
    assert pdf.read_bytes() == before
    target = tmp_path / "elsewhere"
    target.mkdir()
    assert delivery.write_pdfs([docx], target) == [target / "kaskkiri-183.pdf"]
    assert sorted(p.name for p in target.iterdir()) == ["kaskkiri-183.pdf"]
    assert delivery.pdf_page_count((target / "kaskkiri-183.pdf").read_bytes()) == \
        DIRECTIVE_PAGES["kaskkiri-183.pdf"]


def test_pdf_page_count_of_something_else():
    assert delivery.pdf_page_count(b"PK\x03\x04 not a pdf") == 0
    assert delivery.pdf_a_part(b"%PDF-1.6 no metadata") is None


# -- LibreOffice missing ------------------------------------------------------------------------


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(delivery.tools, "_SOFFICE_ELSEWHERE", ())
    return empty


def test_missing_libreoffice_says_how_to_install_it_and_the_docx_stays(no_libreoffice, tmp_path):
    with pytest.raises(AjdocError) as info:
        delivery.to_pdf({"a.docx": b"x"})
    assert info.value.exit_code == 2
    assert "apt-get install libreoffice-writer-nogui" in str(info.value)

    out = tmp_path / "tj.docx"
    res = CliRunner().invoke(cli_group(render_pdf),
                             ["render-pdf", str(EXAMPLES / "teenuse-juht.yaml"), "-o", str(out),
                              "--pdf"])
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("ajdoc: error:")]
    assert len(lines) == 1 and "LibreOffice (soffice) is needed for PDF files" in lines[0]
    assert "apt-get install libreoffice-writer-nogui" in lines[0]
    assert "Teenuse juht (siseriiklik nõustamine)" in docx_text(out.read_bytes())  # the DOCX
    assert not out.with_suffix(".pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty-bin", "tj.docx"]


def test_missing_pdftoppm(no_libreoffice, tmp_path):
    with pytest.raises(AjdocError, match="poppler-utils") as info:
        delivery.pdf_to_png(b"%PDF-1.4")
    assert info.value.exit_code == 2


def test_wired_cli_render_pdf_without_libreoffice(tmp_path):
    """`ajdoc render --pdf` without LibreOffice: the DOCX is written, then exit 2."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    out = tmp_path / "tj.docx"
    res = run_cli("render", EXAMPLES / "teenuse-juht.yaml", "-o", out, "--pdf",
                  env={"PATH": str(empty)})
    assert res.returncode == 2 and "apt-get install libreoffice-writer-nogui" in res.stderr
    assert "Teenuse juht (siseriiklik nõustamine)" in docx_text(out.read_bytes())
    assert not out.with_suffix(".pdf").exists()


# -- the CLI pieces -----------------------------------------------------------------------------


def test_check_delivery_before_anything_is_written(tmp_path):
    out = tmp_path / "tj.docx"
    out.with_suffix(".pdf").write_bytes(b"old")
    with pytest.raises(AjdocError, match="exists already"):
        check_delivery([out], pdf=True)
    check_delivery([out], pdf=True, force=True)
    check_delivery([out])  # nothing asked: nothing to check
    with pytest.raises(AjdocError, match="ending in .asice"):
        check_delivery([out], asice=tmp_path / "tj.zip")


@needs_soffice
@pytest.mark.slow
def test_render_with_pdf_and_container(tmp_path):
    out = tmp_path / "tj.docx"
    args = ["render-pdf", str(EXAMPLES / "teenuse-juht.yaml"), "-o", str(out), "--pdf",
            "--asice", str(tmp_path / "tj.asice")]
    res = CliRunner().invoke(cli_group(render_pdf), args)
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [f"wrote {out}", f"wrote {tmp_path / 'tj.pdf'}",
                                       f"wrote {tmp_path / 'tj.asice'}"]
    assert delivery.pdf_page_count((tmp_path / "tj.pdf").read_bytes()) == TEENUSE_JUHT_PAGES
    with zipfile.ZipFile(tmp_path / "tj.asice") as zf:
        assert zf.namelist() == ["mimetype", "tj.docx", "tj.pdf", "META-INF/manifest.xml"]
        assert zf.read("tj.docx") == out.read_bytes()
    # again: refused before anything is written, then --force
    before = out.read_bytes()
    res = CliRunner().invoke(cli_group(render_pdf), args)
    assert res.exit_code == 2 and "exists already; use --force" in res.output
    assert out.read_bytes() == before
    assert CliRunner().invoke(cli_group(render_pdf), args + ["--force"]).exit_code == 0


@needs_soffice
def test_deliver_directive_pdfs_and_container(tmp_path):
    written = api.write_directive(EXAMPLES / "kaskkiri-183.yaml", tmp_path)
    container = tmp_path / "kaskkiri-183.asice"
    paths = deliver(written, pdf_a=True, asice=container)
    assert [p.name for p in paths] == ["kaskkiri-183.pdf", "kaskkiri-183-lisa-1.pdf",
                                       "kaskkiri-183-lisa-2.pdf", "kaskkiri-183.asice"]
    assert all(delivery.pdf_a_part(p.read_bytes()) == "2B" for p in paths[:3])
    with zipfile.ZipFile(container) as zf:
        names = zf.namelist()
        assert names == ["mimetype", "kaskkiri-183.docx", "kaskkiri-183.pdf",
                         "kaskkiri-183-lisa-1.docx", "kaskkiri-183-lisa-1.pdf",
                         "kaskkiri-183-lisa-2.docx", "kaskkiri-183-lisa-2.pdf",
                         "kaskkiri-183.json", "META-INF/manifest.xml"]
        assert zf.read("kaskkiri-183-lisa-2.pdf") == (tmp_path / "kaskkiri-183-lisa-2.pdf").read_bytes()
        assert manifest_entries(zf.read("META-INF/manifest.xml"))["kaskkiri-183.json"] == \
            "application/json"


# -- previews -----------------------------------------------------------------------------------


@needs_soffice
@needs_pdftoppm
def test_preview_of_a_role_file(tmp_path):
    paths = delivery.preview(EXAMPLES / "teenuse-juht.yaml", tmp_path, dpi=40)
    assert [p.name for p in paths] == [f"teenuse-juht-{i}.png" for i in
                                       range(1, TEENUSE_JUHT_PAGES + 1)]
    pages = [ink(p.read_bytes()) for p in paths]
    for page in pages:
        assert page["size"] == (331, 468)                 # A4 at 40 dpi
        assert page["values"] > 20                        # anti-aliased text, not one colour
    assert all(0.005 < p["dark"] < 0.4 for p in pages[:-1])
    # the last page holds only the signature's name and title (the signature block is split
    # across pages 4 and 5 by LibreOffice): little ink, but some
    assert 0.0001 < pages[-1]["dark"] < 0.4
    assert pages[0]["ruled"] >= 4                         # the general part's table borders


@needs_soffice
@needs_pdftoppm
def test_preview_of_a_directive_is_its_combined_document(tmp_path):
    paths = delivery.preview(EXAMPLES / "kaskkiri-183.yaml", tmp_path, dpi=30)
    assert len(paths) == sum(DIRECTIVE_PAGES.values())
    pages = [ink(p.read_bytes()) for p in paths]
    assert all(0.00005 < p["dark"] < 0.4 and p["values"] > 10 for p in pages)  # no blank page
    # all but one page well filled: annex 1's last page holds only its amendment sentence
    assert sum(p["dark"] > 0.002 for p in pages) >= len(pages) - 1
    assert pages[0]["ruled"] == 0                         # the directive: text, no table
    first_of_annexes = [1, 1 + DIRECTIVE_PAGES["kaskkiri-183-lisa-1.pdf"]]
    assert all(pages[i]["ruled"] >= 4 and pages[i]["dark"] > 0.01 for i in first_of_annexes)


@needs_soffice
@needs_pdftoppm
@pytest.mark.slow
def test_preview_command(directive_docx, tmp_path):
    lisa = next(p for p in directive_docx if p.name == "kaskkiri-183-lisa-2.docx")
    group = cli_group(preview_cmd)
    res = CliRunner().invoke(group, ["preview", str(lisa), "-o", str(tmp_path), "--dpi", "20"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"kaskkiri-183-lisa-2-{i}.png" for i in range(1, 4)]
    assert res.output.count("wrote ") == 3
    for png in sorted(tmp_path.iterdir()):
        page = ink(png.read_bytes())
        assert page["size"] == (166, 234) and page["dark"] > 0.001  # A4 at 20 dpi, not blank
    res = CliRunner().invoke(group, ["preview", str(lisa), "-o", str(tmp_path), "--dpi", "20"])
    assert res.exit_code == 2 and "exists already; use --force" in res.output
    res = CliRunner().invoke(group, ["preview", str(lisa), "-o", str(tmp_path), "--dpi", "20",
                                     "--force"])
    assert res.exit_code == 0, res.output


def test_preview_refuses_bad_input(tmp_path):
    group = cli_group(preview_cmd)
    res = CliRunner().invoke(group, ["preview", str(EXAMPLES / "teenuse-juht.yaml"),
                                     "-o", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "the output folder does not exist" in res.output
    res = CliRunner().invoke(group, ["preview", str(EXAMPLES / "teenuse-juht.yaml"),
                                     "-o", str(tmp_path), "--dpi", "5"])
    assert res.exit_code == 2
    with pytest.raises(AjdocError, match="expected a .docx file, a role file or a directive"):
        delivery.preview_images(tmp_path / "x.txt")
    assert list(tmp_path.iterdir()) == []


# -- ASiC-E -------------------------------------------------------------------------------------

DOCS = {"kaskkiri-183.pdf": b"%PDF-1.6 directive" * 50,
        "kaskkiri-183-lisa-1.docx": b"PK annex one" * 50,
        "kaskkiri-183.json": b'{"reference": "183"}\n',
        "lisa õüäö.pdf": b"%PDF-1.6 annex"}


def manifest_entries(xml: bytes) -> dict[str, str]:
    ns = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
    root = ElementTree.fromstring(xml)
    assert root.tag == f"{ns}manifest" and root.get(f"{ns}version") == "1.2"
    return {e.get(f"{ns}full-path"): e.get(f"{ns}media-type") for e in root}


def local_headers(data: bytes) -> list[dict]:
    """The local file headers in file order, read from the raw bytes."""
    out, pos = [], 0
    while data[pos:pos + 4] == b"PK\x03\x04":
        (_, _, flags, method, _, _, _, csize, _, nlen, xlen) = struct.unpack(
            "<IHHHHHIIIHH", data[pos:pos + 30])
        name = data[pos + 30:pos + 30 + nlen].decode("utf-8" if flags & 0x800 else "cp437")
        start = pos + 30 + nlen + xlen
        out.append({"name": name, "method": method, "flags": flags, "extra_len": xlen,
                    "offset": pos, "data": data[start:start + csize]})
        pos = start + csize
    return out


def test_asice_structure_member_by_member():
    data = delivery.asice_bytes(DOCS)
    headers = local_headers(data)
    assert [h["name"] for h in headers] == ["mimetype", *DOCS, "META-INF/manifest.xml"]
    mime = headers[0]
    assert mime["offset"] == 0 and mime["method"] == zipfile.ZIP_STORED
    assert mime["extra_len"] == 0 and not mime["flags"] & 0x08   # no data descriptor
    assert mime["data"] == b"application/vnd.etsi.asic-e+zip"
    assert data[30:38] == b"mimetype" and data[38:69] == b"application/vnd.etsi.asic-e+zip"
    assert all(h["method"] == zipfile.ZIP_DEFLATED for h in headers[1:])

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        infos = zf.infolist()
        assert infos[0].extra == b"" and infos[0].compress_type == zipfile.ZIP_STORED
        assert {i.filename: zf.read(i) for i in infos[1:-1]} == DOCS
        entries = manifest_entries(zf.read("META-INF/manifest.xml"))
        present = {i.filename for i in infos} - {"mimetype", "META-INF/manifest.xml"}
    assert entries == {"/": "application/vnd.etsi.asic-e+zip",
                       "kaskkiri-183.pdf": "application/pdf",
                       "kaskkiri-183-lisa-1.docx": DOCX,
                       "kaskkiri-183.json": "application/json",
                       "lisa õüäö.pdf": "application/pdf"}
    assert set(entries) - {"/"} == present                    # exactly the files present
    assert not any(n.startswith("META-INF/") and n != "META-INF/manifest.xml" for n in present)


def test_asice_same_documents_same_bytes(tmp_path):
    first = delivery.asice_bytes(DOCS)
    assert delivery.asice_bytes(dict(DOCS)) == first
    a = delivery.write_asice(tmp_path / "a.asice", DOCS)
    b = delivery.write_asice(tmp_path / "b.asice", list(DOCS.items()))
    assert a.read_bytes() == b.read_bytes() == first
    assert delivery.asice_bytes({**DOCS, "extra.pdf": b"x"}) != first


@pytest.mark.parametrize("name, message", [
    ("/etc/passwd.pdf", "absolute path"),
    ("C:/x.pdf", "absolute path"),
    ("../x.pdf", "'..'"),
    ("lisad/../../x.pdf", "'..'"),
    ("META-INF/signatures0.xml", "META-INF/ is reserved"),
    ("meta-inf/manifest.xml", "META-INF/ is reserved"),
    ("mimetype", "'mimetype' is reserved"),
    ("", "needs a name"),
    ("a\\b.pdf", "backslash"),
    ("a\nb.pdf", "control character"),
    ("lisad/", "empty or '.' part"),
])
def test_asice_refuses_bad_names(name, message, tmp_path):
    with pytest.raises(AjdocError, match=message):
        delivery.asice_bytes({"ok.pdf": b"x", name: b"y"})
    with pytest.raises(AjdocError):
        delivery.write_asice(tmp_path / "c.asice", {name: b"y"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("other", ["a.pdf", "A.PDF", "a\u0308.pdf"])
def test_asice_refuses_duplicate_names(other):
    first = "a.pdf" if other != "a\u0308.pdf" else "\u00e4.pdf"
    with pytest.raises(AjdocError, match="two documents named"):
        delivery.asice_bytes([(first, b"1"), (other, b"2")])


def test_write_asice_is_atomic_and_never_overwrites(tmp_path):
    path = delivery.write_asice(tmp_path / "k.asice", DOCS)
    before = path.read_bytes()
    with pytest.raises(AjdocError, match="exists already; use --force"):
        delivery.write_asice(path, {"other.pdf": b"x"})
    assert path.read_bytes() == before
    delivery.write_asice(path, {"other.pdf": b"x"}, force=True)
    assert zipfile.ZipFile(path).namelist() == ["mimetype", "other.pdf", "META-INF/manifest.xml"]
    with pytest.raises(AjdocError, match="ending in .asice"):
        delivery.write_asice(tmp_path / "k.zip", DOCS)
    with pytest.raises(AjdocError, match="at least one document"):
        delivery.write_asice(tmp_path / "empty.asice", {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.asice"]


def test_the_documented_api_is_reachable_from_the_package():
    """`ajdoc.delivery.NAME` for every name of __all__ and of the README, whichever module of the
    package holds it; the errors are AjdocErrors with their exit codes."""
    for name in delivery.__all__:
        assert getattr(delivery, name) is not None, name
    for name in ("to_pdf", "write_pdfs", "preview", "asice_bytes", "write_asice", "pdf_files",
                 "check_delivery", "deliver"):
        assert callable(getattr(delivery, name)) and name in delivery.__all__, name
    assert issubclass(delivery.ToolMissing, AjdocError) and delivery.ToolMissing.exit_code == 2
    assert issubclass(delivery.ConversionError, AjdocError)
    assert delivery.ConversionError.exit_code == 1
