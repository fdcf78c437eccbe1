import { readFileSync } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import { ReconReport, parseMonth } from "../../src/engine";
import { reportFromWire } from "../../src/taskpane/features/reconcile/worker/wire";
import { runMonthEnd } from "../../src/workbook/monthEnd";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { BrowserWorkbook } from "../../src/taskpane/components/browserWorkbook";
import { FileTransfer, fromTransfer, textFromTransfer, toTransfer } from "../../src/taskpane/components/fileTransfer";
import type { MonthEndReply, MonthEndRequest } from "../../src/taskpane/features/reconcile/worker/protocol";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "month-end-2024-01.xlsx");
/** The sample's bytes in a buffer of their own (a Node Buffer may share a pool). */
const sample = () => new Uint8Array(readFileSync(SAMPLE));
const MONTH = parseMonth("2024-01");

/** The worker's script, run here with a stand-in for its global scope: what it posts, and what it transfers. */
const posted: { m: MonthEndReply; transfer: Transferable[] }[] = [];
let send: (req: MonthEndRequest) => void;
let atLoad: string[] = [];

beforeAll(async () => {
  const scope: { postMessage: (m: MonthEndReply, transfer?: Transferable[]) => void; onmessage?: (ev: { data: MonthEndRequest }) => void } = {
    postMessage: (m, transfer = []) => void posted.push({ m, transfer }),
  };
  (globalThis as unknown as { self: unknown }).self = scope;
  await import("../../src/taskpane/features/reconcile/worker/monthEnd.worker");
  send = (req) => scope.onmessage!({ data: req });
  atLoad = posted.map((p) => p.m.type);
});
afterAll(() => delete (globalThis as unknown as { self?: unknown }).self);

