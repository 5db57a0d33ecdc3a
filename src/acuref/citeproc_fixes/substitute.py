"""Substituted variables are suppressed in the rest of the output (CSL 1.0.2 "Substitute": "Substituted
variables are suppressed in the rest of the output to prevent duplication").

citeproc-py suppressed only a cs:text variable named directly in cs:substitute.  An edited book whose
editors stand in for the author printed them twice in APA ("Whitcombe, A., & Ernsting, E. (Eds.).
(2015). Acupuncture … (A. Whitcombe & E. Ernsting, Eds.; 2nd ed.)"), and a web page whose title stands
in for the author (through a ``<text macro="title"/>``) printed its title twice.  Here every variable
a substitute rendered, through macros too, is suppressed for the rest of the entry, cs:names
variables included.  Proved by the varied-set goldens (tests/test_cite_varied.py: bookeds,
webnodate, dict, legis, legalcase)."""

from __future__ import annotations

#: frames of (kind, variable) rendered while a substitute's child renders
_RECORDING: list[list[tuple[str, str]]] = []


def _layout(element, context):
    try:
        return (context if context is not None else element).get_layout()
    except (IndexError, AttributeError):
        return None  # a sort key: no layout, nothing suppressed


def install(model) -> None:
    from citeproc.source import VariableError

    from ..styles import CSL_NS

    text_tag, names_tag = f"{CSL_NS}text", f"{CSL_NS}names"

    original_variable = model.Text._variable

    def _variable(self, item, context):
        text = original_variable(self, item, context)
        if _RECORDING and text:
            _RECORDING[-1].append((text_tag, self.get("variable")))
        return text

    model.Text._variable = _variable

    original_names = model.Names.process

    def names_process(self, item, names_context=None, context=None, **kwargs):
        layout = _layout(self, context) if kwargs.get("sort_options") is None else None
        repressed = getattr(layout, "repressed", None) or {}
        roles = self.get("variable", "").split()
        hidden = [r for r in roles if r in repressed.get(names_tag, ())]
        if hidden and len(hidden) == len(roles):
            raise VariableError
        if hidden:
            self.set("variable", " ".join(r for r in roles if r not in hidden))
        try:
            text = original_names(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            if hidden:
                self.set("variable", " ".join(roles))
        if _RECORDING and text:
            _RECORDING[-1].extend((names_tag, r) for r in roles if r not in hidden and r in item.reference)
        return text

    model.Names.process = names_process

    def substitute_render(self, item, context=None, **kwargs):
        for child in self.getchildren():
            _RECORDING.append([])
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                recorded = _RECORDING.pop()
            if text:
                layout = _layout(self, context)
                if layout is not None and kwargs.get("sort_options") is None:
                    for tag, variable in recorded:
                        layout.repressed.setdefault(tag, []).append(variable)
                if _RECORDING:
                    _RECORDING[-1].extend(recorded)
                return text
        return None

    model.Substitute.render = substitute_render
