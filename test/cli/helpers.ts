import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import path from "path";
import { tempDir } from "../support/tempDir";

export const ROOT = path.join(__dirname, "..", "..");
export const SAMPLE = path.join(ROOT, "samples", "month-end-2024-01.xlsx");
export const tmp = () => tempDir("mgmtfee-");

export function mgmtfee(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, "lib", "cli", "main.js"), ...args], { encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

type Row = (string | number | Date | null)[];
export interface BookSpec {
  schedule?: Row[] | null;
  navs?: Row[] | null;
  invoices?: Row[] | null;
  scheduleHeader?: string[];
  navHeader?: string[];
  invoiceHeader?: string[];
  /** More sheets by name: the first row is the header. */
  sheets?: Record<string, Row[]>;
}

export const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A workbook with plain sheets (headers in row 1); null leaves a sheet out. */
export async function writeBook(file: string, spec: BookSpec): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: Row[] | null | undefined) => {
    if (rows === null) return;
    const ws = wb.addWorksheet(name);
    ws.addRow(header);
    for (const r of rows ?? []) ws.addRow(r);
  };
  sheet("Fee Schedule", spec.scheduleHeader ?? ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], spec.schedule === undefined ? [["Fund A", utc("2004-11-01"), 0, 0.001]] : spec.schedule);
  sheet("Net Assets", spec.navHeader ?? ["Date", "Portfolio", "Net Assets"], spec.navs === undefined ? [[utc("2024-01-01"), "Fund A", 365000000]] : spec.navs);
  sheet("Invoices", spec.invoiceHeader ?? ["Month", "Portfolio", "Billed Fee"], spec.invoices === undefined ? [["2024-01", "Fund A", 31000]] : spec.invoices);
  for (const [name, [head, ...rows]] of Object.entries(spec.sheets ?? {})) sheet(name, head as string[], rows);
  await wb.xlsx.writeFile(file);
  return file;
}