/** Replies until the run's last one (done, failed or cancelled). */
async function finished(): Promise<{ m: MonthEndReply; transfer: Transferable[] }> {
  for (let i = 0; i < 2000; i++) {
    const last = posted.find((p) => p.m.type === "done" || p.m.type === "failed" || p.m.type === "cancelled");
    if (last) return last;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error("the worker did not finish");
}

const valuesOf = async (bytes: Uint8Array, sheet: string) => (await FileBackend.open(bytes, "x.xlsx")).readSheetValues(sheet);

describe("the month-end worker over an .xlsx file (the standalone pane): read, compute and write off the page", () => {
  beforeEach(() => (posted.length = 0));

  it("says when its script runs, before anything is lent to it (the pane lends the file only then)", () => {
    expect(atLoad).toEqual(["ready"]);
  });

  it("reads, accrues and writes the two sheets; the written file and the one it was lent go back transferred, the report too", async () => {
    const input = sample();
    const file = toTransfer(input);
    send({ type: "file", file, name: "month-end-2024-01.xlsx", month: MONTH });
    const { m, transfer } = await finished();
    if (m.type !== "done") throw new Error(`expected done, got ${JSON.stringify(m)}`);
    // Stages as the pane shows them, the days to accrue being the schedule's 9 portfolios x 31 days.
    expect(posted.filter((p) => p.m.type === "stage").map((p) => p.m)).toEqual([
      { type: "stage", stage: "schedule" },
      { type: "stage", stage: "netAssets" },
      { type: "stage", stage: "invoices" },
      { type: "stage", stage: "previous" },
      { type: "stage", stage: "accruing", days: 9 * 31 },
      { type: "stage", stage: "writing" },
    ]);
    // Transferred, not copied: the written file, the report's JSON and the original buffer.
    expect(transfer).toEqual(expect.arrayContaining([m.file!.buffer, m.report.buffer, file.buffer]));
    expect(m.original!.buffer).toBe(file.buffer);
    expect(Buffer.from(fromTransfer(m.original!)).equals(Buffer.from(sample()))).toBe(true);
    // The written file holds what the command line's run writes on the same workbook.
    const reference = await FileBackend.open(sample(), "month-end-2024-01.xlsx");
    await runMonthEnd(reference, MONTH);
    const written = fromTransfer(m.file!);
    for (const sheet of ["Recon 2024-01", "Accruals 2024-01"]) expect(await valuesOf(written, sheet)).toEqual(await reference.readSheetValues(sheet));
    // And it is a whole .xlsx that another reader opens, with the sample's own sheets still in it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(written) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Fee Schedule", "Net Assets", "Invoices", "Recon 2024-01", "Accruals 2024-01"]));
    // The report: its summary parsed at once, each row's days only when read, equal to the command line's to the cent.
    const report = reportFromWire<ReconReport>(textFromTransfer(m.report), fromTransfer(m.days), m.daySpans);
    const { report: expected } = await runMonthEnd(await FileBackend.open(sample(), "month-end-2024-01.xlsx"), MONTH, undefined, false);
    expect(report.rows.map((r) => [r.portfolio, r.status, r.expectedFee.toFixed(2), r.difference?.toFixed(2)])).toEqual(expected.rows.map((r) => [r.portfolio, r.status, r.expectedFee.toFixed(2), r.difference?.toFixed(2)]));
    for (const i of [0, 4, 8]) expect(report.rows[i].accruals.map((a) => [a.date, a.accrual.toString()])).toEqual(expected.rows[i].accruals.map((a) => [a.date, a.accrual.toString()]));
    expect(m.accrualCounts).toHaveLength(9);
  });

  it("Cancel: the file goes back as it was lent, and nothing is written", async () => {
    const file = toTransfer(sample());
    send({ type: "file", file, name: "month-end-2024-01.xlsx", month: MONTH });
    send({ type: "cancel" });
    const { m, transfer } = await finished();
    expect(m.type).toBe("cancelled");
    const original = (m as { original: FileTransfer }).original;
    expect(transfer).toEqual([file.buffer]);
    expect(Buffer.from(fromTransfer(original)).equals(Buffer.from(sample()))).toBe(true);
  });

  it("a workbook without invoices: a one-line error naming the file, and the file goes back as it was", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(SAMPLE) as unknown as ExcelJS.Buffer);
    wb.removeWorksheet(wb.getWorksheet("Invoices")!.id);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const file = toTransfer(bytes);
    const copy = Buffer.from(bytes);
    send({ type: "file", file, name: "no-invoices.xlsx", month: MONTH });
    const { m } = await finished();
    if (m.type !== "failed") throw new Error(`expected failed, got ${m.type}`);
    expect(m.message).toMatch(/^no-invoices\.xlsx: has no table "Invoices" and no sheet "Invoices"/);
    expect(Buffer.from(fromTransfer(m.original!)).equals(copy)).toBe(true);
  });
});

describe("the standalone pane's workbook, lent to the worker", () => {
  it("while lent, reads and writes wait for it to come back, then see the file the worker gave back; downloading says why not", async () => {
    const wb = await BrowserWorkbook.open(sample(), "month-end-2024-01.xlsx");
    expect(await wb.readSheetValues("Recon 2024-01")).toBeNull();
    const loan = await wb.lend();
    expect(() => wb.bytes()).toThrow("Month end is using the workbook; download it when the run is done.");
    let read: unknown = "pending";
    const reading = wb.readSheetValues("Recon 2024-01").then((v) => (read = v));
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toBe("pending");
    // The worker's result: the same file with the month's sheets written.
    const other = await FileBackend.open(fromTransfer(loan.file), loan.name);
    await runMonthEnd(other, MONTH);
    await loan.giveBack(toTransfer(other.bytes()));
    await reading;
    expect((read as { value: unknown }[][])[0][0].value).toBe("Portfolio");
    expect(wb.bytes().length).toBeGreaterThan(0);
  });

  it("a worker that dies holding the file: every later use says the workbook was lost and to open it again", async () => {
    const wb = await BrowserWorkbook.open(sample(), "month-end-2024-01.xlsx");
    const loan = await wb.lend();
    loan.lost("the month-end worker stopped (out of memory)");
    await expect(wb.readBlock("schedule")).rejects.toThrow("The workbook in this browser was lost: the month-end worker stopped (out of memory). Open the file again.");
    expect(() => wb.bytes()).toThrow(/was lost/);
  });
});
