// Render the bundled store with citeproc-js (npm "citeproc", the reference CSL implementation
// used by Zotero) to golden files for tests/test_cite_goldens.py. Run via tools/make_cite_goldens.sh.
// argv: items.json styles.tsv (name<TAB>style path) locales_dir out_dir
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");

const [itemsPath, stylesPath, localesDir, outDir] = process.argv.slice(2);
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

for (const [name, stylePath] of styles) {
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
