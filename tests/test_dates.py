"""Date extraction as case tables.

Each row is a passage, the letter date it is read against (or None) and the date
mentions expected in it, in order: (mention text, value, end_value). A mention's text
need only overlap the expected text, as in the gold scoring; every other mention
found in the passage fails the row.
"""

from __future__ import annotations

import ast
import datetime as dt
import random
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from briefparser.extractors.base import Claims, Found
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.dates import find_dates
from briefparser.extractors.letter import parse_header

Expected = tuple[str, str | None] | tuple[str, str | None, str | None]


class Case(NamedTuple):
    id: str
    text: str
    letter_date: str | None
    dates: tuple[Expected, ...]


def run(text: str, letter_date: str | None) -> list[tuple[str, Found]]:
    claims = Claims(len(text))
    claim_blocked(text, claims)
    ref = dt.date.fromisoformat(letter_date) if letter_date else None
    return [(text[f.start : f.end], f) for f in find_dates(text, claims, ref)]


def overlaps(text: str, found: str, expected: str) -> bool:
    start = text.find(expected)
    assert start != -1, f"{expected!r} is not in the passage"
    f_start = text.find(found)
    return f_start < start + len(expected) and start < f_start + len(found)


def check(case: Case) -> None:
    got = run(case.text, case.letter_date)
    shown = [(t, f.attrs["value"], f.attrs["end_value"]) for t, f in got]
    assert len(got) == len(case.dates), shown
    for (found_text, f), want in zip(got, case.dates, strict=True):
        want_text, want_value = want[0], want[1]
        want_end = want[2] if len(want) == 3 else None
        assert overlaps(case.text, found_text, want_text), (found_text, want_text)
        assert (f.attrs["value"], f.attrs["end_value"]) == (want_value, want_end), found_text


ABSOLUTE = [
    Case("day-month-year", "Op 3 mei 2024 besloot de Raad.", None, (("3 mei 2024", "2024-05-03"),)),
    Case("dd-glued", "De Raad d.d.11 december 2020 besprak het.", None,
         (("11 december 2020", "2020-12-11"),)),
    Case("dd-spaced", "Ter voorbereiding op de Raad d.d. 27 mei 2024 ontvangt u de agenda.", None,
         (("27 mei 2024", "2024-05-27"),)),
    Case("dotted-numeric", "PB L 102 van 24.3.2021, blz. 14", None, (("24.3.2021", "2021-03-24"),)),
    Case("dashed-numeric", "De wet is op 22-2-2016 gewijzigd.", None,
         (("22-2-2016", "2016-02-22"),)),
    Case("slashed-numeric", "Ingediend op 5/11/2019.", None, (("5/11/2019", "2019-11-05"),)),
    Case("iso", "Nummer: 2024D41207, datum: 2024-10-08", None, (("2024-10-08", "2024-10-08"),)),
    Case("ocr-1990", "het besluit van 12 december 1990 werd", None,
         (("12 december 1990", "1990-12-12"),)),
    Case("ocr-no-space", "bij brief van 4 september1984 betreffende", None,
         (("4 september1984", "1984-09-04"),)),
    Case("ocr-glued-day", "bij brief van 4september 1984", None,
         (("4september 1984", "1984-09-04"),)),
    Case("ocr-newline", "bij brief van 12 maart\n1986 over", None,
         (("12 maart\n1986", "1986-03-12"),)),
    Case("ocr-hyphenated-month", "bij brief van 12 decem-ber 1990", None,
         (("12 decem-ber 1990", "1990-12-12"),)),
    Case("ocr-garbled-day", "'s-Gravenhage, ISapril 1994", None, (("ISapril 1994", "1994-04"),)),
    Case("upper-month", "Den Haag, 3 MEI 2024", None, (("3 MEI 2024", "2024-05-03"),)),
    Case("abbreviated-month", "Stand 14 nov. 2024 en 3 jan 2025.", None,
         (("14 nov. 2024", "2024-11-14"), ("3 jan 2025", "2025-01-03"))),
    Case("ordinal-day", "Op de 1e januari 2025 treedt de wet in werking.", None,
         (("1e januari 2025", "2025-01-01"),)),
    Case("weekday-date", "Op dinsdag 3 juni 2025 vond het debat plaats.", None,
         (("dinsdag 3 juni 2025", "2025-06-03"),)),
    Case("invalid-day", "Op 31 april 2024 gebeurde niets.", None, ()),
    Case("leap-day", "Op 29 februari 2024 werd het besluit genomen.", None,
         (("29 februari 2024", "2024-02-29"),)),
    Case("no-leap-day", "Op 29 februari 2023 werd het besluit genomen.", None, ()),
    Case("year", "In 2023 stroomden 4.650 mensen uit.", None, (("2023", "2023"),)),
    Case("two-years", "in 2025 en 2026 is geld beschikbaar", None,
         (("2025", "2025"), ("2026", "2026"))),
    Case("year-list", "in 2024, 2025 en 2026", None,
         (("2024", "2024"), ("2025", "2025"), ("2026", "2026"))),
    Case("year-footnote-dot", "Dat gebeurde in 2024.3 Daarna volgde meer.", None,
         (("2024", "2024"),)),
    Case("year-footnote-glued", "in de eerste ronde van 20242 zijn", None, (("2024", "2024"),)),
    Case("year-glued-jaar", "voor het jaar1992 BRIEF VAN DE MINISTER", None, (("1992", "1992"),)),
    Case("year-title-line", "Rijksbegroting voor het jaar 1986\n19200", None, (("1986", "1986"),)),
    Case("year-colophon", "Sdu Uitgeverij Plantijnstraat 's-Gravenhage 1994", None,
         (("1994", "1994"),)),
    Case("year-table-row", "Jaar Uitgaven\n1987\n59 1988\n37 1989", None,
         (("1987", "1987"), ("1988", "1988"), ("1989", "1989"))),
    Case("year-beside-number", "tot en met 2030 950.000 woningen", None,
         (("2030", None, "2030"),)),
    Case("lowercase-programme", "het nieuwbouwprogramma 1988 bedraagt", None,
         (("1988", "1988"),)),
]

