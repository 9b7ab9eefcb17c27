"""Lint of whose a document is: an agency other than its profile's, a legal basis citing another
agency's statute (a directive copied from another agency's, or a profile copied and not changed)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from .. import language
from ..errors import AjdocError, Place
from ..model import JobDescription
from ..model.text import forms_map
from ..resources import Profile
from .findings import Warning

if TYPE_CHECKING:  # a role's check loads no directive classes
    from ..model import Directive


def agency_differs(agency: str, profile: Profile, place: Place) -> list[Warning]:
    """A warning when a document names an agency other than its profile's."""
    if agency.strip().casefold() == profile.agency.strip().casefold():
        return []
    return [Warning(place, f"the agency '{agency}' is not the profile's ('{profile.agency}', "
                    f"profile {profile.name}): its legal basis, appeal clause, layouts and "
                    "standard texts are the profile's; give the document its own agency's "
                    "profile (profile:)", "agency-not-profile")]


def lint_role_agency(jd: JobDescription, place: Place) -> list[Warning]:
    """A role naming an agency other than its profile's."""
    return agency_differs(jd.agency, jd.profile, place)


def lint_directive_agency(d: Directive, agency_place: Place,
                          basis_place: Place) -> list[Warning]:
    """A directive naming an agency other than its profile's, or citing another's statute."""
    out = agency_differs(d.agency, d.profile, agency_place)
    own = _statute(d)
    if own is None:
        return out
    texts = [a.title for a in d.legal_acts if a.title] + ([d.legal_basis] if d.legal_basis else [])
    for cited in _statutes(d.profile, texts):
        if not own.casefold().endswith(cited.casefold()):
            out.append(Warning(basis_place, f"the legal basis cites '{cited}', which is not "
                               f"{d.agency}'s statute ('{own}'); check the legal basis "
                               "(legal_basis:) or the profile's", "foreign-statute"))
    return out


def lint_profile_statute(profile: Profile) -> list[str]:
    """The statutes of other agencies the profile's own legal basis cites (a profile copied from
    another agency's and not yet changed), as messages."""
    own = _own_statute(profile.agency, profile,
                       language.normalize_forms(profile.settings.get("forms") or {}))
    basis = (profile.settings.get("directive") or {}).get("legal_basis") or []
    texts = [str(basis["text"])] if isinstance(basis, dict) and "text" in basis else [
        str(act[kind].get("title", "")) for act in basis if isinstance(act, dict)
        for kind in ("regulation", "directive") if isinstance(act.get(kind), dict)]
    if own is None:
        return []
    return [f"the legal basis (directive.legal_basis) cites '{cited}', which is not "
            f"{profile.agency}'s statute ('{own}')"
            for cited in _statutes(profile, texts) if not own.casefold().endswith(cited.casefold())]


def _statute(d: Directive) -> Optional[str]:
    """The title of the directive's own agency's statute, when its name can be formed."""
    return _own_statute(d.agency, d.profile, forms_map(d.forms))


def _own_statute(agency: str, profile: Profile, forms: dict) -> Optional[str]:
    try:
        genitive = language.inflect(agency, "genitive", explicit=forms)
    except AjdocError:
        return None  # the document itself says so when it is rendered
    return _pattern(profile).format(agency_genitive=genitive)


def _pattern(profile: Profile) -> str:
    return str(profile.phrases["legal"]["statute"])


def _statutes(profile: Profile, texts: list[str]) -> list[str]:
    """Every statute the texts cite, by the word the pattern puts the agency's genitive in
    ("Transpordiameti põhimäärus"; of a name of several words, its last)."""
    before, _, after = _pattern(profile).partition("{agency_genitive}")
    found = re.compile(re.escape(before) + r"(\w[\w-]*)" + re.escape(after))
    out: list[str] = []
    for text in texts:
        for m in found.finditer(text):
            title = f"{before}{m.group(1)}{after}"
            if title not in out:
                out.append(title)
    return out
