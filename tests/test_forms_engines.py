"""The shipped table against Vabamorf on names outside the phrase table: where the table answers,
it answers as Vabamorf does; and the table's own rules for words it does not hold."""

from __future__ import annotations

import pytest

from ajdoc import language
from ajdoc.language.engines import TableEngine

# unit names and titles of Estonian agencies, not in tests/test_forms_phrases.py
NAMES = """
Rahvastiku toimingute osakond
Migratsioonijärelevalve büroo
kodakondsus- ja migratsioonibüroo
Piiripunkti juht
Teenindussaali juhataja
välisvärbamise spetsialist
Sotsiaalhoolekande osakonna juhataja
pensionide ja toetuste talitus
maksukohustuslaste teenindamise osakond
riskianalüüsi talitus
Küberturvalisuse keskus
Tallinna teenindusbüroo
Jõhvi esindus
Valga maakonna esindus
Hiiumaa esindus
elektroonilise side osakond
andmekaitse- ja infoturbejuht
lastekaitse peaspetsialist
hoolekandespetsialist
perelepitaja
ohvriabitöötaja
kriisinõustaja
tööinspektor-jurist
ehitusjärelevalve insener
toiduohutuse inspektor
veterinaararst
keskkonnainspektor
vanemkonstaabel
konstaabel
uurija
vanemuurija
menetlusjuht
päästekomando pealik
häirekeskuse operaator
vahetuse vanem
raamatukoguhoidja
kuraator
arhiivi juhataja
hankeosakonna juhataja
õigusosakonna nõunik
eelarvespetsialist
palgaarvestaja
finantsanalüütik
riigieelarve osakond
fiskaalpoliitika osakond
Euroopa Liidu asjade osakond
välisabi talitus
arengukoostöö nõunik
konsulaarosakond
protokolliosakond
saatkonna nõunik
Põhja ringkonnaprokuratuur
Lõuna ringkonnaprokuratuur
Viru ringkonnaprokuratuur
Lääne ringkonnaprokuratuur
vanemprokurör
ringkonnaprokurör
kohtunikuabi
kohtuistungi sekretär
kohtujurist
vanglaametnik
valvur
vangla direktor
Tartu Vangla
Viru Vangla
Eesti Vabariigi Valitsus
Vabariigi Valitsus
Riigikogu Kantselei
Vabariigi Presidendi Kantselei
Rahandusministeeriumi kantsler
Sotsiaalministeeriumi asekantsler
asekantsler
tervishoiu asekantsler
digiasjade nõunik
küberturvalisuse ekspert
pilvetaristu arhitekt
andmebaasi administraator
võrguadministraator
IT-tugiisik
kasutajatoe spetsialist
infosüsteemide arendusjuht
e-teenuste juht
tootejuht (digiriik)
teenusedisainer
UX-disainer
andmekaitse spetsialist
siseaudiitor-konsultant
riigihangete spetsialist
lepingute haldur
varahalduse juht
kinnisvarahalduse osakond
transpordi- ja logistikaspetsialist
autojuht
koristaja
majahoidja
valvetöötaja
vastuvõtu administraator
sekretär-asjaajaja
teabehaldur
registripidaja
kvaliteedijuht
arendusnõunik
strateegianõunik
poliitikanõunik
välisnõunik
õigusloome nõunik
kommunikatsiooninõunik
meediasuhete juht
sisekommunikatsiooni spetsialist
turundusspetsialist
veebitoimetaja
graafiline disainer
fotograaf
tõlkija-toimetaja
keeletoimetaja
keeleõppe koordinaator
noorsootöötaja
huvijuht
õppealajuhataja
koolidirektor
lasteaia direktor
õpetaja
tugiõpetaja
eripedagoog-logopeed
koolipsühholoog
sotsiaalpedagoog
karjäärispetsialist
töövahendaja
juhtumikorraldaja-nõustaja
tööturukonsultant
teenuste arendaja
rehabilitatsiooniteenuse spetsialist
puudega inimeste nõustaja
hoolduskoordinaator
lastekaitsetöötaja
pereõde
ämmaemand
arst-resident
kiirabitehnik
epidemioloog
terviseinspektor
keemik
laborant
analüüsilabor
mikrobioloogia labor
Terviseameti Põhja regionaalosakond
Põhja regionaalosakond
Lõuna regionaalosakond
Ida regionaalosakond
Lääne regionaalosakond
Kirde regionaalosakond
Tallinna ja Harjumaa piirkond
Tartu ja Jõgeva piirkond
Pärnu ja Viljandi piirkond
Põhja-Tallinna linnaosa valitsus
Kesklinna valitsus
linnaosa vanem
vallavanem
abivallavanem
linnapea
abilinnapea
vallasekretär
linnasekretär
volikogu esimees
maavanem
riigikontrolör
peaprokurör
riigiprokurör
politseikapten
kolonelleitnant
staabiülem
kaitseväe juhataja
ülemjuhataja
Kriminaalbüroo
Majanduskuritegude büroo
Isikukaitsebüroo
Piirivalvebüroo
Kiirreageerimise talitus
Eeluurimistalitus
Menetlustalitus
Lennusalga juht
Merevalvekeskus
Häirekeskuse Põhja keskus
Tööturuteenuste osakond
Töövõime hindamise osakond
Sotsiaaltöö ja rehabilitatsiooni osakond
Maksuhalduri esindaja
Maksu- ja Tolliameti peadirektor
Sotsiaalkindlustusameti peadirektori asetäitja
Sotsiaalkindlustusameti Tartu esindus
Tervise ja Heaolu Infosüsteemide Keskus
Riigi Infosüsteemi Ameti küberturvalisuse keskus
Küberintsidentide käsitlemise osakond
Andmehõive spetsialist
Aruandlusspetsialist
Raamatupidamisteenuste osakond
Personaliarvestuse talitus
Palgaarvestuse spetsialist
Ehitusregistri peaspetsialist
Maareformi osakond
Ruumiandmete infrastruktuuri nõunik
Geoinfo spetsialist
Kliimamuutuste leevendamise osakond
Ringmajanduse osakond
Metsaosakond
Mereosakond
Veeosakond
Välisõhu ja kiirguse osakond
Tööelu arengu osakond
Soolise võrdõiguslikkuse volinik
Laste õiguste nõunik
Perepoliitika juht
Hoolekandepoliitika osakonna juhataja
Rahvatervise osakonna nõunik
Terviseinfosüsteemide osakond
E-tervise osakond
Tervishoiuvõrgustiku juht
Ravikindlustuse spetsialist
Hambaravi hüvitise spetsialist
Vaktsineerimise koordinaator
Nakkushaiguste epidemioloogia osakond
Kiirgusohutuse osakond
Kemikaaliohutuse spetsialist
Keskkonnatervise spetsialist
Joogivee spetsialist
Toiduohutuse osakond
Loomatervise ja -heaolu osakond
Taimetervise osakond
Maaparanduse osakond
Põllumajandustoetuste osakond
Kultuuriväärtuste osakond
Muinsuskaitse nõunik
Spordipoliitika nõunik
Noortevaldkonna juht
Haridusvõrgu osakond
Õpetajate ja koolijuhtide poliitika osakond
Hariduslike erivajadustega õpilaste nõunik
Keelepoliitika osakond
Välisesinduste talitus
Konsulaarabi nõunik
Kaitseatašee
Alalise esinduse nõunik
Eesti alaline esindus Euroopa Liidu juures
Riigi Tugiteenuste Keskuse palgaarvestuse osakond
Finantsarvestuse osakonna juhataja
Riigikassa osakond
Riigi varade osakond
Maksupoliitika osakond
Fiskaalpoliitika nõunik
Avaliku teenistuse osakond
Riigihalduse poliitika osakond
Kohaliku omavalitsuse ja regionaalhalduse osakond
Rahvastikutoimingute osakond
Perekonnaseisuametnik
Notarite järelevalve nõunik
Vanglate osakond
Kriminaalhoolduse osakond
Kriminaalhooldusametnik
Karistusregistri spetsialist
Kohtute haldamise osakond
Õigusloome korralduse nõunik
Vandetõlk
Digiriigi arenduse osakond
Andmepoliitika nõunik
Kübervõimekuse arendusjuht
Side- ja infotehnoloogiaosakond
Lennundusosakond
Raudteeosakond
Teehoiu osakond
Liiklusregistri osakond
Sõidukite registreerimise spetsialist
Eksamineerija
Ohutusjuht
Energiaturgude osakond
Ehitus- ja elamuosakond
Siseturvalisuse poliitika nõunik
Elanikkonnakaitse osakond
Kriisikommunikatsiooni juht
Hädaabiteadete menetleja
Päästeteenistuja
Tuletõrjuja-päästja
Ohutusjärelevalve inspektor
Demineerimiskeskus
Kaitsepolitseiameti ametnik
Kodakondsus- ja migratsiooniametnik
Identiteedidokumentide büroo
Teenindussaali administraator
"""


