// Every part the product writes validates against the ECMA-376 Transitional schemas in ../shared/ooxml-schemas
// (beside the repository, locally and in CI), after removing markup-compatibility content as ECMA-376 Part 3 says.
import { spawnSync } from "child_process";
import { strFromU8, unzipSync } from "fflate";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import path from "path";
import { Dec, parseIsoDate } from "../../src/engine";
import { FileBackend, blankWorkbook } from "../../src/workbook/xlsx/fileBackend";
import { ROOT, SAMPLE, mgmtfee, tmp } from "../cli/helpers";

const SCHEMAS = path.join(ROOT, "..", "shared", "ooxml-schemas");
const dir = tmp();

function haveXmllint(): boolean {
  const found = spawnSync("sh", ["-c", "command -v xmllint"]).status === 0 && existsSync(path.join(SCHEMAS, "sml.xsd"));
  if (!found && process.env.CI === "true") throw new Error("xmllint or ../shared/ooxml-schemas is missing, and CI=true: .ci/run must install libxml2-utils");
  return found;
}

/** ECMA-376 Part 3: drop attributes of the mc namespace and of every namespace mc:Ignorable lists; AlternateContent becomes its Fallback. */
function withoutMarkupCompatibility(xml: string): string {
  const ignorable = /\smc:Ignorable="([^"]*)"/.exec(xml)?.[1].split(/\s+/).filter(Boolean) ?? [];
  let out = xml.replace(/<mc:AlternateContent\b[\s\S]*?<\/mc:AlternateContent>/g, (m) => /<mc:Fallback>([\s\S]*?)<\/mc:Fallback>/.exec(m)?.[1] ?? "");
  for (const p of ["mc", ...ignorable]) out = out.replace(new RegExp(`\\s${p}:[\\w.-]+="[^"]*"`, "g"), "");
  return out;
}

function schemaFor(part: string): string | null {
  if (part === "[Content_Types].xml") return "opc-contentTypes.xsd";
  if (part.endsWith(".rels")) return "opc-relationships.xsd";
  if (part === "docProps/app.xml") return "shared-documentPropertiesExtended.xsd";
  if (/^xl\/(workbook|styles|sharedStrings)\.xml$|^xl\/(worksheets|tables)\/[^/]+\.xml$/.test(part)) return "sml.xsd";
  return null;
}

/** The parts of `out` that differ from `input` (or are new): what the product wrote. */
function writtenParts(input: Uint8Array, out: Uint8Array): Record<string, string> {
  const a = unzipSync(input);
  const b = unzipSync(out);
  const changed: Record<string, string> = {};
  for (const [n, data] of Object.entries(b)) if (!n.endsWith("/") && (!a[n] || Buffer.compare(Buffer.from(a[n]), Buffer.from(data)) !== 0)) changed[n] = strFromU8(data);
  return changed;
}

function validate(label: string, written: Record<string, string>): string[] {
  const bySchema = new Map<string, string[]>();
  const where = path.join(dir, label);
  for (const [n, xml] of Object.entries(written)) {
    const schema = schemaFor(n);
    if (!schema) throw new Error(`${label}: no schema known for written part ${n}`);
    const file = path.join(where, n.replace(/[[\]]/g, "_"));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, withoutMarkupCompatibility(xml));
    bySchema.set(schema, [...(bySchema.get(schema) ?? []), file]);
  }
  const errors: string[] = [];
  for (const [schema, files] of bySchema) {
    const r = spawnSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, schema), ...files], { encoding: "utf8" });
    for (const line of r.stderr.split("\n")) {
      if (!line.trim() || / validates$/.test(line) || / fails to validate$/.test(line)) continue;
      // The schema omits xml:space on <t>, which Excel writes and accepts (the schemas' README says to ignore it).
      if (/\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}space': The attribute .* is not allowed/.test(line)) continue;
      errors.push(`${label}: ${line.replace(where, "")}`);
    }
  }
  return errors;
}

describe("every part the product writes validates against the ECMA-376 schemas", () => {
  it("month end on the sample, on the x:-prefixed fixture, and on a workbook without styles; the fee schedule written into a blank workbook and edited in place", async () => {
    if (!haveXmllint()) return console.warn("xmllint or ../shared/ooxml-schemas not found: schema validation not run (required under CI=true)");
    const cases: [string, Uint8Array, Uint8Array][] = [];
    for (const [label, file] of [
      ["sample", SAMPLE],
      ["prefixed", path.join(ROOT, "test", "fixtures", "prefixed.xlsx")],
      ["1904", path.join(ROOT, "test", "fixtures", "date1904.xlsx")],
    ]) {
      const out = path.join(dir, `${label}.xlsx`);
      const r = mgmtfee("reconcile", file, "--month", "2024-01", "--out", out);
      expect(r.stderr).toBe("");
      cases.push([label, readFileSync(file), readFileSync(out)]);
    }
    const rows = [
      { portfolio: "Fund A", effectiveFrom: parseIsoDate("2004-11-01"), breakpoint: new Dec(0), rate: new Dec("0.001") },
      { portfolio: "Fund A & B <Growth>", effectiveFrom: parseIsoDate("2004-11-01"), breakpoint: new Dec(0), rate: new Dec("0.002") },
    ];
    const blank = await blankWorkbook();
    const b = await FileBackend.open(blank, "blank.xlsx");
    await b.writeSchedule(rows);
    cases.push(["blank + schedule", blank, b.bytes()]);
    const s = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    await s.writeSchedule([...rows, ...rows.map((r) => ({ ...r, portfolio: `${r.portfolio} II` }))]);
    cases.push(["sample schedule edited", readFileSync(SAMPLE), s.bytes()]);
    const errors: string[] = [];
    for (const [label, input, out] of cases) {
      const written = writtenParts(input, out);
      expect(Object.keys(written).length).toBeGreaterThan(0);
      errors.push(...validate(label.replace(/\W+/g, "-"), written));
    }
    expect(errors).toEqual([]);
  }, 120000);
});
