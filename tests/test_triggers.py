"""Anchored matching finds what plain matching finds: every trigger hits every start."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from briefparser import patterns
from briefparser.extractors import blocked, headcounts, letter, money, percentages

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

SAMPLES = [
    "Zie Kamerstuk 21 501-20, nr. 1872 en TK 36 600 X; artikel 5 lid 2; één op de acht.",
    "Om 10.30 uur, Postbus 20061; kenmerk 2024-0001; 2024D41207; Stb. 2021, 45.",
    "(bedragen x € 1.000)\nMunitie 45.300\nIn miljoenen euro's: -/- f 2 min. en EUR 7.4 mln.",
    "Tussen de 1,5 en 2 procent, +3%-punt, twee- tot driehonderd militairen, 1 58 man.",
    "Honderden miljoenen euro, tientallen mensen, anderhalf miljard, ﬁnanciën € 5 mln.",
    "36 600 X Vaststelling\n\n\n 21 501-20 Raad\n19 637\nNr. 3442\n\n\n\n\t29 279 Rechtsstaat",
]


def _texts() -> list[str]:
    return [*SAMPLES, *(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))]


def _pairs() -> list[tuple[str, regex.Pattern[str], patterns.Starts]]:
    pairs: list[tuple[str, regex.Pattern[str], patterns.Starts]] = [
        (r.rule.name, r.pattern, r.starts) for r in blocked._rules() if r.starts is not None]
    pairs += [(f"caption{i}", cap, starts) for i, (cap, starts) in
              enumerate(zip(money._caption_regexes(), money._caption_triggers(), strict=True))
              if starts is not None]
    pairs += [
        ("amount", money._amount_regex(), money._amount_trigger()),
        ("vague", money._vague_regex(), money._vague_trigger()),
        ("percent", percentages._percent_regex(), percentages._percent_trigger()),
        # Production scans for the parts of these two triggers apart.
        ("amount_parts", money._amount_regex(), money._amount_triggers()),
        ("percent_parts", percentages._percent_regex(), percentages._percent_triggers()),
        ("count", headcounts._count_regex(), headcounts._count_trigger()),
    ]
    return pairs


@pytest.mark.parametrize(("name", "pattern", "starts"), _pairs(), ids=lambda v: v
                         if isinstance(v, str) else "")
def test_anchored_equals_plain(name: str, pattern: regex.Pattern[str],
                               starts: patterns.Starts) -> None:
    for text in _texts():
        plain = [m.span() for m in pattern.finditer(text, timeout=5.0)]
        anchored = [m.span() for m in patterns.finditer_at(pattern, text, starts, 5.0)]
        assert anchored == plain, name


def test_search_at_equals_search() -> None:
    pattern, starts = headcounts._count_regex(), headcounts._count_trigger()
    for text in _texts():
        positions = patterns.trigger_starts(starts, text, 5.0)
        for pos in range(0, len(text), 97):
            plain = pattern.search(text, pos, timeout=5.0)
            anchored = patterns.search_at(pattern, text, positions, pos, 5.0)
            assert (anchored and anchored.span()) == (plain and plain.span())


def test_blocked_matches_contain_a_keyword_or_needle() -> None:
    checked = 0
    for r in blocked._rules():
        if not (r.keywords or r.needles):
            continue
        for text in _texts():
            for m in r.pattern.finditer(text, timeout=5.0):
                low = m.group().casefold()
                assert r.may_match(low, 5.0), r.rule.name
                checked += 1
    assert checked > 20


HEADERS = [
    "Den Haag, 14 november 2024\nBetreft x",
    "Tweede Kamer\n\nDatum\n\n3 mei 2024\n",
    "Tweede Kamer\n  'sGravenhage, 1 april 1994 Aan de Voorzitter\nVoorgesteld 3 juli 2025",
    "Nummer: 2024D41207, datum: 2024-10-08; Zaak 2024Z01234; Uw kenmerk: AB/12; kst-36045-12",
    "Betreft: steun\nOnderwerp x\n\nDe Minister van Defensie,\n\nR. Brekelmans",
    "Motie\nAmsterdam-Noord, 12-03-2024\nvastgesteld op 5 mei 2024",
    "s\nGravenhage, ISapril 1994\n",
    "Rotterdam Zuid , 2024-10-08.\nDen\nHaag, 3 mei 2024",
]


def test_date_line_equals_search() -> None:
    for head in [*HEADERS, *(t[: letter.HEADER_CHARS] for t in _texts())]:
        for start in range(0, len(head), 7):
            part = head[start:]
            plain = letter._date_line().search(part, timeout=5.0)
            anchored = letter._first_date_line(part)
            assert (anchored and anchored.span()) == (plain and plain.span()), part[:60]


def test_header_patterns_need_their_words() -> None:
    found = 0
    checks = {"subject": letter._SUBJECT, "addressee": letter._ADDRESSEE, **letter._IDENTIFIERS}
    for head in [*HEADERS, *_texts()]:
        for what, pattern in checks.items():
            for m in pattern.finditer(head, timeout=5.0):
                assert letter._has(m.group().casefold(), what), what
                found += 1
    assert found > 8


def _phrases() -> list[str]:
    from briefparser import rules

    return [p for row in rules.qualifiers().qualifier for p in row.phrases]


def _turkish_upper(phrase: str) -> str:
    return phrase.upper().replace("I", "İ")


@given(st.lists(st.one_of(st.sampled_from(_phrases()), st.sampled_from(_phrases()).map(str.upper),
                          st.sampled_from(_phrases()).map(_turkish_upper),
                          st.text(alphabet="ab é,.;()\n\t\u00a0€5İꭰ", max_size=6)), max_size=6),
       st.sampled_from(["", " ", "  ", "\u00a0", "\n", "x"]))
def test_qualifier_end_check_keeps_every_match(parts: list[str], tail: str) -> None:
    window = " ".join(parts) + tail
    if patterns.qualifier_regex().search(window, timeout=5.0):
        assert patterns.may_end_in_qualifier(window)


@given(st.text(alphabet="ab ,.\n\t\u00a0\u2028\u3000\x85\u200b\x1c\x1f", max_size=12))
def test_collapsed_whitespace_equals_the_regex(text: str) -> None:
    assert letter._collapse(text) == regex.sub(r"\s++", " ", text, flags=regex.V1, timeout=5.0)


def _plain_blocked(text: str) -> list[tuple[int, int, str]]:
    """find_blocked without keywords, needles or triggers: every rule over the text."""
    out = []
    for r in blocked._rules():
        for m in r.pattern.finditer(text, timeout=5.0):
            start, end = m.span(r.rule.group) if r.rule.group else m.span()
            if end > start:
                out.append((start, end, r.rule.name))
    return out


# Characters whose case folding changes length ("İ") or case (Cherokee small letters),
# and decimal digits other than 0-9.
ODD_CASE = ["İ-5", "Aẖ-5", "Verdrag İstanbul 2011", "Wet op de İnkomsten 1964", "ARTİKEL 5",
            "3 op TİEN", "aẖ.1", "xꭰ.1", "STRAßE 12", "ﬁnanciën.2", "Postcode ٢٥١١ AB",
            "artikel ٣", "om ١٠.٣٠ uur", "Voorjaarsnota ٢٠٢٥"]


def test_blocked_gates_keep_every_match() -> None:
    for text in [*SAMPLES, *ODD_CASE, *_texts()]:
        assert blocked.find_blocked(text) == _plain_blocked(text), text[:60]


BLOCKED_WORDS = [
    "Kamerstuk", "21 501-20", "nr.", "1872", "artikel", "lid", "2", "Postbus", "20061", "1234 AB",
    "06-12345678", "10.30", "uur", "2024D41207", "kst-36045-12", "CO2", "G20", "F-35", "3e",
    "(EU)", "2021/2115", "Wet", "op", "de", "inkomstenbelasting", "1964", "Voorjaarsnota", "2025",
    "2024/25", "hoog.", "één", "op", "acht", "İ", "ẖ", "ꭰ", "ß", "٣", "٢٠٢٥", " ", "\n", ",", ".",
    " " * 9, "\n\t" * 6,
]


# One example of each rule (several for rules with alternatives).
BLOCKED_EXAMPLES = [
    "Kamerstukken II 2023/24, 21 501-20, nr. 1872", "Handelingen II 2023/24, nr. 12",
    "vergaderjaar 2024-2025, 36 600 X", "Stb. 2021, 45", "nrs. 3 en 4", "36 600 X Defensie",
    "dossier 36 600", "artikel 5 lid 2", "Postbus 20061", "2511 AB", "06-12345678",
    "+31 70 1234567", "om 10.30 uur", "om 10 uur", "2024D41207", "kst-36045-12",
    "kenmerk 2024-0001", "F-35", "CO2", "3e", "(EU) 2021/2115", "Richtlijn 2021/2115",
    "Voorjaarsnota 2025", "2024/25", "hoog.2 3", "één op de acht",
    "Wet op de inkomstenbelasting 1964", "Bestemmingsplan Buitengebied Noord 1985",
]


@pytest.mark.parametrize("gap", [" " * 9, " " * 30, "\n" * 12, "\t \u00a0" * 5])
def test_blocked_gates_keep_matches_with_long_gaps(gap: str) -> None:
    """Needles bound the whitespace they read: longer gaps must still let the rule run."""
    for example in BLOCKED_EXAMPLES:
        text = f"x {example.replace(' ', gap)} y"
        assert blocked.find_blocked(text) == _plain_blocked(text), text


@given(st.lists(st.sampled_from(BLOCKED_WORDS), max_size=12))
def test_blocked_gates_keep_every_match_generated(words: list[str]) -> None:
    text = " ".join(words)
    assert blocked.find_blocked(text) == _plain_blocked(text)


def test_caption_triggers_are_bounded() -> None:
    """Caption units are scanned for their triggers only up to the last unit plus the
    reach of a trigger (patterns._TRIGGER_REACH): a trigger must not repeat without bound."""
    triggers = [t for t in money._caption_triggers() if t is not None]
    assert triggers
    assert not [t.pattern for t in triggers if patterns.unbounded(t.pattern)]
