"""People, organisations and locations: mentions from spaCy plus rules, clustered.

A mention's surface form is cleaned (leading "the", possessive "'s",
honorifics, a possessive place in front of an organisation) and mentions are
clustered into one draft per real thing: a surname or honorific + surname joins
the person with that surname; an acronym or a clipped first word ("the Met")
joins the organisation it abbreviates; a shorter name whose words are all in a
longer one joins it. The canonical name is the fullest form.
"""

from loaders.entities.clustering import cluster, unnamed_org
from loaders.entities.cues import org_cue, org_name_cue, person_cue
from loaders.entities.mentions import Raw, agency_name, collect, credit_parts

__all__ = ["Raw", "agency_name", "cluster", "collect", "credit_parts", "org_cue", "org_name_cue",
           "person_cue", "unnamed_org"]