PARTIAL = [
    Case("month-year", "In mei 2024 is het besluit genomen.", None, (("mei 2024", "2024-05"),)),
    Case("month-van-year", "in september van 2023", None, (("september van 2023", "2023-09"),)),
    Case("abbrev-month-year", "sinds sept. 2022", None, (("sept. 2022", "2022-09", None),)),
    Case("quarter-words", "De levering is voorzien in het derde kwartaal van 2024.", None,
         (("het derde kwartaal van 2024", "2024-Q3"),)),
    Case("quarter-short", "In Q1 2026 ontvangt uw Kamer de rapportage.", None,
         (("Q1 2026", "2026-Q1"),)),
    Case("quarter-ordinal-digit", "in het 1e kwartaal 2025", None,
         (("1e kwartaal 2025", "2025-Q1"),)),
    Case("quarter-last", "de in het laatste kwartaal 1991 verkregen participaties", None,
         (("laatste kwartaal 1991", "1991-Q4"),)),
    Case("half-year", "voor de eerste helft van 2025", None,
         (("de eerste helft van 2025", "2025-H1"),)),
    Case("half-year-h2", "in H2 2024 volgt", None, (("H2 2024", "2024-H2"),)),
    Case("halfjaar", "het tweede halfjaar van 2023", None,
         (("tweede halfjaar van 2023", "2023-H2"),)),
    Case("first-months-no-count", "In de loop van de eerste maanden 1988 is geconstateerd", None,
         (("eerste maanden 1988", "1988"),)),
    Case("first-n-months", "Voor de eerste vier maanden van 2025 is geld gereserveerd.", None,
         (("de eerste vier maanden van 2025", "2025-01", "2025-04"),)),
    Case("last-n-months", "in de laatste drie maanden van 2024", None,
         (("de laatste drie maanden van 2024", "2024-10", "2024-12"),)),
    Case("season-year", "gepland voor het voorjaar van 2024", None,
         (("het voorjaar van 2024", "2024-03", "2024-05"),)),
    Case("season-bare-year", "in najaar 2025", None, (("najaar 2025", "2025-09", "2025-11"),)),
    Case("winter-year", "in de winter van 2022", None,
         (("winter van 2022", "2022-12", "2023-02"),)),
    Case("week-year", "in week 8 van 2025", None,
         (("week 8 van 2025", "2025-02-17", "2025-02-23"),)),
    Case("primo", "primo 1987 volgt de evaluatie", None, (("primo 1987", "1987"),)),
    Case("decade-words", "Het aantal lag in de jaren negentig hoger.", "2024-01-15",
         (("de jaren negentig", "1990", "1999"),)),
    Case("decade-digits", "hoogrentende leningen (begin jaren 80) voor 20 jaar", "1992-04-16",
         (("begin jaren 80", "1980", "1989"),)),
    Case("decade-twenties-now", "in de jaren twintig van deze eeuw", "2024-01-15",
         (("de jaren twintig", "2020", "2029"),)),
    Case("medio-year", "Ik hoop medio 1988 over de uitkomsten te beschikken.", None,
         (("medio 1988", "1988"),)),
    Case("end-year", "eind 2025 is de voorraad op peil", None, (("eind 2025", "2025"),)),
    Case("end-month-year", "In dit kader is eind november 1993 de actie gestart.", None,
         (("eind november 1993", "1993-11"),)),
    Case("ultimo-year", "de regeling voort te zetten tot ultimo 1995.", None,
         (("ultimo 1995", None, "1995"),)),
]

