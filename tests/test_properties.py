"""Property tests: any text a Word document can hold comes back from the DOCX as typed, and no
input makes the YAML loader raise anything but AjdocError.

Which characters a field may hold (``ALLOWED``): every Unicode code point XML 1.0 allows, i.e.
everything except the C0 controls U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, the surrogates
U+D800–U+DFFF and U+FFFE, U+FFFF. Those are refused (tests/test_hardening.py). Tab, LF and CR are
allowed: a tab comes back as "\\t", a line break as "\\n" in the same paragraph, and "\\r\\n" or
"\\r" as "\\n" (python-docx's paragraph.text reads <w:tab/> as "\\t" and <w:br/> as "\\n").
A field needs at least one character that is not white space (str.strip()).
"""

from __future__ import annotations

import copy
import io
import re
import warnings
import zipfile
from functools import lru_cache

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import ajdoc
from ajdoc import AjdocError
from ajdoc.compose.role import compose
from ajdoc.yamlio import Node, parse

pytestmark = pytest.mark.filterwarnings("ignore::ajdoc.rendering.LayoutWarning")

ILLEGAL = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                   0xFFFE, 0xFFFF])
ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ALLOWED = st.characters(exclude_categories=("Cs",), exclude_characters=ILLEGAL)
# docxtpl turns these into {{ }} {% %} after rendering: their own (xfail) test below
DOCXTPL_MARKERS = ("{_{", "}_}", "{_%", "%_}")

FRAGMENTS = [
    "õäöüšž", "ÕÄÖÜŠŽ", "Tööd & <tulemused>", "€", "§ 52", "–", "—", "„jutumärgid”", "…", "½",
    "→", "✓", "😀", "👩‍👩‍👧", "🇪🇪", "\u200f", "\u202e", "\u202c", "\u200b", "\u00a0", "\ufeff",
    "\u2028", "\x85", "\x7f", "\ufffd", "𝔘", "&", "<", ">", '"', "'", "&amp;", "&#x41;", "&lt;",
    "{{ x }}", "{{", "}}", "{%", "%}", "{% if %}", "{#", "#}", "{{ g.title }}", "{0}", "{}",
    "%s", "$x", "\\", "</w:t>", "<w:p>", "</w:t></w:r></w:p><w:p>", "]]>", "<![CDATA[",
    " ", "  ", "\n", "\t", "\r\n", "\r", "\n\n", " \t ",
]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def is_field_text(t: str) -> bool:
    return bool(t.strip()) and not any(m in t for m in DOCXTPL_MARKERS)


texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALLOWED, min_size=1, max_size=8)),
                 min_size=1, max_size=10).map("".join).filter(is_field_text)


def read_back(t: str) -> str:
    """What python-docx reads for a field typed as `t`."""
    return t.replace("\r\n", "\n").replace("\r", "\n")


def test_the_allowed_set_is_what_ajdoc_accepts():
    from ajdoc.model import illegal_char

    for c in range(0x110000):
        ch = chr(c)
        assert (illegal_char(ch) is not None) == bool(ILLEGAL_RE.match(ch)), hex(c)


# ---------------------------------------------------------------------------------------------
# text in every field comes back from the DOCX as typed
# ---------------------------------------------------------------------------------------------
SENTINEL = "SENTINELΩ"
BASE = {
    "preset": "specialist",
    "general": {"title": "Peaspetsialist", "unit": "Teenuste osakond",
                "supervisor": "Talitusejuhataja"},
    "purpose": "Ametikoha eesmärk.",
    "duties": [{"text": "Teenuste arendamine.", "results": ["Teenused on arendatud."]}],
}


def everywhere(t: str) -> dict:
    """A role with `t` in every kind of field that is printed as typed."""
    data = copy.deepcopy(BASE)
    data["general"] = {"title": t, "unit": t, "supervisor": t, "substituted_by": t,
                       "substitutes": t, "subordinates": t,
                       "special_conditions": {"label": "Eritingimused", "text": t}}
    data["purpose"] = t
    data["duties"] = [{"text": t, "subitems": [t, "teine;"], "results": [t, "Teine tulemus."]},
                      {"text": "Teine ülesanne.", "results": [t]}]
    data["requirements"] = {"education": t, "experience": t, "personal_qualities": t,
                            "languages": [{"language": "eesti", "level": "C1", "text": t}]}
    data["edit"] = {
        "rights": {"add": [t]},
        "rights.intro": {"text": t},
        "responsibilities": {"replace": {1: t}},
        "work-tools": {"text": t},
        "computer-skills": {"text": t},
        "competency.kliendikesksus": {"add": [t]},
        "additional-competencies": {"add": [t, {"name": "Oskus", "text": t}]},
        "amendment": {"replace": {1: t}},
        "duty.one-off-tasks": {"text": t, "results": {"add": [t]}},
    }
    data["signature"] = {"name": t, "title": t}
    return data