def test_where_the_table_answers_it_answers_as_vabamorf(capsys):
    pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    vm, table = language.engine("vabamorf"), language.engine("table")
    names = [n.strip() for n in NAMES.strip().splitlines() if n.strip()]
    assert len(names) > 200
    same, refused, differ = 0, 0, []
    for name in names:
        for case in ("genitive", "partitive", "allative"):
            try:
                got = language.inflect(name, case, eng=table)
            except language.InflectionError:
                refused += 1
                continue
            expected = language.inflect(name, case, eng=vm)
            if got == expected:
                same += 1
            else:
                differ.append(f"{name} ({case}): table {got!r}, Vabamorf {expected!r}")
    with capsys.disabled():
        print(f"\nthe table against Vabamorf: {same} the same, {refused} refused, "
              f"{len(differ)} different")
    assert not differ, "\n".join(differ)
    assert same >= 0.8 * (same + refused)


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "forms.tsv"
    path.write_text("\n".join([
        "# word, readings, forms (genitive, partitive, adessive, elative, allative)",
        "büroo\tS sg n\tbüroo\tbürood\tbürool\tbüroost\tbüroole",
        "juht\tS sg n\tjuhi|juhu\tjuhti|juhtu\tjuhil|juhul\tjuhist|juhust\tjuhile|juhule",
        "ema\tS sg n\tema\tema\temal\temast\temale",
        "Eesti\tG|H sg g|H sg n\tEesti\tEestit\tEestil\tEestist\tEestile",
        "+projekti",
    ]) + "\n", encoding="utf-8")
    return TableEngine(path)


