"""One name (CSL 1.0.2 "Name-part Order", "Name Particles", "Initialize", "Name-part Formatting").

Display order "given dropping-particle non-dropping-particle family suffix"; sort order
(name-as-sort-order) with demote-non-dropping-particle never, sort-only (the default for display)
or display-and-sort; names in CJK scripts family then given with no space, never initialised; a name marked
"static-ordering", or in a Vietnamese, Hungarian, Chinese or Japanese item, family then given with a space;
initials as citeproc-js makes them (abbreviations such as "Ph." kept, hyphenated names "J.-P.",
lowercase particles inside given names kept); name-part formatting on each component, its affixes
around the part.  Fixtures: name_*, nameattr_*, nameorder_* (tests/csl_suite)."""

from __future__ import annotations

import re
import unicodedata

from . import rich, richtext
from .evaluate import Ctx, finish

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _romanesque(name: dict) -> bool:
    return not _CJK.search((name.get("family") or "") + (name.get("given") or ""))


def _static_order(name: dict, ctx: Ctx) -> bool:
    """Whether a name in Latin script is written family first, with a space ("Li M.", "Nguyen V. A."):
    marked "static-ordering", or in an item whose ``language`` is Vietnamese or Hungarian ("vi", "hu"
    exactly), or romanised Chinese or Japanese (a language starting "zh" or "ja").  citeproc-js 2.4
    (NameOutput getStaticOrder and _isRomanesque, which calls the last "mixed")."""
    if name.get("static-ordering"):
        return True
    language = str(ctx.item.get("language") or "")
    return language in ("vi", "hu") or language[:2] in ("zh", "ja")


def _inverted(index: int, opts: dict, ctx: Ctx, names: list | None = None) -> bool:
    if names is not None and 0 <= index < len(names) and (names[index].get("literal") or not names[index].get("family")):
        return False
    order = opts.get("name-as-sort-order")
    if ctx.mode == "sort":
        return True
    return order == "all" or (order == "first" and index == 0)


def _fmt_only(node):
    """A name-part's formatting without its affixes (applied to each name component)."""
    from .xml import Node

    if node is None:
        return None
    return node.cache.setdefault("fmt", Node("name-part", {k: v for k, v in node.attrs.items()
                                                          if k not in ("prefix", "suffix", "name")}, [], ""))


def _affix_only(node):
    from .xml import Node

    if node is None:
        return None
    return node.cache.setdefault("affix", Node("name-part", {k: v for k, v in node.attrs.items()
                                                            if k in ("prefix", "suffix")}, [], ""))


