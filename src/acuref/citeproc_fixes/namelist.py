"""A name list (CSL 1.0.2 "Name", "Name-part Order", "Name Delimiters") as citeproc-js renders it; this
replaces citeproc-py's ``Name.process`` (0.11.1), which .names then wraps.

Three kinds of names citeproc-py got wrong, each a field case or a varied-set golden:

- East Asian names (family and given both in CJK scripts): family then given with no space, no comma
  and no initials, in every form and order: "李明远", never "李, . 明远 ." (field case cite/09;
  citeproc-js's non-"romanesque" names);
- a name with a given name only (CSL-JSON allows it): printed whole in the long form ("Aelwen", not
  "A."), nothing in the short form, as citeproc-js does;
- a list whose last name is an institution (a ``literal`` name) has no delimiter before "and"/"&":
  "Xenakis, A. & Needle Trials Consortium", "Physiotherapy Council & Acupuncture Board"
  (citeproc-js renders persons and institutions as separate runs).

Everything else is citeproc-py's own logic, kept as it was; the names are joined with the style's
``delimiter`` and ``delimiter-precedes-last`` ("always", "never", "contextual", "after-inverted-name").
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


def is_cjk_name(given: str | None, family: str | None) -> bool:
    """Family (and given, if any) written in CJK scripts with no Latin, Greek or Cyrillic letter."""
    parts = [p for p in (family, given) if p]
    return bool(family) and all(_CJK.search(p) and not _LATIN.search(p) for p in parts)


def install(model) -> None:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        def get_option(name):
            return self.get_option(name, context, sort_options)

        and_ = get_option("and")
        delimiter = get_option("delimiter")
        delimiter_precedes_et_al = get_option("delimiter-precedes-et-al")
        delimiter_precedes_last = get_option("delimiter-precedes-last")
        et_al_min = get_option("et-al-min")
        et_al_use_first = get_option("et-al-use-first")
        et_al_use_last = get_option("et-al-use-last")
        initialize_with = get_option("initialize-with")
        name_as_sort_order = get_option("name-as-sort-order")
        sort_separator = get_option("sort-separator")
        form = get_option("form")
        demote_ndp = get_option("demote-non-dropping-particle")

        def format_name_parts(given, family):
            for part in self.findall("cs:name-part", self.nsmap):
                given, family = part.format_part(given, family)
            return given, family

        names = item.reference.get(variable, [])
        and_term = None
        if and_ == "text":
            and_term = self.get_single_term(name="and")
        elif and_ == "symbol":
            and_term = self.preformat("&")
        et_al = self.et_al()
        if form == "count":
            return min(len(names), et_al_use_first)
        et_al_truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min
        et_al_last = et_al_use_last and et_al_use_first <= et_al_min - 2
        if et_al_truncate:
            names = names[:et_al_use_first] + [names[-1]] if et_al_last else names[:et_al_use_first]
        output, inverted = [], []
        for i, name in enumerate(names):
            given, family, dp, ndp, suffix = name.parts()
            sort_order = name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0)
            inverted.append(False)
            if "literal" not in name and not family and given:  # given name only
                output.append(None if form == "short" else format_name_parts(given, "")[0])
                continue
            if "literal" not in name and is_cjk_name(given, family):  # family then given, no space
                given, family = format_name_parts(given or "", family)
                output.append(family if form == "short" else f"{family}{given or ''}")
                continue
            if given is not None and initialize_with is not None:
                given = self.initialize(given, initialize_with, context)
            if form == "long":
                if sort_order:
                    if demote_ndp in ("never", "sort-only"):
                        family = " ".join([n for n in (ndp, family) if n])
                        given = " ".join([n for n in (given, dp) if n])
                    else:
                        given = " ".join([n for n in (given, dp, ndp) if n])
                    given, family = format_name_parts(given, family)
                    text = sort_separator.join([n for n in (family, given, suffix) if n])
                    inverted[-1] = bool(given)
                else:
                    family = " ".join([n for n in (dp, ndp, family) if n])
                    given, family = format_name_parts(given, family)
                    text = " ".join([n for n in (given, family, suffix) if n])
            else:
                family = " ".join([n for n in (ndp, family) if n])
                given, family = format_name_parts(given, family)
                text = family
            output.append(text)
        kept = [(text, inv, name) for text, inv, name in zip(output, inverted, names) if text]
        output = [text for text, _, _ in kept]
        if not output:
            return None
        if et_al_truncate and et_al:
            if et_al_last:
                output[-1] = self.unicode_character("horizontal ellipsis") + " " + output[-1]
                return self.join(output, delimiter)
            if delimiter_precedes_et_al == "always" or (delimiter_precedes_et_al == "contextual" and len(output) >= 2):
                return self.join(output + [et_al], delimiter)
            return self.join(output, delimiter) + " " + et_al
        if and_term is not None and len(output) > 1:
            text = self.join(output[:-1], delimiter)
            institution_last = "literal" in kept[-1][2]
            rule = delimiter_precedes_last
            with_delimiter = not institution_last and (
                rule == "always" or (rule == "contextual" and len(output) > 2)
                or (rule == "after-inverted-name" and kept[-2][1]))
            text = self.join([text, ""], delimiter) if with_delimiter else text + " "
            return text + "{} ".format(and_term) + output[-1]
        return self.join(output, delimiter)

    model.Name.process = process
