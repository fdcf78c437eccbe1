#!/usr/bin/env node
// Offline manifest check. The official `office-addin-manifest validate` calls an online service,
// which is unreachable here; this checks what can be checked without it.
const fs = require("fs");
const path = require("path");
const { SaxesParser } = require("saxes");

const ROOT = path.join(__dirname, "..");

/** Null when `xml` is well-formed XML (with namespaces), else the first error with its line and column. Pure JavaScript: no system xmllint needed. */
function wellFormedError(xml) {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error = null;
  parser.on("error", (e) => {
    if (!error) error = e.message;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (!error) error = e.message;
  }
  return error;
}

/** Problems with a manifest (XML text) against the generated functions.json (object, or null when not built). */
function checkManifest(xml, functionsJson, { assetsDir = path.join(ROOT, "assets") } = {}) {
  const problems = [];
  const attr = (re) => [...xml.matchAll(re)].map((m) => m[1]);

  const id = (xml.match(/<Id>([^<]*)<\/Id>/) || [])[1];
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`<Id> is not a GUID: ${id}`);
  const version = (xml.match(/<Version>([^<]*)<\/Version>/) || [])[1];
  if (!version || !/^\d+(\.\d+){1,3}$/.test(version)) problems.push(`<Version> is not n.n.n.n: ${version}`);

  // Resources: every id defined once, every resid used defined.
  const defined = attr(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g);
  const seen = new Set();
  for (const d of defined) {
    if (seen.has(d)) problems.push(`resource id "${d}" is defined twice`);
    seen.add(d);
  }
  for (const r of attr(/resid="([^"]+)"/g)) if (!seen.has(r)) problems.push(`resid "${r}" is used but not defined in <Resources>`);
  const controlIds = attr(/<(?:Group|Control)[^>]*\sid="([^"]+)"/g);
  if (new Set(controlIds).size !== controlIds.length) problems.push(`control or group ids repeat: ${controlIds.join(", ")}`);

  // URLs: HTTPS only.
  const urls = [...attr(/DefaultValue="(https?:[^"]*)"/g), ...attr(/<AppDomain>([^<]*)<\/AppDomain>/g)];
  for (const u of urls) if (!u.startsWith("https://")) problems.push(`URL is not HTTPS: ${u}`);

  // Icons exist in assets/.
  for (const u of attr(/<bt:Image\s+id="[^"]+"\s+DefaultValue="([^"]+)"/g).concat(attr(/<(?:IconUrl|HighResolutionIconUrl) DefaultValue="([^"]+)"/g))) {
    const file = path.join(assetsDir, path.basename(new URL(u).pathname));
    if (!fs.existsSync(file)) problems.push(`icon ${u} has no file ${path.relative(ROOT, file)}`);
  }

  // Shared runtime: requirement set, one runtime, and the same page for functions and task pane.
  if (!/<Set Name="SharedRuntime" MinVersion="1\.1"\s*\/>/.test(xml)) problems.push(`missing <Set Name="SharedRuntime" MinVersion="1.1"/>`);
  const runtimes = attr(/<Runtime resid="([^"]+)"/g);
  if (runtimes.length !== 1) problems.push(`expected one <Runtime>, found ${runtimes.length}`);
  if (!/<Runtime resid="[^"]+" lifetime="long"\s*\/>/.test(xml)) problems.push(`the <Runtime> must have lifetime="long"`);
  const rt = runtimes[0];
  const page = (xml.match(/<Page>\s*<SourceLocation resid="([^"]+)"/) || [])[1];
  const functionFile = (xml.match(/<FunctionFile resid="([^"]+)"/) || [])[1];
  const taskpane = attr(/<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]+)"/g);
  for (const [what, r] of [["CustomFunctions <Page>", page], ["<FunctionFile>", functionFile], ...taskpane.map((t) => ["ShowTaskpane", t])]) {
    if (r !== rt) problems.push(`${what} uses resid "${r}", but the shared runtime is "${rt}"`);
  }
  if (taskpane.length !== 1) problems.push(`expected one task pane action, found ${taskpane.length}`);
  if (!/<Permissions>ReadWriteDocument<\/Permissions>/.test(xml)) problems.push("permissions must be ReadWriteDocument");

  // Custom functions: namespace FEE, ids consistent with functions.json.
  const nsRes = (xml.match(/<Namespace resid="([^"]+)"/) || [])[1];
  const ns = (xml.match(new RegExp(`<bt:String id="${nsRes}" DefaultValue="([^"]+)"`)) || [])[1];
  if (ns !== "FEE") problems.push(`custom functions namespace is "${ns}", expected "FEE"`);
  const metaRes = (xml.match(/<Metadata>\s*<SourceLocation resid="([^"]+)"/) || [])[1];
  const metaUrl = (xml.match(new RegExp(`<bt:Url id="${metaRes}" DefaultValue="([^"]+)"`)) || [])[1] || "";
  if (!metaUrl.endsWith("/functions.json")) problems.push(`functions metadata URL should end in /functions.json: ${metaUrl}`);
  if (functionsJson) {
    const ids = functionsJson.functions.map((f) => f.id);
    for (const f of functionsJson.functions) {
      if (!/^[A-Za-z0-9._]+$/.test(f.id)) problems.push(`function id "${f.id}" has characters Excel does not allow`);
      if (f.id.toUpperCase() !== f.name.toUpperCase()) problems.push(`function id "${f.id}" and name "${f.name}" differ`);
    }
    if (new Set(ids.map((i) => i.toUpperCase())).size !== ids.length) problems.push(`function ids repeat: ${ids.join(", ")}`);
  }
  return problems;
}

function main() {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : path.join(ROOT, "manifest.xml");
  const xml = fs.readFileSync(file, "utf8");
  const notWellFormed = wellFormedError(xml);
  if (notWellFormed) {
    console.error(`${path.relative(process.cwd(), file)} is not well-formed XML: ${notWellFormed}`);
    process.exit(1);
  }
  const built = path.join(ROOT, "dist", "functions.json");
  const functionsJson = fs.existsSync(built) ? JSON.parse(fs.readFileSync(built, "utf8")) : null;
  const problems = checkManifest(xml, functionsJson);
  if (!functionsJson) problems.push("dist/functions.json is missing: run npm run build first");
  if (problems.length) {
    console.error(`manifest.xml: ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
    process.exit(1);
  }
  console.log(`manifest.xml is valid (offline checks: XML, resource ids, HTTPS, shared runtime, namespace FEE, ${functionsJson.functions.length} functions).`);
}

if (require.main === module) main();
module.exports = { checkManifest, wellFormedError };