def render(data: dict, layout: str) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ajdoc.render(ajdoc.role_from_dict(data), layout=layout)


def paragraphs(data: bytes) -> list[str]:
    doc = docx.Document(io.BytesIO(data))
    roots = [s.header._element for s in doc.sections] + [doc.element.body] + \
        [s.footer._element for s in doc.sections]
    return [Paragraph(p, None).text for root in roots for p in root.iter(qn("w:p"))]


def shape(data: bytes) -> dict[str, int]:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return {tag: len(root.findall(f".//{qn(tag)}")) for tag in ("w:p", "w:tbl", "w:tr", "w:tc")}


def unpreserved_whitespace(data: bytes) -> list[str]:
    """w:t texts with leading or trailing white space but no xml:space="preserve" (Word would
    drop that white space)."""
    from lxml import etree

    space = "{http://www.w3.org/XML/1998/namespace}space"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return [t.text for t in root.iter(qn("w:t"))
            if t.text and t.text != t.text.strip(" \t\n\r") and t.get(space) != "preserve"]


@lru_cache(maxsize=None)
def sentinel_render(layout: str) -> tuple[list[str], dict, str]:
    data = render(everywhere(SENTINEL), layout)
    texts = paragraphs(data)
    assert sum(SENTINEL in p for p in texts) >= (20 if layout == "2022" else 14)
    return texts, shape(data), docx.Document(io.BytesIO(data)).core_properties.title


@SETTINGS
@given(t=texts, layout=st.sampled_from(["2022", "2025"]))
@example(t="  Tööd & <tulemused>\t{{ x }}\r\n{% if %} {# #}  ", layout="2022")
@example(t="\n\u202eõäöüšž ÕÄÖÜŠŽ 😀\u200f\t", layout="2025")
@example(t="</w:t></w:r></w:p><w:p>", layout="2022")
def test_any_text_in_any_field_comes_back(t, layout):
    expected_texts, expected_shape, expected_title = sentinel_render(layout)
    data = render(everywhere(t), layout)
    got = paragraphs(data)
    want = [p.replace(SENTINEL, read_back(t)) for p in expected_texts]
    assert shape(data) == expected_shape
    assert got == want
    assert unpreserved_whitespace(data) == []
    title = docx.Document(io.BytesIO(data)).core_properties.title
    assert title == expected_title.replace(SENTINEL, t)


@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(before=texts, marker=st.sampled_from(DOCXTPL_MARKERS), after=texts)
def test_docxtpl_markers_come_back(before, marker, after):
    t = before + marker + after
    got = paragraphs(render(dict(copy.deepcopy(BASE), purpose=t), "2022"))
    assert read_back(t) in got


@SETTINGS
@given(t=texts)
def test_any_text_in_directive_fields_comes_back(tmp_path_factory, t):
    folder = tmp_path_factory.mktemp("d")
    role = {**BASE, "duties": [{"text": t, "results": [t]}],
            "general": {**BASE["general"], "title": t}}
    (folder / "roll.yaml").write_text(yaml_flow(role), encoding="utf-8")
    q = yq
    (folder / "k.yaml").write_text(
        f"signer: {{name: {q(t)}, title: peadirektor}}\nnumber: 5\ndate: 2025-01-02\n"
        f"unit: [Osakond]\nannexes: [roll.yaml]\ntitle: {q(t)}\nappeal: {q(t)}\n"
        f"forms: {{{q(t)}: {q(t)}}}\n", encoding="utf-8")
    d = ajdoc.load_directive(folder / "k.yaml")
    files = ajdoc.directive_files(d, folder)
    main = paragraphs(files[folder / "kaskkiri-5.docx"])
    assert main.count(read_back(t)) >= 2  # the title and the signer's name
    assert sum(read_back(t) in p for p in main) >= 3  # and the appeal clause
    annex = paragraphs(files[folder / "kaskkiri-5-lisa-1.docx"])
    assert read_back(t) in annex
    assert f"2.1. {read_back(t)}" in annex


# -- through a role file ------------------------------------------------------------------------
YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def yq(s: str) -> str:
    """`s` as a YAML double-quoted scalar. YAML streams may not hold DEL and the C1 controls raw
    (ruamel refuses them), and NEL, LS, PS are line breaks to YAML: those are written as escapes,
    like the BOM."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch in YAML_ESCAPES:
            out.append(YAML_ESCAPES[ch])
        elif o < 0x20 or 0x7F <= o <= 0x9F or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def yaml_flow(value) -> str:
    """A dict/list/str/int/bool as YAML flow text with every string double-quoted."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_flow(k)}: {yaml_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return yq(value)