RELATIVE = [
    Case("jl", "Op 13 april jl. heeft de Raad ingestemd.", "2024-05-03",
         (("13 april jl.", "2024-04-13"),)),
    Case("jl-rollover", "Op 20 december jl. besloot de Raad.", "2025-01-10",
         (("20 december jl.", "2024-12-20"),)),
    Case("jl-same-day", "Op 10 januari jl. besloot de Raad.", "2025-01-10",
         (("10 januari jl.", "2025-01-10"),)),
    Case("jongstleden", "In vervolg op de brief van 15 mei jongstleden", "1987-05-25",
         (("15 mei jongstleden", "1987-05-15"),)),
    Case("as", "Het debat is voorzien op 22 november a.s.", "2024-10-30",
         (("22 november a.s.", "2024-11-22"),)),
    Case("as-rollover", "Het debat is voorzien op 14 januari a.s.", "2024-12-18",
         (("14 januari a.s.", "2025-01-14"),)),
    Case("aanstaande", "het overleg van 11 juli aanstaande", "2025-06-25",
         (("11 juli aanstaande", "2025-07-11"),)),
    Case("dit-jaar", "Defensie krijgt er dit jaar een half miljard bij.", "2025-03-28",
         (("dit jaar", "2025"),)),
    Case("vorig-jaar", "Vorig jaar kende het IMG meer aanvragen.", "2024-04-19",
         (("Vorig jaar", "2023"),)),
    Case("volgend-jaar", "Nederland besteedt volgend jaar 2 procent.", "2023-07-14",
         (("volgend jaar", "2024"),)),
    Case("vorige-week", "Vorige week kwamen 900 asielverzoeken binnen.", "2024-07-09",
         (("Vorige week", "2024-07-01", "2024-07-07"),)),
    Case("deze-week", "Deze week besluit het kabinet.", "2024-07-11",
         (("Deze week", "2024-07-08", "2024-07-14"),)),
    Case("gisteren", "Gisteren sprak de minister met zijn ambtgenoot.", "2024-03-01",
         (("Gisteren", "2024-02-29"),)),
    Case("vandaag", "zo schrijft zij vandaag aan de Kamer", "2024-06-13",
         (("vandaag", "2024-06-13"),)),
    Case("afgelopen-nacht", "Bij de aanmeldlocatie verbleven afgelopen nacht 2.350 mensen.",
         "2023-03-01", (("afgelopen nacht", "2023-02-28"),)),
    Case("vorige-maand", "Vorige maand steeg de instroom.", "2024-01-12",
         (("Vorige maand", "2023-12"),)),
    Case("weekday-news", "Op dinsdag sprak de minister in Brussel.", "2024-06-13",
         (("dinsdag", "2024-06-11"),)),
    Case("weekday-same-day", "Donderdag maakte het kabinet het besluit bekend.", "2024-06-13",
         (("Donderdag", "2024-06-13"),)),
    Case("weekday-next", "Komende vrijdag besluit het kabinet.", "2024-06-13",
         (("Komende vrijdag", "2024-06-14"),)),
    Case("weekday-future-tense", "Maandag zal de minister de Kamer informeren.", "2024-06-13",
         (("Maandag", "2024-06-17"),)),
    Case("begin-dit-jaar", "Begin dit jaar bedroeg de waarde € 5,8 miljard.", "2025-06-17",
         (("Begin dit jaar", "2025"),)),
    Case("halverwege-dit-jaar", "het budget zou ongeveer halverwege dit jaar zijn uitgeput",
         "1988-04-26", (("halverwege dit jaar", "1988"),)),
    Case("eind-vorig-jaar", "Eind vorig jaar was de voorraad op.", "2024-03-01",
         (("Eind vorig jaar", "2023"),)),
    Case("medio-mei", "De eerste lichting vertrekt naar verwachting medio mei.", "2024-03-15",
         (("medio mei", "2024-05"),)),
    Case("maart-past", "In maart is het plafond opgehoogd, waarmee het totaal op 17 mld. komt.",
         "2024-05-03", (("maart", "2024-03"),)),
    Case("januari-next", "de jaarlijkse overmaking volgt in januari", "2024-11-22",
         (("januari", "2025-01"),)),
    Case("oktober-future-tense", "In oktober en november komen daar 150 instructeurs bij.",
         "2023-02-20", (("oktober en november", "2023-10", "2023-11"),)),
    Case("december-past-tense", "In december bedroegen de kosten € 640 miljoen.", "2024-02-10",
         (("december", "2023-12"),)),
    Case("per-1-januari", "Per 1 januari gaat de nieuwe regeling in.", "2024-09-17",
         (("1 januari", "2025-01-01"),)),
    Case("sinds-1-januari", "Sinds 1 januari hebben 23.000 mensen asiel aangevraagd.",
         "2024-07-02", (("1 januari", "2024-01-01", None),)),
    Case("tweede-helft-dit-jaar", "In de tweede helft van dit jaar moeten gemeenten meer doen.",
         "2023-04-28", (("de tweede helft van dit jaar", "2023-H2"),)),
    Case("dit-najaar", "Dit najaar start de nieuwe route.", "2025-10-17",
         (("Dit najaar", "2025-09", "2025-11"),)),
    Case("komend-voorjaar", "Komend voorjaar stuur ik u de evaluatie.", "2025-10-17",
         (("Komend voorjaar", "2026-03", "2026-05"),)),
    Case("voor-de-zomer", "Ik informeer uw Kamer voor de zomer.", "2025-02-03",
         (("de zomer", "2025-06", "2025-08"),)),
    Case("week-bare", "De oefening vindt plaats in week 24 op de Veluwe.", "2025-06-02",
         (("week 24", "2025-06-09", "2025-06-15"),)),
    Case("q-bare", "In Q3 volgt de rapportage.", "2025-03-02", (("Q3", "2025-Q3"),)),
    Case("q-dit-jaar", "In Q4 van dit jaar volgt de rapportage.", "2025-03-01",
         (("Q4 van dit jaar", "2025-Q4"),)),
    Case("weekday-evening", "Maandagavond sprak de minister met de premier.", "2024-06-13",
         (("Maandagavond", "2024-06-10"),)),
    Case("weekday-night-pair", "In de nacht van zaterdag op zondag vielen aanvallen.",
         "2024-06-13", (("zaterdag op zondag", "2024-06-08", "2024-06-09"),)),
    Case("weekday-pair-as", "De Raad vergadert maandag en dinsdag a.s. in Brussel.", "2024-06-13",
         (("maandag en dinsdag a.s.", "2024-06-17", "2024-06-18"),)),
    Case("weekday-or", "Het besluit valt op maandag of dinsdag.", "2024-06-13",
         (("maandag", "2024-06-10"), ("dinsdag", "2024-06-11"))),
    Case("eerder-dit-jaar-day", "Eerder dit jaar, op 14 februari, sprak de minister hem.",
         "2025-06-01", (("dit jaar", "2025"), ("14 februari", "2025-02-14"))),
    Case("day-van-dit-jaar", "De teller stond op 11 februari van dit jaar op € 5,9 miljard.",
         "2025-06-05", (("11 februari van dit jaar", "2025-02-11"),)),
    Case("month-vorig-jaar", "in maart vorig jaar", "2025-06-05",
         (("maart vorig jaar", "2024-03"),)),
    Case("month-after-vorig-jaar", "Vorig jaar december steeg de instroom.", "2024-03-01",
         (("Vorig jaar", "2023"), ("december", "2023-12"))),
    Case("voorjaar-past", "In het voorjaar heb ik u geïnformeerd.", "2024-11-20",
         (("het voorjaar", "2024-03", "2024-05"),)),
    Case("voorjaar-future", "In het voorjaar informeer ik u.", "2024-11-20",
         (("het voorjaar", "2025-03", "2025-05"),)),
    Case("debate-ahead", "verzoekt de regering voor het commissiedebat van 14 mei te komen",
         "2025-04-23", (("14 mei", "2025-05-14"),)),
    Case("year-in-sentence", "De NAVO-top vindt in 2025 plaats in Den Haag op 24 en 25 juni.",
         "2024-10-02", (("2025", "2025"), ("24 en 25 juni", "2025-06-24", "2025-06-25"))),
    Case("year-from-volgend-jaar", "De pilot loopt volgend jaar van 1 maart tot 1 september.",
         "2024-11-01", (("volgend jaar", "2025"), ("1 maart tot 1 september", "2025-03-01",
                                                    "2025-09-01"))),
    Case("year-shared-coordination", "Medio juni en begin november 1988 heb ik u geïnformeerd.",
         "1989-04-05", (("Medio juni", "1988-06"), ("begin november 1988", "1988-11"))),
    Case("weekday-day-month-later",
         "Op dinsdag 28 en woensdag 29 april jongstleden vond de Raad plaats.", "1992-05-11",
         (("dinsdag 28", "1992-04-28"), ("woensdag 29 april jongstleden", "1992-04-29"))),
    Case("brief-van-day", "in antwoord op de brief van 2 april van de vaste commissie",
         "1987-05-25", (("2 april", "1987-04-02"),)),
    Case("night-of", "In de nacht van 23 op 24 februari begon de invasie.", "2022-03-01",
         (("23 op 24 februari", "2022-02-23", "2022-02-24"),)),
    Case("prinsjesdag", "De begroting voor volgend jaar wordt op Prinsjesdag aangeboden.",
         "2021-08-17", (("volgend jaar", "2022"), ("Prinsjesdag", "2021-09-21"))),
    Case("prinsjesdag-year", "uiterlijk op Prinsjesdag 2025", None,
         (("Prinsjesdag 2025", "2025-09-16"),)),
    Case("dagtekening", "De publicatie volgt veertien dagen na dagtekening van deze brief.",
         "1992-04-09", (("veertien dagen na dagtekening van deze brief", "1992-04-23"),)),
    Case("jaar-geleden", "Twee jaar geleden begon de pilot.", "2024-05-01",
         (("Twee jaar geleden", "2022"),)),
    Case("dat-jaar", "Van het budget voor 2026 is 2 mld. naar voren gehaald, waardoor voor dat "
         "jaar nog 1,5 mld. resteert.", "2025-03-14", (("2026", "2026"), ("dat jaar", "2026"))),
    Case("een-jaar-eerder", "De uitkeringen bedroegen in 2023 € 310 miljoen, tegen € 372 miljoen "
         "een jaar eerder.", "2024-02-01", (("2023", "2023"), ("een jaar eerder", "2022"))),
    Case("een-jaar-eerder-period", "In de periode januari–mei schreven zich 16.950 mensen in, "
         "900 minder dan een jaar eerder.", "2023-06-15",
         (("januari–mei", "2023-01", "2023-05"), ("een jaar eerder", "2022-01", "2022-05"))),
    Case("het-jaar-daarop", "In 2019 begon de bouw; het jaar daarop volgde de oplevering.", None,
         (("2019", "2019"), ("het jaar daarop", "2020"))),
]

