// Render the bundled store with citeproc-js (npm "citeproc", the reference CSL implementation
// used by Zotero) to golden files for tests/test_cite_goldens.py. Run via tools/make_cite_goldens.sh.
// argv: items.json styles.tsv (name<TAB>style path) locales_dir out_dir [clusters.json]
// Without clusters.json: each reference cited alone in a document of its own, then all together.
// With clusters.json (the varied set): one document per style in which every reference is registered
// (citeproc-js's updateItems, so disambiguation and numbering see them all), then
//   cite<TAB>id<TAB>citation    each reference cited alone, in item order
//   cluster<TAB>n<TAB>citation  each cluster of clusters.json (locators, prefixes, suffixes, modes)
//   all<TAB>*<TAB>citation      every reference in one cluster
//   entry<TAB>id<TAB>entry      the bibliography, in the style's order (none if the style has none)
// A cite's "mode" is "suppress-author", "author-only" (citeproc-js's flags), or "author-in-text":
// the author-only rendering, a space, then the suppress-author one (what pandoc prints for @key).
// A cluster citeproc-js cannot print (author-only where the citation has no names) has no line.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");

const [itemsPath, stylesPath, localesDir, outDir, clustersPath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const styles = fs.readFileSync(stylesPath, "utf8").trim().split("\n").map((l) => l.split("\t"));

function engine(styleXml) {
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(localesDir, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: (id) => byId[id],
  };
  const e = new CSL.Engine(sys, styleXml);
  e.setOutputFormat("text");
  return e;
}

function clean(s) { return s.replace(/\s+$/, "").replace(/\n/g, " "); }

function citeItem(c) {
  const out = { id: c.id };
  for (const k of ["locator", "label", "prefix", "suffix"]) if (c[k]) out[k] = c[k];
  if (c.mode === "suppress-author") out["suppress-author"] = true;
  if (c.mode === "author-only") out["author-only"] = true;
  return out;
}

function cluster(e, cites) {
  if (cites.length === 1 && cites[0].mode === "author-in-text") {
    const author = e.makeCitationCluster([citeItem({ ...cites[0], mode: "author-only" })]);
    const rest = e.makeCitationCluster([citeItem({ ...cites[0], mode: "suppress-author" })]);
    return clean(`${author} ${rest}`);
  }
  return clean(e.makeCitationCluster(cites.map(citeItem)));
}

// The clusters of a document go through processCitationCluster one after another, as a word processor
// sends them, so later cites of a work have the position "subsequent" (et-al-subsequent-min, short
// forms) and a cite right after one of the same work "ibid".  noteIndex is 0 (citations in the text).
// An author-in-text cluster is processed as suppress-author; its author part is the author-only
// rendering of the same cite at the same point of the document (a second engine replays the clusters
// before it), so both parts see the cite's real position.
function citationOf(cites, n) {
  const inText = cites.length === 1 && cites[0].mode === "author-in-text";
  const items = (inText ? [{ ...cites[0], mode: "suppress-author" }] : cites).map(citeItem);
  return { citationID: `c${n}`, citationItems: items, properties: { noteIndex: 0 } };
}

function replay(xml, all, upto) {
  const e = engine(xml);
  e.updateItems(items.map((i) => i.id));
  const pre = [];
  for (let n = 0; n < upto; n++) {
    e.processCitationCluster(citationOf(all[n], n), pre, []);
    pre.push([`c${n}`, 0]);
  }
  return [e, pre];
}

function documentClusters(e, xml, all) {
  const out = new Map();
  const pre = [];
  all.forEach((cites, n) => {
    const id = `c${n}`;
    if (cites.length === 1 && cites[0].mode === "author-in-text") {
      const [e2, pre2] = replay(xml, all, n);
      const citation = { citationID: "author", properties: { noteIndex: 0 },
        citationItems: [citeItem({ ...cites[0], mode: "author-only" })] };
      const [, updates] = e2.processCitationCluster(citation, pre2, []);
      out.set(`${id}-author`, updates.find((u) => u[2] === "author")[1]);
    }
    const [, updates] = e.processCitationCluster(citationOf(cites, n), pre, []);
    for (const [, text, cid] of updates) out.set(cid, text);
    pre.push([id, 0]);
  });
  return all.map((cites, n) => {
    const text = out.get(`c${n}`);
    return clean(out.has(`c${n}-author`) ? `${out.get(`c${n}-author`)} ${text}` : text);
  });
}

function documentLines(name, xml) {
  const clusters = JSON.parse(fs.readFileSync(clustersPath, "utf8"));
  const e = engine(xml);
  const ids = items.map((i) => i.id);
  e.updateItems(ids);
  const all = [...ids.map((id) => [{ id }]), ...clusters, ids.map((id) => ({ id }))];
  const texts = documentClusters(e, xml, all);
  const lines = ids.map((id, n) => `cite\t${id}\tcitation\t${texts[n]}`);
  clusters.forEach((c, n) => {
    const text = texts[ids.length + n];  // author-only has no printed form in styles without names in citations
    if (!text.includes("[NO_PRINTED_FORM]")) lines.push(`cluster\t${n}\tcitation\t${text}`);
  });
  lines.push(`all\t*\tcitation\t${texts[texts.length - 1]}`);
  if (/<bibliography[\s>]/.test(xml)) {
    const [params, entries] = e.makeBibliography();
    // an entry that renders nothing is left out of entries but not of entry_ids (citeproc-js)
    const dropped = new Set(params.bibliography_errors.map((err) => err.itemID));
    const kept = params.entry_ids.filter((ids2) => !dropped.has(ids2[0]));
    if (kept.length !== entries.length) throw new Error(`${name}: ${kept.length} ids for ${entries.length} entries`);
    // second-field-align: citeproc-js's text format writes the first field (the number with its
    // affixes) and a space before the rest, doubling a space when the field's suffix ends in one
    // ("1.  Smith"); its HTML and pandoc separate the two by one space, as acuref prints them.
    const aligned = /<bibliography[^>]*second-field-align=/.test(xml);
    const entry = (s) => (aligned ? clean(s).replace(/^(\S+) {2,}/, "$1 ") : clean(s));
    kept.forEach((ids2, n) => lines.push(`entry\t${ids2[0]}\tentry\t${entry(entries[n])}`));
  }
  return lines;
}

for (const [name, stylePath] of styles) {
  if (clustersPath) {
    const lines = documentLines(name, fs.readFileSync(stylePath, "utf8"));
    fs.writeFileSync(path.join(outDir, `${name}.tsv`), lines.join("\n") + "\n");
    console.log(`${name}: ${lines.length} lines`);
    continue;
  }
  const xml = fs.readFileSync(stylePath, "utf8");
  const lines = [];
  for (const item of items) {  // each reference cited alone, in a document of its own
    const e = engine(xml);
    e.updateItems([item.id]);
    lines.push(`alone\t${item.id}\tcitation\t${clean(e.makeCitationCluster([{ id: item.id }]))}`);
    const [, entries] = e.makeBibliography();
    lines.push(`alone\t${item.id}\tentry\t${clean(entries[0])}`);
  }
  const e = engine(xml);  // all of them in one document, cited together
  const ids = items.map((i) => i.id);
  e.updateItems(ids);
  lines.push(`together\t*\tcitation\t${clean(e.makeCitationCluster(ids.map((id) => ({ id }))))}`);
  const [params, entries] = e.makeBibliography();
  params.entry_ids.forEach((ids2, n) => lines.push(`together\t${ids2[0]}\tentry\t${clean(entries[n])}`));
  fs.writeFileSync(path.join(outDir, `${name}.tsv`), lines.join("\n") + "\n");
  console.log(`${name}: ${lines.length} lines`);
}