@settings(max_examples=200, deadline=None)
@given(st.text(ALLOWED))
def test_yq_round_trips(s):
    assert parse(f"a: {yq(s)}", "x.yaml").value["a"] == s


@SETTINGS
@given(t=texts)
def test_any_text_through_a_role_file_comes_back(tmp_path_factory, t):
    path = tmp_path_factory.mktemp("r") / "roll.yaml"
    path.write_text(yaml_flow(everywhere(t)), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = ajdoc.render(ajdoc.load_role(path))
    expected_texts, expected_shape, _ = sentinel_render("2022")
    assert paragraphs(data) == [p.replace(SENTINEL, read_back(t)) for p in expected_texts]


@pytest.mark.parametrize("quote", ["", '"', "'"])
def test_nel_in_a_role_file_is_kept_or_refused(tmp_path, quote):
    path = tmp_path / "roll.yaml"
    path.write_text("preset: specialist\ngeneral: {title: Nõunik, unit: Osakond, supervisor: "
                    f"Juht}}\npurpose: {quote}Eesmärk\x85teine rida{quote}\n"
                    "duties: [{text: Ülesanne.}]\n", encoding="utf-8")
    try:
        jd = ajdoc.load_role(path)
    except AjdocError as exc:
        assert "U+0085" in str(exc)
        return
    assert jd.purpose == "Eesmärk\x85teine rida"


# ---------------------------------------------------------------------------------------------
# the YAML loader and composition raise AjdocError and nothing else
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def library():
    return ajdoc.load_library()


def load(text: str) -> None:
    try:
        compose(parse(text, "x.yaml"), library())
    except AjdocError:
        pass


def from_dict(data) -> None:
    try:
        if isinstance(data, dict):
            compose(Node(data, "<dict>", "", None), library())
        else:
            ajdoc.role_from_dict(data)
    except AjdocError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_loader_any_text(text):
    load(text)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec="utf-8")))
def test_loader_any_text_as_a_role_file(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("y") / "roll.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        ajdoc.load_role(path)
    except AjdocError:
        pass


KEYS = ["preset", "agency", "approved", "general", "purpose", "duties", "requirements",
        "sections", "edit", "signature", "numbering", "forms", "title", "unit", "supervisor",
        "substituted_by", "substitutes", "subordinates", "position_group", "special_conditions",
        "department", "division", "team", "titles", "conjunction", "case", "label", "text",
        "id", "use", "subitems", "results", "education", "experience", "languages",
        "language_style", "personal_qualities", "language", "level", "at_least", "date",
        "number", "signer_title", "name", "mode", "employee", "trailing_dot", "variant",
        "version", "items", "add", "remove", "replace", "at", "rights", "duty.one-off-tasks",
        "rights.intro", "additional-competencies", "competencies", "duties", "amendment",
        "work-tools", "competency.efektiivsus", "own", "after", "before", "ref"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-3, max_value=12),
    st.floats(allow_nan=True), st.dates(), st.sampled_from(KEYS),
    st.sampled_from(["specialist", "team-leader", "head-of-department", "ametnik", "töötaja",
                     "C1", "B2", "Z9", "või", "ja", "partitive", "genitive", "both", "head",
                     "own", "2024-01-14", "2024-02-30", "14.01.2024", "1-1/183", "-", "",
                     "rights:votta-vastu", "duty.cooperation:ja", "duty.one-off-tasks@1",
                     "amendment:one", "competency.meeskonnatoo", "rights@9", "x:y:z", "@", ":",
                     "Eritingimused", "Riigikaitse", "valdab", "Loovus", "1"]),
    st.text(max_size=12),
)
KEY = st.one_of(st.sampled_from(KEYS), st.integers(min_value=-2, max_value=5),
                st.text(max_size=6))
VALUES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(KEY, children, max_size=5)), max_leaves=25)


def _dump(data) -> str:
    from ruamel.yaml import YAML

    buf = io.StringIO()
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = None
    y.dump(data, buf)
    return buf.getvalue()


