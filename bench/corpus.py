"""A news corpus the project writes itself: recombined sentence templates, nothing copied.

``generate(count, seed)`` gives ``count`` articles (a headline, then four or five
paragraphs, ~200 words) about people who hold roles at organisations, say things
(direct and reported speech) and take part in events in places. People,
organisations and places recur across articles, as in a real archive. Each is a
distinct article, as an archive's are: it has a URL of its own (under the reserved
``news.example`` domain) and a publication date, and is written as the JSON
envelope ``newsgraph ingest`` reads (``url``, ``published``, ``source``, ``text``).
Without the URL, the reader would name an article by its headline, and templated
headlines repeat: the corpus would hold far fewer articles than files, the rest
read as new versions of earlier ones. The same seed gives the same corpus, byte
for byte.

    python bench/corpus.py [OUT_DIR] [--articles 10000]   # article-NNNNN.json files
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

FIRST = ["Ruth", "Daniel", "Priya", "Tom", "Helen", "Owen", "Maria", "Ian", "Grace", "Yusuf",
         "Amara", "Lukas", "Sofia", "Kwame", "Elena", "Marcus", "Nadia", "Henrik", "Leila",
         "Patrick", "Ingrid", "Samuel", "Rosa", "Tariq", "Claire", "Mateo", "Hannah", "Victor"]
LAST = ["Okafor", "Marsh", "Raman", "Whitfield", "Carter", "Price", "Lopez", "Holt", "Byrne",
        "Nakamura", "Silva", "Kowalski", "Haddad", "Fischer", "Ahmed", "Moreau", "Lindqvist",
        "Mensah", "Duarte", "Petrov", "Gallagher", "Brennan", "Castillo", "Novak", "Adeyemi"]
CITIES = ["Leeds", "Bristol", "Glasgow", "Manchester", "Cardiff", "Belfast", "Liverpool",
          "Edinburgh", "Sheffield", "Newcastle", "Nottingham", "Southampton", "Aberdeen"]
ORG_KINDS = ["City Council", "Police", "Chamber of Commerce", "University", "Hospital Trust",
             "Transport Authority", "Housing Association", "Fire Service"]
TITLES = ["chief executive", "chair", "spokesperson", "director", "treasurer", "commissioner",
          "deputy leader", "head of planning"]
TOPICS = ["the new tram line", "the housing plan", "the flood defences", "the hospital budget",
          "the bus contract", "the school closures", "the river bridge", "the parking charges"]
EVENTS = [("meeting", "gathered"), ("protest", "marched"), ("rally", "rallied"),
          ("vigil", "stood"), ("strike", "walked out")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SOURCE = "The Benchmark Gazette"
FIRST_DAY = dt.date(2023, 1, 2)
VERDICTS = ["long overdue", "too expensive", "the right decision", "a serious mistake",
            "good news for everyone", "not enough"]


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    name: str  # file name
    text: str
    url: str
    published: dt.date

    def envelope(self) -> str:
        """The article as the JSON envelope the reader takes."""
        return json.dumps(
            {"url": self.url, "published": self.published.isoformat(),
             "source": SOURCE, "text": self.text},
            ensure_ascii=False, indent=1,
        ) + "\n"

    @property
    def words(self) -> int:
        return len(self.text.split())


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _article(index: int, rng: random.Random) -> GeneratedArticle:
    city, other = rng.sample(CITIES, 2)
    org = f"{city} {rng.choice(ORG_KINDS)}"
    rival = f"{other} {rng.choice(ORG_KINDS)}"
    lead, second, third = _person(rng), _person(rng), _person(rng)
    title, title2 = rng.sample(TITLES, 2)
    topic = rng.choice(TOPICS)
    event, verb = rng.choice(EVENTS)
    day = rng.choice(DAYS)
    verdict, verdict2 = rng.sample(VERDICTS, 2)
    lead_last, second_last = lead.split()[1], second.split()[1]
    headline = f"{org} under pressure over {topic}"
    paragraphs = [
        f"{lead}, the {title} of the {org}, told reporters in {city} on {day} that "
        f"{topic} would go ahead next year.",
        f"\u201cThis is {verdict},\u201d {lead_last} said. \u201cWe have listened to "
        f"residents of {city} and we will keep listening.\u201d",
        f"Workers and residents {verb} outside the offices of the {org} in {city} on "
        f"{day}, in a {event} about {topic}. {second}, the {title2} of the {rival}, "
        f"said the plan was {verdict2}.",
        f"{second_last} told the {org} that {other} had not been consulted. "
        f"{third}, who lives in {city}, said she had waited three years for an answer.",
        f"The {org} will publish its decision on {topic} in the spring, {lead_last} said. "
        f"Article number {index} of the benchmark corpus.",
    ]
    text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
    published = FIRST_DAY + dt.timedelta(days=index // 8)  # eight articles a day
    return GeneratedArticle(
        f"article-{index:05d}.json", text, f"https://news.example/{index:05d}", published
    )


def generate(count: int, seed: int = 12) -> list[GeneratedArticle]:
    rng = random.Random(seed)
    return [_article(index, rng) for index in range(count)]


def write(folder: Path, count: int, seed: int = 12) -> list[Path]:
    """Write the corpus's first ``count`` articles into ``folder`` (kept: re-used)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in generate(count, seed):
        path = folder / item.name
        envelope = item.envelope()
        if not path.exists() or path.read_text(encoding="utf-8") != envelope:
            path.write_text(envelope, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=Path("/tmp/newsgraph-bench-corpus"))
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    written = write(args.out, args.articles)
    print(f"{len(written)} articles in {args.out}")
