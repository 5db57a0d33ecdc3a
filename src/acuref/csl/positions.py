"""Cite positions (CSL 1.0.2 "Position"): first, subsequent, ibid, ibid-with-locator, near-note.

A cite is "ibid" when the cite before it (in its cluster, or the previous cluster when that has a
single cite and, with note numbers, is alone in its note) is of the same item with the same locator, "ibid-with-locator" when only its locator
differs (a cite without a locator after one with a locator is "subsequent"); "near-note" when the
item was cited within ``near-note-distance`` notes (default 5; needs note numbers).
Citations in the text of a note style (note number 0) and citations in notes are two sequences: the
cite before an in-text citation is in the previous in-text citation (citeproc-js).
Fixtures: position_* (position_IbidInText, position_IbidWithMultipleSoloCitesInBackref)."""

from __future__ import annotations


def assign_positions(proc, clusters: list[list[dict]]) -> list[list[dict]]:
    distance = int((proc.citation.get("near-note-distance") if proc.citation is not None else None)
                   or proc.style.get("near-note-distance") or 5)
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    previous: dict[bool, list[dict]] = {True: [], False: []}  # in a note → the citation before
    cites_in_note: dict[int, int] = {}
    out = []
    for n, cluster in enumerate(clusters, 1):
        note = next((c.get("note") for c in cluster if c.get("note")), None)
        if note is not None:
            cites_in_note[note] = cites_in_note.get(note, 0) + len(cluster)
        in_note = note is not None
        last = previous[in_note]
        its_note = next((c.get("note") for c in last if c.get("note")), None)
        # the previous citation counts when it was the only cite of its note (or of this note so far)
        alone = len(last) == 1 and (its_note is None or its_note == note or cites_in_note.get(its_note) == 1)
        result = []
        for j, cite in enumerate(cluster):
            cite = dict(cite)
            item = cite["id"]
            before = result[j - 1] if j > 0 else (last[0] if alone else None)
            if item not in first_note:
                cite["position"] = "first"
            elif before is not None and before["id"] == item:
                here = (cite.get("label") or "page", cite.get("locator")) if cite.get("locator") else ""
                there = (before.get("label") or "page", before.get("locator")) if before.get("locator") else ""
                if here == there:
                    cite["position"] = "ibid"
                elif here:
                    cite["position"] = "ibid-with-locator"
                else:
                    cite["position"] = "subsequent"
            else:
                cite["position"] = "subsequent"
            if note is not None and item in last_note and note - last_note[item] <= distance:
                cite["near-note"] = True
            if item in first_note and first_note[item]:
                cite["first-reference-note-number"] = str(first_note[item])
            first_note.setdefault(item, note or 0)
            if note is not None:
                last_note[item] = note
            result.append(cite)
        previous[in_note] = result
        out.append(result)
    return out