PERIODS = [
    Case("hyphen", "De periode 1987-1992 laat een daling zien.", None,
         (("1987-1992", "1987", "1992"),)),
    Case("en-dash", "Het MFK 2021–2027 is vastgesteld.", None, (("2021–2027", "2021", "2027"),)),
    Case("figure-dash", "Het MFK 2021‒2027 is vastgesteld.", None,
         (("2021‒2027", "2021", "2027"),)),
    Case("spaced-dash", "in de jaren 2028 – 2034", None, (("2028 – 2034", "2028", "2034"),)),
    Case("t-m", "De reeks 2022 t/m 2030 laat groei zien.", None,
         (("2022 t/m 2030", "2022", "2030"),)),
    Case("tot-en-met", "van mei 2024 tot en met mei 2025", None,
         (("mei 2024 tot en met mei 2025", "2024-05", "2025-05"),)),
    Case("months-shared-year", "van juli 2023 tot en met december 2024 draagt Nederland bij", None,
         (("juli 2023 tot en met december 2024", "2023-07", "2024-12"),)),
    Case("months-dash", "(oktober 2022 – september 2023)", None,
         (("oktober 2022 – september 2023", "2022-10", "2023-09"),)),
    Case("tussen-en", "tussen 2021 en 2025 steeg het aantal", None,
         (("2021 en 2025", "2021", "2025"),)),
    Case("year-short-end", "het begrotingsjaar 2024-25 sloot", None,
         (("2024-25", "2024", "2025"),)),
    Case("schooljaar-dash", "in het schooljaar 2024-2025", None,
         (("2024-2025", "2024", "2025"),)),
    Case("days-shared-year", "van 1 januari tot en met 31 maart 2025", None,
         (("1 januari tot en met 31 maart 2025", "2025-01-01", "2025-03-31"),)),
    Case("bare-months-and", "In maart en april vertrekt een eerste groep.", "2023-02-20",
         (("maart en april", "2023-03", "2023-04"),)),
    Case("bare-months-tm", "De instroom kwam van januari tot en met mei uit op 17.240.",
         "2023-06-12", (("januari tot en met mei", "2023-01", "2023-05"),)),
    Case("days-range-dash", "De top vindt plaats op 24-25 juni 2025.", None,
         (("24-25 juni 2025", "2025-06-24", "2025-06-25"),)),
    Case("days-range-as", "Op 11 en 12 juli a.s. vindt de top plaats.", "2023-07-04",
         (("11 en 12 juli a.s.", "2023-07-11", "2023-07-12"),)),
    Case("sinds", "Sinds februari 2022 is € 13,6 miljard begroot.", None,
         (("februari 2022", "2022-02", None),)),
    Case("sinds-year", "sinds 2022 is dat een bijdrage", None, (("2022", "2022", None),)),
    Case("sedert", "de tarieven, welke sedert 1 januari 1969 werden geheven", None,
         (("1 januari 1969", "1969-01-01", None),)),
    Case("vanaf", "de BHO-begroting wordt vanaf 2027 1,8 miljard euro lager", None,
         (("2027", "2027", None),)),
    Case("met-ingang-van", "een verhoging met ingang van 1 januari 1969", None,
         (("1 januari 1969", "1969-01-01", None),)),
    Case("miv", "m.i.v. 1 juli 2025 geldt de regeling", None,
         (("1 juli 2025", "2025-07-01", None),)),
    Case("na", "voor woningen die na 1 juli 1991 het tweede exploitatiejaar ingaan", None,
         (("1 juli 1991", "1991-07-01", None),)),
    Case("tot-en-met-open", "Tot en met 2030 is een uitbreiding voorzien.", None,
         (("2030", None, "2030"),)),
    Case("tot-en-met-day", "De regeling loopt tot en met 24 januari 2023.", None,
         (("24 januari 2023", None, "2023-01-24"),)),
    Case("tot-open", "de operatie, die gefaseerd tot 1990 zal worden doorgevoerd", None,
         (("1990", None, "1990"),)),
    Case("tot-day-open", "het uitstellen tot 1 januari 1993 van de maatregel", None,
         (("1 januari 1993", None, "1993-01-01"),)),
    Case("en-verdere-jaren", "f 900 000 in 1994 en verdere jaren", None,
         (("1994 en verdere jaren", "1994", None),)),
    Case("en-later", "voor 2026 en later is het budget", None, (("2026 en later", "2026", None),)),
    Case("jaar-slash", "in het tegemoetkomingsjaar 1986/1987 (waarvan 6000 toegekend)", None,
         (("1986/1987", "1986", "1987"),)),
    Case("gasjaar", "Voor het gasjaar 2022/2023 is de winning begrensd.", None,
         (("2022/2023", "2022-10", "2023-09"),)),
    Case("first-n-months-ref", "In de eerste acht maanden stroomden 2.815 militairen in.",
         "2024-10-01", (("de eerste acht maanden", "2024-01", "2024-08"),)),
]

