// The Recon sheet's totals tie (Total Difference = Total Billed − Total Expected over the portfolios that have both)
// and rows whose Status is not OK are marked by conditional formatting, in the file and after LibreOffice recalculates.
import { readFileSync, writeFileSync } from "fs";
import path from "path";
import { parseMonth } from "../../src/engine";
import { runMonthEnd } from "../../src/workbook/monthEnd";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { OutCell } from "../../src/workbook/reconSheets";
import { SAMPLE, tmp } from "../cli/helpers";
import { itWithSoffice, recalcWithLibreOffice } from "../support/libreoffice";
import { partText } from "../support/xlsxEdit";
import { sheetValues, withoutCachedResults } from "../support/xlsxCells";

const dir = tmp();
const cents = (x: number) => Math.round(x * 100);

async function reconciled() {
  const backend = await FileBackend.open(readFileSync(SAMPLE), "month-end-2024-01.xlsx");
  const result = await runMonthEnd(backend, parseMonth("2024-01"));
  const file = path.join(dir, "reconciled.xlsx");
  writeFileSync(file, backend.bytes());
  return { backend, result, file };
}

describe("the Recon sheet's totals and marks", () => {
  it("a compared-totals row whose Difference is Billed − Expected over the rows that have both; the Total row leaves Difference out", async () => {
    const { backend } = await reconciled();
    const rows = (await backend.readSheetValues("Recon 2024-01"))!;
    const n = rows.findIndex((r) => r[0]?.value === "Total") - 1;
    const body = rows.slice(1, n + 1);
    const value = (c: OutCell | undefined) => (c?.value === null || c?.value === undefined || c.value === "" ? null : Number(c.value));
    // The sample: one break (+250.00), one portfolio not billed, three OK.
    const both = body.filter((r) => value(r[6]) !== null);
    expect(body.filter((r) => r[7]?.value === "NOT_BILLED")).toHaveLength(1);
    expect(both).toHaveLength(n - 1);
    const total = rows[n + 1];
    expect(total[0]?.value).toBe("Total");
    expect(value(total[6])).toBeNull();
    const compared = rows[n + 2];
    expect(String(compared[0]?.value)).toBe(`Compared (${n - 1} with both): Difference = Billed − Expected`);
    const [e, f, g] = [value(compared[4])!, value(compared[5])!, value(compared[6])!];
    expect(cents(e)).toBe(both.reduce((s, r) => s + cents(value(r[4])!), 0));
    expect(cents(f)).toBe(both.reduce((s, r) => s + cents(value(r[5])!), 0));
    expect(cents(g)).toBe(cents(f) - cents(e));
    expect(cents(g)).toBe(both.reduce((s, r) => s + cents(value(r[6])!), 0));
  });

  it("marks the rows whose Status is not OK with conditional formatting and a light red differential style", async () => {
    const { file } = await reconciled();
    const workbook = partText(file, "xl/workbook.xml")!;
    const rels = partText(file, "xl/_rels/workbook.xml.rels")!;
    const rid = new RegExp(`<sheet [^>]*name="Recon 2024-01"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
    const sheet = partText(file, `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`)!;
    const cf = /<conditionalFormatting sqref="([^"]+)"><cfRule type="expression" dxfId="(\d+)" priority="1"><formula>([^<]+)<\/formula><\/cfRule><\/conditionalFormatting>/.exec(sheet)!;
    const text = (x: string) => x.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect([cf[1], text(cf[3])]).toEqual(["A2:M10", '$H2<>"OK"']);
    const styles = partText(file, "xl/styles.xml")!;
    const dxfs = [...(/<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? "").matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => m[1]);
    expect(dxfs[Number(cf[2])]).toContain('<bgColor rgb="FFFFC7CE"/>');
    expect(dxfs[Number(cf[2])]).toContain("<b/>");
  });

  itWithSoffice("LibreOffice interop check")("after LibreOffice recalculates with no cached results, the compared totals still tie", async () => {
    const { file } = await reconciled();
    const stripped = path.join(dir, "stripped.xlsx");
    await withoutCachedResults(file, stripped);
    const cells = await sheetValues(recalcWithLibreOffice(stripped, path.join(dir, "lo")), "Recon 2024-01");
    const num = (ref: string) => Number(cells.get(ref));
    const rows = [2, 3, 4, 5, 6, 7, 8, 9, 10];
    const withDiff = rows.filter((r) => cells.get(`G${r}`) !== undefined && cells.get(`G${r}`) !== "");
    expect(withDiff).toHaveLength(8);
    expect(rows.filter((r) => cells.get(`H${r}`) === "NOT_BILLED")).toHaveLength(1);
    expect(rows.filter((r) => cells.get(`H${r}`) === "BREAK")).toHaveLength(1);
    expect(cents(num("E12"))).toBe(withDiff.reduce((s, r) => s + cents(num(`E${r}`)), 0));
    expect(cents(num("F12"))).toBe(withDiff.reduce((s, r) => s + cents(num(`F${r}`)), 0));
    expect(cents(num("G12"))).toBe(cents(num("F12")) - cents(num("E12")));
  }, 180000);
});
