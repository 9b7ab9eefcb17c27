"""Estonian forms: phrases in the genitive and partitive with both engines, lists, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from ajdoc import AjdocError, language

# nominative | genitive | partitive — unit names, agency names, job titles from the seeds and beyond
PHRASES = """
laste heaolu osakond | laste heaolu osakonna | laste heaolu osakonda
Tallinna piirkondlik keskus | Tallinna piirkondliku keskuse | Tallinna piirkondlikku keskust
Maksu- ja Tolliamet | Maksu- ja Tolliameti | Maksu- ja Tolliametit
Peaspetsialist (lastemaja) | Peaspetsialisti (lastemaja) | Peaspetsialisti (lastemaja)
Koordinaator (kaitstud töö) | Koordinaatori (kaitstud töö) | Koordinaatorit (kaitstud töö)
kaitstud töö | kaitstud töö | kaitstud tööd
Sotsiaalkindlustusamet | Sotsiaalkindlustusameti | Sotsiaalkindlustusametit
peadirektor | peadirektori | peadirektorit
Teenuse juht (siseriiklik nõustamine) | Teenuse juhi (siseriiklik nõustamine) | Teenuse juhti (siseriiklik nõustamine)
nõustamisteenuste talitus | nõustamisteenuste talituse | nõustamisteenuste talitust
traumeeritud laste toetamise talitus | traumeeritud laste toetamise talituse | traumeeritud laste toetamise talitust
Teenuseomanik (lastemaja) | Teenuseomaniku (lastemaja) | Teenuseomanikku (lastemaja)
Juhtivspetsialist (lastemaja) | Juhtivspetsialisti (lastemaja) | Juhtivspetsialisti (lastemaja)
Talitusejuhataja | Talitusejuhataja | Talitusejuhatajat
Talituse juhataja | Talituse juhataja | Talituse juhatajat
nõunik (siseriikliku nõustamisteenuse tiim) | nõuniku (siseriikliku nõustamisteenuse tiim) | nõunikku (siseriikliku nõustamisteenuse tiim)
Konsultant | Konsultandi | Konsultanti
Projektijuht (kaitstud töö) | Projektijuhi (kaitstud töö) | Projektijuhti (kaitstud töö)
Osakonnajuhataja | Osakonnajuhataja | Osakonnajuhatajat
Teenuste osakond | Teenuste osakonna | Teenuste osakonda
erihoolekande ja rehabilitatsiooni talitus | erihoolekande ja rehabilitatsiooni talituse | erihoolekande ja rehabilitatsiooni talitust
Politsei- ja Piirivalveamet | Politsei- ja Piirivalveameti | Politsei- ja Piirivalveametit
Terviseamet | Terviseameti | Terviseametit
Haridus- ja Noorteamet | Haridus- ja Noorteameti | Haridus- ja Noorteametit
Peadirektori asetäitja | Peadirektori asetäitja | Peadirektori asetäitjat
Tartu regionaalne keskus | Tartu regionaalse keskuse | Tartu regionaalset keskust
uus osakond | uue osakonna | uut osakonda
Sotsiaalne rehabilitatsioon | Sotsiaalse rehabilitatsiooni | Sotsiaalset rehabilitatsiooni
Jurist | Juristi | Juristi
Vanemnõunik | Vanemnõuniku | Vanemnõunikku
Analüütik | Analüütiku | Analüütikut
Arendusjuht | Arendusjuhi | Arendusjuhti
Personalitalitus | Personalitalituse | Personalitalitust
Üldosakond | Üldosakonna | Üldosakonda
Kvaliteedi ja järelevalve osakond | Kvaliteedi ja järelevalve osakonna | Kvaliteedi ja järelevalve osakonda
Sekretär | Sekretäri | Sekretäri
Referent | Referendi | Referenti
Inspektor | Inspektori | Inspektorit
Raamatupidaja | Raamatupidaja | Raamatupidajat
Tiimijuht | Tiimijuhi | Tiimijuhti
siseriikliku nõustamisteenuse tiim | siseriikliku nõustamisteenuse tiimi | siseriikliku nõustamisteenuse tiimi
Ekspert (lastekaitse) | Eksperdi (lastekaitse) | Eksperti (lastekaitse)
Meeskonnajuht | Meeskonnajuhi | Meeskonnajuhti
Lastekaitsespetsialist | Lastekaitsespetsialisti | Lastekaitsespetsialisti
Suur koosolekuruum | Suure koosolekuruumi | Suurt koosolekuruumi
"""
ROWS = [tuple(p.strip() for p in line.split("|")) for line in PHRASES.strip().splitlines()]
ENGINES = ["vabamorf", "table"]


def test_at_least_forty_phrases():
    assert len(ROWS) >= 40


@pytest.fixture(params=ENGINES)
def eng(request):
    if request.param == "vabamorf":
        pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    return language.engine(request.param)


@pytest.mark.parametrize("nominative,genitive,partitive", ROWS, ids=[r[0] for r in ROWS])
def test_phrase_forms(eng, nominative, genitive, partitive):
    assert language.inflect(nominative, "genitive", eng=eng) == genitive
    assert language.inflect(nominative, "partitive", eng=eng) == partitive


def test_adessive_elative_allative(eng):
    assert language.inflect("laste heaolu osakond", "adessive", eng=eng) == "laste heaolu osakonnal"
    assert language.inflect("Teenuste osakond", "elative", eng=eng) == "Teenuste osakonnast"
    assert language.inflect("Sotsiaalkindlustusamet", "allative", eng=eng) == "Sotsiaalkindlustusametile"


def test_two_correct_forms_give_the_normative_first_and_explicit_form_wins(eng):
    # ÕS and the 1982 decision on -ium words: partitive "ministeeriumi", also "ministeeriumit"
    assert language.inflect("Sotsiaalministeerium", "partitive", eng=eng) == "Sotsiaalministeeriumi"
    assert language.inflect_all("Sotsiaalministeerium", eng=eng)["partitive"] == \
        ["Sotsiaalministeeriumi", "Sotsiaalministeeriumit"]
    assert language.inflect("Sotsiaalministeerium", "partitive", eng=eng,
                            explicit={"Sotsiaalministeerium": {"partitive": "Sotsiaalministeeriumit"}}) \
        == "Sotsiaalministeeriumit"


def test_homonyms_are_refused_unless_the_lexicon_prefers_one():
    pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    vm = language.engine("vabamorf")
    with pytest.raises(AjdocError, match="ambiguous: palga / palgi"):
        language.inflect("palk", "genitive", eng=vm)  # a wage or a log
    assert language.inflect("Projektijuht", "genitive", eng=vm) == "Projektijuhi"  # not "juhu"


def test_unknown_word_is_reported(eng):
    with pytest.raises(AjdocError, match="does not know"):
        language.inflect("Qwxzptr", "genitive", eng=eng)


def test_engines_agree_on_every_phrase():
    pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    vm, table = language.engine("vabamorf"), language.engine("table")
    for nominative, *_ in ROWS:
        for case in ("genitive", "partitive", "adessive", "elative"):
            assert language.inflect(nominative, case, eng=vm) == \
                language.inflect(nominative, case, eng=table), (nominative, case)


def test_title_list_in_the_partitive_as_seed_000():
    titles = ["Konsultant", "peaspetsialist", "nõunik (siseriikliku nõustamisteenuse tiim)",
              "talitusejuhataja"]
    assert language.inflect_list(titles, "partitive") == (
        "Konsultanti, peaspetsialisti, nõunikku (siseriikliku nõustamisteenuse tiim), "
        "talitusejuhatajat")
    assert language.inflect_list(["Koordinaator (kaitstud töö)", "projektijuht (kaitstud töö)"],
                                 "partitive", conjunction="või") == \
        "Koordinaatorit (kaitstud töö) või projektijuhti (kaitstud töö)"


@pytest.mark.parametrize("date,short,long", [
    (dt.date(2025, 11, 28), "28.11.2025", "2025. aasta 28. novembril"),
    (dt.date(2025, 12, 1), "01.12.2025", "2025. aasta 1. detsembril"),
    (dt.date(2024, 1, 14), "14.01.2024", "2024. aasta 14. jaanuaril"),
    (dt.date(2026, 3, 9), "09.03.2026", "2026. aasta 9. märtsil"),
    (dt.date(2026, 5, 31), "31.05.2026", "2026. aasta 31. mail"),
])
def test_dates(eng, date, short, long):
    assert language.short_date(date) == short
    assert language.long_date(date, eng=eng) == long


def test_month_names_in_the_cases(eng):
    d = dt.date(2025, 12, 1)
    assert language.long_date(d, "genitive", eng=eng) == "2025. aasta 1. detsembri"
    assert language.long_date(d, "elative", eng=eng) == "2025. aasta 1. detsembrist"
    assert language.long_date(dt.date(2025, 2, 1), "adessive", eng=eng) == "2025. aasta 1. veebruaril"


def test_cli_inflect(cli):
    res = cli("inflect", "--case", "genitive", "Tallinna piirkondlik keskus")
    assert res.returncode == 0 and res.stdout.strip() == "Tallinna piirkondliku keskuse"
    res = cli("inflect", "--engine", "table", "--case", "partitive", "Peaspetsialist (lastemaja)")
    assert res.stdout.strip() == "Peaspetsialisti (lastemaja)"
    res = cli("inflect", "--case", "genitive", "Qwxzptr")
    assert res.returncode == 2 and "does not know" in res.stderr


def test_cli_start_does_not_import_heavy_libraries():
    import subprocess
    import sys

    code = ("import sys; from ajdoc import cli; "
            "print(','.join(m for m in ('docxtpl', 'lxml', 'estnltk', 'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout


# -- explicit forms, every case, many phrases ----------------------------------------------------
def test_normalize_forms_reads_a_plain_string_as_the_genitive():
    assert language.normalize_forms({"Teenuse juht": "Teenuse juhi",
                                     "Eesti Töötukassa": {"allative": "Eesti Töötukassale"}}) == {
        "Teenuse juht": {"genitive": "Teenuse juhi"},
        "Eesti Töötukassa": {"allative": "Eesti Töötukassale"}}
    with pytest.raises(AjdocError, match="unknown case 'dative' in the forms of 'X'"):
        language.normalize_forms({"X": {"dative": "Y"}})
    with pytest.raises(AjdocError, match="must be a text"):
        language.normalize_forms({"X": ["Y"]})


def test_an_explicit_form_is_used_for_its_case_only(eng):
    flat = {"Teenuse juht": "Teenuse juhi"}  # the older form: the genitive
    assert language.inflect("Teenuse juht", "genitive", explicit=flat, eng=eng) == "Teenuse juhi"
    assert language.inflect("Teenuse juht", "nominative", explicit=flat, eng=eng) == "Teenuse juht"
    assert language.inflect("Teenuse juht", "partitive", explicit=flat, eng=eng) == "Teenuse juhti"
    assert language.inflect_list(["Teenuse juht", "nõunik"], "partitive", explicit=flat,
                                 conjunction="või", eng=eng) == "Teenuse juhti või nõunikku"
    given = {"Qwerty talitus": {"genitive": "Qwerty talituse", "allative": "Qwerty talitusele"}}
    assert language.inflect("Qwerty talitus", "allative", explicit=given, eng=eng) == \
        "Qwerty talitusele"
    with pytest.raises(AjdocError, match="does not know 'Qwerty'"):
        language.inflect("Qwerty talitus", "partitive", explicit=given, eng=eng)
    # a member of a list
    assert language.inflect("Qwerty talitus või nõunik", "genitive", explicit=given, eng=eng) == \
        "Qwerty talituse või nõuniku"


def test_inflect_all_gives_every_case_the_printed_form_first(eng):
    forms = language.inflect_all("Riigi Kinnisvara AS", eng=eng)
    assert list(forms) == ["nominative", "genitive", "partitive", "adessive", "elative",
                           "allative"]
    assert forms["nominative"] == ["Riigi Kinnisvara AS"]
    assert forms["genitive"] == ["Riigi Kinnisvara AS-i", "Riigi Kinnisvara ASi"]
    assert forms["allative"][0] == "Riigi Kinnisvara AS-ile"
    assert forms["adessive"][0] == "Riigi Kinnisvara AS-il"
    assert language.inflect_all("EL", eng=eng)["genitive"] == ["ELi", "EL-i"]
    assert language.inflect_all("Qwerty talitus", eng=eng)["genitive"] == []


def test_inflect_many_answers_each_phrase_in_order(eng):
    answers = list(language.inflect_many(["nõunik", "Qwerty talitus", "Päästeamet"],
                                         ["genitive", "allative"], eng=eng))
    assert [(a.phrase, a.case, a.form) for a in answers] == [
        ("nõunik", "genitive", "nõuniku"), ("nõunik", "allative", "nõunikule"),
        ("Qwerty talitus", "genitive", None), ("Qwerty talitus", "allative", None),
        ("Päästeamet", "genitive", "Päästeameti"), ("Päästeamet", "allative", "Päästeametile")]
    assert "does not know 'Qwerty'" in answers[2].error and answers[0].error is None
    with pytest.raises(AjdocError, match="unknown case 'dative'"):
        language.inflect_many(["nõunik"], ["dative"])


def test_capitals_are_kept_letter_by_letter_or_the_word_is_refused(eng):
    from ajdoc.language.lexicon import keep_case

    with pytest.raises(AjdocError, match="unknown case"):
        language.inflect("nõunik", "inessive", eng=eng)
    assert language.inflect("Nõunik", "genitive", eng=eng) == "Nõuniku"
    with pytest.raises(AjdocError):
        language.inflect("NÕUNIK", "genitive", eng=eng)  # capitals: an abbreviation, not a head
    assert keep_case("kultuuriministeeriumi", "Kultuuriministeerium") == "Kultuuriministeeriumi"
    assert keep_case("lõuna-eestit", "Lõuna-Eesti") == "Lõuna-Eestit"
    assert keep_case("sõbra", "SõbEr") is None  # the capital E has no place in "sõbra"


def test_the_table_is_read_fast():
    import time

    from ajdoc.language.engines import TableEngine

    start = time.perf_counter()
    TableEngine()
    assert time.perf_counter() - start < 0.5


def test_nominatives_read_a_printed_genitive_back():
    assert language.nominatives("ministri") == ["minister"]
    assert language.nominatives("Osakonna") == ["osakond"]
    assert language.nominatives("juhataja") == ["juhataja"]
    assert language.nominatives("qwxzptri") == []
