// Writing into any producer's package: prefixes kept, a missing styles part created, a replaced sheet's
// own parts removed, a re-run matching the old sheet's name in any case, Excel's row limit, _xHHHH_ text.
import { strFromU8, unzipSync } from "fflate";
import { readFileSync, writeFileSync } from "fs";
import path from "path";
import { WorkbookError } from "../../src/workbook/cells";
import { RECON_COLUMNS } from "../../src/workbook/reconSheets";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { SAMPLE, mgmtfee, tmp, utc, writeBook } from "../cli/helpers";
import { recalcWithLibreOffice, sofficeOrSay } from "../support/libreoffice";
import { editXlsx } from "../support/xlsxEdit";
import { sheetValues } from "../support/xlsxCells";

const dir = tmp();
const FIXTURES = path.join(__dirname, "..", "fixtures");
const parts = (f: string) => unzipSync(readFileSync(f));
const text = (p: Record<string, Uint8Array>, n: string) => strFromU8(p[n]);

function reconcileOut(file: string): string {
  const out = path.join(dir, `out-${path.basename(file)}`);
  const r = mgmtfee("reconcile", file, "--month", "2024-01", "--out", out);
  if (r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return out;
}

describe("writing into other producers' packages", () => {
  it("sheets added to an x:-prefixed workbook use its prefixes, and the result reads back the same", () => {
    const out = reconcileOut(path.join(FIXTURES, "prefixed.xlsx"));
    const wb = text(parts(out), "xl/workbook.xml");
    expect(wb).toMatch(/<x:sheet name="Recon 2024-01" sheetId="4" rel:id="rId\d+"\/>/);
    expect(wb).toMatch(/<x:calcPr fullCalcOnLoad="1"\/>/);
    expect(wb).not.toMatch(/<sheet |<calcPr /);
    const again = mgmtfee("reconcile", out, "--month", "2024-01", "--json");
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(mgmtfee("reconcile", path.join(FIXTURES, "prefixed.xlsx"), "--month", "2024-01", "--json").stdout));
  });

  it("a workbook without a styles part gets one, with its relationship and content type", () => {
    const src = editXlsx(path.join(FIXTURES, "prefixed.xlsx"), path.join(dir, "nostyles.xlsx"), {
      "xl/styles.xml": null,
      "xl/_rels/workbook.xml.rels": (x) => x.replace(/<Relationship Id='rIdS'[^>]*\/>/, ""),
      "[Content_Types].xml": (x) => x.replace(/<Override PartName='\/xl\/styles.xml'[^>]*\/>/, ""),
    });
    expect(parts(src)["xl/styles.xml"]).toBeUndefined();
    const p = parts(reconcileOut(src));
    expect(text(p, "xl/styles.xml")).toMatch(/<cellXfs count="\d+">/);
    expect(text(p, "xl/_rels/workbook.xml.rels")).toMatch(/Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/styles" Target="styles.xml"/);
    expect(text(p, "[Content_Types].xml")).toContain('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
  });

  it("a re-run replaces a sheet named in another case, keeps its notes, and removes its old table part and content type", async () => {
    const b = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    const row = RECON_COLUMNS.map(() => ({ value: null as string | null }));
    row[0] = { value: "MetLife Balanced Strategy Portfolio" };
    row[RECON_COLUMNS.indexOf("Note")] = { value: "Manager to credit $250" };
    await b.writeSheets([{ name: "recon 2024-01", rows: [RECON_COLUMNS.map((c) => ({ value: c })), row], widths: [], frozenRows: 0, table: { name: "OldRecon", columns: [...RECON_COLUMNS] } }]);
    const src = path.join(dir, "old-recon.xlsx");
    writeFileSync(src, b.bytes());
    const before = parts(src);
    const oldTable = Object.keys(before).find((n) => /^xl\/tables\/.*\.xml$/.test(n) && text(before, n).includes('name="OldRecon"'))!;
    expect(oldTable).toBeDefined();
    expect(text(before, "[Content_Types].xml")).toContain(`/${oldTable}"`);
    const out = reconcileOut(src);
    const after = parts(out);
    expect(after[oldTable]).toBeUndefined();
    expect(text(after, "[Content_Types].xml")).not.toContain(`/${oldTable}"`);
    expect(text(after, "xl/workbook.xml").match(/name="recon 2024-01"/gi)).toEqual(['name="Recon 2024-01"']);
    const recon = await sheetValues(out, "Recon 2024-01");
    expect(recon.get("A4")).toBe("MetLife Balanced Strategy Portfolio");
    expect(recon.get(`${String.fromCharCode(65 + RECON_COLUMNS.indexOf("Note"))}4`)).toBe("Manager to credit $250");
  });

  it("a sheet of more than 1,048,576 rows is refused before anything is written", async () => {
    const b = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    const before = b.bytes();
    const rows = Array.from({ length: 1_048_577 }, () => []);
    await expect(b.writeSheets([{ name: "Accruals 2024-01", rows, widths: [], frozenRows: 0 }])).rejects.toThrow(WorkbookError);
    await expect(b.writeSheets([{ name: "Accruals 2024-01", rows, widths: [], frozenRows: 0 }])).rejects.toThrow(/sheet "Accruals 2024-01": would need 1,048,577 rows; a sheet holds at most 1,048,576/);
    expect(b.bytes()).toBe(before);
  });

  it("text that looks like an _xHHHH_ escape is written escaped and reads back as typed", async () => {
    const b = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    const typed = "Fund _x0041_ and _x000D_ and a tab\tend";
    await b.writeSheets([{ name: "Notes", rows: [[{ value: typed }]], widths: [], frozenRows: 0 }]);
    const p = unzipSync(b.bytes());
    const sheet = Object.keys(p).find((n) => n.startsWith("xl/worksheets/") && strFromU8(p[n]).includes("_x005F_x0041_"));
    expect(sheet).toBeDefined();
    expect((await b.readSheetValues("Notes"))![0][0].value).toBe(typed);
  });

  it("a Portfolio name longer than 255 characters still gets its expected fee from the Accruals sheet", async () => {
    const long = `Fund ${"L".repeat(300)}`;
    const file = await writeBook(path.join(dir, "long.xlsx"), { schedule: [[long, utc("2004-11-01"), 0, 0.001]], navs: [[utc("2024-01-01"), long, 366000000]], invoices: [["2024-01", long, 31000]] });
    const out = path.join(dir, "long-out.xlsx");
    const r = mgmtfee("reconcile", file, "--month", "2024-01", "--out", out);
    expect(r.code).toBe(0);
    const p = parts(out);
    const recon = Object.keys(p).map((n) => text(p, n)).find((x) => x.includes("SUMPRODUCT"));
    expect(recon).toMatch(/<f>SUMPRODUCT\(\('Accruals 2024-01'!\$B\$2:\$B\$32=A2\)\*'Accruals 2024-01'!\$G\$2:\$G\$32\)<\/f><v>31000<\/v>/);
    if (!sofficeOrSay("long-name SUMPRODUCT recalculated by LibreOffice")) return;
    const { withoutCachedResults } = await import("../support/xlsxCells");
    const stripped = path.join(dir, "long-stripped.xlsx");
    await withoutCachedResults(out, stripped);
    const cells = await sheetValues(recalcWithLibreOffice(stripped, path.join(dir, "lo")), "Recon 2024-01");
    expect(cells.get("E2")).toBeCloseTo(31000, 2);
    expect(cells.get("H2")).toBe("OK");
  }, 180000);
});