def _name(name: dict, index: int, variable: str, opts: dict, name_node, ctx: Ctx) -> str:
    parts = {p.get("name"): p for p in name_node.children if p.tag == "name-part"} if name_node is not None else {}
    sorting = ctx.mode == "sort"
    fam_part, given_part = (None, None) if sorting else (parts.get("family"), parts.get("given"))

    def part(text: str, node) -> str:
        return finish(text, _fmt_only(node), ctx) if node is not None and text else text

    def affix(text: str, node) -> str:
        return finish(text, _affix_only(node), ctx) if node is not None and text else text

    if name.get("literal"):
        return affix(part(richtext.parse(name["literal"]), fam_part), fam_part)
    raw_family = name.get("family") or ""
    if len(raw_family) > 1 and raw_family[0] == raw_family[-1] == '"':
        raw_family = raw_family[1:-1]
    family = richtext.parse(raw_family)
    given = richtext.parse(name.get("given") or "")
    ndp = rich.mark(rich.PARTICLE, richtext.parse(name.get("non-dropping-particle") or ""))
    dp = rich.mark(rich.PARTICLE, richtext.parse(name.get("dropping-particle") or ""))
    suffix = name.get("suffix") or ""
    form = opts.get("form", "long")
    level = max(ctx.disamb.given.get((variable, index), 0), ctx.disamb.given_all) if ctx.mode == "citation" else 0
    if ctx.mode == "bibliography" and ctx.proc.citation.get("disambiguate-add-givenname") == "true":
        # a given name the citation had to print in full prints in full in the entry too ("Roberts, John"
        # beside "Roberts, James" under initialize-with: citeproc-js applies the cite's givens there)
        level = 2 if ctx.disamb.given.get((variable, index), 0) == 2 else 0
    if level == 2 and form == "short":
        form, init = "long", False
    elif level >= 1 and form == "short":  # initials where the style has initialize-with, else the full name
        form, init = "long", opts.get("initialize-with") is not None
    else:
        init = opts.get("initialize-with") is not None and opts.get("initialize", "true") != "false" and level < 2
    if given and _romanesque(name):  # sort keys too use the initials the style prints (citeproc-js)
        hyphen = ctx.proc.options.get("initialize-with-hyphen", "true") != "false"
        # (level 1 initialises short names; a name the style prints in full, initialize="false", stays full:
        # Chicago's bibliography "Zhang, Lihua", citeproc-js)
        if init or (level == 1 and opts.get("initialize-with") is not None and opts.get("initialize") != "false"):
            given = initialize(given, opts.get("initialize-with", ""), hyphen)
            if "." not in opts.get("initialize-with", ""):  # initials without periods: the suffix loses
                suffix = suffix.replace(".", "")  # its period too (citeproc-js: Springer "Quimby H Jr (1999)")
        elif opts.get("initialize-with") is not None:  # full names stay, initials get the mark ("Y.Q." → "Y. Q.")
            given = initialize(given, opts.get("initialize-with"), hyphen, full=False)
    if not name.get("family") and name.get("given"):  # a given name only ("Banksy"): whole, never in short form
        # (a short-form sort key is empty too, and sorts last: citeproc-js, CSL 1.0.2 "Sorting")
        return "" if form == "short" else affix(part(richtext.parse(name["given"]), given_part), given_part)
    if not _romanesque(name):
        if form == "short":
            return affix(part(family, fam_part), fam_part)
        return affix(part(family, fam_part), fam_part) + affix(part(given, given_part), given_part)
    demote = ctx.proc.options.get("demote-non-dropping-particle", "display-and-sort")
    if form == "short":
        if sorting and demote in ("sort-only", "display-and-sort"):
            return _space_join(family, ndp)  # "van Ilpen" sorts under I
        return affix(_particle_join(part(ndp, fam_part), part(family, fam_part), name), fam_part)
    if _static_order(name, ctx) and not sorting:
        # CSL-JSON "static-ordering": the name is written family first whatever the style's order, with
        # a space and no sort-separator ("Nguyen V. A.", "Nguyen Van Anh": citeproc-js)
        head = affix(_particle_join(part(ndp, fam_part), part(family, fam_part), name), fam_part)
        text = _space_join(head, affix(part(given, given_part), given_part))
        return text + (", " if name.get("comma-suffix") else " ") + suffix if suffix else text
    inverted = _inverted(index, opts, ctx)
    sort_sep = opts.get("sort-separator", ", ")
    comma_suffix = bool(name.get("comma-suffix"))
    if not inverted:  # the family part's affixes go round the particles and suffix too ("(de La Fontaine III)")
        last = _space_join(part(dp, given_part), _particle_join(part(ndp, fam_part), part(family, fam_part), name))
        first = affix(part(given, given_part), given_part)
        if suffix:
            last += (", " if comma_suffix else " ") + suffix
        return _space_join(first, affix(last, fam_part))
    if (sorting and demote in ("sort-only", "display-and-sort")) or demote == "display-and-sort":
        head = affix(part(family, fam_part), fam_part)
        tail = affix(_space_join(part(given, given_part), part(dp, given_part), part(ndp, fam_part)), given_part)
    else:
        head = affix(_particle_join(part(ndp, fam_part), part(family, fam_part), name), fam_part)
        tail = affix(_space_join(part(given, given_part), part(dp, given_part)), given_part)
    text = head
    if tail:
        text += sort_sep + tail
    if suffix:
        text += sort_sep + suffix
    return text


def _space_join(*parts: str) -> str:
    out = ""
    for p in parts:
        if not p:
            continue
        if out and rich.last_char(out) not in ("’", "'", "-") and not rich.last_char(out).isspace():
            # a name-part suffix that ends in a space (even a no-break one) is the space (name_WithNonBreakingSpace)
            out += " "
        out += p
    return out


def _particle_join(ndp: str, family: str, name: dict) -> str:
    if ndp and family and name.get("particle-space"):
        return f"{ndp} {family}"
    return _space_join(ndp, family)