NOT_DATES = [
    Case("kamerstuk", "(Kamerstuk 21 501-20, nr. 1872)", None, ()),
    Case("kamerstuk-lower", "(kamerstuk 19 277 nr. 11)", None, ()),
    Case("kamerstukken-session", "(kamerstukken 1991-1992, 22 300 nr. 61)", None, ()),
    Case("tk-glued", "(TK, 1990-1991,21 800 XI, nr. 79)", None, ()),
    Case("handelingen", "(Handelingen II 2023/24, nr. 41)", None, ()),
    Case("handelingen-dash", "(Handelingen II 1985-1986, blz. 4049 en volgende)", None, ()),
    Case("staatsblad", "zie Stb. 2019, 123", None, ()),
    Case("pbeu", "Richtlijn 2009/50/EG (PbEU 2021, L 382/1)", None, ()),
    Case("cited-session", "Zie Tweede Kamer, 20 200 XI, nr. 94 (1987-1988)", None, ()),
    Case("vergaderjaar", "Tweede Kamer der Staten-Generaal\nVergaderjaar 2024-2025\n", None, ()),
    Case("vergaderjaar-en-dash", "Vergaderjaar 2024–2025", None, ()),
    Case("zitting", "Zitting 1970-1971 -10 939", None, ()),
    Case("footer", "Tweede Kamer, vergaderjaar 1993-1994, 23 400 XIII, nr. 28", None, ()),
    Case("footer-zitting", "Tweede Kamer, zitting 1979-1980,15 899, nr. 14", None, ()),
    Case("law-name", "De Comptabiliteitswet 2016 schrijft dit voor.", None, ()),
    Case("law-title", "Wijziging van de Wet op de inkomstenbelasting 1964", None, ()),
    Case("regulation-name", "de Subsidieregeling Managementondersteuning 1986 is populair",
         None, ()),
    Case("pbeu-citation", "(PbEU 2021, L 382/1)", None, ()),
    Case("plan-name", "Het ontwerp-Bestemmingsplan Buitengebied 1985 ligt ter visie.", None, ()),
    Case("nota-name", "De Nota Ruimte 2004 blijft van kracht.", None, ()),
    Case("budget-citation", "(Rijksbegroting 1987, Kamerstukken II 1986/87, 19 700, nr. 2)", None,
         ()),
    Case("document-name", "Met de Voorjaarsnota 2025 komt er geld bij.", None, ()),
    Case("time", "Het debat begint om 14.15 uur.", None, ()),
    Case("time-colon", "bijgewerkt om 09:12", None, ()),
    Case("duration-weeks", "voor vier weken naar Polen", None, ()),
    Case("duration-years", "Voor de duur van drie jaar.", None, ()),
    Case("duration-binnen", "binnen tien jaar naar 2 procent", None, ()),
    Case("komende-jaren", "Het fonds zal de komende jaren miljarden vragen.", "2024-04-12", ()),
    Case("ratio", "1 op de 5 militairen", None, ()),
    Case("article", "op grond van artikel 100 van de Grondwet", None, ()),
    Case("postbus", "Postbus 20701, 2500 ES Den Haag", None, ()),
    Case("year-like-count", "Er kwamen 2000 militairen bij.", None, ()),
    Case("year-like-count-things", "Er werden 1900 woningen gebouwd.", None, ()),
    Case("name-jan", "Jan de Vries stemde voor.", "2024-01-01", ()),
    Case("bare-season", "De zomer was warm.", "2024-01-01", ()),
    Case("habit-weekday", "Elke maandag overlegt het team.", "2024-06-13", ()),
    Case("figurative-morgen", "de zorg van morgen", "2024-06-13", ()),
    Case("fraction", "de helft van de middelen", "2024-06-13", ()),
    Case("quarter-of-war", "in het eerste kwartaal van de oorlog", "2024-06-13", ()),
    Case("year-earlier-than", "Het project is een jaar eerder dan gepland klaar.", "2024-06-13",
         ()),
    Case("decade-in-title", "de beleidsbrief «Welzijnsbeleid in de jaren negentig: samen»",
         "1992-12-07", ()),
    Case("school-year", "in het schooljaar-rapport 2023/24", None, ()),
    Case("eu-regulation", "Verordening (EU) 2019/1937", None, ()),
]

