"""The inverse of every phrase in data/phrases.yaml: printed sentences read back into values.

The approval header, the language lines, the signature, long dates and the directive's date,
repeals and entry into force: each pattern is built from the phrase ajdoc prints, read through
``ajdoc.resources``, so that a changed phrase changes what is read back with it.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any, Callable, Mapping, Optional, Union

from .. import language, resources, wording
from ..errors import AjdocError
from ..model import LanguageRequirement
from ..resources import Profile, ProfileArg
from .text import clean, importing_data, norm_label, per_object, short

CEFR = r"[ABC][12]"
DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"   # 28.11.2025, as language.short_date prints it


def lit(text: str) -> str:
    """A literal phrase as a regex, any run of white space matching any other."""
    return "".join(r"\s*" if ch.isspace() else re.escape(ch) for ch in text)


def phrase_pattern(template: str, groups: Mapping[str, str],
                   literal: Callable[[str], str] = re.escape) -> str:
    """A phrase with {placeholders} as a regex: each placeholder named in `groups` replaced by
    its pattern, the text between as `literal` makes it."""
    out = ""
    for bit in re.split(r"(\{\w+\})", template):
        name = bit[1:-1] if bit.startswith("{") and bit.endswith("}") else None
        out += groups[name] if name is not None and name in groups else literal(bit)
    return out


def _phrases(prof: ProfileArg = None) -> dict[str, Any]:
    """The phrases of a profile (the default one's when None)."""
    return dict(resources.profile(prof).phrases)


def _date(text: str) -> Optional[_dt.date]:
    d, mo, y = (int(x) for x in text.split("."))
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


def _number(text: str) -> Union[int, str]:
    return int(text) if text.isdigit() else text


# -- approval header -----------------------------------------------------------------------------
@per_object
def _approval_re(prof: Profile) -> re.Pattern[str]:
    ph = prof.phrases
    groups = {"agency_genitive": r"(?P<who>.+?)", "signer_genitive": "",
              "date": f"(?P<date>{DATE})", "number": r"(?P<number>[0-9A-Za-z/\-]+)"}
    parts = [phrase_pattern(line, groups, lit) for line in ph["approval"]]
    annex = phrase_pattern(ph["annex"], {"n": r"(?P<annex>\d+)"}, lit)
    return re.compile(r"\s*".join(parts) + r"(?:\s*" + annex + r")?", re.I | re.S)


def approval(text: str, prof: ProfileArg = None
             ) -> tuple[Optional[dict[str, Any]], Optional[str], dict[str, str], Optional[str]]:
    """(approved, agency, forms, warning) from the "KINNITATUD …" header text."""
    if not text:
        return None, None, {}, None
    m = _approval_re(resources.profile(prof)).search(text)
    if not m:
        return None, None, {}, f"approval header not recognised, not imported: {short(text)}"
    date = _date(m.group("date"))
    if date is None:
        return None, None, {}, f"approval date {m.group('date')} does not exist; not imported"
    approved: dict[str, Any] = {"date": date, "number": _number(m.group("number"))}
    who = re.sub(r"\s+", " ", m.group("who")).strip()
    agency, signer, forms = _split_agency_signer(who, prof)
    approved["signer_title"] = signer
    note = None
    if forms:
        note = (f"the nominative of '{who}' was not found; the printed form is kept with a "
                "forms: entry — check agency and approved.signer_title")
    return approved, agency, forms, note


def annex_start(prof: ProfileArg = None) -> str:
    """The first line of an annex's approval header ("KINNITATUD"), as a label key."""
    return norm_label(_phrases(prof)["approval"][0])


def annex_name(n: Union[int, str], prof: ProfileArg = None) -> str:
    """The annex's name as its header prints it ("Lisa 2")."""
    return str(_phrases(prof)["annex"]).format(n=n)


def annex_example(prof: ProfileArg = None) -> str:
    """How an annex's header starts and ends, for a message ("KINNITATUD … Lisa N")."""
    return f"{_phrases(prof)['approval'][0]} … {annex_name('N', prof)}"


def default_agency(prof: ProfileArg = None) -> str:
    return resources.profile(prof).agency


def _split_agency_signer(who: str, prof: ProfileArg = None) -> tuple[str, str, dict[str, str]]:
    preferred = default_agency(prof)
    words = who.split()
    options = []
    for k in range(1, len(words)):
        agency_gen, signer_gen = " ".join(words[:k]), " ".join(words[k:])
        agency = nominative(agency_gen, prefer=preferred)
        signer = nominative(signer_gen)
        if agency and signer:
            options.append((agency != preferred, k, agency, signer))
    if options:
        _, _, agency, signer = min(options)
        return agency, signer, {}
    agency_gen, signer_gen = " ".join(words[:-1]) or who, words[-1]
    return agency_gen, signer_gen, {agency_gen: agency_gen, signer_gen: signer_gen}


@lru_cache(maxsize=1)
def nominative(genitive: str, prefer: Optional[str] = None) -> Optional[str]:
    """The nominative phrase whose genitive ajdoc prints as `genitive`, or None."""

    def ok(cand: str) -> bool:
        try:
            return language.inflect(cand, "genitive") == genitive
        except AjdocError:
            return False

    if prefer and ok(prefer):
        return prefer
    words = genitive.split(" ")
    head = words[-1]
    low = head.lower()
    heads = []
    for i in range(len(low)):  # the head, or its last part ("projektijuhi" → "juht")
        heads += [low[:i] + word for word in language.nominatives(low[i:])]
    if low[-1:] in "aeiu":
        heads.append(low[:-1])
    heads.append(low)
    for cand_head in heads:
        if head[:1].isupper():
            cand_head = cand_head[:1].upper() + cand_head[1:]
        cand = " ".join(words[:-1] + [cand_head])
        if ok(cand):
            return cand
    return None


# -- signature -----------------------------------------------------------------------------------
def signature(texts: list[str], warns: list[str],
              prof: ProfileArg = None) -> Optional[dict[str, Any]]:
    """The signature (name, title; mode both and the employee's name for two parties) from the
    lines after "(allkirjastatud digitaalselt)"."""
    ph = _phrases(prof)
    texts = [t for t in texts if t]
    if not texts:
        return None
    signed, employer, employee = (norm_label(ph[k]) for k in ("signed", "employer", "employee"))
    heading = norm_label(ph["signatures_heading"])
    texts = [t for t in texts if norm_label(t) != heading]  # "Poolte allkirjad:"
    norm = [norm_label(t) for t in texts]
    if signed not in norm:
        return None
    i = norm.index(signed)
    lines = texts[i + 1:]
    rest_norm = norm[i + 1:]
    if employee in rest_norm:
        j = rest_norm.index(employee)
        head, tail = lines[:j], lines[j + 1:]
    elif employee in norm[:i] and signed in rest_norm:
        # side by side (a table): both labels first, then each party's lines
        j = rest_norm.index(signed)
        head, tail = lines[:j], lines[j + 1:]
    else:
        head, tail = lines, []
    if len(head) < 2:
        warns.append("signature without name and title; not imported")
        return None
    sig: dict[str, Any] = {"name": head[0], "title": head[1]}
    if len(head) > 2:
        warns.append(f"text after the signature not imported: {short(' | '.join(head[2:]))}")
    if employer in norm[:i] or employee in rest_norm:
        sig["mode"] = "both"
        names = [t for t in tail if norm_label(t) != signed]
        if names:
            sig["employee"] = names[0]
        if len(names) > 1:
            sig["employee_title"] = names[1]
    return sig


# -- languages -----------------------------------------------------------------------------------
def language_lines(texts: list[str], loose: bool) -> list[str]:
    """The language requirements, one a line (extracted text runs them together)."""
    out: list[str] = []
    for text in texts:
        parts = re.split(rf"(?<=\.)\s+(?=[A-ZÕÄÖÜŠŽ])|(?<=\b{CEFR})\s+(?=[A-ZÕÄÖÜŠŽ])",
                         text) if loose else [text]
        if loose and not all(re.search(rf"\b{CEFR}\b", x) for x in parts):
            parts = [text]
        out.extend(x for x in parts if x)
    return out


@per_object
def _language_res(prof: Profile) -> dict[str, re.Pattern[str]]:
    ph = prof.phrases
    groups = {"Languages": r"(?P<langs>.+?)", "languages": r"(?P<langs>.+?)",
              "at_least": f"(?P<at_least>{re.escape(ph['at_least'])})?",
              "level": f"(?P<level>{CEFR})"}
    return {style: re.compile(phrase_pattern(pattern, groups))
            for style, pattern in ph["language_requirement"].items()}


def render_language(req: dict[str, Any], style: str, prof: ProfileArg = None) -> str:
    """The sentence ajdoc prints for a language requirement {language, level, at_least}."""
    langs = req["language"] if isinstance(req["language"], list) else [req["language"]]
    lr = LanguageRequirement(tuple(langs), req["level"], req.get("at_least", False))
    return wording.language_line(lr, style, _phrases(prof))


def languages(lines: list[str], prof: ProfileArg = None
              ) -> tuple[str, list[dict[str, Any]], list[str]]:
    """The language lines as {language, level, at_least} in one style, or with text: when a
    line is not a sentence ajdoc generates (the rendered sentence equals the original)."""
    res = _language_res(resources.profile(prof))
    join = _phrases(prof)["language_join"]
    parsed: dict[str, dict[int, dict[str, Any]]] = {}
    for style, rx in res.items():
        for n, line in enumerate(lines):
            m = rx.fullmatch(line)
            if not m:
                continue
            names = m.group("langs").split(join)
            names = [names[0][:1].lower() + names[0][1:]] + names[1:]
            req: dict[str, Any] = {"language": names if len(names) > 1 else names[0],
                                   "level": m.group("level")}
            if m.group("at_least"):
                req["at_least"] = True
            try:
                if render_language(req, style, prof) == line:
                    parsed.setdefault(style, {})[n] = req
            except (TypeError, ValueError):
                pass
    order = list(res)
    patterns = _phrases(prof)["language_requirement"]

    def near(style: str) -> float:  # how much of the style's phrase the lines hold
        words = set(re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", patterns[style]).casefold()))
        return sum(len(words & set(re.findall(r"[^\W\d_]+", line.casefold()))) / len(words)
                   for line in lines) if words else 0.0

    style = max(order, key=lambda s: (len(parsed.get(s, {})), near(s), -order.index(s)))
    out, notes = [], []
    for n, line in enumerate(lines):
        found = parsed.get(style, {}).get(n)
        if found is None:
            found = _language_guess(line, prof)
            notes.append(f"kept as text {n + 1}: {short(line)}")
        out.append(found)
    return style, out, notes


def _language_guess(line: str, prof: ProfileArg = None) -> dict[str, Any]:
    """A line in words of its own: its text kept, the languages and level guessed from it."""
    data = importing_data()
    joins = "|".join(re.escape(j) for j in data["language_joins"])
    m = re.search(rf"(\w+(?:(?:{joins})\w+)*) {re.escape(data['language_word'])}\w*",
                  line.casefold())
    names = re.split(joins, m.group(1)) if m else ["-"]
    level = re.search(rf"\b({CEFR})\b", line)
    req: dict[str, Any] = {"language": names if len(names) > 1 else names[0],
                           "level": level.group(1) if level else "B1"}
    at_least = re.escape(_phrases(prof)["at_least"].strip())
    if level and re.search(rf"{at_least}\s+(?:\w+\s+)?{level.group(1)}", line, re.I):
        req["at_least"] = True
    req["text"] = line
    return req


# -- dates and the directive's points ------------------------------------------------------------
def long_date(text: str, case: str = "adessive", prof: ProfileArg = None
              ) -> Optional[_dt.date]:
    """The date ajdoc prints in words ("2025. aasta 1. detsembril"; in the elative
    "… 1. märtsist"), or None."""
    rx = phrase_pattern(_phrases(prof)["long_date"], {
        "year": r"(?P<year>\d{4})", "day": r"(?P<day>\d{1,2})", "month": r"(?P<month>\S+)"})
    m = re.fullmatch(rx, text.strip())
    if not m:
        return None
    year, day = int(m.group("year")), int(m.group("day"))
    for month in range(1, 13):
        try:
            cand = _dt.date(year, month, day)
        except ValueError:
            continue
        if language.long_date(cand, case) == text.strip():
            return cand
    return None


def date_number_example(prof: ProfileArg = None) -> str:
    """The directive's date-and-number line, for a message ("28.11.2025 nr 183")."""
    return str(_phrases(prof)["directive"]["date_number"]).format(date="28.11.2025",
                                                                  number="183")


def date_number(text: str, prof: ProfileArg = None
                ) -> Optional[tuple[_dt.date, Union[int, str]]]:
    """The directive's date and number from its "28.11.2025 nr 183" line, or None."""
    rx = phrase_pattern(_phrases(prof)["directive"]["date_number"],
                        {"date": f"(?P<date>{DATE})", "number": r"(?P<number>\S+)"}, lit)
    m = re.fullmatch(rx, text)
    date = _date(m.group("date")) if m else None
    if m is None or date is None:
        return None
    return date, _number(m.group("number"))


def _quoted_title(prof: ProfileArg = None) -> str:
    """A title in either style of quotation marks, as a regex group "title"."""
    quotes = _phrases(prof)["quotes"].values()
    opens = "".join(re.escape(q.split("{")[0]) for q in quotes)
    closes = "".join(re.escape(q.split("}")[-1]) for q in quotes)
    return rf"(?P<title>[{opens}][^{closes}]*[{closes}])"


def _unquoted(title: str, prof: ProfileArg = None) -> tuple[str, str]:
    """A quoted title without its marks, and the quote style it was written in."""
    for style, form in _phrases(prof)["quotes"].items():
        head, tail = form.split("{text}")
        if title.startswith(head) and title.endswith(tail):
            return title[len(head):len(title) - len(tail)], style
    return title, "typographic"


def _annex_numbers(text: str) -> list[int]:
    """ "1 kuni 3, 5 ja 8 kuni 9" or "1-3, 5" → the numbers."""
    out: list[int] = []
    for a, b in re.findall(r"(\d+)(?:\s*(?:-|\u2013|kuni)\s*(\d+))?", text):
        out.extend(range(int(a), int(b or a) + 1))
    return out


def repeals(text: str, prof: ProfileArg = None
            ) -> Optional[tuple[list[dict[str, Any]], Optional[str]]]:
    """A "Tunnistan kehtetuks …" point as repeal entries (directives, annexes of one, the job
    descriptions some approved) and the quote style seen; None when it is not such a point."""
    ph = _phrases(prof)["directive"]
    m = re.fullmatch(phrase_pattern(ph["repeal"], {"what": r"(?P<what>.+)"}), text.strip(),
                     re.S)
    if not m:
        return None
    what, out, style = m.group("what"), [], None
    signer = r"(?:(?!\s*(?:ja|ning)\s)(?P<signer>[^\d,]+?)\s)?"
    directive_rx = phrase_pattern(ph["repealed_directive"], {
        "signer_genitive": signer, "date": f"(?P<date>{DATE})", "number": r"(?P<number>\S+)",
        "title": _quoted_title(prof)}).replace(r"\ ", r"\s*", 1)
    annex_words = "|".join(re.escape(w) for w in ph["annex_words"].values())
    annexes_rx = phrase_pattern(ph["repealed_annexes"], {
        "signer_genitive": signer, "date": f"(?P<date>{DATE})", "number": r"(?P<number>\S+)",
        "annexes": rf"(?:{annex_words})\s(?P<annexes>\d+(?:(?:,\s|\sja\s|\skuni\s|-)\d+)*)"})
    jd_ref = phrase_pattern(ph["approving_directive"], {"date": f"({DATE})",
                                                        "number": r"(\S+)"})
    jd_rx = phrase_pattern(ph["repealed_job_descriptions"], {
        "signer_genitive": signer, "directives": rf"(?P<refs>{jd_ref}(?:(?:,\s|\sja\s){jd_ref})*)"})
    last_signer = None
    for kind, rx in (("annexes", annexes_rx), ("job_descriptions", jd_rx),
                     ("directive", directive_rx)):
        for hit in list(re.finditer(rx, what)):
            who = hit.group("signer") or last_signer
            signer_title = (nominative(who) or who) if who else None
            last_signer = who or last_signer
            if kind == "job_descriptions":
                for d, n in re.findall(jd_ref, hit.group("refs")):
                    date = _date(d)
                    if date is not None:
                        out.append({"signer_title": signer_title, "date": date,
                                    "number": _number(n), "job_descriptions": True})
                continue
            date = _date(hit.group("date"))
            if date is None:
                continue
            entry: dict[str, Any] = {"signer_title": signer_title, "date": date,
                                     "number": _number(hit.group("number"))}
            if kind == "annexes":
                entry["annexes"] = _annex_numbers(hit.group("annexes"))
            else:
                entry["title"], style = _unquoted(hit.group("title"), prof)
            out.append(entry)
        what = re.sub(rx, " ", what)
    for entry in out:
        if entry["signer_title"] is None:
            entry.pop("signer_title")
    return (out, style) if out else None


def entry_into_force(text: str, prof: ProfileArg = None) -> Optional[dict[str, Any]]:
    """A "Käskkiri jõustub …" point as {entry_into_force, retroactive?, signing?}, or None."""
    ph = _phrases(prof)["directive"]
    signing = "|".join(re.escape(w) for w in ph["signing"].values())
    when = rf"(?P<when>{signing}|.+?)"
    for key in ("in_force_retroactive", "in_force"):
        groups = {"when": when, "point": r"\d+", "participle": r"\S+",
                  "job_descriptions": r"\S+", "from_date": r"(?P<since>.+)"}
        m = re.fullmatch(phrase_pattern(" ".join(ph[key].split()), groups, lit), text.strip())
        if not m:
            continue
        out: dict[str, Any] = {}
        word = m.group("when")
        if word in ph["signing"].values():
            out["entry_into_force"] = "signing"
            out["signing"] = next(k for k, v in ph["signing"].items() if v == word)
        else:
            date = long_date(word, "adessive", prof)
            if date is None:
                return None
            out["entry_into_force"] = date
        if key == "in_force_retroactive":
            since = long_date(m.group("since"), "elative", prof)
            if since is None:
                return None
            out["retroactive"] = since
        return out
    return None


def acting(line: str, prof: ProfileArg = None) -> Optional[tuple[str, str]]:
    """ 'osakonnajuhataja peadirektori ülesannetes' → (the signer's title, whom they stand in
    for), or None."""
    rx = phrase_pattern(_phrases(prof)["directive"]["acting"], {
        "title": r"(?P<title>.+?)", "principal_genitive": r"(?P<principal>\S+)"})
    m = re.fullmatch(rx, line.strip())
    if not m:
        return None
    return m.group("title"), nominative(m.group("principal")) or m.group("principal")
