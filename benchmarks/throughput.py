"""Throughput of extraction against a bare tokenizer pass, both measured in each run.

    python benchmarks/throughput.py [DIR] [--warm DIR] [--runs N] [--repeat-memory N]

Reads every letter under DIR (default: corpus/), then times, on the same texts,
``spacy.blank("nl")``'s tokenizer alone and briefparser's full extraction (each
first reads the letters under --warm, untimed), and
prints docs/s, tokens/s, the ratio extraction/tokenizer (share of the
tokenizer's speed that extraction keeps), and peak memory. Each of the N runs
(default 5) measures both passes in a fresh process, so that no run sees texts an
earlier one read; the median run is reported beside all ratios. Memory is measured
on the input and on the input repeated N times (default 10) to show whether it
stays flat as the input grows.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import statistics
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

import spacy

from briefparser.extraction import extract_many
from briefparser.io import Document, ReadError, iter_input_paths, read_path
from briefparser.nlp import get_nlp


def load(directory: Path) -> list[Document]:
    docs = []
    for path in iter_input_paths([directory]):
        try:
            docs.append(read_path(path))
        except ReadError as exc:
            print(f"skipped: {exc}")
    return docs


def time_tokenizer(texts: list[str], warm: list[str]) -> tuple[float, int]:
    nlp = spacy.blank("nl")
    for _ in nlp.tokenizer.pipe(warm):
        pass
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    return time.perf_counter() - start, tokens


def time_extraction(docs: list[Document]) -> float:
    nlp = get_nlp()
    start = time.perf_counter()
    for _ in extract_many(docs, nlp=nlp):
        pass
    return time.perf_counter() - start


def peak_memory(docs: list[Document], times: int) -> int:
    """Peak traced memory (bytes) while streaming ``docs`` ``times`` over."""
    nlp = get_nlp()
    gc.collect()
    tracemalloc.start()
    for _ in extract_many((d for _ in range(times) for d in docs), nlp=nlp):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


class Run(NamedTuple):
    documents: int
    characters: int
    tokens: int
    tokenizer_s: float
    extraction_s: float

    @property
    def ratio(self) -> float:
        return self.tokenizer_s / self.extraction_s


def measure(directory: Path, warm_directory: Path) -> Run:
    """Both passes over the letters under ``directory``, in this process."""
    docs = load(directory)
    texts = [d.text for d in docs]
    # Both passes start from the same state: a pipeline that has read a few other
    # letters, as in any run past its first documents, but none of the measured ones.
    measured = set(texts)
    warm = [d for d in load(warm_directory) if d.text not in measured] or docs[:3]
    get_nlp()  # load tables and compile patterns outside the timed part
    time_extraction(warm)
    tok_s, tokens = time_tokenizer(texts, [d.text for d in warm])
    ext_s = time_extraction(docs)
    return Run(len(docs), sum(len(t) for t in texts), tokens, tok_s, ext_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=Path("corpus"))
    parser.add_argument("--runs", type=int, default=5, help="runs, odd for a true median")
    parser.add_argument("--repeat-memory", type=int, default=10)
    parser.add_argument("--warm", type=Path, default=Path("corpus"),
                        help="letters both passes read first, untimed (default: corpus/)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    runs = []
    spawn = multiprocessing.get_context("spawn")
    for _ in range(args.runs):
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            runs.append(pool.submit(measure, args.directory, args.warm).result())
    run = sorted(runs, key=lambda r: r.ratio)[len(runs) // 2]
    print(f"documents: {run.documents}, characters: {run.characters:,}, tokens: {run.tokens:,}")
    print(f"median of {len(runs)} runs, each in a fresh process:")
    for name, seconds in (("tokenizer: ", run.tokenizer_s), ("extraction:", run.extraction_s)):
        print(f"{name} {run.documents / seconds:10.1f} docs/s "
              f"{run.tokens / seconds:12,.0f} tokens/s")
    print(f"ratio extraction/tokenizer (speed): {run.ratio:.3f} "
          f"(all runs: {', '.join(f'{r.ratio:.3f}' for r in runs)}; "
          f"mean {statistics.mean(r.ratio for r in runs):.3f})")
    docs = load(args.directory)
    # The vocabulary grows by the new words of a first pass, once: trace later passes.
    time_extraction(docs)
    one = peak_memory(docs, 1)
    many = peak_memory(docs, args.repeat_memory)
    print(f"peak memory, input x1: {one / 2**20:.1f} MiB; "
          f"x{args.repeat_memory}: {many / 2**20:.1f} MiB; ratio {many / one:.2f}")


if __name__ == "__main__":
    main()
