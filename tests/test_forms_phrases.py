"""The names Estonian public agencies use, in the genitive and the partitive (and the allative for
agency names), by the classes of issue 11: with Vabamorf every form is right; with the shipped
table alone every form is right or refused, never wrong.

The forms are written from Estonian grammar (EKI's rules and dictionary forms; Vabamorf's
synthesis of single words as written), not from ajdoc's output.
"""

from __future__ import annotations

import pytest

from ajdoc import language

# nominative | genitive | partitive [| allative]
PHRASES = """
# 1. capitals kept: abbreviations, proper nouns inside hyphenated names
CRM-spetsialist | CRM-spetsialisti | CRM-spetsialisti
IT-talitus | IT-talituse | IT-talitust
IT-arhitekt | IT-arhitekti | IT-arhitekti
IT-osakond | IT-osakonna | IT-osakonda
IT-spetsialist | IT-spetsialisti | IT-spetsialisti
IT-juht | IT-juhi | IT-juhti
HR-partner | HR-partneri | HR-partnerit
IKT-arendaja | IKT-arendaja | IKT-arendajat
ELi nõunik | ELi nõuniku | ELi nõunikku
ELi õiguse nõunik | ELi õiguse nõuniku | ELi õiguse nõunikku
EL | ELi | ELi | ELile
KOV nõustamise osakond | KOV nõustamise osakonna | KOV nõustamise osakonda
Lõuna-Eesti regionaalosakond | Lõuna-Eesti regionaalosakonna | Lõuna-Eesti regionaalosakonda
Põhja-Eesti regionaalosakond | Põhja-Eesti regionaalosakonna | Põhja-Eesti regionaalosakonda
Lõuna-Eesti | Lõuna-Eesti | Lõuna-Eestit
Ida-Virumaa | Ida-Virumaa | Ida-Virumaad
Lääne-Virumaa esindus | Lääne-Virumaa esinduse | Lääne-Virumaa esindust
Ida-Viru keskus | Ida-Viru keskuse | Ida-Viru keskust
e-teenuste osakond | e-teenuste osakonna | e-teenuste osakonda
Pärnu esindus | Pärnu esinduse | Pärnu esindust
Tartu esindus | Tartu esinduse | Tartu esindust
Narva teenindusbüroo | Narva teenindusbüroo | Narva teenindusbürood
Saare maakonna esindus | Saare maakonna esinduse | Saare maakonna esindust
Tallinna piirkondlik keskus | Tallinna piirkondliku keskuse | Tallinna piirkondlikku keskust
Põhja prefektuur | Põhja prefektuuri | Põhja prefektuuri
Lõuna prefektuur | Lõuna prefektuuri | Lõuna prefektuuri
Ida prefektuur | Ida prefektuuri | Ida prefektuuri
Lääne prefektuur | Lääne prefektuuri | Lääne prefektuuri
Ida päästekeskus | Ida päästekeskuse | Ida päästekeskust
Lõuna päästekeskus | Lõuna päästekeskuse | Lõuna päästekeskust
Nõunik (IT) | Nõuniku (IT) | Nõunikku (IT)
# 5. a trailing company form is the head; one before the name is inflected alone (EKI)
Riigi Kinnisvara AS | Riigi Kinnisvara AS-i | Riigi Kinnisvara AS-i | Riigi Kinnisvara AS-ile
Eesti Energia AS | Eesti Energia AS-i | Eesti Energia AS-i | Eesti Energia AS-ile
Õigusteabe AS | Õigusteabe AS-i | Õigusteabe AS-i | Õigusteabe AS-ile
Balti Paberi AS | Balti Paberi AS-i | Balti Paberi AS-i | Balti Paberi AS-ile
Lasnamäe Haljastuse OÜ | Lasnamäe Haljastuse OÜ | Lasnamäe Haljastuse OÜ-d | Lasnamäe Haljastuse OÜ-le
AS Tallinna Vesi | AS-i Tallinna Vesi | AS-i Tallinna Vesi | AS-ile Tallinna Vesi
# 3. lists: every member inflects; a name whose "ja" is part of it stays one name
nõunik või projektijuht | nõuniku või projektijuhi | nõunikku või projektijuhti
analüütik, jurist ja nõunik | analüütiku, juristi ja nõuniku | analüütikut, juristi ja nõunikku
nõunik/jurist | nõuniku/juristi | nõunikku/juristi
tiimijuht / projektijuht | tiimijuhi / projektijuhi | tiimijuhti / projektijuhti
referent või sekretär | referendi või sekretäri | referenti või sekretäri
peaspetsialist ja jurist | peaspetsialisti ja juristi | peaspetsialisti ja juristi
Konsultant, peaspetsialist või nõunik | Konsultandi, peaspetsialisti või nõuniku | Konsultanti, peaspetsialisti või nõunikku
jurist ja/või analüütik | juristi ja/või analüütiku | juristi ja/või analüütikut
juhataja ja nõunik | juhataja ja nõuniku | juhatajat ja nõunikku
peaspetsialist (lastemaja) või nõunik | peaspetsialisti (lastemaja) või nõuniku | peaspetsialisti (lastemaja) või nõunikku
vanemspetsialist ning referent | vanemspetsialisti ning referendi | vanemspetsialisti ning referenti
Maksu- ja Tolliamet | Maksu- ja Tolliameti | Maksu- ja Tolliametit | Maksu- ja Tolliametile
Politsei- ja Piirivalveamet | Politsei- ja Piirivalveameti | Politsei- ja Piirivalveametit | Politsei- ja Piirivalveametile
Haridus- ja Noorteamet | Haridus- ja Noorteameti | Haridus- ja Noorteametit | Haridus- ja Noorteametile
Põllumajandus- ja Toiduamet | Põllumajandus- ja Toiduameti | Põllumajandus- ja Toiduametit | Põllumajandus- ja Toiduametile
Haridus- ja Teadusministeerium | Haridus- ja Teadusministeeriumi | Haridus- ja Teadusministeeriumi | Haridus- ja Teadusministeeriumile
Justiits- ja Digiministeerium | Justiits- ja Digiministeeriumi | Justiits- ja Digiministeeriumi | Justiits- ja Digiministeeriumile
Majandus- ja Kommunikatsiooniministeerium | Majandus- ja Kommunikatsiooniministeeriumi | Majandus- ja Kommunikatsiooniministeeriumi | Majandus- ja Kommunikatsiooniministeeriumile
finants- ja personalijuht | finants- ja personalijuhi | finants- ja personalijuhti
personali- ja haldusosakond | personali- ja haldusosakonna | personali- ja haldusosakonda
personali-, finants- ja haldusosakond | personali-, finants- ja haldusosakonna | personali-, finants- ja haldusosakonda
sotsiaal- ja tervishoiuteenuste osakond | sotsiaal- ja tervishoiuteenuste osakonna | sotsiaal- ja tervishoiuteenuste osakonda
Kvaliteedi ja järelevalve osakond | Kvaliteedi ja järelevalve osakonna | Kvaliteedi ja järelevalve osakonda
erihoolekande ja rehabilitatsiooni talitus | erihoolekande ja rehabilitatsiooni talituse | erihoolekande ja rehabilitatsiooni talitust
laste ja perede osakond | laste ja perede osakonna | laste ja perede osakonda
Laste, perede ja noorte osakond | Laste, perede ja noorte osakonna | Laste, perede ja noorte osakonda
Strateegia ja analüüsi osakond | Strateegia ja analüüsi osakonna | Strateegia ja analüüsi osakonda
eelarve ja analüüsi talitus | eelarve ja analüüsi talituse | eelarve ja analüüsi talitust
Tartu ja Pärnu esindus | Tartu ja Pärnu esinduse | Tartu ja Pärnu esindust
riiklik ja rahvusvaheline koostöö | riikliku ja rahvusvahelise koostöö | riiklikku ja rahvusvahelist koostööd
Registrite ja Infosüsteemide Keskus | Registrite ja Infosüsteemide Keskuse | Registrite ja Infosüsteemide Keskust | Registrite ja Infosüsteemide Keskusele
Tarbijakaitse ja Tehnilise Järelevalve Amet | Tarbijakaitse ja Tehnilise Järelevalve Ameti | Tarbijakaitse ja Tehnilise Järelevalve Ametit | Tarbijakaitse ja Tehnilise Järelevalve Ametile
# 4. adjectives and participles agree wherever they stand before the head
regionaalne sotsiaalteenuste osakond | regionaalse sotsiaalteenuste osakonna | regionaalset sotsiaalteenuste osakonda
Regionaalne sotsiaaltöö keskus | Regionaalse sotsiaaltöö keskuse | Regionaalset sotsiaaltöö keskust
piirkondlik klienditeeninduse keskus | piirkondliku klienditeeninduse keskuse | piirkondlikku klienditeeninduse keskust
riiklik lastekaitse keskus | riikliku lastekaitse keskuse | riiklikku lastekaitse keskust
rahvusvahelise koostöö osakond | rahvusvahelise koostöö osakonna | rahvusvahelise koostöö osakonda
rahvusvaheline koostööbüroo | rahvusvahelise koostööbüroo | rahvusvahelist koostööbürood
vastutav sekretär | vastutava sekretäri | vastutavat sekretäri
juhtiv ekspert | juhtiva eksperdi | juhtivat eksperti
juhtiv IT-arhitekt | juhtiva IT-arhitekti | juhtivat IT-arhitekti
noorem spetsialist | noorema spetsialisti | nooremat spetsialisti
keskne teenindusbüroo | keskse teenindusbüroo | keskset teenindusbürood
kohalik teeninduskoht | kohaliku teeninduskoha | kohalikku teeninduskohta
üldine haldusosakond | üldise haldusosakonna | üldist haldusosakonda
avalik teenistus | avaliku teenistuse | avalikku teenistust
Sotsiaalne rehabilitatsioon | Sotsiaalse rehabilitatsiooni | Sotsiaalset rehabilitatsiooni
uus osakond | uue osakonna | uut osakonda
väike koosolekuruum | väikese koosolekuruumi | väikest koosolekuruumi
kaitstud töö | kaitstud töö | kaitstud tööd
traumeeritud laste toetamise talitus | traumeeritud laste toetamise talituse | traumeeritud laste toetamise talitust
siseriikliku nõustamisteenuse tiim | siseriikliku nõustamisteenuse tiimi | siseriikliku nõustamisteenuse tiimi
# 5. the head is the last noun of the main phrase: post-modifiers and qualifiers stay
nõunik peadirektori ülesannetes | nõuniku peadirektori ülesannetes | nõunikku peadirektori ülesannetes
nõunik välissuhete alal | nõuniku välissuhete alal | nõunikku välissuhete alal
nõunik ministri juures | nõuniku ministri juures | nõunikku ministri juures
peaspetsialist personali valdkonnas | peaspetsialisti personali valdkonnas | peaspetsialisti personali valdkonnas
ekspert rahvusvahelise koostöö küsimustes | eksperdi rahvusvahelise koostöö küsimustes | eksperti rahvusvahelise koostöö küsimustes
direktori kohusetäitja | direktori kohusetäitja | direktori kohusetäitjat
osakonnajuhataja asendaja | osakonnajuhataja asendaja | osakonnajuhataja asendajat
Peaspetsialist (lastemaja) | Peaspetsialisti (lastemaja) | Peaspetsialisti (lastemaja)
Koordinaator (kaitstud töö) | Koordinaatori (kaitstud töö) | Koordinaatorit (kaitstud töö)
Teenuse juht (siseriiklik nõustamine) | Teenuse juhi (siseriiklik nõustamine) | Teenuse juhti (siseriiklik nõustamine)
nõunik (siseriikliku nõustamisteenuse tiim) | nõuniku (siseriikliku nõustamisteenuse tiim) | nõunikku (siseriikliku nõustamisteenuse tiim)
# 6. agency names: the normative form first (-ium: partitive "-iumi", ÕS)
Sotsiaalkindlustusamet | Sotsiaalkindlustusameti | Sotsiaalkindlustusametit | Sotsiaalkindlustusametile
Kultuuriministeerium | Kultuuriministeeriumi | Kultuuriministeeriumi | Kultuuriministeeriumile
Sotsiaalministeerium | Sotsiaalministeeriumi | Sotsiaalministeeriumi | Sotsiaalministeeriumile
Rahandusministeerium | Rahandusministeeriumi | Rahandusministeeriumi | Rahandusministeeriumile
Siseministeerium | Siseministeeriumi | Siseministeeriumi | Siseministeeriumile
Välisministeerium | Välisministeeriumi | Välisministeeriumi | Välisministeeriumile
Kaitseministeerium | Kaitseministeeriumi | Kaitseministeeriumi | Kaitseministeeriumile
Kliimaministeerium | Kliimaministeeriumi | Kliimaministeeriumi | Kliimaministeeriumile
Riigikantselei | Riigikantselei | Riigikantseleid | Riigikantseleile
Päästeamet | Päästeameti | Päästeametit | Päästeametile
Terviseamet | Terviseameti | Terviseametit | Terviseametile
Transpordiamet | Transpordiameti | Transpordiametit | Transpordiametile
Keskkonnaamet | Keskkonnaameti | Keskkonnaametit | Keskkonnaametile
Maa-amet | Maa-ameti | Maa-ametit | Maa-ametile
Konkurentsiamet | Konkurentsiameti | Konkurentsiametit | Konkurentsiametile
Statistikaamet | Statistikaameti | Statistikaametit | Statistikaametile
Keeleamet | Keeleameti | Keeleametit | Keeleametile
Muinsuskaitseamet | Muinsuskaitseameti | Muinsuskaitseametit | Muinsuskaitseametile
Patendiamet | Patendiameti | Patendiametit | Patendiametile
Kaitsepolitseiamet | Kaitsepolitseiameti | Kaitsepolitseiametit | Kaitsepolitseiametile
Andmekaitse Inspektsioon | Andmekaitse Inspektsiooni | Andmekaitse Inspektsiooni | Andmekaitse Inspektsioonile
Finantsinspektsioon | Finantsinspektsiooni | Finantsinspektsiooni | Finantsinspektsioonile
Tööinspektsioon | Tööinspektsiooni | Tööinspektsiooni | Tööinspektsioonile
Riigi Infosüsteemi Amet | Riigi Infosüsteemi Ameti | Riigi Infosüsteemi Ametit | Riigi Infosüsteemi Ametile
Riigi Tugiteenuste Keskus | Riigi Tugiteenuste Keskuse | Riigi Tugiteenuste Keskust | Riigi Tugiteenuste Keskusele
Kaitseressursside Amet | Kaitseressursside Ameti | Kaitseressursside Ametit | Kaitseressursside Ametile
Eesti Töötukassa | Eesti Töötukassa | Eesti Töötukassat | Eesti Töötukassale
Eesti Haigekassa | Eesti Haigekassa | Eesti Haigekassat | Eesti Haigekassale
Tervisekassa | Tervisekassa | Tervisekassat | Tervisekassale
Häirekeskus | Häirekeskuse | Häirekeskust | Häirekeskusele
Keskkonnaagentuur | Keskkonnaagentuuri | Keskkonnaagentuuri | Keskkonnaagentuurile
Riigiprokuratuur | Riigiprokuratuuri | Riigiprokuratuuri | Riigiprokuratuurile
Riigikohus | Riigikohtu | Riigikohut | Riigikohtule
Tallinna Halduskohus | Tallinna Halduskohtu | Tallinna Halduskohut | Tallinna Halduskohtule
Harju Maakohus | Harju Maakohtu | Harju Maakohut | Harju Maakohtule
Tartu Ringkonnakohus | Tartu Ringkonnakohtu | Tartu Ringkonnakohut | Tartu Ringkonnakohtule
Riigikontroll | Riigikontrolli | Riigikontrolli | Riigikontrollile
Õiguskantsleri Kantselei | Õiguskantsleri Kantselei | Õiguskantsleri Kantseleid | Õiguskantsleri Kantseleile
Tervise Arengu Instituut | Tervise Arengu Instituudi | Tervise Arengu Instituuti | Tervise Arengu Instituudile
Rahvusarhiiv | Rahvusarhiivi | Rahvusarhiivi | Rahvusarhiivile
Eesti Rahvusraamatukogu | Eesti Rahvusraamatukogu | Eesti Rahvusraamatukogu | Eesti Rahvusraamatukogule
Kaitsevägi | Kaitseväe | Kaitseväge | Kaitseväele
Kaitseliit | Kaitseliidu | Kaitseliitu | Kaitseliidule
Sisekaitseakadeemia | Sisekaitseakadeemia | Sisekaitseakadeemiat | Sisekaitseakadeemiale
Keskkriminaalpolitsei | Keskkriminaalpolitsei | Keskkriminaalpolitseid | Keskkriminaalpolitseile
Tallinna Vangla | Tallinna Vangla | Tallinna Vanglat | Tallinna Vanglale
Eesti Kultuurkapital | Eesti Kultuurkapitali | Eesti Kultuurkapitali | Eesti Kultuurkapitalile
Integratsiooni Sihtasutus | Integratsiooni Sihtasutuse | Integratsiooni Sihtasutust | Integratsiooni Sihtasutusele
# units
laste heaolu osakond | laste heaolu osakonna | laste heaolu osakonda
nõustamisteenuste talitus | nõustamisteenuste talituse | nõustamisteenuste talitust
personaliosakond | personaliosakonna | personaliosakonda
finantsosakond | finantsosakonna | finantsosakonda
õigusosakond | õigusosakonna | õigusosakonda
Üldosakond | Üldosakonna | Üldosakonda
kommunikatsiooniosakond | kommunikatsiooniosakonna | kommunikatsiooniosakonda
siseauditi osakond | siseauditi osakonna | siseauditi osakonda
Personalitalitus | Personalitalituse | Personalitalitust
klienditeeninduse talitus | klienditeeninduse talituse | klienditeeninduse talitust
dokumendihalduse büroo | dokumendihalduse büroo | dokumendihalduse bürood
andmehalduse tiim | andmehalduse tiimi | andmehalduse tiimi
infoturbe meeskond | infoturbe meeskonna | infoturbe meeskonda
riskijuhtimise sektor | riskijuhtimise sektori | riskijuhtimise sektorit
Teenuste osakond | Teenuste osakonna | Teenuste osakonda
# titles and signer titles
peadirektor | peadirektori | peadirektorit
Peadirektor | Peadirektori | Peadirektorit
Peadirektori asetäitja | Peadirektori asetäitja | Peadirektori asetäitjat
kantsler | kantsleri | kantslerit
asekantsler | asekantsleri | asekantslerit
minister | ministri | ministrit
riigisekretär | riigisekretäri | riigisekretäri
õiguskantsler | õiguskantsleri | õiguskantslerit
direktor | direktori | direktorit
asedirektor | asedirektori | asedirektorit
juhataja | juhataja | juhatajat
juhatuse liige | juhatuse liikme | juhatuse liiget
juhatuse esimees | juhatuse esimehe | juhatuse esimeest
peaspetsialist | peaspetsialisti | peaspetsialisti
juhtivspetsialist | juhtivspetsialisti | juhtivspetsialisti
vanemspetsialist | vanemspetsialisti | vanemspetsialisti
Vanemreferent | Vanemreferendi | Vanemreferenti
juhtivjurist | juhtivjuristi | juhtivjuristi
nõunik-jurist | nõunik-juristi | nõunik-juristi
andmeanalüütik | andmeanalüütiku | andmeanalüütikut
arhitekt | arhitekti | arhitekti
arendaja | arendaja | arendajat
tarkvaraarendaja | tarkvaraarendaja | tarkvaraarendajat
süsteemiadministraator | süsteemiadministraatori | süsteemiadministraatorit
programmijuht | programmijuhi | programmijuhti
tooteomanik | tooteomaniku | tooteomanikku
Teenuseomanik (lastemaja) | Teenuseomaniku (lastemaja) | Teenuseomanikku (lastemaja)
talitusejuhataja | talitusejuhataja | talitusejuhatajat
juhiabi | juhiabi | juhiabi
assistent | assistendi | assistenti
audiitor | audiitori | audiitorit
siseaudiitor | siseaudiitori | siseaudiitorit
pearaamatupidaja | pearaamatupidaja | pearaamatupidajat
personalijuht | personalijuhi | personalijuhti
kommunikatsioonijuht | kommunikatsioonijuhi | kommunikatsioonijuhti
pressiesindaja | pressiesindaja | pressiesindajat
disainer | disaineri | disainerit
tõlk | tõlgi | tõlki
dokumendihaldur | dokumendihalduri | dokumendihaldurit
klienditeenindaja | klienditeenindaja | klienditeenindajat
sotsiaaltöötaja | sotsiaaltöötaja | sotsiaaltöötajat
psühholoog | psühholoogi | psühholoogi
juhtumikorraldaja | juhtumikorraldaja | juhtumikorraldajat
kontrolör | kontrolöri | kontrolöri
metoodik | metoodiku | metoodikut
statistik | statistiku | statistikut
teadur | teaduri | teadurit
ametnik | ametniku | ametnikku
insener | inseneri | inseneri
tehnik | tehniku | tehnikut
volinik | voliniku | volinikku
suursaadik | suursaadiku | suursaadikut
prokurör | prokuröri | prokuröri
kohtunik | kohtuniku | kohtunikku
prefekt | prefekti | prefekti
tegevusterapeut | tegevusterapeudi | tegevusterapeuti
eripedagoog | eripedagoogi | eripedagoogi
logopeed | logopeedi | logopeedi
Lastekaitsespetsialist | Lastekaitsespetsialisti | Lastekaitsespetsialisti
"""


