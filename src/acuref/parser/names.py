"""Author and editor segments → CSL names.

Reads the name-list forms reference styles use (AnyStyle delegates this to the namae library; this
is acuref's own reader, by linear scans):

- "Family, Initials" pairs (Harvard, APA): ``Romero, C., Paunesku, D., & Dweck, C.``
- Vancouver/NLM "Family Initials": ``Pérez-Higueras JJ, Arias A, de la Macorra JC``
- given-first (IEEE, later MLA/Chicago names): ``H. Fischer``, ``W. E. Howard, and R. E. Marsh``
- organisations (several words, no initials): ``World Health Organization``
- ``et al.`` / ``and others`` (dropped, reported as ``et_al``), and ``———`` (or ``---``), which
  repeats the previous reference's names.

Initials are written "S.K." (no spaces), as the seed's store keeps them; surnames written in
capitals next to initials ("YU, H.L.") are title-cased.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from ..model import Name

_ROLE_WORDS = frozenset("""ed ed. eds eds. (ed.) (eds.) (ed) (eds) editor editors (editor) (editors) edited
hrsg hrsg. (hrsg.) (hrsg) (ed.), (eds.), dir. (dir.) coord. (coord.) (coords.) trans trans. translated
translator (trans.) (trans) éd. (éd.) by in in: and eds.) ed.)""".split())
_PARTICLES = frozenset("van von der den de la le du dos das del della di da ten ter zu vom van't".split())
_ORG_WORDS = frozenset("""organization organisation institute society council group committee association
university agency collaboration consortium foundation college department ministry network centre center
board office commission service services trust national international world health team project
investigators panel bureau federation union corporation company ltd inc""".split())
_DASHES = "—–-_―‒"
_SUFFIXES = frozenset("jr sr ii iii iv".split())
#: academic degrees some lists print among the names ("Xue, C.C., MApplSc, L.D., …"): not authors.
_DEGREES = frozenset("phd msc bsc mph mapplsc dphil mbbs frcp frcs facp mba mmed dsc".split())


class NameList(NamedTuple):
    """The names read, and whether the list ended in "et al." (more authors not given)."""

    names: tuple[Name, ...]
    et_al: bool = False
    repeat_previous: bool = False


def _is_initials(word: str) -> bool:
    """"J." "J.-P." "S.K." "AB" "Ch." as initials."""
    w = word.strip(",;:")
    if not w:
        return False
    letters = [ch for ch in w if ch.isalpha()]
    if not letters or len(letters) > 4:
        return False
    if all(ch.isalpha() for ch in w):
        return len(w) <= 3 and w.isupper()
    if not all(ch.isalpha() or ch in ".-‐" for ch in w) or "." not in w:
        return False
    # "J." "S.K." "J.-P." or a two-letter abbreviation like "Ch." / "Th."
    parts = [p for p in w.replace("-", ".").split(".") if p]
    return all(p[0].isupper() and len(p) <= 2 for p in parts)


def _initials_only(piece: str) -> bool:
    words = piece.split()
    return bool(words) and all(_is_initials(w) for w in words)


def dotted(initials: str) -> str:
    """"JJ" → "J.J."; "J. J." → "J.J."; "F.." → "F."; "J.-P." stays; "Nicholson B." → "Nicholson B."."""
    words = initials.split()
    if words and not all(_is_initials(w) for w in words):
        return " ".join(w if not _is_initials(w) else _dot_word(w) for w in words)
    return "".join(_dot_word(w) for w in words)


def _dot_word(word: str) -> str:
    w = word.strip(",;:")
    if all(ch.isalpha() for ch in w) and w.isupper():
        return "".join(ch + "." for ch in w)
    while ".." in w:
        w = w.replace("..", ".")
    return w if w.endswith(".") else w + "."


def _family(text: str, with_initials: bool) -> Name:
    """A surname, its lower-case particles split off ("de la Macorra" → particle "de la")."""
    words = text.split()
    particles = []
    while len(words) > 1 and words[0].lower() in _PARTICLES and words[0][0].islower():
        particles.append(words.pop(0))
    family = " ".join(words)
    if with_initials and family.isupper() and len(family) > 1 and sum(ch.isalpha() for ch in family) > 1:
        family = family.title()
    return Name(family=family, non_dropping_particle=" ".join(particles))


def _with_given(family: Name, given: str) -> Name:
    return Name(family=family.family, given=given, non_dropping_particle=family.non_dropping_particle)


def _is_organisation(piece: str) -> bool:
    words = piece.split()
    if any(w.lower().strip(".,()") in _ORG_WORDS for w in words):
        return True
    return len(words) >= 4 or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1
                               and sum(ch.isalpha() for ch in words[0]) >= 2 and len(words[0]) > 3)


def _clean(segment: str) -> tuple[str, bool, bool]:
    """(names text, et al. seen, repeat-previous dash seen) with role words and brackets removed."""
    text = " ".join(segment.split())
    repeat = False
    stripped = text.lstrip()
    dash_run = 0
    for ch in stripped:
        if ch in _DASHES:
            dash_run += 1
        else:
            break
    if dash_run >= 2:
        repeat = True
        text = stripped[dash_run:]
    words = []
    et_al = False
    raw = text.replace("&", " & ").split()
    k = 0
    while k < len(raw):
        w = raw[k]
        low = w.lower()
        if low in ("et", "et.") and k + 1 < len(raw) and raw[k + 1].lower().startswith("al"):
            et_al = True
            k += 2
            continue
        if low.strip(",;") in ("...", "…", ". . ."):  # APA's "Liu, Y., ... & Wang, J.": authors left out
            et_al = True
            k += 1
            continue
        if low.strip(".,;") in ("al", "others") and words and words[-1] in ("&", "and"):
            et_al = True
            words.pop()
            k += 1
            continue
        if low.strip(",;") in _ROLE_WORDS and low.strip(",;") not in ("and",):
            if k + 1 < len(raw) or low not in ("in", "by"):
                # "In", "by" start a list, "(Eds.)" ends one; a trailing comma still separates
                if w.endswith((",", ";")) and words:
                    words[-1] = words[-1].rstrip(",;") + ","
                k += 1
                continue
        if low.startswith("(") and low.endswith((")", "),", ").")) and any(r in low for r in ("ed", "hrsg", "trans", "dir", "coord")):
            k += 1
            continue
        words.append(w)
        k += 1
    return " ".join(words), et_al, repeat


def _split_pieces(text: str) -> list[str]:
    """The list split at commas, semicolons, "and" and "&"."""
    pieces, current = [], []
    for word in text.split():
        low = word.lower()
        if low in ("and", "&", "und", "et", "y"):
            if current:
                pieces.append(" ".join(current))
            current = []
            continue
        trail = word[-1] if word[-1] in ",;" else ""
        core = word.rstrip(",;")
        if core:
            current.append(core)
        if trail and current:
            pieces.append(" ".join(current))
            current = []
    if current:
        pieces.append(" ".join(current))
    return [p.strip(" .:") if not _initials_only(p.strip(" :")) else p.strip(" :") for p in pieces if p.strip(" .:")]


def _vancouver(piece: str) -> Name | None:
    """"Pérez-Higueras JJ" / "Liu R." → Name, else None."""
    words = piece.split()
    if len(words) < 2 or not _is_initials(words[-1]) or _is_initials(words[0]):
        return None
    if "." in words[-1] and len(words[-1].replace(".", "")) > 2:
        return None
    head = words[:-1]
    if not all(w[0].isupper() or w.lower() in _PARTICLES for w in head):
        return None
    return _with_given(_family(" ".join(head), True), dotted(words[-1]))


def _given_first(piece: str) -> Name:
    """"W. E. Howard" / "Nicholson Adams" / "Ludwig van Beethoven" → Name."""
    words = piece.split()
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES and words[k - 1][0].islower():
        k -= 1
    family = _family(" ".join(words[k:]), False)
    given = " ".join(words[:k])
    return _with_given(family, dotted(given) if _initials_only(given) else given)


def parse_names(segment: str, previous: tuple[Name, ...] = ()) -> NameList:
    """The names of an author or editor segment; ``previous`` is what "———" stands for."""
    text, et_al, repeat = _clean(segment)
    if "," not in text and ";" not in text and _is_organisation(text) and not any(_is_initials(w) for w in text.split()):
        # "National Institute for Health and Care Excellence": one organisation, "and" included
        return NameList((Name(literal=text.strip(" .:")),), et_al, repeat)
    pieces = _split_pieces(text)
    names: list[Name] = list(previous) if repeat else []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        words = piece.split()
        if piece.lower().rstrip(".") in _SUFFIXES and names and not names[-1].literal:  # "Smith, J., Jr."
            names[-1] = replace(names[-1], suffix=piece)
            i += 1
            continue
        suffix = ""
        if len(words) >= 3 and words[-1].lower().rstrip(".") in _SUFFIXES and _is_initials(words[-2]):
            suffix, words = words[-1], words[:-1]  # Vancouver "King ML Jr"
            piece = " ".join(words)
        has_initials = any(_is_initials(w) for w in words)
        if nxt is not None and _initials_only(nxt) and (not has_initials or (
                "." not in piece and "." in nxt and len(words) == 1)):
            names.append(_with_given(_family(piece, True), dotted(nxt)))
            i += 2
            continue
        van = _vancouver(piece)
        if van is not None:
            names.append(replace(van, suffix=suffix) if suffix else van)
        elif has_initials and _is_initials(words[0]) and len(words) > 1:
            names.append(_given_first(piece))
        elif _initials_only(piece):
            if names and not names[-1].given and not names[-1].literal:
                names[-1] = _with_given(Name(family=names[-1].family, non_dropping_particle=names[-1].non_dropping_particle), dotted(piece))
            else:
                names.append(Name(family=piece))
        elif (nxt is not None and _single_surname(words) and not has_initials and _given_like(nxt)
              and i == 0 and not _is_organisation(piece)):
            names.append(_with_given(_family(piece, False), dotted(nxt)))
            i += 2
            continue
        elif nxt is not None and _single_surname(words) and not has_initials and _given_like(nxt) and names and names[-1].given \
                and " " not in names[-1].given.strip(".") and _pairs_so_far(names) and not _is_organisation(piece):
            names.append(_with_given(_family(piece, False), dotted(nxt)))
            i += 2
            continue
        elif _is_organisation(piece):
            names.append(Name(literal=piece))
        elif len(words) == 1:
            acronym = piece.isupper() and sum(ch.isalpha() for ch in piece) >= 2
            names.append(Name(literal=piece) if acronym else Name(family=piece))
        else:
            names.append(_given_first(piece))
        i += 1
    return NameList(tuple(n for n in names if (n.family or n.literal) and n.family.lower() not in _DEGREES), et_al, repeat)


def _given_like(piece: str) -> bool:
    """Given names, possibly with initials: "Nicholson B.", "Laure", "Thomas L."."""
    words = piece.split()
    return 0 < len(words) <= 3 and all(w[0].isupper() for w in words) and not any(w.lower() in _ORG_WORDS for w in words)


def _single_surname(words: list[str]) -> bool:
    """One surname word, perhaps after lower-case particles ("de la Macorra")."""
    return len([w for w in words if not (w.lower() in _PARTICLES and w[0].islower())]) == 1


def _pairs_so_far(names: list[Name]) -> bool:
    return all(n.given for n in names)
