// Minimal reproductions of the citeproc-js behaviours listed as documented divergences in
// tests/fixtures/cite/varied-divergences.json and real-divergences.json (evidence for tests/test_cite_varied.py).
// Run: tools/citeproc_js_divergences.sh (installs npm "citeproc" into the gitignored .cache/ like
// tools/make_cite_goldens.sh).  argv: locales_dir asa_style_path varied_items.json
// Each case prints citeproc-js's output and what CSL 1.0.2 asks for.
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");
const [LOC, ASA, ITEMS] = process.argv.slice(2);

function engine(style, items) {
  const byId = Object.fromEntries(items.map((i) => [i.id, i]));
  const sys = { retrieveLocale: (l) => fs.readFileSync(`${LOC}/locales-${l}.xml`, "utf8"), retrieveItem: (id) => byId[id] };
  const e = new CSL.Engine(sys, style);
  e.setOutputFormat("text");
  e.updateItems(items.map((i) => i.id));
  return e;
}
const head = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id/><title/>` +
  `<updated>2009-08-10T04:49:00+09:00</updated></info>`;

// 1. quotes="true" on a cs:text calling a macro whose cs:text also has quotes="true"
let e = engine(head + `<macro name="t"><text variable="title" quotes="true"/></macro>` +
  `<citation><layout><text variable="title"/></layout></citation>` +
  `<bibliography><layout><text macro="t" quotes="true"/></layout></bibliography></style>`,
  [{ id: "a", type: "manuscript", title: "On the first question" }]);
console.log("1 nested quotes    citeproc-js:", e.makeBibliography()[1].join("").trim(),
  "  inner quotes (as its own fixture flipflop_QuotesNodeLevelMarkup): “‘On the first question’”");

// 2. cite grouping (collapse="year") of a cite whose rendered names are empty (a given-only author)
const items = [
  { id: "li", type: "book", author: [{ family: "Li", given: "M" }], issued: { "date-parts": [[2021]] } },
  { id: "go", type: "book", author: [{ given: "Aelwen" }], issued: { "date-parts": [[1988]] } },
];
e = engine(head + `<macro name="a"><names variable="author"><name form="short"/></names></macro>` +
  `<citation collapse="year"><sort><key macro="a"/></sort><layout prefix="(" suffix=")" delimiter="; ">` +
  `<group delimiter=" "><text macro="a"/><date variable="issued"><date-part name="year"/></date></group>` +
  `</layout></citation></style>`, items);
console.log("2 cite grouping    citeproc-js:", e.makeCitationCluster([{ id: "go" }, { id: "li" }]),
  "  names differ, no group: (Li 2021; 1988)");

// 3. the same ASA cluster of title-only cites, alone in a fresh engine: sorted by title, no gathering
const varied = JSON.parse(fs.readFileSync(ITEMS, "utf8"));
const ids = ["webnodate", "dict", "legis", "legalcase", "art1", "art2", "art6"];
const some = varied.filter((i) => ids.includes(i.id));
e = engine(fs.readFileSync(ASA, "utf8"), some);
console.log("3 ASA sort, fresh  citeproc-js:", e.makeCitationCluster(some.map((i) => ({ id: i.id }))));

// 4. a date range in a cs:date with affixes (the real set's jaffe, issued 1885/1888, in nature)
e = engine(head + `<citation><layout><text value="x"/></layout></citation><bibliography><layout>` +
  `<date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date></layout></bibliography></style>`,
  [{ id: "r", type: "book", issued: { "date-parts": [[1885], [1888]] } }]);
console.log("4 range in affixes citeproc-js:", e.makeBibliography()[1].join("").trim(), "  CSL 1.0.2: (1885–1888)");

// 5. a range across years with month and day, date-parts with prefixes (the real set's Adams2001, vancouver)
e = engine(head + `<citation><layout><text value="x"/></layout></citation><bibliography><layout>` +
  `<date variable="issued"><date-part name="year"/><date-part name="month" form="short" prefix=" "/>` +
  `<date-part name="day" prefix=" "/></date></layout></bibliography></style>`,
  [{ id: "r", type: "article-journal", issued: { "date-parts": [[2014, 12, 31], [2015, 1, 1]] } }]);
console.log("5 range prefixes   citeproc-js:", e.makeBibliography()[1].join("").trim(), "  CSL 1.0.2: 2014 Dec. 31–2015 Jan. 1");

// 6. cs:label for a variable the item lacks (harvard-cite-them-right: number-of-volumes, then the
// "volume" label; the real set's britannica has 32 volumes and no volume)
e = engine(head + `<citation><layout><text value="x"/></layout></citation><bibliography><layout>` +
  `<group delimiter=" "><text variable="number-of-volumes"/><label variable="volume" form="short"/></group>` +
  `</layout></bibliography></style>`, [{ id: "r", type: "book", "number-of-volumes": "32" }]);
console.log("6 label, no var    citeproc-js:", e.makeBibliography()[1].join("").trim(),
  "  CSL 1.0.2 cs:label (the term is only rendered if the selected variable is non-empty): 32");

// 8 uses the real set (argv[5], tests/fixtures/cite/real-items.json) and two bundled styles (argv[6], argv[7])
const [REAL, HARVARD, MLA] = process.argv.slice(5);
if (REAL) {
  const real = JSON.parse(fs.readFileSync(REAL, "utf8"));
  // 8. MLA: a cite with a locator, then a suppress-author cite that prints nothing: the closing parenthesis goes
  e = engine(fs.readFileSync(MLA, "utf8"), real);
  console.log("8 MLA empty cite   citeproc-js:", e.makeCitationCluster([{ id: "id_0000201", locator: "E330", label: "page" },
    { id: "id_0000544", "suppress-author": true }]), "  balanced: (Marzona et al. E330)");
}
