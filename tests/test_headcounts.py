"""Headcounts: numbers of people, the noun they count, and the near misses.

Rows are (text, expected headcounts); a headcount is (span, value, high, noun,
qualifier). Rows marked "challenge" are copied from the annotated challenge set.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import briefparser
from briefparser import rules
from briefparser.extractors.base import Claims
from briefparser.extractors.headcounts import find_counts, is_between, noun_of, singular_forms

Count = tuple[str, int | None, int | None, str, str | None]

DIGITS: list[tuple[str, list[Count]]] = [
    ("Er zijn 150 militairen ingezet.", [("150", 150, None, "militair", None)]),
    ("Het regeerakkoord voorziet in 3 000 extra agenten.",
     [("3 000", 3000, None, "agent", None)]),
    ("Er werden 12 000 leerlingen getoetst.", [("12 000", 12000, None, "leerling", None)]),
    ("De toets is afgenomen bij 5.120 leerlingen op 172 scholen.",  # challenge
     [("5.120", 5120, None, "leerling", None)]),
    ("Er zijn nu 2 militairen gewond.", [("2", 2, None, "militair", None)]),
    ("De 3 militairen die gewond raakten, zijn stabiel.", [("3", 3, None, "militair", None)]),
    ("Circa 40000 zelfstandigen genoten premiereductie.",
     [("40000", 40000, None, "zelfstandige", "approx")]),
    ("Er zijn 300 man ingezet.", [("300", 300, None, "man", None)]),
    ("Een groep van 25 militairen vertrekt naar Polen.", [("25", 25, None, "militair", None)]),
    ("De 2e brigade telt 3.000 militairen.", [("3.000", 3000, None, "militair", None)]),
    ("Ongeveer 20% van de 1.500 militairen is vrouw.",
     [("1.500", 1500, None, "militair", None)]),
    ("Voor 200 militairen is € 5 miljoen nodig.", [("200", 200, None, "militair", None)]),
    ("Sinds 1 januari 2024 zijn 800 Oekraïners aangekomen.",
     [("800", 800, None, "Oekraïner", None)]),
    ("Vanaf 2026 komen er 500 agenten bij.", [("500", 500, None, "agent", None)]),
    ("Er werken 1 500 mensen.", [("1 500", 1500, None, "mens", None)]),
]

WORDS: list[tuple[str, list[Count]]] = [
    ("Er gaan tweehonderd militairen naar Litouwen.",
     [("tweehonderd", 200, None, "militair", None)]),
    ("Er verblijven ongeveer honderdtwintig personen op de locatie.",
     [("honderdtwintig", 120, None, "persoon", "approx")]),
    ("Vijftien leerlingen haalden het examen niet.", [("Vijftien", 15, None, "leerling", None)]),
    ("Drieëntwintig artsen meldden zich aan.", [("Drieëntwintig", 23, None, "arts", None)]),
    ("In oktober en november komen daar nog eens honderdvijftig instructeurs bij.",  # challenge
     [("honderdvijftig", 150, None, "instructeur", None)]),
    ("Er zijn twaalf Kamerleden afwezig.", [("twaalf", 12, None, "Kamerlid", None)]),
    ("Er zijn honderd militairen en tweehonderd reservisten.",
     [("honderd", 100, None, "militair", None), ("tweehonderd", 200, None, "reservist", None)]),
    ("Er werken duizend mensen.", [("duizend", 1000, None, "mens", None)]),
    ("Er zijn ruim duizend vrijwilligers.", [("duizend", 1000, None, "vrijwilliger", "more_than")]),
]

SCALES: list[tuple[str, list[Count]]] = [
    ("Er studeren nu 25 duizend studenten in Delft.",
     [("25 duizend", 25000, None, "student", None)]),
    ("Ruim 1,3 miljoen mensen leven in armoede.",
     [("1,3 miljoen", 1300000, None, "mens", "more_than")]),
    ("Er wonen anderhalf miljoen inwoners in de regio.",
     [("anderhalf miljoen", 1500000, None, "inwoner", None)]),
    ("Ruim een miljoen inwoners zijn geëvacueerd.",
     [("een miljoen", 1000000, None, "inwoner", "more_than")]),
    ("Momenteel wachten 17,6 duizend aanvragers op een besluit.",  # challenge
     [("17,6 duizend", 17600, None, "aanvrager", None)]),
    ("Er zijn 4.2 miljoen kiezers.", [("4.2 miljoen", 4200000, None, "kiezer", None)]),
]

RANGES: list[tuple[str, list[Count]]] = [
    ("Er worden veertig tot tachtig militairen ingezet.",
     [("veertig tot tachtig", 40, 80, "militair", None)]),
    ("Er zijn 40 à 50 militairen nodig.", [("40 à 50", 40, 50, "militair", None)]),
    ("We zoeken 40-50 agenten.", [("40-50", 40, 50, "agent", None)]),
    ("Er melden zich tussen de 200 en 300 asielzoekers.",
     [("200 en 300", 200, 300, "asielzoeker", None)]),
    ("Er melden zich tussen 20 en 30 vrijwilligers.",
     [("20 en 30", 20, 30, "vrijwilliger", None)]),
    ("Er worden vijf- tot zesduizend militairen gemobiliseerd.",
     [("vijf- tot zesduizend", 5000, 6000, "militair", None)]),
    ("Het gaat om vijf tot zes miljoen mensen.",
     [("vijf tot zes miljoen", 5000000, 6000000, "mens", None)]),
    ("Het gaat om 45 tot 50 duizend militairen.",
     [("45 tot 50 duizend", 45000, 50000, "militair", None)]),
]

VAGUE: list[tuple[str, list[Count]]] = [
    ("Er kwamen duizenden Oekraïners naar Nederland.",
     [("duizenden", None, None, "Oekraïner", None)]),
    ("Honderden technici werken aan het project.",
     [("Honderden", None, None, "technicus", None)]),
    ("Tientallen vrijwilligers hielpen mee.", [("Tientallen", None, None, "vrijwilliger", None)]),
    ("Tienduizenden mensen demonstreerden.", [("Tienduizenden", None, None, "mens", None)]),
    ("Ook zijn al duizenden Oekraïense militairen opgeleid.",
     [("duizenden", None, None, "militair", None)]),
    ("Er zijn een paar honderd militairen ingezet.",
     [("honderd", None, None, "militair", None)]),
    ("Enkele duizend Oekraïners kwamen.", [("duizend", None, None, "Oekraïner", None)]),
]

QUALIFIERS: list[tuple[str, list[Count]]] = [
    ("De forfaitaire compensatie van 30.000 euro is inmiddels aan ruim 21.000 ouders uitbetaald.",
     [("21.000", 21000, None, "ouder", "more_than")]),  # challenge
    ("Tot nu toe hebben zich een kleine 27.000 ouders aangemeld.",  # challenge
     [("27.000", 27000, None, "ouder", "less_than")]),
    ("Het plaatsingsbesluit is inmiddels naar bijna 51.500 politiemedewerkers verstuurd.",
     [("51.500", 51500, None, "politiemedewerker", "less_than")]),  # challenge
    ("Sinds 1 januari hebben circa 23.000 mensen asiel aangevraagd.",  # challenge
     [("23.000", 23000, None, "mens", "approx")]),
    ("Nederland draagt bij met maximaal 150 militairen en een budget van € 32 miljoen.",
     [("150", 150, None, "militair", "at_most")]),
    ("Ten minste 50 burgers kwamen om.", [("50", 50, None, "burger", "at_least")]),
    ("Er zijn minstens 45 pleegkinderen geplaatst.",
     [("45", 45, None, "pleegkind", "at_least")]),
    ("Meer dan 500 studenten protesteerden.", [("500", 500, None, "student", "more_than")]),
    ("Er zijn zo'n 85 landmachtmilitairen per rotatie nodig.",
     [("85", 85, None, "landmachtmilitair", "approx")]),
    ("Naar schatting 40.000 burgers zijn gevlucht.",
     [("40.000", 40000, None, "burger", "approx")]),
    ("Een kleine meerderheid van 76 Kamerleden steunde de motie.",  # challenge
     [("76", 76, None, "Kamerlid", None)]),
]

COMPOUNDS_AND_NAMES: list[tuple[str, list[Count]]] = [
    ("Vorig jaar vielen 12 verkeersdoden.", [("12", 12, None, "verkeersdode", None)]),
    ("Er dienen 300 VN-militairen in Libanon.", [("300", 300, None, "VN-militair", None)]),
    ("Er zijn 14 bemanningsleden aan boord.", [("14", 14, None, "bemanningslid", None)]),
    ("Aan de VN-missie dragen 16 militairen en drie politiefunctionarissen bij.",  # challenge
     [("16", 16, None, "militair", None),
      ("drie", 3, None, "politiefunctionaris", None)]),
    ("In de eerste acht maanden stroomden 2.815 militairen, 1.140 reservisten en "  # challenge
     "2.306 burgermedewerkers in.",
     [("2.815", 2815, None, "militair", None), ("1.140", 1140, None, "reservist", None),
      ("2.306", 2306, None, "burgermedewerker", None)]),
    ("Er komen 1.500 extra zorgmedewerkers en 800 nieuwe politieagenten.",
     [("1.500", 1500, None, "zorgmedewerker", None),
      ("800", 800, None, "politieagent", None)]),
    ("Er stroomden 12.000 Oekraïense ontheemden in.",
     [("12.000", 12000, None, "ontheemde", None)]),
    ("Aanvullend zijn 17.000 zwangere vrouwen acuut ondervoed.",
     [("17.000", 17000, None, "vrouw", None)]),
    ("In Nederland wonen 40 Afghanen en 300 Syriërs.",
     [("40", 40, None, "Afghaan", None), ("300", 300, None, "Syriër", None)]),
    ("Bijna 2.000 Nederlanders werden geëvacueerd.",
     [("2.000", 2000, None, "Nederlander", "less_than")]),
    ("Het detachement bestaat uit maximaal 20 militairen en twee marechaussees.",  # challenge
     [("20", 20, None, "militair", "at_most"), ("twee", 2, None, "marechaussee", None)]),
    ("Er zijn 3.000 zzp’ers gestopt.", [("3.000", 3000, None, "zzp'er", None)]),
    ("Het gaat om 6000 zelfstan-digen.", [("6000", 6000, None, "zelfstandige", None)]),
]

STAFF: list[tuple[str, list[Count]]] = [
    ("De formatie groeit met 400 fte.", [("400", 400, None, "fte", None)]),
    ("Er is 9.100 fte aan leraren nodig.", [("9.100", 9100, None, "fte", None)]),
    ("Er worden 120 formatieplaatsen geschrapt.",
     [("120", 120, None, "formatieplaats", None)]),
    ("Dat levert 3.000 banen op.", [("3.000", 3000, None, "baan", None)]),
    ("Er verdwijnen 200 arbeidsplaatsen.", [("200", 200, None, "arbeidsplaats", None)]),
    ("Daarin zijn begrepen circa 50 functies met een ondersteunend karakter.",
     [("50", 50, None, "functie", "approx")]),
    ("Bij de marechaussee worden in totaal 1 58 formatieplaatsen onttrokken.",
     [("1 58", 158, None, "formatieplaats", None)]),
]

ELIDED: list[tuple[str, list[Count]]] = [
    ("Het aantal steeg van 240 naar 320 militairen.",
     [("240", 240, None, "militair", None), ("320", 320, None, "militair", None)]),
    ("Het aantal steeg van 240 militairen naar 320.",
     [("240", 240, None, "militair", None), ("320", 320, None, "militair", None)]),
    ("Bij de aanmeldlocatie verbleven afgelopen nacht 2.350 mensen, ruim boven de "  # challenge
     "afgesproken 2.000.",
     [("2.350", 2350, None, "mens", None), ("2.000", 2000, None, "mens", None)]),
    ("In 2023 stroomden 4.650 mensen uit, in 2022 waren dat er 4.180.",  # challenge
     [("4.650", 4650, None, "mens", None), ("4.180", 4180, None, "mens", None)]),
    ("Om 07.30 uur stijgen 65 militairen op vanaf vliegbasis Eindhoven; daarmee is de "  # challenge
     "rotatie van 230 compleet.",
     [("65", 65, None, "militair", None), ("230", 230, None, "militair", None)]),
    ("In de periode januari–mei schreven zich 16.950 asielzoekers in, ongeveer 900 "  # challenge
     "minder dan een jaar eerder.",
     [("16.950", 16950, None, "asielzoeker", None),
      ("900", 900, None, "asielzoeker", "approx")]),
    ("Het gaat om ondernemers met niet meer dan 100 werknemers in plaats van 200;",
     [("100", 100, None, "werknemer", "at_most"), ("200", 200, None, "werknemer", "at_most")]),
    ("In Mali waren 300 militairen actief; er zijn er nu nog 40.",
     [("300", 300, None, "militair", None), ("40", 40, None, "militair", None)]),
    ("Van de 300 leerlingen slaagden er 280.",
     [("300", 300, None, "leerling", None), ("280", 280, None, "leerling", None)]),
    ("Er kwamen 2.000 asielzoekers, meer dan 1.500 in mei.",
     [("2.000", 2000, None, "asielzoeker", None),
      ("1.500", 1500, None, "asielzoeker", "more_than")]),
    ("In 2023 werden 1.200 verdachten aangehouden, waarvan 300 minderjarig.",
     [("1.200", 1200, None, "verdachte", None), ("300", 300, None, "verdachte", None)]),
    ("Er vertrokken 300 militairen. Er keerden er 280 terug.",
     [("300", 300, None, "militair", None), ("280", 280, None, "militair", None)]),
    ("Het aantal asielzoekers bedroeg in 2023 38.000, tegen 35.000 in 2022.",
     [("38.000", 38000, None, "asielzoeker", None),
      ("35.000", 35000, None, "asielzoeker", None)]),
    ("De instroom van asielzoekers kwam uit op 17.240.",
     [("17.240", 17240, None, "asielzoeker", None)]),
    ("Het aantal Kamerleden dat voor stemde was 76, tegen 74.",
     [("76", 76, None, "Kamerlid", None), ("74", 74, None, "Kamerlid", None)]),
    ("Er zijn 1.200 vluchtelingen in Amsterdam, 800 in Rotterdam en 600 in Utrecht.",
     [("1.200", 1200, None, "vluchteling", None), ("800", 800, None, "vluchteling", None),
      ("600", 600, None, "vluchteling", None)]),
    ("In 2023 kwamen 40.000 asielzoekers, in 2024 ruim 35.000.",
     [("40.000", 40000, None, "asielzoeker", None),
      ("35.000", 35000, None, "asielzoeker", "more_than")]),
]

# Numbers that are no headcount, among them the tempting ones next to people.
NEAR_MISSES: list[tuple[str, list[Count]]] = [
    ("Er zijn 950.000 woningen nodig.", []),
    ("Nederland levert 24 F-16's.", []),
    ("Naast de 18 F-16's voor het trainingscentrum gaan er 24 naar Oekraïne.", []),  # challenge
    ("Er zijn 21.000 opvangplekken.", []),
    ("Vorige week kwamen ruim 900 nieuwe asielverzoeken binnen.", []),  # challenge
    ("Er gaan 100 tanks naar Oekraïne.", []),
    ("Ruim 40 landen doen mee.", []),
    ("Er zijn 3 redenen om dit te doen.", []),
    ("De teller staat op 4.180.", []),
    ("De oefening duurt drie weken.", []),
    ("Dat was 3 jaar geleden.", []),
    ("Er zijn 20 examens afgenomen.", []),
    ("Er zijn veertig 40-jarige militairen.", []),
    ("De militairen van 43 Gemechaniseerde Brigade nemen het stokje over van 13 Lichte "
     "Brigade.", []),  # challenge
    ("De militairen van 11 Luchtmobiele Brigade zijn terug.", []),
    ("Momenteel staan bij Defensie 8.600 militaire functies open.", []),  # challenge
    ("Er zijn 300 openstaande vacatures.", []),
    ("Ongeveer 5 procent van de militairen is ziek.", []),
    ("Een militair raakte gewond.", []),
    ("Eén op de vijf leerlingen verlaat de basisschool met een te lage leesvaardigheid.",
     []),  # challenge
    ("1 op de 5 militairen overweegt te vertrekken.", []),
    ("Ongeveer één op de acht jongeren ontvangt enige vorm van jeugdhulp.", []),  # challenge
    ("De motie-Van der Meer c.s. (Kamerstuk 36 600 X, nr. 58) vraagt om een verkenning.",
     []),  # challenge
    ("In de 1e suppletoire begroting is de 21e voortgangsrapportage nog niet verwerkt.", []),
    ("Dagelijks arriveren er nu 1.200 bussen; van de 21.000 plekken zijn er 8.500 bezet.", []),
    ("In totaal zijn er ruim 9000 aanvragen, waarvan er 3000 zijn afgewezen.", []),
    ("Het aantal leerlingen in groep 8 daalde.", []),
    ("Het aantal militairen in fase 2 is beperkt.", []),
    ("Het aantal ouderen boven de 80 groeit.", []),
    ("Er zijn 40 militairen. Dit is 2 keer zoveel als vorig jaar.",
     [("40", 40, None, "militair", None)]),
    ("Er zijn 40 militairen gewond geraakt. Zie ook bijlage 2.",
     [("40", 40, None, "militair", None)]),
    ("Er vertrokken 300 militairen. Zij keren op 12 mei terug.",
     [("300", 300, None, "militair", None)]),
    ("Er vertrokken 300 militairen. Het budget bedraagt 12 miljoen euro.",
     [("300", 300, None, "militair", None)]),
    ("Het gaat om 200 leerlingen; het subsidiepercentage daalt van 40 naar 30.",
     [("200", 200, None, "leerling", None)]),
    ("Er zijn 70 kinderen onder de 4 jaar en 30 ouderen boven de 80 opgevangen.",
     [("70", 70, None, "kind", None), ("30", 30, None, "oudere", None)]),
    ("Defensie zet in 2025 150 militairen extra in voor de bewaking.",  # challenge
     [("150", 150, None, "militair", None)]),
    ("Er zijn 3 varianten uitgewerkt; in variant 2 gaan 150 militairen mee.",
     [("150", 150, None, "militair", None)]),
    ("Er nemen 12 landen deel met in totaal 3.000 militairen.",
     [("3.000", 3000, None, "militair", None)]),
    ("De 27 lidstaten steunen het voorstel.", []),
    ("Het aantal agenten per 1.000 inwoners is 2,1.", []),
    ("Jongeren van 18 tot 27 krijgen steun.", []),
    ("Er zijn 300 militairen in Mali, 4 helikopters en 2 schepen.",
     [("300", 300, None, "militair", None)]),
    ("Drie jaar geleden vertrokken 200 Boxers naar het oosten.", []),
]

KNOWN_FAILURES = [
    # The people are only implied by the domain ("instroom in de opvang").
    pytest.param("De instroom in de opvang kwam van januari tot en met mei uit op 17.240.",
                 [("17.240", 17240, None, "asielzoeker", None)],
                 marks=pytest.mark.xfail(strict=True, reason="noun implied by the domain"),
                 id="implied-noun"),
    # "komen" reads as the plural of "kom", so 200 looks counted as a thing.
    pytest.param("Bedrijven met 100 werknemers in plaats van 200 komen in aanmerking.",
                 [("100", 100, None, "werknemer", None), ("200", 200, None, "werknemer", None)],
                 marks=pytest.mark.xfail(strict=True, reason="verb read as plural noun"),
                 id="verb-as-noun"),
]

CASES = [*DIGITS, *WORDS, *SCALES, *RANGES, *VAGUE, *QUALIFIERS, *COMPOUNDS_AND_NAMES, *STAFF,
         *ELIDED, *NEAR_MISSES]


def _headcounts(text: str) -> list[Count]:
    return [(h.text, h.value, h.high, h.noun, h.qualifier.value if h.qualifier else None)
            for h in briefparser.extract(text).headcounts]


@pytest.mark.parametrize(("text", "expected"), [*CASES, *KNOWN_FAILURES])
def test_headcounts(text: str, expected: list[Count]) -> None:
    assert _headcounts(text) == expected


ATTRIBUTES = [
    # (text, [(value, vague, per, of)])
    ("Er zijn zo'n 85 landmachtmilitairen per rotatie nodig.", [(85, False, "rotatie", None)]),
    ("Op de aanmeldlocatie verbleven gemiddeld ruim 2.200 asielzoekers per nacht.",
     [(2200, False, "nacht", None)]),
    ("Jaarlijks stromen 4.000 leerlingen uit.", [(4000, False, "jaar", None)]),
    ("Dagelijks arriveren er nu zo'n 1.200 Oekraïners.", [(1200, False, "dag", None)]),
    ("Gemiddeld komen er per jaar zo'n 3.200 militairen, 950 burgers en 600 reservisten bij.",
     [(3200, False, "jaar", None), (950, False, "jaar", None), (600, False, "jaar", None)]),
    ("Per 1 januari gaan 200 militairen over.", [(200, False, None, None)]),
    ("Er is 9.100 fte aan leraren nodig.", [(9100, False, None, "leraar")]),
    ("Er is 400 fte voor handhavers.", [(400, False, None, "handhaver")]),
    ("Honderden technici werken aan het project.", [(None, True, None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTES)
def test_attributes(text: str, expected: list[tuple[int | None, bool, str | None, str | None]],
                    ) -> None:
    got = [(h.value, h.vague, h.per, h.of) for h in briefparser.extract(text).headcounts]
    assert got == expected


QUANTITIES = [
    # Things are counted too, apart from the people.
    ("Er zijn 950.000 woningen nodig.", [("950000", "woningen")]),
    ("Nederland leverde 200 Stinger-luchtdoelraketten.", [("200", "stinger-luchtdoelraketten")]),
    ("Momenteel staan bij Defensie 8.600 militaire functies open.", [("8600", "functies")]),
    ("Van de 21.000 plekken zijn er 8.500 bezet.", [("21000", "plekken"), ("8500", "plekken")]),
    ("De 20 rijkste gemeenten doen mee.", [("20", "gemeenten")]),
    ("Er zijn 150 militairen en 12 voertuigen ingezet.", [("12", "voertuigen")]),
    ("De oefening duurt drie weken.", []),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_quantities(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(str(q.value), q.noun) for q in briefparser.extract(text).quantities]
    assert got == expected


NOUNS = [
    # (written, (lemma, kind) or None)
    ("militairen", ("militair", "person")),
    ("militair", ("militair", "person")),
    ("soldaten", ("soldaat", "person")),
    ("leraren", ("leraar", "person")),
    ("matrozen", ("matroos", "person")),
    ("rekruten", ("rekruut", "person")),
    ("functionarissen", ("functionaris", "person")),
    ("technici", ("technicus", "person")),
    ("kinderen", ("kind", "person")),
    ("leden", ("lid", "person")),
    ("jongeren", ("jongere", "person")),
    ("gedetineerden", ("gedetineerde", "person")),
    ("collega's", ("collega", "person")),
    ("landmachtmilitairen", ("landmachtmilitair", "person")),
    ("Kamerleden", ("Kamerlid", "person")),
    ("oud-militairen", ("oud-militair", "person")),
    ("IC-patiënten", ("IC-patiënt", "person")),
    ("Oekraïners", ("Oekraïner", "person")),
    ("Eritreeërs", ("Eritreeër", "person")),
    ("Marokkanen", ("Marokkaan", "person")),
    ("Chinezen", ("Chinees", "person")),
    ("Russen", ("Rus", "person")),
    ("fte", ("fte", "staff")),
    ("FTE", ("fte", "staff")),
    ("formatieplaatsen", ("formatieplaats", "staff")),
    ("voltijdbanen", ("voltijdbaan", "staff")),
    ("woningen", None),
    ("examens", None),
    ("geleden", None),
    ("strijdkrachten", None),
    ("startbanen", None),
    ("schouders", None),
    ("tanks", None),
    ("opvangplekken", None),
    ("asielaanvragen", None),
]


@pytest.mark.parametrize(("word", "expected"), NOUNS)
def test_noun_of(word: str, expected: tuple[str, str] | None) -> None:
    noun = noun_of(word)
    assert (None if noun is None else (noun.lemma, noun.kind)) == expected


def test_every_listed_form_finds_its_own_lemma() -> None:
    table = rules.persons()
    for kind, rows in (("person", table.heads), ("staff", table.staff_units)):
        for lemma, forms in rows.items():
            for word in (lemma, *forms):
                noun = noun_of(word)
                assert noun is not None, word
                assert (noun.lemma.lower(), noun.kind) == (lemma.lower(), kind), word


@pytest.mark.parametrize(("word", "expected"), [
    ("Oekraïense", True), ("militaire", True), ("getrainde", True), ("extra", True),
    ("rijkste", True), ("Gemechaniseerde", True), ("brigade", False), ("de", False),
    ("woningen", False),
])
def test_is_between(word: str, expected: bool) -> None:
    assert is_between(word) is expected


def test_singular_forms_start_with_the_word() -> None:
    assert singular_forms("personen")[0] == "personen"
    assert "persoon" in singular_forms("personen")


def test_find_counts_without_the_pipeline_splits_sentences_itself() -> None:
    text = "Er vertrokken 300 militairen. Er keerden er 280 terug."
    heads, things = find_counts(text, Claims(len(text)))
    assert [(h.attrs["value"], h.attrs["noun"]) for h in heads] == [
        (300, "militair"), (280, "militair")]
    assert things == []


def test_claimed_text_is_left_alone() -> None:
    text = "Er zijn 150 militairen en 12 voertuigen."
    claims = Claims(len(text))
    claims.claim(8, 11)
    heads, things = find_counts(text, claims)
    assert heads == []
    assert [(t.attrs["value"], t.attrs["noun"]) for t in things] == [(Decimal(12), "voertuigen")]


def test_headcount_spans_are_claimed() -> None:
    text = "Er zijn 150 militairen."
    claims = Claims(len(text))
    find_counts(text, claims)
    assert not claims.free(8, 11)


def test_hostile_input_finishes() -> None:
    text = "1 2 3 4 5 " * 4000 + "Er zijn " + "en 4 " * 4000
    record = briefparser.extract(text)
    assert record.headcounts == ()
