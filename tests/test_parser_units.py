"""The parser's small parts on their own: tokeniser, features, name lists, field normalisers."""

from __future__ import annotations

import pytest

from acuref.model import Name
from acuref.parser import features as X
from acuref.parser import fields as F
from acuref.parser.names import dotted, parse_names
from acuref.parser.tokens import tokenize
from tests.conftest import FIXTURES


# --- tokens -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Vates GE. J Neurosurg 2001;95(3):233-41.", ["Vates", "GE.", "J", "Neurosurg", "2001;", "95(3):", "233-41."]),
    ("British Medical Journal305(6864), pp.1249-1252.", ["British", "Medical", "Journal", "305(6864),", "pp.1249-1252."]),
    ("Cochrane Database Syst Rev. 2005;(4):CD003788", ["Cochrane", "Database", "Syst", "Rev.", "2005;", "(4):", "CD003788"]),
    ("BMJ. 2022 Mar 9;376:o487.", ["BMJ.", "2022", "Mar", "9;", "376:", "o487."]),
    ("Anaesthesia. 1990 Apr;45(4):327-9.", ["Anaesthesia.", "1990", "Apr;", "45(4):", "327-9."]),
    ("doi:10.1/a;b:3 https://x.org/a1234 e053312 H1N1", ["doi:10.1/a;b:3", "https://x.org/a1234", "e053312", "H1N1"]),
    ("  \t\n ", []),
])
def test_tokenize_splits_glued_fields_but_not_addresses(text, words):
    tokens = tokenize(text)
    assert [t.text for t in tokens] == words
    assert all(text[t.start:t.end] == t.text for t in tokens)


# --- features ---------------------------------------------------------------------------------

@pytest.mark.parametrize("word, shape", [("Smith,", "Aa,"), ("1249-52.", "0-0."), ("J.-P.", "A.-A."), ("(2001).", "(0)."),
                                         ("McDonald", "AaAa"), ("", "")])
def test_shape(word, shape):
    assert X.shape(word) == shape


@pytest.mark.parametrize("word, case", [("SMITH", "upper"), ("J.", "single"), ("Smith", "title"), ("smith", "lower"),
                                        ("McDonald", "mixed"), ("2001", "none")])
def test_caseness(word, case):
    assert X.caseness(word) == case


@pytest.mark.parametrize("word, yes", [("J.", True), ("J.-P.", True), ("S.K.,", True), ("GE", True), ("ABCD", False),
                                       ("Smith", False), ("Ch.", False), ("al.", False), ("2001", False)])
def test_is_initials(word, yes):
    assert X.is_initials(word) is yes


@pytest.mark.parametrize("word, kind", [("(2001).", "year"), ("2014a,", "year-suffix"), ("1249-52", "page-range"),
                                        ("2002-05", "year-range"), ("xiv", "roman"), ("3rd", "ordinal"),
                                        ("305(6864),", "volume-issue"), ("pp.995-999", "pages-prefixed"), ("45", "digits-2"),
                                        ("Smith", "none"), ("e053312", "alnum")])
def test_number_kind(word, kind):
    assert X.number_kind(word) == kind


def test_punctuation_brackets_keywords_web_position():
    assert (X.punctuation_end("Smith,"), X.punctuation_end("(2001)."), X.punctuation_end("Smith")) == (",", ").", "none")
    assert (X.punctuation_start("(2001)"), X.punctuation_start("“Title")) == ("(", "“")
    assert (X.brackets("(2001)."), X.brackets("(Eds"), X.brackets("Eds.)"), X.brackets("x")) == ("enclosed", "opens", "closes", "none")
    assert (X.keyword("pp."), X.keyword("&"), X.keyword("(Eds.),"), X.keyword("Vol."), X.keyword("Smith")) == (
        "pages", "and", "editor", "volume", "none")
    assert (X.web("https://doi.org/10.1/x"), X.web("doi:10.1/x"), X.web("http://a.org"), X.web("978-0-19-852663-6")) == (
        "doi", "doi", "url", "isbn")
    assert [X.position(i, 20) for i in (0, 1, 10, 19)] == ["first", "0", "5", "last"]
    assert set(X.dictionary("London:")) == {"place"} and "journal" in X.dictionary("Journal")


def test_sequence_features_look_ahead_to_the_year():
    words = "Ho RT. Electro-acupuncture and emesis. Anaesthesia. 1990 Apr;45(4):327-9.".split()
    rows = X.sequence_features(words)
    ahead = {w: next(f for f in row if f.startswith("sent_to_year=")) for w, row in zip(words, rows)}
    assert ahead["Anaesthesia."] == "sent_to_year=1" and ahead["emesis."] == "sent_to_year=2"
    assert ahead["RT."] == "sent_to_year=2"  # initials are no sentence end
    assert len(rows) == len(words) and all("bias" in row for row in rows)


# --- names ------------------------------------------------------------------------------------

def _names(text, previous=()):
    return [n.display() for n in parse_names(text, previous).names]


