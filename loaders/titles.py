"""Words that make up job titles: head nouns ("commissioner") and modifiers ("assistant")."""

from loaders import lexicon


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


TITLE_HEADS = lexicon.words("title_heads")
TITLE_MODIFIERS = lexicon.words("title_modifiers")

# Last words that make a name an organisation's, whatever the model's label:
# "Crestline Partners", "Harbour Capital", "Northfield Borough Council".
ORG_SUFFIXES = lexicon.words("org_suffixes")

# Honorifics before a name, lower-case and without a full stop, to how they are written.
HONORIFICS = lexicon.mapping("honorifics")
