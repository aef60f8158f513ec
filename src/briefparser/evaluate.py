"""Score extraction against annotated gold data (JSONL).

Spans match by overlap, one gold mention to at most one extracted mention.
*Detection* counts every overlap; *strict* also needs the value right (money:
value, currency and range end; dates: value and period end; headcounts and
percentages: value and range end). Gold percentage items that are fractions or ratios
("twee derde", "één op de acht") are no percentages: they are counted on a line of their
own, "proportions (not scored)", and left out of percentage scoring.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from briefparser.extraction import extract
from briefparser.extractors.meaning import Taxonomy, load_taxonomy
from briefparser.io import read_path

# Gold key -> record attribute.
KINDS = {
    "money": "amounts",
    "dates": "dates",
    "headcounts": "headcounts",
    "percentages": "percentages",
}


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _same_money(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return (
        _dec(gold.get("value")) == _dec(pred.get("value"))
        and gold.get("currency") == pred.get("currency")
        and _dec(gold.get("range_high")) == _dec(pred.get("high"))
    )


def _same_date(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return bool(
        gold.get("value") == pred.get("value") and gold.get("end_value") == pred.get("end_value")
    )


def _same_count(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return _dec(gold.get("value")) == _dec(pred.get("value"))


def _same_percentage(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return _dec(gold.get("value")) == _dec(pred.get("value")) and _dec(
        gold.get("range_high")
    ) == _dec(pred.get("high"))


SAME: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "money": _same_money,
    "dates": _same_date,
    "headcounts": _same_count,
    "percentages": _same_percentage,
}


@dataclass
class KindScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    not_entity_hits: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]

    def _prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def detection(self) -> tuple[float, float, float]:
        return self._prf(self.matched)

    def strict_prf(self) -> tuple[float, float, float]:
        return self._prf(self.strict)

    def value_accuracy(self) -> float:
        return self.strict / self.matched if self.matched else 0.0

    def attribute(self, name: str, right: bool) -> None:
        counts = self.attributes.setdefault(name, [0, 0])
        counts[0] += int(right)
        counts[1] += 1

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.detection()
        sp, sr, sf = self.strict_prf()
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "strict_precision": round(sp, 4), "strict_recall": round(sr, 4),
            "strict_f1": round(sf, 4), "value_accuracy": round(self.value_accuracy(), 4),
            "not_entity_hits": self.not_entity_hits,
            "attributes": {k: {"right": v[0], "total": v[1],
                               "accuracy": round(v[0] / v[1], 4) if v[1] else None}
                           for k, v in self.attributes.items()},
        }


@dataclass
class NotScored(KindScore):
    """Gold items counted but left out of scoring: fractions and ratios ("twee derde",
    "één op de acht") annotated under percentages, which they are not. ``predicted``
    counts extracted percentages that overlap one (they also score as spurious)."""

    def _prf(self, tp: int) -> tuple[float, float, float]:
        return math.nan, math.nan, math.nan

    def value_accuracy(self) -> float:
        return math.nan

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "extracted_as_percentage": self.predicted, "scored": False,
                "note": "fractions and ratios are not percentages; not scored"}


# Gold percentage items of these forms are proportions, not percentages.
PROPORTION_FORMS = frozenset({"fraction", "ratio"})
PROPORTIONS = "proportions (not scored)"


@dataclass
class Mistake:
    case: str
    kind: str
    problem: str  # missed, spurious, wrong_value
    text: str
    gold: dict[str, Any] | None
    predicted: dict[str, Any] | None
    context: str


@dataclass
class Evaluation:
    scores: dict[str, KindScore]
    mistakes: list[Mistake]
    cases: int


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return max(0, int(min(a["end"], b["end"])) - int(max(a["start"], b["start"])))


def _match(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by largest overlap."""
    pairs = sorted(
        ((_overlap(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)
         if _overlap(g, p) > 0),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def load_cases(gold: Path, texts: Path | None) -> list[tuple[dict[str, Any], str]]:
    cases = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" in row:
            text = row["text"]
        else:
            base = texts or gold.parent
            text = read_path(base / row["doc"]).text
        cases.append((row, text))
    return cases


def evaluate(cases: Iterable[tuple[dict[str, Any], str]],
             taxonomy_path: Path | None = None) -> Evaluation:
    """Score the cases; money status and category are compared on matched amounts, the
    free-text gold categories mapped through the taxonomy's ``gold_labels``."""
    taxonomy = load_taxonomy(taxonomy_path)
    scores = {kind: KindScore() for kind in KINDS}
    proportions = NotScored()
    mistakes: list[Mistake] = []
    n = 0
    for row, text in cases:
        n += 1
        letter_date = dt.date.fromisoformat(row["letter_date"]) if row.get("letter_date") else None
        record = extract(text, letter_date=letter_date,
                         taxonomy=taxonomy_path).model_dump(mode="json")
        not_entities = _not_entity_spans(text, row.get("not_entities", []))
        for kind, attr in KINDS.items():
            golds = row.get(kind, []) or []
            preds = record[attr]
            if kind == "percentages":
                shares = [g for g in golds if g.get("form") in PROPORTION_FORMS]
                golds = [g for g in golds if g.get("form") not in PROPORTION_FORMS]
                proportions.gold += len(shares)
                proportions.predicted += sum(
                    any(_overlap(g, p) for g in shares) for p in preds)
            score = scores[kind]
            score.gold += len(golds)
            score.predicted += len(preds)
            pairs = _match(golds, preds)
            score.matched += len(pairs)
            matched_p = {pi for _, pi in pairs}
            matched_g = {gi for gi, _ in pairs}
            for gi, pi in pairs:
                g, p = golds[gi], preds[pi]
                if SAME[kind](g, p):
                    score.strict += 1
                else:
                    mistakes.append(_mistake(row, kind, "wrong_value", text, g, p))
                if kind in ("money", "headcounts", "percentages"):
                    score.attribute("qualifier", g.get("qualifier") == p.get("qualifier"))
                if kind == "headcounts":
                    score.attribute("noun", _same_noun(g.get("noun"), p.get("noun")))
                if kind == "money" and ("status" in g or "category" in g):
                    score.attribute("status", g.get("status") == p.get("status"))
                if kind == "money" and g.get("category"):
                    score.attribute("category", _same_category(
                        taxonomy, g["category"], p.get("category")))
                if kind == "dates":
                    score.attribute("kind", g.get("kind") == p.get("kind"))
            for gi, g in enumerate(golds):
                if gi not in matched_g:
                    mistakes.append(_mistake(row, kind, "missed", text, g, None))
            for pi, p in enumerate(preds):
                if pi not in matched_p:
                    if any(_overlap(p, ne) for ne in not_entities):
                        score.not_entity_hits += 1
                    mistakes.append(_mistake(row, kind, "spurious", text, None, p))
    if proportions.gold:
        scores[PROPORTIONS] = proportions
    return Evaluation(scores, mistakes, n)


def _same_category(taxonomy: Taxonomy, gold: str, pred: str | None) -> bool:
    """Whether ``pred`` is a category the free-text gold label maps to (or below one)."""
    if pred is None:
        return False
    return any(pred == path or pred.startswith(path + "/")
               for path in taxonomy.paths_for_gold(gold))


def _same_noun(gold: str | None, pred: str | None) -> bool:
    return (gold or "").lower() == (pred or "").lower()


def _not_entity_spans(text: str, strings: list[str]) -> list[dict[str, int]]:
    spans = []
    for s in strings:
        start = text.find(s)
        while start != -1 and s:
            spans.append({"start": start, "end": start + len(s)})
            start = text.find(s, start + 1)
    return spans


def _mistake(row: dict[str, Any], kind: str, problem: str, text: str,
             gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> Mistake:
    anchor = gold or pred or {"start": 0, "end": 0}
    s, e = anchor["start"], anchor["end"]
    context = text[max(0, s - 50) : e + 40].replace("\n", " ")
    if pred is not None:
        pred = {k: v for k, v in pred.items() if k != "sentence"}
    return Mistake(str(row.get("id", row.get("doc", "?"))), kind, problem,
                   text[s:e], gold, pred, context)