def initialize(given: str, mark: str, hyphen: bool = True, full: bool = True) -> str:
    """Given names as initials with ``mark`` (CSL 1.0.2 "initialize", "initialize-with"):
    "John Ronald" → "J. R."; "Jean-Paul" → "J.-P." ("J. P." without initialize-with-hyphen);
    a part already abbreviated with a period ("Ph.", "Ts.") stays whole; a lowercase part after a
    hyphen is dropped ("Guo-ping" → "G."), or kept whole as a word of its own without the hyphen
    ("Guo ping" → "G ping", citeproc-js doInitialize).  With ``full`` False (initialize="false") whole names
    stay and only single letters become initials ("John M.E." → "John M. E.", "J.-R." → "J. R.", as
    citeproc-js prints them)."""
    units: list[tuple[str, bool]] = []  # (text, is an initial-like unit)
    if not hyphen:  # without initialize-with-hyphen a hyphen separates words, so a lowercase part stays
        given = given.replace("-", " ")  # whole like any lowercase word: "Ji-woo" → "J woo" (citeproc-js)
    for word in given.split():
        pieces = word.split(".")
        for n, piece in enumerate(pieces):
            if not rich.plain(piece):
                continue
            abbreviated = n < len(pieces) - 1  # a period followed this piece
            letter = piece[1:] if piece.startswith("-") and n > 0 and units and units[-1][1] else ""
            if len(rich.plain(letter)) == 1:  # "J.-R.": the second initial of a hyphenated name, joined
                if full and hyphen:  # by the hyphen ("J.-R."), else apart ("JR", "J. R.")
                    units[-1] = (units[-1][0] + mark.rstrip() + "-" + letter.upper(), True)
                else:
                    units.append((letter.upper(), True))
                continue
            parts = [h for h in piece.split("-") if rich.plain(h)]
            if abbreviated and len(rich.plain(piece)) > 1:
                units.append((piece, True))
                continue
            if (not full and len(rich.plain(piece)) > 1) or rich.plain(piece).islower():
                units.append((piece, False))  # a whole name kept, or a lowercase particle ("J.B. de C.M.")
                continue
            if unicodedata.category(rich.plain(piece)[:1] or "x") not in ("Lu", "Lt", "Lo"):
                units.append((piece, False))  # "ʿAlī", "ʾAḥmad": a modifier letter or a sign first, no letter
                continue  # to make an initial of, so the name stays whole (citeproc-js doInitialize)
            initials = []
            for k, h in enumerate(parts):
                letter = _first_letter(h)
                if k > 0 and rich.plain(h)[:1].islower():
                    continue
                initials.append(letter)
            if hyphen:
                units.append(("-".join([_marked(i, mark.rstrip()) for i in initials[:-1]] + initials[-1:]), True))
            else:
                units.extend((i, True) for i in initials)
    out, run = [], []

    def flush() -> None:
        out.append("".join([_marked(t, mark) for t in run[:-1]] + [_marked(run[-1], mark.rstrip())]).strip())
        run.clear()

    for text, initial in units:
        if initial:
            run.append(text)
            continue
        if run:
            flush()
        out.append(text)
    if run:
        flush()
    return " ".join(out)


def _marked(initial: str, mark: str) -> str:
    """An initial and its mark, the mark inside markup that closes after the letter ("<b>J.</b>":
    citeproc-js; name_InTextMarkupInitialize, name_InTextMarkupNormalizeInitials)."""
    i = len(initial)
    while i > 0 and initial[i - 1] in rich.MARKERS and (ord(initial[i - 1]) - 0xE000) % 2 == 1:
        i -= 1
    kept = mark.rstrip()
    return initial[:i] + kept + initial[i:] + mark[len(kept):]


def _first_letter(text: str) -> str:
    """The first letter of ``text``, keeping markup that opens before it (<b>J</b>ohn → <b>J</b>)."""
    out = []
    for i, ch in enumerate(text):
        if ch in rich.MARKERS:
            out.append(ch)
            continue
        out.append(ch.upper() if ch.isalpha() else ch)
        rest = text[i + 1:]
        closers = [c for c in rest if c in rich.MARKERS and (ord(c) - 0xE000) % 2 == 1]
        opened = sum(1 for c in out if c in rich.MARKERS and (ord(c) - 0xE000) % 2 == 0)
        return "".join(out) + "".join(closers[:opened])
    return "".join(out)


def normalize_initials(given: str, mark: str) -> str:
    return initialize(given, mark, True, full=False)