UNRESOLVED = [
    Case("dit-jaar-no-ref", "Het kabinet trekt dit jaar extra geld uit.", None,
         (("dit jaar", None),)),
    Case("jl-no-ref", "Op 13 april jl. heeft de Raad ingestemd.", None, (("13 april jl.", None),)),
    Case("month-no-ref", "In maart is het plafond opgehoogd.", None, (("maart", None),)),
    Case("vorige-week-no-ref", "Vorige week kwamen 900 verzoeken binnen.", None,
         (("Vorige week", None),)),
    Case("weekday-no-ref", "Op dinsdag sprak de minister.", None, (("dinsdag", None),)),
    Case("month-anchored-no-ref", "In 2023 werd in maart het plafond opgehoogd.", None,
         (("2023", "2023"), ("maart", "2023-03"))),
]

# One attribute of one mention: (id, text, letter date, mention text, attribute, value).
ATTRIBUTES = [
    ("medio", "medio mei naar Duitsland", "2024-03-15", "medio mei", "modifier", "mid"),
    ("begin", "Begin dit jaar bedroeg de waarde", "2025-06-17", "Begin dit jaar", "modifier",
     "begin"),
    ("eind", "eind 2025 is de voorraad op peil", None, "eind 2025", "modifier", "end"),
    ("ultimo", "per ultimo september", "1989-04-05", "ultimo september", "modifier", "end"),
    ("halverwege", "halverwege dit jaar uitgeput", "1988-04-26", "halverwege dit jaar", "modifier",
     "mid"),
    ("rond", "rond de zomer van 2022 gereed", None, "zomer van 2022", "modifier", "approx"),
    ("omstreeks", "omstreeks 1 maart 2025 gereed", None, "1 maart 2025", "modifier", "approx"),
    ("uiterlijk-role", "uiterlijk 1 mei stuur ik u de brief", "2025-02-01", "1 mei", "role",
     "deadline"),
    ("uiterlijk-mod", "uiterlijk 1 mei stuur ik u de brief", "2025-02-01", "1 mei", "modifier",
     "by"),
    ("voor-eind-role", "voor eind 2025 afgerond", None, "eind 2025", "role", "deadline"),
    ("voor-eind-mod", "voor eind 2025 afgerond", None, "eind 2025", "modifier", "end"),
    ("voor-year-no-role", "Voor 2025 heeft het kabinet € 1 miljard begroot.", None, "2025", "role",
     None),
    ("per-role", "Per 1 januari gaat de regeling in", "2024-09-17", "1 januari", "role", "as_of"),
    ("stand-per", "bedraagt, stand per 31 mei 2025, bijna € 7,3 miljard", None, "31 mei 2025",
     "role", "as_of"),
    ("primo-mod", "primo 1987 volgt de evaluatie", None, "primo 1987", "modifier", "begin"),
    ("brief-van", "de antwoorden volgden bij brief van 24 oktober 2024.", None, "24 oktober 2024",
     "role", "reference"),
    ("dd", "het mondeling overleg d.d. 9 januari 1980", None, "9 januari 1980", "role",
     "reference"),
    ("motie-van", "de motie van 3 april 2024 verzoekt", None, "3 april 2024", "role", "reference"),
    ("na-mod", "na 2025 volgt een evaluatie", None, "2025", "modifier", "after"),
    ("sinds-mod", "Sinds 1 januari hebben 23.000 mensen asiel aangevraagd.", "2024-07-02",
     "1 januari", "modifier", "since"),
    ("vanaf-mod", "vanaf juli volgen circa 180 militairen", "2023-02-20", "juli", "modifier",
     "from"),
    ("tot-en-met-mod", "Tot en met 2030 is een uitbreiding voorzien.", None, "2030", "modifier",
     "until"),
    ("tot-ultimo-keeps-end", "de regeling voort te zetten tot ultimo 1995.", None, "ultimo 1995",
     "modifier", "end"),
    ("pb-reference", "PB L 102 van 24.3.2021, blz. 14", None, "24.3.2021", "role", "reference"),
    ("kind-absolute", "Op 3 mei 2024 besloot de Raad.", None, "3 mei 2024", "kind", "absolute"),
    ("kind-relative", "Op 13 april jl. besloot de Raad.", "2024-05-03", "13 april jl.", "kind",
     "relative"),
    ("kind-period", "het MFK 2021–2027", None, "2021–2027", "kind", "period"),
    ("kind-open-period", "sinds 2022", None, "2022", "kind", "period"),
    ("kind-relative-year", "dit jaar", "2024-05-03", "dit jaar", "kind", "relative"),
    ("kind-borrowed-absolute", "Medio juni en begin november 1988", "1989-04-05", "Medio juni",
     "kind", "absolute"),
    ("season-approx-none", "in het voorjaar van 2024", None, "voorjaar van 2024", "modifier", None),
]

