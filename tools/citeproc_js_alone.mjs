// Evidence for tests/fixtures/cite/SET-divergences.json: a cluster of a comparison set rendered by
// citeproc-js in a fresh engine (every reference registered, the cluster alone, processCitationCluster
// with nothing before it).  Where this differs from the document golden (tools/make_cite_goldens.mjs,
// the same cluster after all the document's earlier ones), citeproc-js's output depends on what was
// cited before, not on the cluster: the divergence is an artifact of its document state.
// Run: tools/citeproc_js_divergences.sh (installs npm "citeproc" into the gitignored .cache/).
// An argument "entry:ID" prints the bibliography entry of reference ID registered alone.
// argv: locales_dir style_path items.json clusters.json (cluster_number | all | entry:ID)...
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");
const [LOC, STYLE, ITEMS, CLUSTERS, ...numbers] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(ITEMS, "utf8"));
const clusters = JSON.parse(fs.readFileSync(CLUSTERS, "utf8"));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const sys = { retrieveLocale: (l) => fs.readFileSync(`${LOC}/locales-${l}.xml`, "utf8"), retrieveItem: (id) => byId[id] };
for (const n of numbers) {
  const e = new CSL.Engine(sys, fs.readFileSync(STYLE, "utf8"));
  if (n.startsWith("entry:")) {
    e.setOutputFormat("text");
    e.updateItems([n.slice(6)]);
    console.log(`${n} alone:`, e.makeBibliography()[1].join("").trim());
    continue;
  }
  e.setOutputFormat("text");
  e.updateItems(items.map((i) => i.id));
  const cites = n === "all" ? items.map((i) => ({ id: i.id })) : clusters[Number(n)];
  const citationItems = cites.map((c) => {
    const out = { id: c.id };
    for (const k of ["locator", "label", "prefix", "suffix"]) if (c[k]) out[k] = c[k];
    if (c.mode === "suppress-author") out["suppress-author"] = true;
    if (c.mode === "author-only") out["author-only"] = true;
    return out;
  });
  const [, updates] = e.processCitationCluster({ citationID: "x", citationItems, properties: { noteIndex: 0 } }, [], []);
  console.log(`cluster ${n} alone:`, updates[0][1]);
}
