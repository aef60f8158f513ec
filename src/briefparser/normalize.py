"""Small pure functions that turn written Dutch numbers into exact values.

Each returns ``None`` when unsure rather than guessing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import regex

from briefparser import rules

# Seconds a single regex call may take per million characters of input (plus one).
# Patterns are written to run in linear time; the timeout is the guard behind that on
# every call that scans a long text. A match anchored at one position goes without (with
# bounded and possessive repeats its work is linear in what it reads), and so does a
# scan with a pattern that has no unbounded repeat at all (patterns.unbounded), and any
# call on a text of at most UNTIMED_CHARS characters: with such repeats a scan is at
# worst quadratic, which on a text this short ends well within a second, while setting
# up the timeout would cost more than most of these scans.
REGEX_SECONDS_PER_MB = 2.0
UNTIMED_CHARS = 5_000

_SPACES = "\u00a0\u202f\u2009 "


def regex_timeout(text: str) -> float | None:
    """Timeout for one regex call over ``text``; None (none) for a short text.

    >>> regex_timeout("x" * 2_000_000), regex_timeout("kort")
    (5.0, None)
    """
    if len(text) <= UNTIMED_CHARS:
        return None
    return 1.0 + REGEX_SECONDS_PER_MB * len(text) / 1_000_000


def parse_digits(text: str) -> Decimal | None:
    """Parse a number written in digits the Dutch way.

    Dots and (narrow no-break) spaces group thousands, the comma is the decimal
    separator. A dot followed by one or two digits is read as an English decimal
    point, as letters sometimes write before a scale word.

    >>> parse_digits("1.250.000")
    Decimal('1250000')
    >>> parse_digits("13,6")
    Decimal('13.6')
    >>> parse_digits("8 392,6")
    Decimal('8392.6')
    >>> parse_digits("7.4")
    Decimal('7.4')
    >>> parse_digits("1.012")
    Decimal('1012')
    >>> parse_digits("12,3,4") is None
    True
    """
    s = text.strip().lstrip("+")
    for space in _SPACES:
        s = s.replace(space, "")
    if not s or s.count(",") > 1:
        return None
    if "," in s:
        whole, frac = s.split(",")
        whole = whole.replace(".", "")
        s = f"{whole}.{frac}"
    elif "." in s:
        groups = s.split(".")
        if len(groups) == 2 and 1 <= len(groups[1]) <= 2:
            pass  # English decimal point: "7.4", "6.75"
        elif all(len(g) == 3 for g in groups[1:]):
            s = s.replace(".", "")
        else:
            return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@cache
def _morphemes() -> list[tuple[str, str, int]]:
    """(morpheme, role, value) for written numbers, longest morpheme first."""
    table = rules.numbers()
    rows: list[tuple[str, str, int]] = [(w, "unit", v) for w, v in table.units.items()]
    rows += [(w, "mult", v) for w, v in table.multipliers.items()]
    rows += [(w, "join", 0) for w in table.connectors["words"]]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def parse_number_word(word: str) -> int | None:
    """Value of one written Dutch number word, or ``None`` if it is not one.

    >>> parse_number_word("drieëntwintig")
    23
    >>> parse_number_word("honderdtwintig")
    120
    >>> parse_number_word("zevenduizend")
    7000
    >>> parse_number_word("tweehonderdvijfendertigduizend")
    235000
    >>> parse_number_word("achter") is None
    True
    >>> parse_number_word("tweede") is None
    True
    """
    w = word.lower()
    parts: list[tuple[str, int]] = []
    pos = 0
    while pos < len(w):
        for morph, role, value in _morphemes():
            if w.startswith(morph, pos):
                parts.append((role, value))
                pos += len(morph)
                break
        else:
            return None
    return _evaluate(parts)


def _evaluate(parts: list[tuple[str, int]]) -> int | None:
    """Combine parsed morphemes: units add, honderd/duizend multiply what precedes."""
    if not parts or parts[0][0] == "join" or parts[-1][0] == "join":
        return None
    total = 0
    current = 0
    previous = ""
    for role, value in parts:
        if role == "join":
            # "en" joins a unit below ten to the tens after it: vijf-en-twintig.
            if previous != "unit" or not 0 < current % 10 < 10:
                return None
        elif role == "unit":
            if previous == "unit":
                return None
            current += value
        elif value == 100:
            current = (current or 1) * 100
        else:  # duizend
            total += (current or 1) * value
            current = 0
        previous = role
    return total + current


def unbreak(word: str) -> str:
    """A word without the hyphens OCR left where a line was broken, in lower case.

    >>> unbreak("gul-dens")
    'guldens'
    >>> unbreak("Mil- joen")
    'miljoen'
    >>> unbreak("%-punt")
    '%-punt'
    """
    return regex.sub(r"(?<=\p{L})-\s*+(?=\p{L})", "", word, timeout=1.0).lower()


def fold(words: str) -> str:
    """Words as the data tables write them: lower case, without OCR line-break hyphens,
    single spaces.

    >>> fold(" Amerikaanse  Dol-lar ")
    'amerikaanse dollar'
    """
    return " ".join(unbreak(words).split())


def scale_of(word: str) -> int | None:
    """Multiplier of a scale word ("miljard", "mln.") or ``None``.

    >>> scale_of("mld.")
    1000000000
    >>> scale_of("Miljoen")
    1000000
    >>> scale_of("mil-jard")
    1000000000
    """
    return rules.numbers().scales.get(unbreak(word))


def parse_quantity(number: str, scale: str | None = None) -> Decimal | None:
    """Value of a number in digits or words, times its scale word.

    >>> parse_quantity("13,6", "miljard")
    Decimal('13600000000.0')
    >>> parse_quantity("anderhalf", "miljard")
    Decimal('1500000000.0')
    >>> parse_quantity("een half", "miljard")
    Decimal('500000000.0')
    >>> parse_quantity("honderd", "miljoen")
    Decimal('100000000')
    """
    base = parse_number_text(number)
    if base is None:
        return None
    if scale:
        factor = scale_of(scale) or rules.numbers().ocr_scales.get(scale.lower())
        if factor is None:
            return None
        base *= factor
    return base


def parse_number_text(number: str) -> Decimal | None:
    """Value of a number in digits, one number word or a fraction word.

    >>> parse_number_text("zeventig")
    Decimal('70')
    >>> parse_number_text("3 000")
    Decimal('3000')
    """
    fractions = rules.numbers().fractions
    key = " ".join(number.lower().split())
    if key in fractions:
        return fractions[key]
    if (key and key[0].isdigit()) or key.startswith(("+", "-")):
        return parse_digits(key)
    value = parse_number_word(key)
    if value is None:
        return _and_a_half(key)
    return Decimal(value)


def _and_a_half(word: str) -> Decimal | None:
    """A number word with "-ënhalf" after it: "tweeënhalf" = 2.5.

    >>> _and_a_half("tweeënhalf")
    Decimal('2.5')
    >>> _and_a_half("half") is None
    True
    """
    table = rules.numbers()
    half = next((w for w in table.fractions if table.fractions[w] == Decimal("0.5")
                 and " " not in w), None)
    if half is None or not word.endswith(half):
        return None
    stem = word[: -len(half)]
    for joint in sorted(table.connectors["words"], key=len, reverse=True):
        if stem.endswith(joint) and len(stem) > len(joint):
            value = parse_number_word(stem[: -len(joint)])
            return None if value is None else value + Decimal("0.5")
    return None


def exact(value: Decimal) -> Decimal:
    """Drop a meaningless exponent or trailing zeros after the decimal point.

    >>> exact(Decimal('13600000000.0'))
    Decimal('13600000000')
    >>> exact(Decimal('0.780'))
    Decimal('0.78')
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# The words and numbers of matches repeat: each is folded or read once.
fold_word = lru_cache(maxsize=1024)(fold)
quantity = lru_cache(maxsize=1024)(parse_quantity)