KNOWN_FAILURES = [
    # The month is in a table caption three lines above the year: "(stand maart ... 1986)".
    Case("caption-split", "Opgave (stand maart\nOntvangsten\n1986)", None,
         (("1986", "1986-03"),)),
    # Days of the week counted from an event, not the letter: "de dinsdag daarna".
    Case("weekday-after-event", "Op 3 mei 2024 viel het besluit; de dinsdag daarna volgde de "
         "publicatie.", None, (("3 mei 2024", "2024-05-03"), ("dinsdag", "2024-05-07"))),
]

# From the challenge development set (challenge.jsonl): passages whose gold this
# extractor follows. Cases where that gold departs from the conventions here (vergaderjaar line,
# "tot en met 2030" as a point, durations as dates) are in NOT_DATES / PERIODS above.
CHALLENGE = [
    Case("ch009", "De commissie legde de vragen op 3 oktober 2024 aan de Staatssecretaris voor; "
         "de antwoorden volgden bij brief van 24 oktober 2024.", "2024-10-29",
         (("3 oktober 2024", "2024-10-03"), ("24 oktober 2024", "2024-10-24"))),
    Case("ch017", "Voor pijler 1 droeg Defensie in 2022 EUR 7.4 miljoen af.", "2023-02-10",
         (("2022", "2022"),)),
    Case("ch041", "De uitvoeringskosten bedragen 850 k€ in 2025 en 1.200 k€ in 2026.",
         "2024-11-29", (("2025", "2025"), ("2026", "2026"))),
    Case("ch082", "Voor de aanpak van piekbelasters is € 975 miljoen beschikbaar; de "
         "opkoopregeling opent op 1 april 2023.", "2022-11-25",
         (("1 april 2023", "2023-04-01"),)),
    Case("ch084", "In februari bedroegen de kosten van het prijsplafond ongeveer € 640 miljoen; "
         "circa 65 procent van de huishoudens bleef onder het plafond.", "2023-03-20",
         (("februari", "2023-02"),)),
    Case("ch085", "Op 13 april jl. heeft de Raad ingestemd met een nieuwe steunmaatregel.",
         "2024-05-03", (("13 april jl.", "2024-04-13"),)),
    Case("ch122", "De instroom in de opvang kwam van januari tot en met mei uit op 17.240.",
         "2023-06-12", (("januari tot en met mei", "2023-01", "2023-05"),)),
    Case("ch126", "Nederland draagt van juli 2023 tot en met december 2024 bij met maximaal 150 "
         "militairen en een budget van € 32 miljoen.", "2023-07-07",
         (("juli 2023 tot en met december 2024", "2023-07", "2024-12"),)),
    Case("ch217", "In maart en april vertrekt een eerste groep van 25 militairen voor drie weken "
         "naar Polen; vanaf juli volgen circa 180 militairen voor vijf weken.", "2023-02-20",
         (("maart en april", "2023-03", "2023-04"), ("juli", "2023-07", None))),
    Case("ch222", "Van de € 2,5 miljard die voor 2023 op de Aanvullende Post is gereserveerd, is "
         "medio februari € 600 miljoen overgeheveld naar de defensiebegroting.", "2023-03-10",
         (("2023", "2023"), ("medio februari", "2023-02"))),
    Case("ch228", "In de periode januari–mei schreven zich 16.950 asielzoekers in, ongeveer 900 "
         "minder dan een jaar eerder.", "2023-06-15",
         (("januari–mei", "2023-01", "2023-05"), ("een jaar eerder", "2022-01", "2022-05"))),
    Case("ch233", "Volgens de minister is er inmiddels voor meer dan € 3 miljard aan militair "
         "materieel naar Oekraïne gegaan, zo schrijft zij vandaag aan de Kamer.", "2024-06-13",
         (("vandaag", "2024-06-13"),)),
    Case("ch239", "Vanaf 1 januari 2026 ontvangen reservisten een vergoeding van € 25 per "
         "opkomstdag, oplopend naar € 40 in 2028.", "2025-10-06",
         (("1 januari 2026", "2026-01-01", None), ("2028", "2028"))),
]


