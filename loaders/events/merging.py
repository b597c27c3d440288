"""One event per happening: mentions of the same kind and place merge; plain
happenings are kept only when the text anchors them."""

from __future__ import annotations

from loaders.analysis import PERSON
from loaders.events.draft import EventDraft
from loaders.events.triggers import HAPPENING


def is_anchored(event: EventDraft) -> bool:
    """A happening told by a plain verb is kept when the text anchors it: a date, a
    stated place or a named actor ("Boeing sold five jets", "were quarantined on
    Monday"); "his symptoms improved" tells no news event."""
    if event.aside:  # background told in passing needs its own date or place
        return bool(event.date or event.date_text or event.place_stated)
    return bool(event.date or event.date_text or event.place_stated or event.quantities
                or any(role == "agent" for _, role in event.participants))


def merge_mentions(events: list[EventDraft]) -> list[EventDraft]:
    """One event per kind and place: later mentions add evidence and participants."""
    merged: list[EventDraft] = []
    for event in events:
        same = next((m for m in merged if HAPPENING in (m.kind, event.kind)
                     and _one_incident(m, event)), None)
        if same is None and event.kind != HAPPENING:
            same = next((m for m in merged if m.kind == event.kind and (
                m.location is event.location or not (m.place_stated and event.place_stated))
                and not _told_apart(m, event)), None)
        if same is None:
            merged.append(event)
            continue
        if same.kind == HAPPENING:  # the retelling names the kind of incident it was
            same.kind = event.kind
        same.spans.extend(event.spans)
        if event.place_stated and not same.place_stated:
            same.location, same.place_stated = event.location, True
        same.date = same.date or event.date
        same.date_text = same.date_text or event.date_text
        for draft, role in event.participants:
            if not any(d is draft for d, _ in same.participants):
                same.participants.append((draft, role))
        same.quantities.extend(event.quantities)
    return merged


def _told_apart(one: EventDraft, other: EventDraft) -> bool:
    """Two mentions of one kind that are two events: different dates, or different
    agents ("Keane released her film", "Netflix will release it in November")."""
    if one.date and other.date and one.date != other.date:
        return True
    agents = {id(d) for d, role in one.participants if role == "agent"}
    others = {id(d) for d, role in other.participants if role == "agent"}
    return bool(agents and others and not agents & others)


def _one_incident(told: EventDraft, event: EventDraft) -> bool:
    """A plain happening that retells an event already found with the same two or more
    named people ("Lee and Ray scuffled", then "Ray hit Lee"): one incident."""
    people = {id(d) for d, _ in event.participants if d.kind == PERSON}
    return len(people) >= 2 and people == {
        id(d) for d, _ in told.participants if d.kind == PERSON} and not (
        told.date and event.date and told.date != event.date)
