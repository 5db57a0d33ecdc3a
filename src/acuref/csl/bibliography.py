"""Bibliography entries (CSL 1.0.2 "Bibliography", "Whitespace", "Reference Grouping"
(subsequent-author-substitute), "second-field-align").

subsequent-author-substitute replaces the first name list of an entry whose names equal the
previous entry's, compared without the role's label; the label stays ("--- ed."). Only the whole
list is compared and replaced (the default rule "complete-all"; the other rules are read as it).
Fixtures: sort_*, bugreports_*SubsequentAuthor*, name_Subs* (tests/csl_suite)."""

from __future__ import annotations

from . import rich


def render_entries(proc, ordered: list[str]) -> list[tuple[str, str]]:
    bib = proc.bibliography
    layout = bib.find("layout")
    substitute = bib.get("subsequent-author-substitute")
    out = []
    previous_names = None
    for item_id in ordered:
        ctx = proc.render_item(item_id, {}, "bibliography")
        text = ctx.text
        names = ctx.first_names
        if substitute is not None and names and names == previous_names and ctx.first_names_text \
                and (ctx.first_names_parts or ctx.substituted_by_variable):
            # names, or a variable cs:substitute prints in their place; a macro's title (MLA) is printed
            # again (citeproc-js substitutes only a cs:text variable there)
            # rendered again with the substitute in the names' place, so delimiters and punctuation
            # around it are joined as around any text
            ctx = proc.render_item(item_id, {"substitute-names": substitute}, "bibliography")
            text = ctx.text
        previous_names = names
        if not rich.plain(text):
            out.append((item_id, ""))
            continue
        if bib.get("second-field-align") and getattr(ctx, "first_field", "") and text.startswith(ctx.first_field):
            rest = text[len(ctx.first_field):]
            attrs = dict(layout.attrs)
            prefix = attrs.pop("prefix", "")
            rest = rich.formatted(rest, {"suffix": attrs.pop("suffix", "")}) if rest else ""
            trimmed = rest.rstrip()  # trailing space after the block, not in it (citeproc-js;
            # variables_ContainerTitleShort, variables_ContainerTitleShort2)
            text = rich.mark(rich.LEFT_MARGIN, prefix + ctx.first_field) + rich.mark(rich.RIGHT_INLINE, trimmed) \
                + rest[len(trimmed):]
            out.append((item_id, rich.formatted(text, attrs)))
            continue
        out.append((item_id, _with_layout(text, layout.attrs)))
    return out


_DISPLAY_CLOSERS = {rich.close(m) for m in (rich.BLOCK, rich.LEFT_MARGIN, rich.RIGHT_INLINE, rich.INDENT)}


def _with_layout(text: str, attrs: dict) -> str:
    """The layout's formatting around an entry; an entry that ends in a display block takes the
    layout's suffix inside that block (citeproc-js's layout node: "If @display is used, layout suffix
    is placed on the last immediate child of the layout"). Fixtures: bugreports_SmallCapsEscape,
    bugreports_NoCaseEscape (CSL 1.0.2 "Display")."""
    suffix = attrs.get("suffix")
    if suffix and text and text[-1] in _DISPLAY_CLOSERS:
        text = rich.formatted(text[:-1], {"suffix": suffix}) + text[-1]
        attrs = {k: v for k, v in attrs.items() if k != "suffix"}
    return rich.formatted(text, attrs)


