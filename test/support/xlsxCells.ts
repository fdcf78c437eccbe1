import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readFileSync, writeFileSync } from "fs";

/** Cached values of one sheet read straight from the .xlsx XML (exceljs drops a formula result of 0 when reading). */
export async function sheetValues(file: string, sheetName: string): Promise<Map<string, string | number>> {
  const zip = unzipSync(readFileSync(file));
  const text = (n: string) => (zip[n] ? strFromU8(zip[n]) : null);
  const workbook = text("xl/workbook.xml")!;
  const rels = text("xl/_rels/workbook.xml.rels")!;
  const esc = sheetName.replace(/&/g, "&amp;").replace(/'/g, "&apos;");
  const sheet = new RegExp(`<sheet [^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(workbook) ?? new RegExp(`<sheet [^>]*r:id="([^"]+)"[^>]*name="${esc}"`).exec(workbook);
  if (!sheet) throw new Error(`no sheet ${sheetName} in ${file}`);
  const target = new RegExp(`<Relationship [^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  const xml = text(`xl/${target![1].replace(/^\/?xl\//, "")}`)!;
  const sst = text("xl/sharedStrings.xml") ?? "";
  const shared = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""));
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const out = new Map<string, string | number>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, ref, attrs, body = ""] = m;
    const type = /t="([^"]+)"/.exec(attrs)?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const inline = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
    if (type === "s" && v !== undefined) out.set(ref, unescape(shared[Number(v)]));
    else if (type === "str" || type === "inlineStr") out.set(ref, unescape(v ?? inline ?? ""));
    else if (v !== undefined && v !== "") out.set(ref, type === "b" ? v : Number(v));
  }
  return out;
}

/** Copies an .xlsx with every formula's cached result removed, so a reader must recalculate to show anything. */
export async function withoutCachedResults(file: string, out: string): Promise<void> {
  const zip = unzipSync(readFileSync(file));
  for (const name of Object.keys(zip).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = strFromU8(zip[name]);
    zip[name] = strToU8(xml.replace(/(<f[^>]*>[\s\S]*?<\/f>|<f[^>]*\/>)<v>[\s\S]*?<\/v>/g, "$1").replace(/(<c r="[A-Z]+\d+"[^>]*?) t="(?:str|n|b|e)"([^>]*><f)/g, "$1$2"));
  }
  writeFileSync(out, zipSync(zip));
}
