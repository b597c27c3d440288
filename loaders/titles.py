"""Words that make up job titles: head nouns ("commissioner") and modifiers ("assistant")."""


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


TITLE_HEADS = word_set(
    "commissioner minister secretary chancellor president director executive officer chairman "
    "chairwoman chair chief leader spokesman spokeswoman spokesperson mayor governor senator "
    "judge inspector constable superintendent detective sergeant editor correspondent founder "
    "co-founder ceo cfo coo cto manager head professor mp mep councillor ambassador general "
    "captain coach actor actress singer author photographer economist analyst chairperson "
    "treasurer commander prosecutor lawyer barrister solicitor partner owner producer "
    "presenter reporter curator principal dean vice-chancellor premier king queen prince "
    "princess pope bishop archbishop boss striker midfielder defender goalkeeper "
    "administrator representative envoy adviser advisor strategist deputy member organiser "
    "organizer official painter artist writer novelist composer musician designer architect "
    "chef poet playwright conductor dancer filmmaker historian researcher scientist "
    "campaigner activist spokesperson secretary-general chancellor mp economist "
    "commentator columnist broadcaster trustee fellow lecturer teacher emir sultan monarch "
    "ayatollah counsel director-general ombudsman negotiator diplomat coordinator "
    "controller auditor rapporteur speaker whip provost rector warden sheriff marshal "
    "consultant surgeon doctor nurse physician engineer pilot pharmacist paramedic "
    "firefighter headteacher headmaster headmistress vicar priest rabbi imam critic "
    "reviewer journalist"
)
TITLE_MODIFIERS = word_set(
    "assistant deputy chief senior vice executive general prime foreign home health shadow "
    "acting interim managing lead principal first attorney district detective police county "
    "associate special junior finance operating financial technology creative artistic "
    "commercial national regional global political economics business culture education "
    "justice defence defense transport environment energy trade work pensions "
    "treasury press communications independent local city state federal party group "
    "non-executive co chancellor secretary executive officer leader minister commissioner "
    "superintendent inspector constable director head competition digital culture housing "
    "communities immigration security interior agriculture science industry economy "
    "economic employment welfare sport media arts infrastructure climate equalities "
    "veterans legal medical"
)

# Last words that make a name an organisation's, whatever the model's label:
# "Crestline Partners", "Harbour Capital", "Northfield Borough Council".
ORG_SUFFIXES = frozenset(
    {"partners", "capital", "holdings", "group", "ltd", "limited", "plc", "inc", "llp", "llc",
     "corp", "corporation", "company", "co", "bank", "ventures", "investments", "associates",
     "industries", "foundation", "trust", "institute", "council", "party", "union", "agency",
     "authority", "commission", "ministry", "department", "university", "college", "hospital",
     "police", "airlines", "airways", "motors", "pharmaceuticals", "studios", "fc", "society",
     "association", "federation", "office", "committee", "court", "assembly", "parliament",
     "service", "services", "network", "media", "press", "systems", "technologies", "labs"}
)

# Honorifics before a name, lower-case and without a full stop, to how they are written.
HONORIFICS = {
    "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "dr": "Dr", "sir": "Sir",
    "dame": "Dame", "lord": "Lord", "lady": "Lady", "prof": "Prof", "professor": "Professor",
    "rev": "Rev", "baroness": "Baroness", "baron": "Baron", "mx": "Mx", "sheikh": "Sheikh",
}
