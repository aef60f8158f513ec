"""What every extractor shares: found mentions and the map of claimed text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Found:
    """A mention found in the text, before it becomes a model."""

    kind: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)


class Claims:
    """Which characters of a text already belong to a mention or a non-entity.

    >>> c = Claims(10)
    >>> c.claim(2, 4)
    >>> c.free(0, 2), c.free(3, 6)
    (True, False)
    """

    __slots__ = ("_mask",)

    def __init__(self, length: int) -> None:
        self._mask = bytearray(length)

    def claim(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) == -1
