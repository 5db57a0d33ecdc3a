// citeproc-js's title case (text-case="title" on a title) for each title of a JSON list; prints
// "title<TAB>title-cased" lines for tests/fixtures/cite/titlecase-real.tsv (tests/test_textcase.py).
// Run: CITEPROC_DIR=.../node_modules node tools/make_titlecase_golden.mjs LOCALES_DIR titles.json
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");
const [LOC, TITLES] = process.argv.slice(2);
const style = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id/><title/>` +
  `<updated>2009-08-10T04:49:00+09:00</updated></info><citation><layout>` +
  `<text variable="title" text-case="title"/></layout></citation></style>`;
const titles = JSON.parse(fs.readFileSync(TITLES, "utf8"));
const items = titles.map((t, n) => ({ id: `t${n}`, type: "book", title: t }));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const sys = { retrieveLocale: (l) => fs.readFileSync(`${LOC}/locales-${l}.xml`, "utf8"), retrieveItem: (id) => byId[id] };
const e = new CSL.Engine(sys, style);
e.setOutputFormat("text");
e.updateItems(items.map((i) => i.id));
for (const i of items) console.log(`${i.title}\t${e.makeCitationCluster([{ id: i.id }])}`);