def _ids(cases: list[Case]) -> list[str]:
    return [c.id for c in cases]


@pytest.mark.parametrize("case", ABSOLUTE, ids=_ids(ABSOLUTE))
def test_absolute(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", PARTIAL, ids=_ids(PARTIAL))
def test_partial(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", RELATIVE, ids=_ids(RELATIVE))
def test_relative(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", PERIODS, ids=_ids(PERIODS))
def test_periods(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", NOT_DATES, ids=_ids(NOT_DATES))
def test_not_dates(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", UNRESOLVED, ids=_ids(UNRESOLVED))
def test_unresolved_without_letter_date(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", CHALLENGE, ids=_ids(CHALLENGE))
def test_challenge(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", KNOWN_FAILURES, ids=_ids(KNOWN_FAILURES))
@pytest.mark.xfail(strict=True)
def test_known_failures(case: Case) -> None:
    check(case)


@pytest.mark.parametrize(("text", "letter_date", "mention", "attribute", "value"),
                         [row[1:] for row in ATTRIBUTES], ids=[row[0] for row in ATTRIBUTES])
def test_attributes(text: str, letter_date: str | None, mention: str, attribute: str,
                    value: str | None) -> None:
    hits = [f for t, f in run(text, letter_date) if overlaps(text, t, mention)]
    assert len(hits) == 1, hits
    assert hits[0].attrs[attribute] == value


def test_table_size() -> None:
    rows = ABSOLUTE + PARTIAL + RELATIVE + PERIODS + NOT_DATES + UNRESOLVED + CHALLENGE
    assert len(rows) + len(ATTRIBUTES) >= 150
    assert len({c.id for c in rows}) == len(rows)


def _mixed(alphabet: list[str], n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


HOSTILE = [
    pytest.param("1 2 3 4 5 6 7 8 9 " * 3_000, id="digits"),
    pytest.param("januari februari maart " * 3_000, id="bare-months"),
    pytest.param("decem-" * 10_000 + "ber 2024", id="hyphen-broken-month"),
    pytest.param("2024-2025-" * 5_000, id="year-chains"),
    pytest.param("op maandag " * 5_000, id="weekdays"),
    pytest.param("begin eind medio " * 5_000 + "2025", id="modifiers"),
    pytest.param("het eerste kwartaal van " * 3_000, id="quarter-starts"),
    pytest.param("in 2024 en dat jaar " * 3_000, id="anaphora"),
    pytest.param("d.d." * 20_000, id="dd"),
    pytest.param(" " * 100_000 + "mei 2024", id="spaces"),
    pytest.param(_mixed(["1", "2", "0", " ", "-", "/", ".", "mei ", "jl. ", "tot ", "en "],
                        50_000, 3), id="random-date-parts"),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_fast(text: str) -> None:
    claims = Claims(len(text))
    started = time.perf_counter()
    find_dates(text, claims, dt.date(2024, 5, 3))
    parse_header(text)
    assert time.perf_counter() - started < 3.0


# Calls that scan a text; an anchored ``match`` tries one position and goes without.
REGEX_METHODS = {"search", "finditer", "findall", "sub", "subn"}
SRC = Path(__file__).resolve().parent.parent / "src" / "briefparser" / "extractors"


@pytest.mark.parametrize("module", ["dates.py", "letter.py"])
def test_every_regex_call_has_a_timeout(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    missing = [
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr in REGEX_METHODS
        and not any(k.arg == "timeout" for k in node.keywords)
    ]
    assert missing == []
