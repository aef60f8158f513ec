"""Monetary amounts: each row is a passage and every amount expected in it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

import pytest

from briefparser.extractors.base import Claims
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.money import find_amounts


class A(NamedTuple):
    """An expected amount: span text, value, currency, range end, qualifier."""

    text: str
    value: str | None
    currency: str = "EUR"
    high: str | None = None
    qualifier: str | None = None


def _str(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def found(text: str) -> list[dict[str, Any]]:
    claims = Claims(len(text))
    claim_blocked(text, claims)
    hits = sorted(find_amounts(text, claims), key=lambda f: f.start)
    return [{"text": text[f.start : f.end], **f.attrs} for f in hits]


def amounts(text: str) -> list[A]:
    return [A(h["text"], _str(h["value"]), h["currency"], _str(h["high"]), h["qualifier"])
            for h in found(text)]


def case(text: str, *expected: A, id: str) -> Any:
    return pytest.param(text, list(expected), id=id)


BASICS = [
    case("Voor 2025 heeft het kabinet € 3,5 miljard gereserveerd.",
         A("€ 3,5 miljard", "3500000000"), id="euro-sign-miljard"),
    case("Er komt € 115 miljoen bij.", A("€ 115 miljoen", "115000000"), id="euro-sign-miljoen"),
    case("Vorig jaar kende het IMG 480,2 miljoen euro toe.",
         A("480,2 miljoen euro", "480200000"), id="decimal-comma-euro-after"),
    case("Het plafond is met EUR 5 mld. opgehoogd.", A("EUR 5 mld.", "5000000000"),
         id="EUR-mld-dot"),
    case("Daarvan is € 1,3 mrd. besteed.", A("€ 1,3 mrd.", "1300000000"), id="mrd-dot"),
    case("De begroting groeit naar EUR 18 mld in 2028.", A("EUR 18 mld", "18000000000"),
         id="mld-no-dot"),
    case("Er is € 225 mln beschikbaar.", A("€ 225 mln", "225000000"), id="mln"),
    case("Er is € 240 mln euro beschikbaar.", A("€ 240 mln euro", "240000000"),
         id="currency-before-and-after"),
    case("Er is 3 mln. euro nodig.", A("3 mln. euro", "3000000"), id="mln-dot-euro"),
    case("Het budget is € 2,5 mio.", A("€ 2,5 mio.", "2500000"), id="mio"),
    case("De uitvoeringskosten bedragen 850 k€ in 2025.", A("850 k€", "850000"), id="k-euro"),
    case("Dat kost k€ 1.200 per jaar.", A("k€ 1.200", "1200000"), id="k-euro-before"),
    case("Per schadegeval kostte de uitvoering 78 cent.", A("78 cent", "0.78"), id="cent"),
    case("De heffing is 78 eurocent per liter.", A("78 eurocent", "0.78"), id="eurocent"),
    case("Het normbedrag is € 500.000 per project.", A("€ 500.000", "500000"),
         id="dot-thousands"),
    case("Hij ontving 5.000 euro.", A("5.000 euro", "5000"), id="dot-thousands-euro-after"),
    case("Dat kost 1.250.000 euro.", A("1.250.000 euro", "1250000"), id="two-thousands-dots"),
    case("Dat kost 3 000 euro.", A("3 000 euro", "3000"), id="space-thousands"),
    case("Dat kost 3\u00a0000 euro.", A("3\u00a0000 euro", "3000"), id="no-break-space"),
    case("Het budget bedraagt € 8\u202f392,6 miljoen.", A("€ 8\u202f392,6 miljoen", "8392600000"),
         id="narrow-no-break-space"),
    case("Het budget bedraagt € 8 392,6 miljoen.", A("€ 8 392,6 miljoen", "8392600000"),
         id="space-thousands-and-decimal"),
    case("Het budget bedraagt € 10.612,4 miljoen.", A("€ 10.612,4 miljoen", "10612400000"),
         id="dot-thousands-and-decimal"),
    case("Defensie droeg EUR 6.7 miljoen af.", A("EUR 6.7 miljoen", "6700000"),
         id="english-decimal"),
    case("Het gaat om 7.4 miljoen euro.", A("7.4 miljoen euro", "7400000"),
         id="english-decimal-euro-after"),
    case("De steun komt uit op 1.012 miljoen euro.", A("1.012 miljoen euro", "1012000000"),
         id="thousands-dot-before-scale"),
    case("Het kost €3,5 miljard.", A("€3,5 miljard", "3500000000"), id="sign-glued"),
    case("Het fonds bevat 2 biljoen euro.", A("2 biljoen euro", "2000000000000"), id="biljoen"),
    case("Er is € 0,2 miljard doorgeschoven.", A("€ 0,2 miljard", "200000000"), id="zero-point"),
    case("Ze betalen € 1,38 per kubieke meter.", A("€ 1,38", "1.38"), id="euro-cents-decimal"),
    case("Een abonnement kost € 25,- per maand.", A("€ 25,-", "25"), id="comma-dash"),
]

NEGATIVES = [
    case("Het saldo bedraagt – € 18,2 miljoen.", A("– € 18,2 miljoen", "-18200000"),
         id="en-dash-minus"),
    case("Saldo -€ 3 miljoen.", A("-€ 3 miljoen", "-3000000"), id="glued-minus"),
    case("Het tekort loopt op tot -18,2 miljoen euro.", A("-18,2 miljoen euro", "-18200000"),
         id="minus-bare-number"),
    case("Mutatie\n– € 18,2 miljoen\n", A("– € 18,2 miljoen", "-18200000"),
         id="minus-alone-on-line"),
    case("Het saldo is -/- f 5 mln.", A("-/- f 5 mln.", "-5000000", "NLG"),
         id="old-minus-notation"),
    case("- € 5 miljoen voor munitie;\n- € 3 miljoen voor drones.",
         A("€ 5 miljoen", "5000000"), A("€ 3 miljoen", "3000000"), id="bullets-not-minus"),
    case("periode 2020 -2025: € 5 miljoen", A("€ 5 miljoen", "5000000"),
         id="year-dash-no-minus"),
]

WRITTEN = [
    case("Er komt drieëntwintig miljoen euro bij.",
         A("drieëntwintig miljoen euro", "23000000"), id="drieentwintig"),
    case("Het kost honderdtwintig miljoen euro.", A("honderdtwintig miljoen euro", "120000000"),
         id="honderdtwintig"),
    case("Een boete van zevenduizend euro.", A("zevenduizend euro", "7000"), id="zevenduizend"),
    case("Een toeslag van tweehonderdvijftig euro.", A("tweehonderdvijftig euro", "250"),
         id="tweehonderdvijftig"),
    case("Er is anderhalf miljard euro uitgetrokken.",
         A("anderhalf miljard euro", "1500000000"), id="anderhalf"),
    case("Defensie krijgt er een half miljard euro bij.",
         A("een half miljard euro", "500000000"), id="een-half"),
    case("Er komt een miljard euro bij.", A("een miljard euro", "1000000000"), id="een-miljard"),
    case("Er komt één miljard euro bij.", A("één miljard euro", "1000000000"), id="een-accent"),
    case("Dat kost tweeënhalf miljoen euro.", A("tweeënhalf miljoen euro", "2500000"),
         id="tweeenhalf"),
    case("Het defensiebudget wordt met honderd miljoen euro verhoogd.",
         A("honderd miljoen euro", "100000000"), id="honderd"),
    case("Het gaat om vijftien euro per uur.", A("vijftien euro", "15"), id="vijftien"),
]

IMPLICIT = [
    case("In maart is een plafond van 5,69 mld. afgesproken.",
         A("5,69 mld.", "5690000000", qualifier="at_most"), id="plafond-implicit"),
    case("Er ging 1 miljard naar Oekraïne.", A("1 miljard", "1000000000"), id="follower-naar"),
    case("Van het budget is 2 mld. naar voren gehaald.", A("2 mld.", "2000000000"),
         id="follower-naar-mld"),
    case("Daarna resteert nog ruim 1,5 mld.", A("1,5 mld.", "1500000000", qualifier="more_than"),
         id="sentence-end"),
    case("Hiervan gaat 70 miljoen naar munitie en 35 miljoen naar zorg.",
         A("70 miljoen", "70000000"), A("35 miljoen", "35000000"), id="two-implicit"),
    case("Nederland heeft 17,9 miljoen inwoners.", id="people-not-money"),
    case("Er zijn 1,1 miljoen huishoudens geraakt.", id="households-not-money"),
    case("Er werd 2,5 miljoen ton graan verscheept.", id="tonnes-not-money"),
    case("Het project kost ongeveer 12 miljoen volgens de raming.",
         A("12 miljoen", "12000000", qualifier="approx"), id="leader-before-qualifier"),
    case("Er is een tekort van 3 miljard ontstaan.", A("3 miljard", "3000000000"),
         id="leader-tekort"),
]

CURRENCIES = [
    case("De VS gaven 61 miljard dollar uit.", A("61 miljard dollar", "61000000000", "USD"),
         id="dollar-after"),
    case("Het pakket bedraagt USD 500 miljoen.", A("USD 500 miljoen", "500000000", "USD"),
         id="USD-before"),
    case("Het pakket bedraagt $ 5 miljard.", A("$ 5 miljard", "5000000000", "USD"),
         id="dollar-sign"),
    case("Het kost 61 miljard Amerikaanse dollar.",
         A("61 miljard Amerikaanse dollar", "61000000000", "USD"), id="amerikaanse-dollar"),
    case("Het Verenigd Koninkrijk geeft £ 3 miljoen.", A("£ 3 miljoen", "3000000", "GBP"),
         id="pound-sign"),
    case("Het Verenigd Koninkrijk geeft 3 miljoen pond.", A("3 miljoen pond", "3000000", "GBP"),
         id="pond"),
    case("Zwitserland draagt CHF 10 miljoen bij.", A("CHF 10 miljoen", "10000000", "CHF"),
         id="CHF"),
    case("Een kaartje kost 20 euro’s.", A("20 euro’s", "20"), id="euros-typographic"),
    case("De bijdrage bedraagt f 2 miljoen.", A("f 2 miljoen", "2000000", "NLG"),
         id="guilder-f"),
    case("De bijdrage bedraagt ƒ 3 miljard.", A("ƒ 3 miljard", "3000000000", "NLG"),
         id="guilder-florin-sign"),
    case("De bijdrage bedraagt hfl 20,5 miljoen.", A("hfl 20,5 miljoen", "20500000", "NLG"),
         id="hfl"),
    case("De bijdrage bedraagt Hfl. 300.", A("Hfl. 300", "300", "NLG"), id="Hfl-dot"),
    case("De bijdrage bedraagt fl. 200.", A("fl. 200", "200", "NLG"), id="fl-dot"),
    case("De bijdrage bedraagt Dfl. 10 miljoen.", A("Dfl. 10 miljoen", "10000000", "NLG"),
         id="Dfl"),
    case("Het kost 20 gulden per stuk.", A("20 gulden", "20", "NLG"), id="gulden"),
    case("Het kost 5 mln gld.", A("5 mln gld.", "5000000", "NLG"), id="gld"),
    case("Het budget van ca. f380 miljoen;", A("f380 miljoen", "380000000", "NLG", None, "approx"),
         id="f-glued"),
    case("Een graanprijs van 125 ECU.", A("125 ECU", "125", "XEU"), id="ECU"),
    case("Duitsland betaalt DM 5 miljoen.", A("DM 5 miljoen", "5000000", "DEM"), id="D-mark"),
    case("Het kost F 5.", id="capital-F-is-no-guilder"),
]

RANGES = [
    case("De kosten worden geraamd tussen € 2 en 3 miljard.",
         A("€ 2 en 3 miljard", "2000000000", high="3000000000"), id="tussen-en-shared-scale"),
    case("De kosten liggen tussen de € 2 en € 3 miljard.",
         A("€ 2 en € 3 miljard", "2000000000", high="3000000000"), id="tussen-de"),
    case("Het kost € 1 à 2 miljard.", A("€ 1 à 2 miljard", "1000000000", high="2000000000"),
         id="a-accent"),
    case("Het kost naar verwachting 6 tot 7 miljoen euro.",
         A("6 tot 7 miljoen euro", "6000000", high="7000000"), id="tot-euro-after"),
    case("Het kost € 15 miljoen tot € 25 miljoen.",
         A("€ 15 miljoen tot € 25 miljoen", "15000000", high="25000000"), id="tot-both-full"),
    case("Het kost € 5-7 miljoen.", A("€ 5-7 miljoen", "5000000", high="7000000"), id="dash"),
    case("Het kost € 5 – € 7 miljoen.", A("€ 5 – € 7 miljoen", "5000000", high="7000000"),
         id="en-dash-spaced"),
    case("Het kost 5 a 6 miljoen euro.", A("5 a 6 miljoen euro", "5000000", high="6000000"),
         id="a-without-accent"),
    case("De kosten liggen tussen 2 en 3 miljard.",
         A("2 en 3 miljard", "2000000000", high="3000000000"), id="implicit-range"),
    case("een waarde tussen de f 60 000 en f 90 000 minder",
         A("f 60 000 en f 90 000", "60000", "NLG", "90000"), id="guilder-range"),
    case("Projecten van € 5 tot € 7 miljoen komen in aanmerking.",
         A("€ 5 tot € 7 miljoen", "5000000", high="7000000"), id="van-tot-is-range"),
    case("Het budget stijgt van 21 naar 22,5 miljard euro.",
         A("21", "21000000000"), A("22,5 miljard euro", "22500000000"), id="van-naar-two"),
    case("De tarieven zijn verhoogd van f 1 tot f 2 per inlichting.",
         A("f 1", "1", "NLG"), A("f 2", "2", "NLG"), id="change-van-tot-two"),
    case("Het budget gaat van € 5 miljoen tot € 3 miljoen.",
         A("€ 5 miljoen", "5000000"), A("€ 3 miljoen", "3000000"), id="falling-van-tot-two"),
    case("Er is € 5 miljoen en € 7 miljoen gereserveerd.",
         A("€ 5 miljoen", "5000000"), A("€ 7 miljoen", "7000000"), id="en-without-tussen"),
    case("Het kost € 5, € 6 en € 7.", A("€ 5", "5"), A("€ 6", "6"), A("€ 7", "7"), id="list"),
    case("Het kost € 5 miljoen tot 2025.", A("€ 5 miljoen", "5000000"), id="tot-year-no-range"),
    case("De schade bedroeg in 2023 € 310 miljoen, tegen € 372 miljoen een jaar eerder.",
         A("€ 310 miljoen", "310000000"), A("€ 372 miljoen", "372000000"), id="year-before-sign"),
    case("Voor pijler 1 droeg Defensie in 2022 EUR 7.4 miljoen af.",
         A("EUR 7.4 miljoen", "7400000"), id="year-before-code"),
]

QUALIFIERS = [
    case("Dat kost ongeveer € 640 miljoen.", A("€ 640 miljoen", "640000000", qualifier="approx"),
         id="ongeveer"),
    case("Dat kost circa € 3,8 miljoen.", A("€ 3,8 miljoen", "3800000", qualifier="approx"),
         id="circa"),
    case("Dat kost ca. € 295 miljoen.", A("€ 295 miljoen", "295000000", qualifier="approx"),
         id="ca"),
    case("Dat kost zo'n € 5 miljoen.", A("€ 5 miljoen", "5000000", qualifier="approx"),
         id="zo-n"),
    case("Dat kost zo’n € 5 miljoen.", A("€ 5 miljoen", "5000000", qualifier="approx"),
         id="zo-n-typographic"),
    case("Dat kost naar schatting € 5 miljoen.", A("€ 5 miljoen", "5000000", qualifier="approx"),
         id="naar-schatting"),
    case("Dat kost rond de € 5 miljoen.", A("€ 5 miljoen", "5000000", qualifier="approx"),
         id="rond-de"),
    case("Het tekort is bijna € 8,7 miljard.", A("€ 8,7 miljard", "8700000000",
                                                 qualifier="less_than"), id="bijna"),
    case("Defensie kocht voor een kleine 45 miljoen euro in.",
         A("45 miljoen euro", "45000000", qualifier="less_than"), id="een-kleine"),
    case("Het kost minder dan € 5 miljoen.", A("€ 5 miljoen", "5000000", qualifier="less_than"),
         id="minder-dan"),
    case("Het totaal komt op ruim 17 mld. euro.",
         A("17 mld. euro", "17000000000", qualifier="more_than"), id="ruim"),
    case("Er is meer dan € 3 miljard geleverd.",
         A("€ 3 miljard", "3000000000", qualifier="more_than"), id="meer-dan"),
    case("De subsidie bedraagt maximaal € 2,5 mln per project.",
         A("€ 2,5 mln", "2500000", qualifier="at_most"), id="maximaal"),
    case("Ze betalen ten hoogste € 1,38 per kubieke meter.",
         A("€ 1,38", "1.38", qualifier="at_most"), id="ten-hoogste"),
    case("Een vergoeding tot € 5 miljoen.", A("€ 5 miljoen", "5000000", qualifier="at_most"),
         id="tot-cap"),
    case("De marge is begrensd op € 386 miljoen.",
         A("€ 386 miljoen", "386000000", qualifier="at_most"), id="begrensd-op"),
    case("Het kabinet reserveert ten minste € 3 miljard per jaar.",
         A("€ 3 miljard", "3000000000", qualifier="at_least"), id="ten-minste"),
    case("Het kabinet reserveert minimaal € 3 miljard.",
         A("€ 3 miljard", "3000000000", qualifier="at_least"), id="minimaal"),
    case("De fondsbegroting loopt op tot EUR 18 mld in 2028.",
         A("EUR 18 mld", "18000000000"), id="loopt-op-tot-no-cap"),
    case("De opbrengst is afgenomen tot 5,6 miljard gulden.",
         A("5,6 miljard gulden", "5600000000", "NLG"), id="afgenomen-tot-no-cap"),
    case("Zij stelde een daling van de graanprijs tot 100 ECU voor.",
         A("100 ECU", "100", "XEU"), id="daling-tot-no-cap"),
]

VAGUE = [
    case("Het gaat om honderden miljoenen euro's aan contracten.",
         A("honderden miljoenen euro's", None, qualifier="approx"), id="honderden-miljoenen"),
    case("Het fonds zal miljarden euro's vragen.",
         A("miljarden euro's", None, qualifier="approx"), id="miljarden"),
    case("Dat kostte tientallen miljoenen guldens.",
         A("tientallen miljoenen guldens", None, "NLG", qualifier="approx"), id="tientallen"),
]

TABLES = [
    case("Uitgaven artikel 6 (bedragen x € 1.000)\nMunitie 45.300\nLuchtverdediging 112.750\n"
         "Totaal 158.050",
         A("45.300", "45300000"), A("112.750", "112750000"), A("158.050", "158050000"),
         id="bedragen-x-1000"),
    case("Uitgaven (x € 1 mln)\n2024 2025\nMunitie 45,3 50,1\nTotaal 95,4 -12,0\n",
         A("45,3", "45300000"), A("50,1", "50100000"), A("95,4", "95400000"),
         A("-12,0", "-12000000"), id="x-1-mln-years-skipped"),
    case("Tabel 2 In miljoenen euro's\nOekraïne 120\nSoedan 12\n",
         A("120", "120000000"), A("12", "12000000"), id="in-miljoenen-euros"),
    case("Uitgaven (€ mln)\nMunitie 45,3\n", A("45,3", "45300000"), id="euro-mln-bracket"),
    case("(bedragen in miljoenen guldens)\nPost A 12,5\nPost B -/- 3,0\n",
         A("12,5", "12500000", "NLG"), A("-/- 3,0", "-3000000", "NLG"), id="guilders-caption"),
    case("uitgaven in miljoenen gul-dens in lopende prijzen:\n1979\n1980\n367,2\n339,2 "
         "Verlaging voor financie-ring 1000 woningwetwoningen\n12,6\n25,9\nResteert:\n354,6\n"
         "Van de jaarlijks aan de Rijksgebouwendienst beschikbaar te stellen gelden is een deel "
         "bestemd voor 300 werken.",
         A("367,2", "367200000", "NLG"), A("339,2", "339200000", "NLG"),
         A("12,6", "12600000", "NLG"), A("25,9", "25900000", "NLG"),
         A("354,6", "354600000", "NLG"), id="ocr-hyphenated-caption"),
    case("Jaar\nUitgaven x f1 miljoen\n1987\n59 1988\n37 1989\n5\n"
         "Tweede Kamer, vergaderjaar 1986-1987, 19 973, nr. 2\n1",
         A("59", "59000000", "NLG"), A("37", "37000000", "NLG"), A("5", "5000000", "NLG"),
         id="footer-ends-table"),
    case("Opbrengst (x f 1000)\nLimiet\nOverschrijding -(x f 1000)\n1981\n113 113\n115 580\n"
         "113751\n118 966'\n121 119\"1 1985\n118 0663\n",
         A("113 113", "113113000", "NLG"), A("115 580", "115580000", "NLG"),
         A("113751", "113751000", "NLG"), A("118 966", "118966000", "NLG"),
         A("121 119", "121119000", "NLG"), A("118 066", "118066000", "NLG"),
         id="ocr-cells-and-footnote-marks"),
    case("(bedragen x € 1.000)\nMunitie 45.300\nDit is weer een gewone zin met heel veel woorden, "
         "zoals 2024 en 500 stuks.",
         A("45.300", "45300000"), id="prose-ends-table"),
    case("(bedragen x € 1.000)\nMunitie 45.300\n\nIn 2024 kwamen 300 verzoeken binnen.\n",
         A("45.300", "45300000"), id="blank-line-ends-table"),
    case("(bedragen x € 1.000)\nVerlaging voor gedeeltelijke financiering van de bouw van "
         "woningwetwoningen in 1979 12.600 25.900\nEen gewone zin met heel veel woorden en een "
         "bedrag van 500 stuks.\nMunitie 45.300",
         A("12.600", "12600000"), A("25.900", "25900000"), id="long-label-row"),
    case("Vergaderjaar 1990-1991\nTabel 1 (bedragen in miljoenen)\nPost A 12,5",
         A("12,5", "12500000", "NLG"), id="caption-in-letter-currency"),
    case("Tabel 1 (bedragen x 1.000)\nPost A 12,5", A("12,5", "12500"),
         id="caption-without-currency"),
    case("Bevolking (in miljoenen)\nNederland 17,9", id="population-is-no-caption"),
    case("(bedragen x € 1.000)\nMunitie 45.300 (waarvan € 2 miljoen voor opslag)\n",
         A("45.300", "45300000"), A("€ 2 miljoen", "2000000"), id="amount-inside-table"),
]

OCR = [
    case("een vergoeding van f 2 min. per jaar;", A("f 2 min.", "2000000", "NLG"),
         id="min-for-mln"),
    case("verlaagd met een bedrag van f 12,6 min., hetgeen",
         A("f 12,6 min.", "12600000", "NLG"), id="min-comma-after"),
    case("het budget van f 20,939 min. is op", A("f 20,939 min.", "20939000", "NLG"),
         id="three-decimals"),
    case("een bedrag van f 12.6 min. extra", A("f 12.6 min.", "12600000", "NLG"),
         id="ocr-dot-decimal"),
    case("een bedrag van f 2 545 miljoen.", A("f 2 545 miljoen", "2545000000", "NLG"),
         id="space-thousands-guilders"),
    case("opgenomen circa f50 min. voor", A("f50 min.", "50000000", "NLG", None, "approx"),
         id="glued-min"),
    case("de kosten derhalve ongeveer f600000.", A("f600000", "600000", "NLG", None, "approx"),
         id="glued-plain"),
    case("een korting van f 300 000 in 1992, f 600 000 in 1993 en f 900 000 in 1994",
         A("f 300 000", "300000", "NLG"), A("f 600 000", "600000", "NLG"),
         A("f 900 000", "900000", "NLG"), id="three-years"),
    case("per kalenderjaar van f 10 000 naar f 5 000;",
         A("f 10 000", "10000", "NLG"), A("f 5 000", "5000", "NLG"), id="van-naar-guilders"),
    case("de vaststelling van subsidies tot f 1 500 per dag.",
         A("f 1 500", "1500", "NLG", None, "at_most"), id="tot-cap-guilders"),
    case("een bedrag van f 12,6 mil-joen extra", A("f 12,6 mil-joen", "12600000", "NLG"),
         id="hyphen-broken-scale"),
    case("kosten van 5 miljoen gul-den per jaar", A("5 miljoen gul-den", "5000000", "NLG"),
         id="hyphen-broken-currency"),
    case("een bijdrage van f 300.000,- per jaar", A("f 300.000,-", "300000", "NLG"),
         id="comma-dash-guilders"),
    case("een uitkering van f 250,— per maand", A("f 250,—", "250", "NLG"), id="comma-em-dash"),
    case("Het totale bedrag beloopt derhalve f 1 234 567,89.",
         A("f 1 234 567,89", "1234567.89", "NLG"), id="space-groups-at-sentence-end"),
    case("De korting bedraagt f 300 000.", A("f 300 000", "300000", "NLG"),
         id="space-thousands-at-sentence-end"),
    case("circa f 2 a 3 miljoen per jaar", A("f 2 a 3 miljoen", "2000000", "NLG", "3000000",
                                              "approx"), id="ocr-range-qualified"),
    case("ten laste van artikel 05.01 f 3,2 mln.", A("f 3,2 mln.", "3200000", "NLG"),
         id="after-article-number"),
    case("Zitting 1979-1980\nEen exportprijs van ruim 19,25 ct/m3 voor 1980.",
         A("19,25 ct", "0.1925", "NLG", None, "more_than"), id="cents-in-old-letter"),
    case("Vergaderjaar 1990-1991\nEen opbrengst van structureel 975 mln. in 1994.",
         A("975 mln.", "975000000", "NLG"), id="implicit-in-old-letter"),
    case("'s-Gravenhage, 21 juni 1979\nHiervoor is 12,6 mln. nodig.",
         A("12,6 mln.", "12600000", "NLG"), id="date-line-old-letter"),
    case("Er is f 5 miljoen en f 3 miljoen besteed; daarnaast 12,6 mln. voor onderhoud.",
         A("f 5 miljoen", "5000000", "NLG"), A("f 3 miljoen", "3000000", "NLG"),
         A("12,6 mln.", "12600000", "NLG"), id="guilder-letter-implicit"),
    case("Vergaderjaar 2024-2025\nHiervoor is 12,6 mln. nodig.",
         A("12,6 mln.", "12600000"), id="implicit-in-new-letter"),
]

NOT_AMOUNTS = [
    case("Dat is de eerste stap, zo schetsen.1 Daarna volgt meer.", id="footnote-after-word"),
    case("Het kost € 27 miljoen.4 Dat is veel.", A("€ 27 miljoen", "27000000"),
         id="footnote-after-amount"),
    case("Zie Kamerstuk 21 501-02, nr. 2893.", id="kamerstuk"),
    case("Zie (Kamerstuk 34 919, nr. 77).", id="kamerstuk-bracketed"),
    case("Nr. 2893", id="document-number"),
    case("Op grond van artikel 100 van de Grondwet.", id="article"),
    case("Postbus 20701, 2500 ES Den Haag", id="postbus-postcode"),
    case("Bel 070 123 45 67 voor meer informatie.", id="phone"),
    case("Het overleg begint om 14.15 uur.", id="time"),
    case("Ons kenmerk BS2025014471", id="kenmerk"),
    case("De F-35 en de PAC-3 zijn besteld.", id="system-names"),
    case("Houd 1,5 meter afstand.", id="meters"),
    case("Een laag van 40 à 50 cm.", id="centimetres-range"),
    case("De Comptabiliteitswet 2016 geldt.", id="law-year"),
    case("Vergaderjaar 2024-2025", id="vergaderjaar"),
    case("Een kleine meerderheid stemde voor.", id="een-kleine-meerderheid"),
    case("1 op de 5 militairen", id="ratio"),
    case("Het gaat om 300 militairen.", id="headcount"),
    case("Het duurde een half jaar.", id="een-half-jaar"),
    case("Er is 1,5 miljoen liter geleverd.", id="litres"),
    case("De A2 en de N33 worden verbreed.", id="road-names"),
    case("Het aantal COVID-19 gevallen.", id="covid-19"),
    case("Ontvangsten2 zijn gestegen.", id="footnote-glued-word"),
    case("Tabel 3 laat de stand zien.", id="table-number"),
]

KNOWN_FAILURES = [
    pytest.param(
        "Opbrengst (x f 1000)\nlimiet in %\n1981\n113 113\n1,6\n",
        [A("113 113", "113113000", "NLG")],
        marks=pytest.mark.xfail(reason="a percent column of a table is read as money"),
        id="percent-column-in-table"),
    pytest.param(
        "Opbrengst (x f 1000)\n1985\n112675\n1223634\n",
        [A("112675", "112675000", "NLG"), A("122363", "122363000", "NLG")],
        marks=pytest.mark.xfail(reason="a footnote digit glued to an ungrouped cell"),
        id="footnote-on-ungrouped-cell"),
    pytest.param(
        "Dat kost f 1 ,5 miljoen.", [A("f 1 ,5 miljoen", "1500000", "NLG")],
        marks=pytest.mark.xfail(reason="OCR space before the decimal comma"),
        id="ocr-space-before-comma"),
    pytest.param(
        "De bevolking groeit tot 18 miljoen.", [],
        marks=pytest.mark.xfail(reason="a bare scale before punctuation is taken as money"),
        id="bare-population"),
    pytest.param(
        "Een bedrag van vijf-en-twintig euro.", [A("vijf-en-twintig euro", "25")],
        marks=pytest.mark.xfail(reason="old spelling with hyphens is read from its last part"),
        id="hyphenated-compound"),
    pytest.param(
        "Het kost twee en een half miljard euro.",
        [A("twee en een half miljard euro", "2500000000")],
        marks=pytest.mark.xfail(reason="spaced compound fractions are not parsed"),
        id="twee-en-een-half"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    BASICS + NEGATIVES + WRITTEN + IMPLICIT + CURRENCIES + RANGES + QUALIFIERS + VAGUE
    + TABLES + OCR + NOT_AMOUNTS + KNOWN_FAILURES,
)
def test_amounts(text: str, expected: list[A]) -> None:
    assert amounts(text) == expected


ATTRIBUTES = [
    pytest.param("Het normbedrag is € 100 per opvangplek per dag.", "per",
                 "opvangplek per dag", id="per-two-units"),
    pytest.param("Het kabinet reserveert € 3 miljard per jaar.", "per", "jaar", id="per-jaar"),
    pytest.param("Er is jaarlijks structureel € 300 miljoen beschikbaar.", "nature",
                 "structural", id="structureel"),
    pytest.param("Er komt eenmalig € 1,2 miljard bij.", "nature", "one_off", id="eenmalig"),
    pytest.param("Cumulatief is € 9,6 miljard toegezegd.", "nature", "cumulative",
                 id="cumulatief"),
    pytest.param("De uitgaven lopen op, oplopend tot € 700 miljoen in 2029.", "nature",
                 "trajectory", id="oplopend-tot"),
    pytest.param("Een plafond van 5,69 mld. is afgesproken.", "implicit_currency", True,
                 id="implicit-currency"),
    pytest.param("Er is € 5,69 mld. afgesproken.", "implicit_currency", False,
                 id="explicit-currency"),
    pytest.param("Het gaat om honderden miljoenen euro's.", "vague", True, id="vague"),
    pytest.param("Het gaat om € 300 miljoen.", "vague", False, id="not-vague"),
]


@pytest.mark.parametrize(("text", "attribute", "expected"), ATTRIBUTES)
def test_attributes(text: str, attribute: str, expected: object) -> None:
    (hit,) = found(text)
    assert hit[attribute] == expected


def test_values_are_exact_decimals() -> None:
    hits = found("Er is € 0,1 miljoen en 78 cent en € 1,38 uitgegeven.")
    assert all(isinstance(h["value"], Decimal) for h in hits)
    assert [format(h["value"], "f") for h in hits] == ["100000", "0.78", "1.38"]
