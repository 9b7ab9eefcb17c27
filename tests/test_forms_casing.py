"""`sentence_case` (a name inside a sentence) and `split_list` (the members of a list), with both
engines: what EKI writes, not what the code does."""

from __future__ import annotations

import pytest

from ajdoc import language

ENGINES = ["vabamorf", "table"]


@pytest.fixture(params=ENGINES)
def eng(request):
    if request.param == "vabamorf":
        pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    return language.engine(request.param)


# as written in a file | as it stands inside a sentence
SENTENCE_CASE = """
Laste heaolu osakond | laste heaolu osakond
Peadirektor | peadirektor
Peadirektori asetäitja | peadirektori asetäitja
Teenuse juht | teenuse juht
Talitusejuhataja | talitusejuhataja
Regionaalne sotsiaalteenuste osakond | regionaalne sotsiaalteenuste osakond
Sotsiaalne rehabilitatsioon | sotsiaalne rehabilitatsioon
Finants- ja personalijuht | finants- ja personalijuht
Nõunik või projektijuht | nõunik või projektijuht
Nõunik ELi küsimustes | nõunik ELi küsimustes
Juhtivspetsialist (Pärnu) | juhtivspetsialist (Pärnu)
Pärnu esindus | Pärnu esindus
Tallinna piirkondlik keskus | Tallinna piirkondlik keskus
Tartu ja Pärnu esindus | Tartu ja Pärnu esindus
Saare maakonna esindus | Saare maakonna esindus
Võru teenindusbüroo | Võru teenindusbüroo
KOV nõustamise osakond | KOV nõustamise osakond
IT-arhitekt | IT-arhitekt
CRM-spetsialist | CRM-spetsialist
ELi õiguse nõunik | ELi õiguse nõunik
Põhja prefektuur | Põhja prefektuur
Lõuna prefektuur | Lõuna prefektuur
Ida päästekeskus | Ida päästekeskus
Lääne prefektuur | Lääne prefektuur
Lõuna-Eesti regionaalosakond | Lõuna-Eesti regionaalosakond
Ida-Virumaa keskus | Ida-Virumaa keskus
Sotsiaalkindlustusamet | Sotsiaalkindlustusamet
Kultuuriministeeriumi nõunik | Kultuuriministeeriumi nõunik
Maksu- ja Tolliamet | Maksu- ja Tolliamet
Riigi Kinnisvara AS | Riigi Kinnisvara AS
Eesti Töötukassa | Eesti Töötukassa
laste heaolu osakond | laste heaolu osakond
Qwxzptr talitus | Qwxzptr talitus
"""
ROWS = [tuple(p.strip() for p in line.split("|")) for line in SENTENCE_CASE.strip().splitlines()]


@pytest.mark.parametrize("written,inside", ROWS, ids=[r[0] for r in ROWS])
def test_sentence_case(eng, written, inside):
    assert language.sentence_case(written, eng=eng) == inside


def test_lower_first_stays_as_it_was():
    assert language.lower_first("Pärnu esindus") == "pärnu esindus"


# phrase | its members, separated by " ¦ "
LISTS = """
nõunik või projektijuht | nõunik ¦ projektijuht
analüütik, jurist ja nõunik | analüütik ¦ jurist ¦ nõunik
nõunik/jurist | nõunik ¦ jurist
tiimijuht / projektijuht | tiimijuht ¦ projektijuht
jurist ja/või analüütik | jurist ¦ analüütik
peaspetsialist (lastemaja, Tartu) või nõunik | peaspetsialist (lastemaja, Tartu) ¦ nõunik
Maksu- ja Tolliamet | Maksu- ja Tolliamet
finants- ja personalijuht | finants- ja personalijuht
personali-, finants- ja haldusosakond | personali-, finants- ja haldusosakond
Kvaliteedi ja järelevalve osakond | Kvaliteedi ja järelevalve osakond
erihoolekande ja rehabilitatsiooni talitus | erihoolekande ja rehabilitatsiooni talitus
Laste, perede ja noorte osakond | Laste, perede ja noorte osakond
riiklik ja rahvusvaheline koostöö | riiklik ja rahvusvaheline koostöö
Tartu ja Pärnu esindus | Tartu ja Pärnu esindus
Tarbijakaitse ja Tehnilise Järelevalve Amet | Tarbijakaitse ja Tehnilise Järelevalve Amet
nõunik peadirektori ülesannetes ja jurist | nõunik peadirektori ülesannetes ¦ jurist
Maksu- ja Tolliamet või Politsei- ja Piirivalveamet | Maksu- ja Tolliamet ¦ Politsei- ja Piirivalveamet
laste heaolu osakond | laste heaolu osakond
"""
LIST_ROWS = [(a.strip(), [m.strip() for m in b.split("¦")])
             for a, b in (line.split(" | ") for line in LISTS.strip().splitlines())]


@pytest.mark.parametrize("phrase,members", LIST_ROWS, ids=[r[0] for r in LIST_ROWS])
def test_split_list(eng, phrase, members):
    assert language.split_list(phrase, eng=eng) == members


def test_a_list_of_mixed_members_inflects_each(eng):
    assert language.inflect("nõunik peadirektori ülesannetes ja jurist", "genitive", eng=eng) == \
        "nõuniku peadirektori ülesannetes ja juristi"
    assert language.inflect("Maksu- ja Tolliamet või Politsei- ja Piirivalveamet", "allative",
                            eng=eng) == "Maksu- ja Tolliametile või Politsei- ja Piirivalveametile"


def test_an_agent_noun_before_a_titled_member_is_refused_where_the_readings_differ(eng):
    phrase = "osakonnajuhataja ja teenuse juht"
    # the genitive is the same as a list and as one title
    assert language.inflect(phrase, "genitive", eng=eng) == "osakonnajuhataja ja teenuse juhi"
    with pytest.raises(language.InflectionError, match="depends on whether it is a list"):
        language.inflect(phrase, "partitive", eng=eng)
