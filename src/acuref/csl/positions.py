"""Cite positions (CSL 1.0.2 "Position"): first, subsequent, ibid, ibid-with-locator, near-note.

A cite is "ibid" when the cite before it (in its cluster, or the previous cluster when that has a
single cite) is of the same item with the same locator, "ibid-with-locator" when only its locator
differs (a cite without a locator after one with a locator is "subsequent"); "near-note" when the
item was cited within ``near-note-distance`` notes (default 5; needs note numbers).
Fixtures: position_* (tests/csl_suite)."""

from __future__ import annotations


def assign_positions(proc, clusters: list[list[dict]]) -> list[list[dict]]:
    distance = int((proc.citation.get("near-note-distance") if proc.citation is not None else None)
                   or proc.style.get("near-note-distance") or 5)
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    previous: list[dict] = []
    out = []
    for n, cluster in enumerate(clusters, 1):
        note = next((c.get("note") for c in cluster if c.get("note")), None)
        result = []
        for j, cite in enumerate(cluster):
            cite = dict(cite)
            item = cite["id"]
            before = result[j - 1] if j > 0 else (previous[0] if len(previous) == 1 else None)
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
        previous = result
        out.append(result)
    return out