def test_a_compound_inflects_as_its_known_last_part(tiny):
    # a last part of five letters or more ends only compounds
    assert language.inflect("Kriminaalbüroo", "partitive", eng=tiny) == "Kriminaalbürood"
    # a shorter one only after known stems
    assert language.inflect("projektijuht", "genitive", eng=tiny) == "projektijuhi"
    with pytest.raises(language.InflectionError, match="does not know 'arendusjuht'"):
        language.inflect("arendusjuht", "genitive", eng=tiny)
    with pytest.raises(language.InflectionError, match="does not know 'teema'"):
        language.inflect("teema", "partitive", eng=tiny)  # not te + ema
    # a hyphenated word as its last part, the first kept as written
    assert language.inflect("Lõuna-Eesti", "partitive", eng=tiny) == "Lõuna-Eestit"
    assert language.inflect("IT-büroo", "allative", eng=tiny) == "IT-büroole"


def test_the_table_refusal_names_the_word_and_the_fix(tiny):
    with pytest.raises(language.InflectionError) as exc:
        language.inflect("vastutav büroo", "genitive", eng=tiny)
    assert "does not know 'vastutav'" in exc.value.message  # never left in the nominative
    assert "pip install 'ajdoc[morph]'" in str(exc.value) and "forms:" in str(exc.value)


def test_the_shipped_table_is_what_the_vocabulary_makes():
    pytest.importorskip("estnltk", reason="the morph extra (estnltk) is not installed")
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(__file__).resolve().parents[1] / "tools" / "make_forms.py"
    res = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