def _valid_role() -> dict:
    return {
        "preset": "team-leader",
        "approved": {"date": "2024-01-14", "number": 5, "signer_title": "peadirektor"},
        "general": {"title": "Teenuse juht", "unit": {"department": "Osakond",
                                                      "division": "talitus"},
                    "supervisor": "Juhataja", "substituted_by": ["Konsultant", "nõunik"],
                    "substitutes": {"titles": ["Konsultant"], "case": "partitive"},
                    "special_conditions": {"label": "Eritingimused", "text": "x"}},
        "purpose": "Eesmärk.",
        "duties": [{"id": "a", "text": "Ülesanne, sh:", "subitems": ["a;"], "results": ["b."]},
                   {"use": "duty.team-planning"}],
        "requirements": {"education": "Kõrgharidus.", "language_style": "valdamine",
                         "languages": [{"language": "eesti", "level": "C1", "at_least": True},
                                       {"language": ["inglise", "vene"], "level": "B2"}]},
        "sections": {"amendment": "amendment:one",
                     "competencies": {"remove": ["competency.efektiivsus"]}},
        "edit": {"additional-competencies": {"remove": ["Loovus"], "add": ["Uus."]},
                 "duty.one-off-tasks": {"results": {"add": ["Lisa."]}},
                 "rights": {"replace": {1: "uus õigus"}, "add": [{"text": "x", "at": 1}]}},
        "numbering": {"trailing_dot": True},
        "signature": {"name": "Nimi", "title": "peadirektor"},
        "forms": {"Osakond": "Osakonna"},
    }


def test_the_valid_role_composes():
    jd = ajdoc.role_from_dict(_valid_role())
    assert jd.general.title == "Teenuse juht"


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ROLE_PATHS = [p for p in _paths(_valid_role()) if p]


@st.composite
def mutated_roles(draw):
    """The valid role with one to three of its values replaced by random structures, or keys
    added or dropped."""
    data = _valid_role()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ROLE_PATHS))
        node = data
        try:
            for k in path[:-1]:
                node = node[k]
            action = draw(st.sampled_from(["replace", "drop", "add"]))
            if action == "replace":
                node[path[-1]] = draw(VALUES)
            elif action == "drop" and isinstance(node, dict):
                node.pop(path[-1], None)
            elif action == "drop" and isinstance(node, list):
                node.pop(path[-1])
            elif isinstance(node, dict):
                node[draw(KEY)] = draw(VALUES)
            else:
                node.append(draw(VALUES))
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier change removed or replaced the way there (even by None)
    return data


def _with(path: tuple, value) -> dict:
    data = _valid_role()
    node = data
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return data


# found by the property tests below: an empty list where a list of texts is expected
EMPTY_LISTS = [
    ("requirements.languages[2].language: []",
     _with(("requirements", "languages", 1), {"language": [], "level": "B2"})),
    ("general.substituted_by: []", _with(("general", "substituted_by"), [])),
    ("general.substitutes.titles: []",
     _with(("general", "substitutes"), {"titles": [], "case": "partitive"})),
]
EMPTY_LISTS_BUG = ("compose lets a ValueError from the model escape for an empty list: "
                   "LanguageRequirement 'a language requirement names at least one language', "
                   "TitleList 'a title list needs at least one title', GeneralPart 'substitutes "
                   "must not be empty'")


@pytest.mark.parametrize("what,data", EMPTY_LISTS, ids=[w for w, _ in EMPTY_LISTS])
def test_empty_lists_are_ajdoc_errors(what, data):
    key = what.split(":")[0].split("[")[0].split(".")[-1]
    with pytest.raises(AjdocError, match=key):
        ajdoc.role_from_dict(data)


@pytest.mark.parametrize("what,data", EMPTY_LISTS, ids=[w for w, _ in EMPTY_LISTS])
def test_empty_lists_in_a_role_file_are_ajdoc_errors(tmp_path, what, data):
    path = tmp_path / "roll.yaml"
    path.write_text(_dump(data), encoding="utf-8")
    with pytest.raises(AjdocError) as info:
        ajdoc.load_role(path)
    assert str(path) in str(info.value)


@SETTINGS
@given(mutated_roles())
@example(EMPTY_LISTS[0][1])
def test_loader_mutated_roles_as_yaml(data):
    load(_dump(data))


@settings(max_examples=100, deadline=None)
@given(mutated_roles())
@example(EMPTY_LISTS[1][1])
def test_role_from_dict_mutated_roles(data):
    from_dict(data)


@SETTINGS
@given(st.dictionaries(KEY, VALUES, max_size=8))
def test_loader_random_documents(data):
    load(_dump(data))
    from_dict(data)


YAML_TOKENS = ["preset: specialist\n", "general:\n", "  title: x\n", "duties:\n", "  - ",
               "text: a\n", "- ", ": ", "{", "}", "[", "]", ", ", "&a ", "*a", "<<: *a\n",
               "? ", "--- ", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "!!binary ",
               "!!python/object/apply:os.system ", "!!set ", "!!omap ", "!x ", "|\n", ">-\n",
               "'", '"', "\\", "#", "\n", "  ", "\t", "0x1F", "1e400", ".inf", "~", "null",
               "2024-13-45", "yes", "on", "=", "\ufeff", "\x85", "\u2028", "\r"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.sampled_from(KEYS).map(str),
                          st.text(max_size=4)), max_size=30).map("".join))
def test_loader_yaml_token_soup(text):
    load(text)
    load(_dump(_valid_role()) + text)
