"""Benchmark the extractor: single articles vs a batch through ``nlp.pipe``.

Usage (from the repository root)::

    .venv/bin/python bench/extract.py [--articles 120] [--batch-size 32] [--model NAME]

Articles are the seed article (read from ../shared, never copied) and synthetic
variants of it: paragraphs shuffled and names swapped, so the caches of the
rules see new text. Prints words/second and articles/second for both paths side
by side, and peak memory (max RSS from ``resource``, traced Python allocations
from ``tracemalloc`` on a short extra pass).
"""

from __future__ import annotations

import argparse
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # measure one core

import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import loaders  # noqa: E402
from loaders.extraction import PARSED_KINDS  # noqa: E402
from schema.model import Article  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "article.txt"
NAMES = [("Ruth", "Okafor"), ("Daniel", "Marsh"), ("Priya", "Raman"), ("Tom", "Whitfield"),
         ("Helen", "Carter"), ("Owen", "Price"), ("Maria", "Lopez"), ("Ian", "Holt")]
FALLBACK = (
    "Council Plans New Tram Line\n\n"
    "Leeds City Council is considering building a tram line to the airport, its leader said.\n\n"
    "James Lewis, the council's leader, told the Leeds assembly on Monday that the line was "
    "“long overdue”. He said that costs would be shared with the government.\n\n"
    "“We cannot wait any longer,” Mr Lewis said.\n"
)


def base_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK


def variants(text: str, count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    head, *paragraphs = text.split("\n\n")
    articles = []
    for n in range(count):
        body = paragraphs[:]
        middle = body[2:-1]
        rng.shuffle(middle)
        body = body[:2] + middle + body[-1:]
        first, last = rng.choice(NAMES)
        varied = "\n\n".join([f"{head} ({n})", *body])
        for word in ("Cressida", "James"):
            varied = varied.replace(word, first)
        for word in ("Dick", "Lewis"):
            varied = varied.replace(word, last)
        articles.append(loaders.read_text(varied, url=f"https://example.org/bench/{n}"))
    return articles


DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"


def dev_articles() -> list[Article]:
    """The development set's real articles, read from ../shared (never copied)."""
    return [loaders.read(str(path)) for path in sorted(DEV.glob("*.txt"))]


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def run_single(articles: list[Article], nlp: object) -> float:
    start = time.perf_counter()
    for article in articles:
        loaders.extract(article, nlp=nlp)  # type: ignore[arg-type]
    return time.perf_counter() - start


def run_batch(articles: list[Article], nlp: object, batch_size: int) -> float:
    start = time.perf_counter()
    for _ in loaders.extract_many(articles, nlp=nlp, batch_size=batch_size):  # type: ignore[arg-type]
        pass
    return time.perf_counter() - start


def run_spacy_only(articles: list[Article], nlp: object) -> float:
    """The bare spaCy pipeline over the same blocks: the floor the rules add to."""
    texts = [a.text[b.start : b.end] for a in articles for b in a.blocks
             if b.kind in PARSED_KINDS]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):  # type: ignore[attr-defined]
        pass
    return time.perf_counter() - start


def traced_peak(articles: list[Article], nlp: object, batch_size: int) -> float:
    tracemalloc.start()
    for _ in loaders.extract_many(articles, nlp=nlp, batch_size=batch_size):  # type: ignore[arg-type]
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=loaders.DEFAULT_MODEL)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per path; the fastest counts (noise only slows a run)")
    args = parser.parse_args()

    load_start = time.perf_counter()
    nlp = loaders.load_model(args.model)
    load_time = time.perf_counter() - load_start
    articles = variants(base_text(), args.articles)
    total_words = words(articles)
    loaders.extract(articles[0], nlp=nlp)  # warm up caches (gazetteer, vectors)

    single = min(run_single(articles, nlp) for _ in range(args.repeat))
    batch = min(run_batch(articles, nlp, args.batch_size) for _ in range(args.repeat))
    spacy_only = min(run_spacy_only(articles, nlp) for _ in range(args.repeat))
    real = dev_articles()
    real_words = words(real)
    dev_batch = dev_spacy = 0.0
    if real:  # the real articles, the batch path and spaCy alone, rounds interleaved
        rounds = [(run_batch(real, nlp, args.batch_size), run_spacy_only(real, nlp))
                  for _ in range(args.repeat)]
        dev_batch, dev_spacy = min(r[0] for r in rounds), min(r[1] for r in rounds)
    peak_traced = traced_peak(articles[: min(len(articles), 40)], nlp, args.batch_size)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"model {args.model} (loaded in {load_time:.2f} s), pipes: {', '.join(nlp.pipe_names)}")
    print(f"{len(articles)} articles, {total_words} words, batch size {args.batch_size}, "
          f"best of {args.repeat} runs")
    print(f"{'path':<10}{'seconds':>10}{'words/s':>12}{'articles/s':>13}")
    for name, seconds in (("single", single), ("batch", batch), ("spacy only", spacy_only)):
        print(f"{name:<10}{seconds:>10.2f}{total_words / seconds:>12.0f}"
              f"{len(articles) / seconds:>13.1f}")
    if real:
        print(f"dev set ({len(real)} real articles from ../shared, {real_words} words):")
        for name, seconds in (("batch", dev_batch), ("spacy only", dev_spacy)):
            print(f"{name:<10}{seconds:>10.2f}{real_words / seconds:>12.0f}"
                  f"{len(real) / seconds:>13.1f}")
    else:
        print(f"dev set: no articles in {DEV} (skipped: ../shared is not beside the project)")
    print(f"rules and reading add {100 * (batch - spacy_only) / batch:.0f}% to the batch path; "
          f"CPU load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"peak memory: max RSS {max_rss:.0f} MB; traced Python allocations "
          f"{peak_traced:.1f} MB (batch of {min(len(articles), 40)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
