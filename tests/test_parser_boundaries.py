"""Segment boundaries the normalisers repair after the CRF (acuref.parser.reference): each rule on
hand-labelled segments (no model involved), with a case where it must not fire."""

from __future__ import annotations

from acuref.parser.reference import Segment, build_reference


def _ref(*pairs):
    segs = [Segment(label, text) for label, text in pairs]
    return build_reference(" ".join(t for _, t in pairs), segs).reference


def test_a_date_read_inside_the_title_goes_back_into_it():
    ref = _ref(("author", "Aspy, D. N."), ("date", "(2000)."), ("title", "An extension of Kelly's"), ("date", "(1997)"),
               ("title", "suggestion to integrate."), ("journal", "J Couns Dev,"), ("volume", "78(1),"), ("pages", "29-37."))
    assert ref.title == "An extension of Kelly's (1997) suggestion to integrate" and ref.issued == (2000,)
    ref = _ref(("author", "Tao S"), ("date", "(1999)"), ("title", "Total Diet Study,"), ("date", "September 1991-December 1996."),
               ("journal", "Food Addit Contam"), ("volume", "16(11):"), ("pages", "465-472."))
    assert ref.title == "Total Diet Study, September 1991-December 1996" and ref.fields["container-title"] == "Food Addit Contam"
    # MLA: the date after the container is the string's date, not part of the title
    ref = _ref(("author", "Vates, G. E."), ("title", "Title."), ("journal", "J Neurosurg"), ("volume", "95,"), ("date", "(2001):"),
               ("pages", "233-41."))
    assert ref.title == "Title" and ref.issued == (2001,)


def test_a_books_publisher_sentence_read_into_the_title_is_the_publisher():
    ref = _ref(("author", "Levy, H.; Lessman, F."), ("date", "(1992)."), ("title", "Finite Difference Equations. Dover."),
               ("isbn", "ISBN 0-486-67260-3."))
    assert (ref.title, ref.fields["publisher"], ref.type) == ("Finite Difference Equations", "Dover", "book")
    ref = _ref(("author", "Barrón Cruz, M. G.,"), ("date", "2013."),
               ("title", "La Bestia: la trata de personas. Mexico City: Instituto Nacional de Ciencias Penales."))
    assert ref.title == "La Bestia: la trata de personas"
    assert (ref.fields["publisher-place"], ref.fields["publisher"]) == ("Mexico City", "Instituto Nacional de Ciencias Penales")
    # a lower-case second sentence is the title's own; a journal after the title leaves it alone
    ref = _ref(("author", "Lynch, K."), ("date", "(1982)."), ("title", "Voir et planifier. L’aménagement qualitatif de l’espace."))
    assert ref.title == "Voir et planifier. L’aménagement qualitatif de l’espace" and "publisher" not in ref.fields
    ref = _ref(("author", "Smith, J."), ("date", "(2001)."), ("title", "Acupuncture. A Review."), ("journal", "BMJ,"), ("volume", "3,"))
    assert ref.title == "Acupuncture. A Review"


def test_a_container_going_on_in_lower_case_belongs_to_the_title():
    ref = _ref(("author", "Dorcas, M. E."), ("date", "2012."), ("title", "Mammal declines coincide with invasive pythons"),
               ("container-title", "in Everglades National Park. Proceedings of the National Academy of Sciences"),
               ("volume", "109:"), ("pages", "2418–2422."))
    assert ref.title == "Mammal declines coincide with invasive pythons in Everglades National Park"
    assert ref.fields["container-title"] == "Proceedings of the National Academy of Sciences"
    ref = _ref(("author", "Balakrishnan, R."), ("date", "(2006)."), ("title", "Why aren't we using 3d user interfaces,"),
               ("container-title", "and will we ever? Paper presented at the IEEE Symposium."))
    assert ref.title == "Why aren't we using 3d user interfaces, and will we ever?"
    # "Title, in Proceedings …": "in" announces the container
    ref = _ref(("author", "Kyrtsou, C."), ("date", "(2005)."), ("title", "Complex dynamics,"),
               ("container-title", "in New Trends in Macroeconomics,"), ("publisher", "Springer."))
    assert (ref.title, ref.fields["container-title"]) == ("Complex dynamics", "New Trends in Macroeconomics")


def test_with_no_title_read_the_first_long_sentence_or_a_note_after_the_date_is_the_title():
    ref = _ref(("author", "Westlake, C. J."), ("date", "(2011)."),
               ("container-title", "Primary cilia membrane assembly is initiated by Rab11. Proceedings of the National Academy of Sciences"),
               ("volume", "108,"), ("pages", "2759–2764."))
    assert ref.title == "Primary cilia membrane assembly is initiated by Rab11"
    assert ref.fields["container-title"] == "Proceedings of the National Academy of Sciences"
    ref = _ref(("author", "U.S. Department of Veterans Affairs."), ("date", "(n.d.)."),
               ("note", "The Veteran population projection model 2014."), ("location", "Washington, DC."),
               ("url", "http://www.va.gov/vetdata/"))
    assert ref.title == "The Veteran population projection model 2014"


def test_the_titles_first_words_read_as_journal_and_date_go_back_into_it():
    ref = _ref(("author", "Schulz KF, Altman DG, Moher D; CONSORT Group."), ("journal", "CONSORT"), ("date", "2010"),
               ("title", "statement: updated guidelines."), ("journal", "BMJ."), ("date", "2010 Mar 23;"),
               ("volume", "340:"), ("pages", "c332."))
    assert (ref.title, ref.issued[0], ref.fields["container-title"]) == ("CONSORT 2010 statement: updated guidelines", 2010, "BMJ")
    # author-year: the date before the title is the string's own
    ref = _ref(("author", "Smith, J."), ("date", "(2001)."), ("title", "Title."), ("journal", "BMJ,"), ("volume", "3,"))
    assert (ref.title, ref.issued) == ("Title", (2001,))


def test_a_title_ending_in_a_bracket_goes_on_into_a_lower_case_container():
    ref = _ref(("author", "National Institute for Health and Care Excellence"), ("date", "(2021)"),
               ("title", "Chronic pain (primary and secondary)"),
               ("container-title", "in over 16s: assessment and management. NICE guideline NG193."),
               ("url", "https://www.nice.org.uk/guidance/ng193"))
    assert ref.title == "Chronic pain (primary and secondary) in over 16s: assessment and management"
    # a title closed by a quotation mark: "in" announces the container
    ref = _ref(("author", "Walter Benjamin,"), ("title", "« Petite histoire de la photographie »"),
               ("container-title", "in Œuvres II,"), ("publisher", "Gallimard,"), ("date", "2000."))
    assert ref.fields["container-title"] == "Œuvres II"
