// Workbooks from other producers and in every valid SpreadsheetML spelling read the same as the sample;
// each case changes the bundled sample in one place (or is a committed fixture from test/fixtures/).
import { existsSync } from "fs";
import path from "path";
import { formatIso, fromExcelSerial } from "../../src/engine";
import { mgmtfee, tmp } from "../cli/helpers";
import { editXlsx } from "../support/xlsxEdit";

// The .xlsx-layer cases edit a frozen copy of the first sample (five portfolios, three contract sheets), so their
// part names, rows and values do not move when the bundled sample grows.
const SAMPLE = path.join(__dirname, "..", "fixtures", "five-portfolios-2024-01.xlsx");

const dir = tmp();
const FIXTURES = path.join(__dirname, "..", "fixtures");
const json = (file: string) => {
  const r = mgmtfee("reconcile", file, "--month", "2024-01", "--json");
  if (r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const expected = json(SAMPLE);
let n = 0;
const variant = (edits: Parameters<typeof editXlsx>[2]) => editXlsx(SAMPLE, path.join(dir, `v${++n}.xlsx`), edits);

const NET_ASSETS = "xl/worksheets/sheet2.xml";
const INVOICES = "xl/worksheets/sheet3.xml";
const SST = "xl/sharedStrings.xml";

describe("fixtures from other producers reconcile to the sample's numbers", () => {
  it("the sample itself has the BREAK and NOT_BILLED these tests rely on", () => {
    expect(expected.rows.map((p: { status: string }) => p.status)).toEqual(["OK", "OK", "BREAK", "OK", "NOT_BILLED"]);
  });

  it.each([
    ["re-saved by LibreOffice Calc", "libreoffice.xlsx"],
    ["x:-prefixed, single-quoted attributes, inline strings, no row or cell references, relationships prefix rel:, absolute targets", "prefixed.xlsx"],
    ["the 1904 date system", "date1904.xlsx"],
    ["Strict Open XML namespaces", "strict.xlsx"],
  ])("%s", (_what, file) => {
    expect(existsSync(path.join(FIXTURES, file))).toBe(true);
    expect(json(path.join(FIXTURES, file))).toEqual(expected);
  });
});

describe("large parts", () => {
  it("a sheet part of several megabytes (inflated in many pieces) reads the same", () => {
    // 40,000 more net-asset rows for a portfolio that is neither scheduled nor invoiced, so not reported.
    let seed = 1;
    const rows: string[] = [];
    for (let r = 207; r < 40207; r++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      rows.push(`<row r="${r}"><c r="A${r}"><v>${30000 + r}</v></c><c r="B${r}" t="inlineStr"><is><t>Other Fund</t></is></c><c r="C${r}"><v>${(seed / 100).toFixed(2)}</v></c></row>`);
    }
    const f = variant({
      [NET_ASSETS]: (x) => x.replace("</sheetData>", `${rows.join("")}</sheetData>`),
      "xl/tables/table2.xml": (x) => x.replace(/ref="A1:C206"/g, 'ref="A1:C40206"'),
    });
    expect(json(f)).toEqual(expected);
  });
});

describe("XML read as XML defines it", () => {
  it("a comment holding a fake Invoices row is not data (the $250 BREAK stays a BREAK)", () => {
    const f = variant({ [INVOICES]: (x) => x.replace(/(<row r="4"[\s\S]*?<\/row>)/, `$1<!-- <row r="4"><c r="A4" t="s"><v>13</v></c><c r="B4" t="s"><v>6</v></c><c r="C4"><v>56088.51</v></c></row> --><?producer note?>`) });
    expect(json(f)).toEqual(expected);
  });

  it("a comment holding a fake <si> does not shift the shared strings", () => {
    const f = variant({ [SST]: (x) => x.replace(/(<sst[^>]*>)/, "$1<!--<si><t>Fake</t></si>-->") });
    expect(json(f)).toEqual(expected);
  });

  it("CDATA is text, not literal markup", () => {
    const f = variant({ [SST]: (x) => x.replace("<t>MetLife Balanced Strategy Portfolio</t>", "<t><![CDATA[MetLife Balanced]]> Strategy Portfolio</t>") });
    expect(json(f)).toEqual(expected);
  });

  it("rich text runs and phonetic text in shared strings", () => {
    const f = variant({ [SST]: (x) => x.replace("<si><t>MetLife Balanced Strategy Portfolio</t></si>", '<si><r><t xml:space="preserve">MetLife Balanced </t></r><r><rPr><b/></rPr><t>Strategy Portfolio</t></r><rPh sb="0" eb="7"><t>メットライフ</t></rPh><phoneticPr fontId="1"/></si>') });
    expect(json(f)).toEqual(expected);
  });

  it('t="d" ISO 8601 date cells and <v xml:space="preserve">', () => {
    const f = variant({
      [NET_ASSETS]: (x) =>
        x
          .replace(/<c r="(A\d+)" s="1"><v>(\d+)<\/v><\/c>/g, (_m, ref: string, serial: string) => `<c r="${ref}" s="1" t="d"><v>${formatIso(fromExcelSerial(Number(serial)))}T00:00:00</v></c>`)
          .replace(/<v>/g, '<v xml:space="preserve">'),
    });
    expect(json(f)).toEqual(expected);
  });

  it("single-quoted attributes everywhere in a sheet", () => {
    const f = variant({ [NET_ASSETS]: (x) => x.replace(/="([^"]*)"/g, "='$1'") });
    expect(json(f)).toEqual(expected);
  });

  it("shared formulas with cached values", () => {
    const f = variant({ [INVOICES]: (x) => x.replace('<c r="C2" s="3"><v>', '<c r="C2" s="3"><f t="shared" ref="C2:C3" si="0">26176.34+0</f><v>').replace('<c r="C3" s="3"><v>', '<c r="C3" s="3"><f t="shared" si="0"/><v>') });
    expect(json(f)).toEqual(expected);
  });

  it("a table with Excel's Total Row on (totalsRowCount=1): the total is not an invoice", () => {
    const f = variant({
      [INVOICES]: (x) => x.replace("</sheetData>", '<row r="7"><c r="A7" t="inlineStr"><is><t>Total</t></is></c><c r="C7" s="3"><f>SUBTOTAL(109,Invoices[Billed Fee])</f><v>218322.61</v></c></row></sheetData>').replace('<dimension ref="A1:C6"/>', '<dimension ref="A1:C7"/>'),
      "xl/tables/table3.xml": (x) => x.replace(/ref="A1:C6"/g, 'ref="A1:C7"').replace(/totalsRowShown="1"/, 'totalsRowCount="1"'),
    });
    expect(json(f)).toEqual(expected);
  });

  it("a table without a header row (headerRowCount=0) takes its column names from the table definition", () => {
    const f = variant({
      [NET_ASSETS]: (x) => x.replace(/<row r="1"[\s\S]*?<\/row>/, ""),
      "xl/tables/table2.xml": (x) => x.replace(/ref="A1:C206"/g, 'ref="A2:C206"').replace(/headerRowCount="1"/, 'headerRowCount="0"').replace(/<autoFilter[\s\S]*?<\/autoFilter>/, ""),
    });
    expect(json(f)).toEqual(expected);
  });

  it("a table ref as large as the sheet (A1:XFD1048576) is clipped to the sheet's data", () => {
    const f = variant({ "xl/tables/table2.xml": (x) => x.replace(/ref="A1:C206"/g, 'ref="A1:XFD1048576"') });
    expect(json(f)).toEqual(expected);
  });
});

describe("cells reported for what they are", () => {
  const bad = (edits: Parameters<typeof editXlsx>[2]) => {
    const f = variant(edits);
    const r = mgmtfee("reconcile", f, "--month", "2024-01", "--out", path.join(dir, `out-${n}.xlsx`));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(dir, `out-${n}.xlsx`))).toBe(false);
    return r.stderr;
  };

  it("a formula without a cached value is reported as such, not read as blank", () => {
    expect(bad({ [INVOICES]: (x) => x.replace('<c r="C4" s="3"><v>56338.51</v></c>', '<c r="C4" s="3"><f>56088.51+250</f></c>') })).toMatch(
      /sheet "Invoices", row 4, column "Billed Fee" \(C\): holds the formula =56088.51\+250 with no calculated value/,
    );
  });

  it("a text date 12/1/2023 is refused as ambiguous, naming the cell", () => {
    expect(bad({ [NET_ASSETS]: (x) => x.replace('<c r="A2" s="1"><v>45261</v></c>', '<c r="A2" t="inlineStr"><is><t>12/1/2023</t></is></c>') })).toMatch(
      /sheet "Net Assets", row 2, column "Date" \(A\): is the text "12\/1\/2023", an ambiguous date .*YYYY-MM-DD/,
    );
  });

  it("an amount of 10^15 or more is refused, naming the cell", () => {
    expect(bad({ [NET_ASSETS]: (x) => x.replace("<v>300744739.43</v>", "<v>1000000000000000</v>") })).toMatch(/sheet "Net Assets", row 2, column "Net Assets" \(C\): is 1000000000000000; amounts of 10\^15 or more are refused/);
  });
});
