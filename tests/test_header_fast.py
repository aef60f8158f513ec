"""The header's shortcuts find what the plain scans and loops find."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from briefparser import patterns
from briefparser.extractors import letter

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Header lines and parts of them, joined at random into texts.
PARTS = [
    "Vergaderjaar 2024-2025", "Zitting 1970-1971 - 12 345", "Tweede Kamer der Staten-Generaal",
    "2", "Kamerstukken", "19 637 Vreemdelingenbeleid", "36 600 X Vaststelling van de",
    "begrotingsstaten", "voor het jaar 2025", "Nr. 3403", "IMr. 97", "nr 5",
    "MOTIE VAN DE LEDEN VONDELING EN HEUTINK", "BRIEF VAN DE MINISTER VAN DEFENSIE",
    "Voorgesteld 20 mei 2025", "vastgesteld op 5 mei 2024", "Ontvangen: 2024-10-08",
    "Datum", "datum: 3 mei 2024", "Den Haag, 14 november", "Den\nHaag, 3 mei 2024",
    "'s-Gravenhage, ISapril 1994", "’ s Gravenhage,", "Amsterdam-Noord, 12-03-2024.",
    "Rotterdam Zuid , 2024-10-08 Aan", "De Kamer,", "gehoord de beraadslaging,",
    "Aan de Voorzitter van de Tweede Kamer", "Betreft: steun", "in 2020, 1918 en 1899",
    "De Minister van Defensie,", "De Staatssecretaris van Financiën, M. Jansen",
    "De Minister-President,\n\nD. Schoof", "R. Brekelmans", "Minister", "ﬁnanciën, Straße",
    "kenmerk: AB/12", "Zaak 2024Z01234", "20", "18", "2024", " ", "\t", "",
    "Utrecht, 1 mei 1899",
]


def _texts() -> list[str]:
    return [*(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))),
            *("\n".join(PARTS[i:] + PARTS[:i]) for i in range(len(PARTS)))]


_headers = st.lists(st.sampled_from(PARTS), max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from(["\n", "\n\n", " ", "\n \n", "\r\n", ", "]),
                           min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=True))))


def _field_dates_plain(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in letter._field_dates().finditer(text, timeout=5.0)]


def _field_dates_fast(text: str) -> list[tuple[int, int]]:
    starts = letter._field_starts(patterns.folded(text))
    return [m.span() for m in patterns.matches_at(letter._field_dates(), text, starts, 5.0)]


def _date_line_plain(head: str) -> tuple[int, int] | None:
    m = letter._date_line().search(head, timeout=5.0)
    return m and m.span()


def _date_line_fast(head: str) -> tuple[int, int] | None:
    m = letter._first_date_line(head)
    return m and m.span()


def _signatures_plain(footer: str) -> list[tuple[int, int]]:
    return [m.span() for m in letter._SIGNATURE.finditer(footer, timeout=5.0)]


def _signatures_fast(footer: str) -> list[tuple[int, int]]:
    return [m.span() for m in letter._signatures(footer)]


def _titles_plain(top: str) -> tuple[list[str], list[str]]:
    """The dossiers and title lines of ``top``, each line judged by the patterns in turn."""
    dossiers: list[str] = []
    fragments: list[str] = []
    for raw in top.splitlines():
        if not raw.strip() or letter._NOT_TITLE.match(raw) or letter._NUMBER.match(raw):
            continue
        if letter._date_line().match(raw) or letter._ADDRESSEE.match(raw):
            continue
        d = letter._DOSSIER_LINE.match(raw)
        if d:
            dossier = letter.normalize_dossier(d.group("dossier"))
            if dossier not in dossiers:
                dossiers.append(dossier)
            if d.group("title"):
                fragments.append(letter._collapse(d.group("title")).strip(" ,."))
            continue
        line = letter._collapse(raw).strip(" ,.")
        if fragments and (line[:1].islower() or line[:1].isdigit()):
            fragments[-1] = f"{fragments[-1]} {line}"
        elif line[:1].isupper() and len(line) > 3:
            fragments.append(line)
    return dossiers, fragments


def _titles_fast(top: str) -> tuple[list[str], list[str]]:
    info = letter.HeaderInfo()
    letter._dossiers_and_titles(top, info)
    return info.dossiers, info.titles


def _title_case_plain(shout: str) -> str:
    words = regex.sub(r"\s++", " ", shout.strip(" ,."), flags=regex.V1, timeout=5.0).split(" ")
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in letter._LOWER else low[:1].upper() + low[1:])
    return " ".join(out)


PAIRS = [(_field_dates_plain, _field_dates_fast), (_signatures_plain, _signatures_fast),
         (_titles_plain, _titles_fast)]


def test_shortcuts_equal_plain_on_texts() -> None:
    found = {fast.__name__: 0 for _, fast in PAIRS}
    for text in _texts():
        for plain, fast in PAIRS:
            expected = plain(text)
            assert fast(text) == expected, (fast.__name__, text[:80])
            found[fast.__name__] += bool(expected and expected[0])
        head = text[: letter.HEADER_CHARS]
        for start in range(0, len(head), 11):
            part = head[start:]
            assert _date_line_fast(part) == _date_line_plain(part), part[:60]
    assert all(n > 3 for n in found.values()), found


@settings(max_examples=400, deadline=None)
@given(_headers)
def test_shortcuts_equal_plain_on_headers(text: str) -> None:
    for plain, fast in PAIRS:
        assert fast(text) == plain(text), fast.__name__
    assert _date_line_fast(text) == _date_line_plain(text)


def test_date_line_over_several_lines() -> None:
    for head in ["x, y\nDen Haag, 14 november\n\n2024\n", "Datum\n\n3 mei\n 2024.",
                 "Den\n\nHaag,\t1-2-1999", "Tweede Kamer\nUtrecht, 1 mei 1899"]:
        assert _date_line_fast(head) == _date_line_plain(head) is not None, head


@given(st.text(alphabet="aBé ,.\n\t\u00a0\x1cİꭰ1", max_size=12))
def test_clean_equals_collapse_and_strip(text: str) -> None:
    assert letter._clean(text) == letter._collapse(text).strip(" ,.")


@given(st.text(alphabet="AZÉΣİ ,.\n\t\u00a0\x1c'", max_size=14)
       | st.lists(st.sampled_from(["VAN", "DE", "MINISTER", "ΑΣ", "EN", " ", "\n"])).map("".join))
def test_title_case_equals_word_by_word(shout: str) -> None:
    assert letter.title_case(shout) == _title_case_plain(shout)
