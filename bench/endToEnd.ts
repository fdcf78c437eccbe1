// End-to-end benchmark: `mgmtfee reconcile` against LibreOffice headless recalculating the same expected fees
// as native formulas, for one month of 200 portfolios with 13 months of daily net assets. Ratios from one run.
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { existsSync, statSync } from "fs";
import path from "path";
import { recalcProfile } from "../test/support/libreoffice";
import { tempDir } from "../test/support/tempDir";
import { withoutCachedResults } from "../test/support/xlsxCells";

const PORTFOLIOS = 200;
const ROOT = path.join(__dirname, "..");

async function makeBook(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const fs = wb.addWorksheet("Fee Schedule");
  fs.addRow(["Portfolio", "Effective From", "Breakpoint", "Annual Rate"]);
  const names = Array.from({ length: PORTFOLIOS }, (_, i) => `Portfolio ${String(i + 1).padStart(3, "0")}`);
  names.forEach((n, i) => {
    if (i % 2) {
      fs.addRow([n, new Date(Date.UTC(2004, 10, 1)), 0, 0.0075]);
      fs.addRow([n, new Date(Date.UTC(2004, 10, 1)), 1e9, 0.007]);
      fs.addRow([n, new Date(Date.UTC(2004, 10, 1)), 2e9, 0.0065]);
    } else fs.addRow([n, new Date(Date.UTC(2004, 10, 1)), 0, 0.001]);
  });
  const na = wb.addWorksheet("Net Assets");
  na.addRow(["Date", "Portfolio", "Net Assets"]);
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  let rows = 0;
  for (const [i, n] of names.entries()) {
    let nav = 2e8 + i * 1.3e7;
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2024, 0, 31); t += 86400000) {
      const d = new Date(t);
      if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
      nav *= 1 + (rnd() - 0.5) * 0.02;
      na.addRow([d, n, Math.round(nav * 100) / 100]);
      rows++;
    }
  }
  const inv = wb.addWorksheet("Invoices");
  inv.addRow(["Month", "Portfolio", "Billed Fee"]);
  names.forEach((n, i) => inv.addRow(["2024-01", n, i % 7 ? 1000 + i : 2000 + i]));
  await wb.xlsx.writeFile(file);
  return rows;
}

function timed(cmd: string, args: string[]): { seconds: number; maxRssMb: number | null; status: number } {
  const useTime = existsSync("/usr/bin/time");
  const t0 = process.hrtime.bigint();
  const r = useTime ? spawnSync("/usr/bin/time", ["-f", "__RSS_KB=%M", cmd, ...args], { encoding: "utf8" }) : spawnSync(cmd, args, { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /__RSS_KB=(\d+)/.exec(r.stderr ?? "");
  return { seconds, maxRssMb: m ? Number(m[1]) / 1024 : null, status: r.status ?? -1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchEndToEnd(): Promise<void> {
  if (spawnSync("sh", ["-c", "command -v soffice"]).status !== 0) {
    console.log("end-to-end: LibreOffice (soffice) is not installed; install libreoffice-calc to run this comparison");
    return;
  }
  if (!existsSync(path.join(ROOT, "lib", "cli", "main.js"))) {
    console.log("end-to-end: lib/cli/main.js is missing; run npm run build:cli first");
    return;
  }
  const dir = tempDir("mgmtfee-bench-"); // removed when the bench exits
  const book = path.join(dir, "bench.xlsx");
  const rows = await makeBook(book);
  const out = path.join(dir, "recon.xlsx");
  const profile = recalcProfile();
  console.log(`end-to-end: ${PORTFOLIOS} portfolios, ${rows.toLocaleString("en-US")} daily net-asset rows (2023-01 to 2024-01), reconcile 2024-01; input ${(statSync(book).size / 1e6).toFixed(1)} MB`);

  // The file LibreOffice recalculates: the command's own output (Recon SUMIFS over the Accruals sheet,
  // Difference and Status formulas) with every cached result removed, so it must compute them all.
  let loInput = "";
  const cli: ReturnType<typeof timed>[] = [];
  const lo: ReturnType<typeof timed>[] = [];
  for (let i = 0; i < 3; i++) {
    cli.push(timed(process.execPath, [path.join(ROOT, "lib", "cli", "main.js"), "reconcile", book, "--month", "2024-01", "--out", out, "--json"]));
    if (!loInput) {
      loInput = path.join(dir, "formulas.xlsx");
      await withoutCachedResults(out, loInput);
    }
    lo.push(timed("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", path.join(dir, "lo"), loInput]));
  }
  const c = median(cli.map((x) => x.seconds));
  const l = median(lo.map((x) => x.seconds));
  const mem = (xs: ReturnType<typeof timed>[]) => (xs[0].maxRssMb === null ? "n/a" : `${Math.max(...xs.map((x) => x.maxRssMb!)).toFixed(0)} MB`);
  console.log(`  mgmtfee reconcile (read, accrue, write both sheets)  ${c.toFixed(2)} s  peak RSS ${mem(cli)}  (exit ${cli[0].status})`);
  console.log(`  LibreOffice headless load + recalculate + save       ${l.toFixed(2)} s  peak RSS ${mem(lo)}`);
  console.log(`  ratio: LibreOffice / mgmtfee = ${(l / c).toFixed(2)}x (goal: at least 5x); medians of 3 alternating runs`);
}
