"""Words that make up job titles: head nouns ("commissioner") and modifiers ("assistant")."""

from loaders import lexicon


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


TITLE_HEADS = lexicon.words("title_heads")
TITLE_MODIFIERS = lexicon.words("title_modifiers")

# Players' positions: abbreviations as written ("DL", "QB"; case-sensitive, so "de" in
# a name is none) and positions of more than one word ("pass rusher", "running back").
POSITION_ABBREVIATIONS = lexicon.words("position_abbreviations")
POSITIONS = lexicon.words("positions")

# Last words that make a name an organisation's, whatever the model's label:
# "Crestline Partners", "Harbour Capital", "Northfield Borough Council".
ORG_SUFFIXES = lexicon.words("org_suffixes")

# Honorifics before a name, lower-case and without a full stop, to how they are written.
HONORIFICS = lexicon.mapping("honorifics")

# Abbreviated titles ("Gov.", "Sen.", "Rep.") to the title they stand for.
TITLE_ABBREVIATIONS = lexicon.mapping("title_abbreviations")


def title_abbreviation(word: str) -> str | None:
    """"Gov." -> "Governor"; None for a word that is not a capitalised abbreviation."""
    return TITLE_ABBREVIATIONS.get(word.lower().rstrip(".")) if word[:1].isupper() else None
