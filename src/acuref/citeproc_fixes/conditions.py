"""cs:choose and cs:group as CSL 1.0.2 defines them ("Choose", "Group").

- ``<if disambiguate="true">`` was ignored by citeproc-py, so the test always passed (MLA then put
  the title in every citation); it now holds only for items disambiguation could not tell apart
  (state.AMBIGUOUS). Fixtures: disambiguate_* in tests/csl_suite/passing.txt.
- cs:group suppression: a group is suppressed when it calls variables and all are empty; a cs:choose
  counts by the branch it took, not by every variable any of its branches could call (APA printed
  "(Publication)" for a thesis); a cs:text macro that printed something counts as rendered, as in
  citeproc-js (GB/T 7714's "[J]": field case cite/09). Fixtures: group_*."""

from __future__ import annotations

from .state import AMBIGUOUS


def install(model) -> None:
    from citeproc.source import VariableError

    original_if = model.If.render

    def if_render(self, item, context=None, delimiter="", **kwargs):
        if "disambiguate" in self.attrib:
            wanted = self.get("disambiguate").lower() == "true"
            holds = (getattr(item, "key", None) in AMBIGUOUS.get()) == wanted
            others = set(self.attrib) - {"disambiguate", "match"}
            match = self.get("match", "all")
            if not others:
                if holds != (match == "none"):
                    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
                raise model.ConditionFailed
            if match == "all" and not holds or match == "none" and holds:
                raise model.ConditionFailed
            if match == "any" and holds:
                return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return original_if(self, item, context=context, delimiter=delimiter, **kwargs)

    model.If.render = if_render

    taken: list = [None]  # the branch the last cs:choose rendered

    def choose_render(self, item, context=None, delimiter="", **kwargs):
        for child in self.getchildren():
            try:
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
            taken[0] = child
            return text
        taken[0] = None
        return None

    def group_process(self, item, context=None, **kwargs):
        output, called, rendered = [], False, False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            is_choose = isinstance(child, model.Choose)
            calls = False if is_choose else child.calls_variable()
            try:
                if is_choose:
                    taken[0] = None
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    calls = taken[0] is not None and taken[0].calls_variable()
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                called = called or calls or (is_choose and child.calls_variable())
                continue
            called = called or calls
            if text is not None:
                output.append(text)
                # a macro that printed something counts as a rendered variable (citeproc-js): GB/T's
                # "[J]" group of two macros, one printing "J", the other empty (case cite/09)
                rendered = rendered or calls or "macro" in child.attrib
        if output and (not called or rendered):
            return self.join(output)
        raise VariableError

    model.Choose.render = choose_render
    model.Group.process = group_process
