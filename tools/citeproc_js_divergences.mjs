// Minimal reproductions of the citeproc-js behaviours listed as documented divergences in
// tests/fixtures/cite/varied-divergences.json, shapes-divergences.json and real-divergences.json (evidence for
// tests/test_cite_varied.py).
// Run: tools/citeproc_js_divergences.sh (installs npm "citeproc" into the gitignored .cache/ like
// tools/make_cite_goldens.sh).  argv: locales_dir [real_items.json mla_style]
// Each case prints citeproc-js's output and what CSL 1.0.2 asks for.
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");
const [LOC] = process.argv.slice(2);

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

// The shapes set (tests/fixtures/cite/shapes-divergences.json).
// 3. a hyphen in a document number (a hearing's "115-302"): an identifier, not a range (field case 11)
e = engine(head + `<citation><layout><group delimiter=" "><label variable="number" form="short"/>` +
  `<number variable="number"/></group></layout></citation></style>`,
  [{ id: "h", type: "hearing", title: "Coverage", number: "115-302" }]);
console.log("3 number hyphen    citeproc-js:", e.makeCitationCluster([{ id: "h" }]),
  "  the identifier as written (field case 11, pandoc): no. 115-302");

// 4. a cite that prints only its date after a cite with names: citeproc-js joins them with the
//    cite-group delimiter, as if both were by the first author (CSL 1.0.2 Cite Grouping: identical names)
const dated = [
  { id: "f", type: "personal_communication", author: [{ family: "Fairbairn", given: "D" }], issued: { "date-parts": [[2011]] } },
  { id: "b", type: "broadcast", title: "The needle", issued: { "date-parts": [[2015]] } },
];
e = engine(head + `<citation collapse="year-suffix" cite-group-delimiter=", "><sort><key variable="issued"/></sort>` +
  `<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" "><names variable="author"><name form="short"/>` +
  `</names><date variable="issued"><date-part name="year"/></date></group></layout></citation></style>`, dated);
console.log("4 date-only cite   citeproc-js:", e.makeCitationCluster([{ id: "f" }, { id: "b" }]),
  "  names differ (none for the broadcast), no group: (Fairbairn 2011; 2015)");

// Cases of tests/fixtures/cite/real-divergences.json
// R1 (real set). a date range in a cs:date with affixes (the real set's jaffe, issued 1885/1888, in nature)
e = engine(head + `<citation><layout><text value="x"/></layout></citation><bibliography><layout>` +
  `<date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date></layout></bibliography></style>`,
  [{ id: "r", type: "book", issued: { "date-parts": [[1885], [1888]] } }]);
console.log("R1 range in affixes citeproc-js:", e.makeBibliography()[1].join("").trim(), "  CSL 1.0.2: (1885–1888)");

// R2 (real set). a range across years with month and day, date-parts with prefixes (the real set's Adams2001, vancouver)
e = engine(head + `<citation><layout><text value="x"/></layout></citation><bibliography><layout>` +
  `<date variable="issued"><date-part name="year"/><date-part name="month" form="short" prefix=" "/>` +
  `<date-part name="day" prefix=" "/></date></layout></bibliography></style>`,
  [{ id: "r", type: "article-journal", issued: { "date-parts": [[2014, 12, 31], [2015, 1, 1]] } }]);
console.log("R2 range prefixes  citeproc-js:", e.makeBibliography()[1].join("").trim(), "  CSL 1.0.2: 2014 Dec. 31–2015 Jan. 1");

// R3 (real set). cs:label for a variable the item lacks (harvard-cite-them-right: number-of-volumes, then the
// "volume" label; the real set's britannica has 32 volumes and no volume)
e = engine(head + `<citation><layout><text value="x"/></layout></citation><bibliography><layout>` +
  `<group delimiter=" "><text variable="number-of-volumes"/><label variable="volume" form="short"/></group>` +
  `</layout></bibliography></style>`, [{ id: "r", type: "book", "number-of-volumes": "32" }]);
console.log("R3 label, no var   citeproc-js:", e.makeBibliography()[1].join("").trim(),
  "  CSL 1.0.2 cs:label (the term is only rendered if the selected variable is non-empty): 32");

// R4 uses the real set (argv[3], tests/fixtures/cite/real-items.json) and MLA (argv[4])
const [REAL, MLA] = process.argv.slice(3);
if (REAL) {
  const real = JSON.parse(fs.readFileSync(REAL, "utf8"));
  // R4. MLA: a cite with a locator, then a suppress-author cite that prints nothing: the closing parenthesis goes
  e = engine(fs.readFileSync(MLA, "utf8"), real);
  console.log("R4 MLA empty cite  citeproc-js:", e.makeCitationCluster([{ id: "id_0000201", locator: "E330", label: "page" },
    { id: "id_0000544", "suppress-author": true }]), "  balanced: (Marzona et al. E330)");
}
