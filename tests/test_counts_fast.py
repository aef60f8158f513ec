"""Fast paths of the count extractor against plain references, on seeded texts packed
with the characters and words the fast paths treat apart."""

from __future__ import annotations

import random

import pytest
import regex

from briefparser import patterns
from briefparser.extractors import headcounts

SEEDS = [1, 2, 3]

# Letters a-z, letters beyond ASCII (é is the first letter of "één"), case folding that
# changes the length (ß) or that leads to a-z (K, the Kelvin sign), and non-letters.
_PIECES = ["é", "ë", "É", "ï", "a", "z", "Z", "K", "ß", "-", " ", "\n", "1", ".", "’"]


def _packed(seed: int, n: int) -> list[str]:
    """Texts of number heads and single characters run together."""
    rng = random.Random(seed)
    heads = list(headcounts._number_heads())
    words = [*heads, *(h.capitalize() for h in heads), "tweede", "eens", "achter", "dertigste"]
    return ["".join(rng.choice(words) if rng.random() < 0.5 else rng.choice(_PIECES)
                    for _ in range(rng.randint(1, 12))) for _ in range(n)]


@pytest.mark.parametrize("seed", SEEDS)
def test_word_starts_equal_the_word_trigger(seed: int) -> None:
    """``_word_starts`` gives the offsets where the word part of the count trigger
    matches the case-folded text."""
    trigger = regex.compile(rf"(?<![a-z]){patterns.literals(headcounts._number_heads())}",
                            regex.V1)
    found = 0
    for text in _packed(seed, 3000):
        low = text.casefold()
        want = [m.start() for m in trigger.finditer(low, overlapped=True, timeout=5.0)]
        assert sorted(headcounts._word_starts(low)) == want, text
        found += len(want)
    assert found > 3000