@pytest.mark.parametrize("text, names", [
    ("Romero, C., Paunesku, D., & Dweck, C.", ["Romero, C.", "Paunesku, D.", "Dweck, C."]),
    ("Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA.", ["Pérez-Higueras, J.J.", "Arias, A.", "de la Macorra, J.C.", "Peters, O.A."]),
    ("Lee, L. L., W. E. Howard, and R. E. Marsh.", ["Lee, L.L.", "Howard, W.E.", "Marsh, R.E."]),
    ("Deluze, Christophe, Laure Bosia, and Thomas L. Vischer.", ["Deluze, Christophe", "Bosia, Laure", "Vischer, Thomas L."]),
    ("Zhang, R, Lao, L; Ren, K; Berman, BM", ["Zhang, R.", "Lao, L.", "Ren, K.", "Berman, B.M."]),
    ("YU, H.L. and XU, L.L.,", ["Yu, H.L.", "Xu, L.L."]),
    ("Petti, F.., Bangrazi, A.,", ["Petti, F.", "Bangrazi, A."]),
    ("H. Fischer,", ["Fischer, H."]),
    ("World Health Organization.", ["World Health Organization"]),
    ("NIH", ["NIH"]),
    ("Xue, C.C., MApplSc, L.D., Polus, B.", ["Xue, C.C.", "Polus, B."]),
    ("Liu, Z., Liu, Y., ... & Wang, J.", ["Liu, Z.", "Liu, Y.", "Wang, J."]),
    ("Moher D, Liberati A; PRISMA Group.", ["Moher, D.", "Liberati, A.", "PRISMA Group"]),
    ("In J. Smith & K. Jones (Eds.),", ["Smith, J.", "Jones, K."]),
])
def test_name_lists(text, names):
    assert _names(text) == names


def test_et_al_and_the_previous_authors_dash():
    read = parse_names("Vickers AJ, Vertosick EA, et al.")
    assert read.et_al and [n.family for n in read.names] == ["Vickers", "Vertosick"]
    previous = (Name("Han", "J.S."),)
    again = parse_names("———.", previous)
    assert again.repeat_previous and again.names == previous
    assert parse_names("---, and Smith, J.", previous).names == previous + (Name("Smith", "J."),)


def test_dotted_initials():
    assert [dotted(x) for x in ("JJ", "J. J.", "F..", "J.-P.", "S.K.")] == ["J.J.", "J.J.", "F.", "J.-P.", "S.K."]


# --- fields -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parts, suffix", [("(2014a).", (2014,), "a"), ("1992 Nov 7;", (1992, 11, 7), ""),
                                                 ("2019 May-Jun;", (2019, 5), ""), ("n.d.", (), ""),
                                                 ("(2008):", (2008,), ""), ("septembre 2014,", (2014, 9), "")])
def test_date(text, parts, suffix):
    d = F.date(text)
    assert (d.parts(), d.suffix) == (parts, suffix)


def test_date_status():
    assert F.date("(in press).").status == "in press"


@pytest.mark.parametrize("text, vi", [("305(6864),", ("305", "6864")), ("Vol. 3, Part A,", ("3", "")),
                                      ("305, no. 6864", ("305", "6864")), ("305.6864", ("305", "6864")),
                                      ("361.1-3", ("361", "1-3")), ("No. 134,", ("", "134")), ("2001;95(3):", ("95", "3")),
                                      ("(4).", ("", "4")), ("40(2):", ("40", "2")), ("120:", ("120", "")),
                                      ("22 Suppl 1:", ("22", "Suppl 1"))])
def test_volume_issue(text, vi):
    assert tuple(F.volume_issue(text)) == vi


@pytest.mark.parametrize("text, expand, page", [("pp. 1761–1800).", False, "1761-1800"), ("p.64", False, "64"),
                                                ("1249-52.", True, "1249-1252"), ("221-8", True, "221-228"),
                                                ("221-8", False, "221-8"), ("e053312.", True, "e053312"),
                                                ("S. 88-97", False, "88-97"), ("1800-1799", True, "1800-1799")])
def test_pages(text, expand, page):
    assert F.pages(text, expand=expand) == page


def test_titles_containers_and_the_rest():
    assert F.title("“A Spanish Romanticist Parodies Himself,”") == "A Spanish Romanticist Parodies Himself"
    assert F.title('"Why now?"') == "Why now?"
    assert F.title("Effects of acupuncture.") == "Effects of acupuncture"
    assert F.container("In: A Manual of Acarology,") == "A Manual of Acarology"
    assert F.container("J Neurosurg.") == "J Neurosurg"
    assert [F.edition(x) for x in ("2nd ed.", "(Second edition)", "3rd edn")] == ["2", "2", "3"]
    assert F.doi("https://doi.org/10.1001/jama.2017.7220.") == "10.1001/jama.2017.7220"
    assert F.doi("no doi here") == ""
    assert F.url("Available at: <https://www.nice.org.uk/guidance>.") == "https://www.nice.org.uk/guidance"
    assert F.strip_punctuation("London:") == "London" and F.strip_punctuation("(Eds.),") == "Eds"


def test_training_tokens_take_a_glued_year_as_the_date():
    from acuref.parser.training import Example, load_examples, token_labels

    glued = Example("J Med. 1994;2(4): 5-9.", (("journal", "J Med."), ("volume", "1994;2(4):"), ("pages", "5-9.")))
    assert token_labels(glued) == (["J", "Med.", "1994;", "2(4):", "5-9."], ["journal", "journal", "date", "volume", "pages"])
    examples = load_examples(FIXTURES / "parser" / "anystyle-core.xml")
    assert len(examples) == 1514 and all(e.text.split() == " ".join(t for _, t in e.segments).split() for e in examples)


def test_name_suffixes():
    assert parse_names("Smith, J., Jr., & Jones, K.").names == (Name("Smith", "J.", suffix="Jr."), Name("Jones", "K."))
    assert parse_names("King ML Jr, Parks R.").names == (Name("King", "M.L.", suffix="Jr"), Name("Parks", "R."))
