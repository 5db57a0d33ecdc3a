"""Small curated word lists the parser's features look words up in.

Hand-written from general knowledge of reference lists (not extracted from the training data, so
cross-validation on that data stays honest): common given names, words of journal titles and their
NLM abbreviations, publisher words, publishing places, months, and the keywords reference styles
use around fields.
"""

from __future__ import annotations

GIVEN_NAMES = frozenset("""
aaron adam adrian alan albert alex alexander alice amanda amy andrea andreas andrew angela anna anne
anthony antonio barbara ben benjamin bernard brian bruce carl carlos carol caroline catherine charles
charlotte chris christian christina christine christopher claire claude daniel david deborah dennis
diana donald dorothy edward elizabeth emily emma eric erik eva frank françois frederick gabriel gary
george georg gerald giovanni giuseppe gregory hans harold harry heinrich helen henry hugh ian jack
jacques james jan jane janet jason jean jeffrey jennifer jessica joan johann johannes john jonathan jose
josé joseph juan judith julia julie karen karl kate katherine kathleen kenneth kevin laura laurence
lawrence linda lisa louis lucy luis manuel marco margaret maria marie mark martin mary matthew
michael michel michelle nancy nicholas nicole oliver patricia patrick paul peter philip pierre rachel
ralph raymond rebecca richard robert roger ronald rose ruth samuel sandra sarah scott sharon simon
sophie stephen steven susan thomas timothy victoria walter wei william wolfgang yan ying yu zhang
""".split())

JOURNAL_WORDS = frozenset("""
journal j jour annals ann archives arch review rev reviews bulletin bull proceedings proc transactions
trans letters lett quarterly q medicine med medical research res science sci sciences clinical clin
international int american am british br european eur chinese chin japanese jpn society soc acta
studies stud nature lancet bmj jama plos cochrane database syst physiology physiol psychology psychol
psychiatry psychiatr neurology neurol neuroscience neurosci pharmacology pharmacol cell biology biol
chemistry chem physics phys engineering eng economics econ educ ther
surg pediatrics pediatr nurs oncology oncol anesthesiology anesth
complementary complement alternative altern integrative integr traditional tradit evid based rep
magazine newsletter gazette ieee acm
""".split())

PUBLISHER_WORDS = frozenset("""
press publishers publisher publishing publications verlag books edition éditions editions editorial
editora editore university univ wiley springer elsevier routledge sage oxford cambridge penguin
macmillan blackwell pearson norton harper random house academic mcgraw-hill mit taylor francis
gallimard seuil hachette suhrkamp who organization organisation institute nice ltd inc co llc gmbh
""".split())

PLACE_WORDS = frozenset("""
london new york oxford cambridge boston chicago paris berlin amsterdam washington dc philadelphia
san francisco los angeles princeton toronto sydney melbourne tokyo beijing shanghai geneva vienna
munich münchen frankfurt leipzig hamburg stuttgart zürich zurich madrid barcelona rome milano milan
torino leiden heidelberg baltimore baskerville edinburgh glasgow dublin manchester thousand oaks
hoboken nj ny ma ca uk usa england germany france italy spain china canada australia
""".split())

MONTHS = frozenset("""
jan january feb february mar march apr april may jun june jul july aug august sep sept september oct
october nov november dec december spring summer autumn fall winter janvier février mars avril mai juin
juillet août septembre octobre novembre décembre januar februar märz juni juli oktober dezember
""".split())

#: keyword → its feature name: words that announce or belong to a field.
KEYWORDS = {
    **dict.fromkeys("and & und et y e".split(), "and"),
    **dict.fromkeys("al al. others".split(), "etal"),
    **dict.fromkeys("ed ed. eds eds. edn editor editors edited hrsg hrsg. dir. coord.".split(), "editor"),
    **dict.fromkeys("in: in".split(), "in"),
    **dict.fromkeys("vol vol. volume bd bd. tome t.".split(), "volume"),
    **dict.fromkeys("no no. nr nr. issue iss. number suppl suppl. supplement".split(), "issue"),
    **dict.fromkeys("p p. pp pp. pages page s. seiten".split(), "pages"),
    **dict.fromkeys("doi doi: doi.org".split(), "doi"),
    **dict.fromkeys("retrieved available accessed viewed online url".split(), "access"),
    **dict.fromkeys("thesis dissertation phd ph.d. msc doctoral master's masters report technical working paper"
                    .split(), "genre"),
    **dict.fromkeys("trans trans. translated translator übers.".split(), "translator"),
    **dict.fromkeys("edition 1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th aufl aufl. éd. ed.".split(), "edition"),
    **dict.fromkeys("press".split(), "press"),
    **dict.fromkeys("isbn issn".split(), "isbn"),
}