def _rows() -> list[tuple[str, ...]]:
    rows = []
    for line in PHRASES.strip().splitlines():
        if line.startswith("#"):
            continue
        rows.append(tuple(p.strip() for p in line.split("|")))
    return rows


ROWS = _rows()
CASE_NAMES = ("genitive", "partitive", "allative")


def expectations() -> list[tuple[str, str, str]]:
    """(phrase, case, form) for every form of the table."""
    return [(row[0], case, form) for row in ROWS for case, form in zip(CASE_NAMES, row[1:])]


def test_the_table_is_wide_enough():
    assert len(ROWS) >= 150 and len({r[0] for r in ROWS}) == len(ROWS)
    assert all(len(r) in (3, 4) for r in ROWS)
    assert sum(len(r) == 4 for r in ROWS) >= 50  # agency names with their allative


@pytest.mark.parametrize("engine_name", ["vabamorf", None])
def test_every_form_is_right_with_vabamorf(engine_name):
    pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    eng = language.engine(engine_name)  # Vabamorf alone, and the table first with Vabamorf after
    failures = []
    for phrase, case, expected in expectations():
        try:
            got = language.inflect(phrase, case, eng=eng)
        except language.InflectionError as exc:
            got = f"refused: {exc.message}"
        if got != expected:
            failures.append(f"{phrase} ({case}): {got!r}, expected {expected!r}")
    assert not failures, "\n".join(failures)


def test_the_table_alone_gives_no_wrong_form(capsys):
    eng = language.engine("table")
    right, refused, wrong = 0, 0, []
    for phrase, case, expected in expectations():
        try:
            got = language.inflect(phrase, case, eng=eng)
        except language.InflectionError:
            refused += 1
            continue
        if got == expected:
            right += 1
        else:
            wrong.append(f"{phrase} ({case}): {got!r}, expected {expected!r}")
    with capsys.disabled():
        print(f"\nthe table alone: {right} right, {refused} refused, {len(wrong)} wrong "
              f"of {len(expectations())} forms")
    assert not wrong, "\n".join(wrong)
    assert right >= 0.9 * len(expectations())  # the usual names work without Vabamorf
