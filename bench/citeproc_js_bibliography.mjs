// citeproc-js (npm "citeproc") renders a whole bibliography: the peer of bench/bibliography.py.
// argv: items.json style.csl locales_dir ; CITEPROC_DIR = folder holding node_modules/citeproc
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_DIR + "/");
const CSL = require("citeproc");
const [itemsPath, stylePath, localesDir] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"));
engine.setOutputFormat("text");
engine.updateItems(items.map((i) => i.id));
const [, entries] = engine.makeBibliography();
process.stdout.write(entries.join(""));
