import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import path from "path";
import { BrowserContext, Page } from "playwright-core";
import { closeBrowser, describeWithChromium, launch } from "../support/browser";
import { serveFolder } from "../support/staticServer";

const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const BALANCED = "MetLife Balanced Strategy Portfolio";
const GROWTH = "MetLife Growth Strategy Portfolio";
/** Excel's task pane is 320–350 px wide; 1280 px is a pane undocked or the standalone page on a desktop. */
const WIDTHS = [350, 1280] as const;

/**
 * A workbook with 200 portfolios at 0.10%, each with flat net assets of
 * 366,000 × (1,000 + k) through January 2024 (ACT/ACT, 366 days), so portfolio k
 * accrues exactly 1,000 + k a day and 31 × (1,000 + k) in the month. Every 10th
 * is billed a dollar more (a break); k = 1, 51, 101, 151 are not billed.
 */
async function bigWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const name = (k: number) => `Portfolio ${String(k).padStart(3, "0")}`;
  const s = wb.addWorksheet("Fee Schedule");
  s.addRow(["Portfolio", "Effective From", "Breakpoint", "Annual Rate"]);
  const n = wb.addWorksheet("Net Assets");
  n.addRow(["Date", "Portfolio", "Net Assets"]);
  const inv = wb.addWorksheet("Invoices");
  inv.addRow(["Month", "Portfolio", "Billed Fee"]);
  for (let k = 0; k < 200; k++) {
    s.addRow([name(k), new Date(Date.UTC(2004, 10, 1)), 0, 0.001]);
    for (let d = 1; d <= 31; d++) n.addRow([new Date(Date.UTC(2024, 0, d)), name(k), 366000 * (1000 + k)]);
    if (k % 50 !== 1) inv.addRow(["2024-01", name(k), 31 * (1000 + k) + (k % 10 === 0 ? 1 : 0)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ARR_BP = [0, 250e6, 500e6, 1e9];
const SUB_BP = [0, 100e6, 250e6, 500e6, 750e6];

/**
 * January 2024 (366-day year) with the worked cases moved to it: Fund W at 1.05/1.00/0.85/0.75% on
 * $600M, waived to 0.95/0.90/0.80/0.75% from 2024-01-15 (as case 1: gross 506,079.34, waiver 25,546.58,
 * payable 480,532.76); Fund S at 0.70% to $100M, 0.68% above on $300M (2,060,000 ÷ 366 = 5,628.42 a day,
 * 174,481.02), sub-advised at 0.41/0.39/0.38/0.37/0.36% of the Growth group (S + Fund B's $2,000M = $2,300M:
 * 8,450,000 × 300/2,300 ÷ 366 = 3,011.40 a day, 93,353.40; the Manager's net 81,127.62).
 */
async function arrangementsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: (string | number | Date)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
  };
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  sheet("Fee Schedule", ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], [
    ...[0.0105, 0.01, 0.0085, 0.0075].map((r, i) => ["Fund W", day("2010-01-01"), ARR_BP[i], r]),
    ["Fund S", day("2010-01-01"), 0, 0.007],
    ["Fund S", day("2010-01-01"), 100e6, 0.0068],
  ]);
  sheet("Net Assets", ["Date", "Portfolio", "Net Assets"], [
    [day("2023-12-29"), "Fund W", 600e6],
    [day("2023-12-29"), "Fund S", 300e6],
    [day("2023-12-29"), "Fund B", 2000e6],
  ]);
  sheet("Invoices", ["Month", "Portfolio", "Billed Fee"], [
    ["2024-01", "Fund W", 480532.76],
    ["2024-01", "Fund S", 174481.02],
  ]);
  sheet("Fee Waivers", ["Portfolio", "Waiver From", "Waiver To", "Breakpoint", "Annual Rate"], [0.0095, 0.009, 0.008, 0.0075].map((r, i) => ["Fund W", day("2024-01-15"), day("2025-04-30"), ARR_BP[i], r]));
  sheet("Sub-Advisory Schedule", ["Portfolio", "Sub-Adviser", "Effective From", "Breakpoint", "Annual Rate", "Group"], [0.0041, 0.0039, 0.0038, 0.0037, 0.0036].map((r, i) => ["Fund S", "Sub-Adviser LLC", day("2010-01-01"), SUB_BP[i], r, "Growth"]));
  sheet("Aggregation Groups", ["Group", "Portfolio"], [
    ["Growth", "Fund S"],
    ["Growth", "Fund B"],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeWithChromium("browser tests of the task pane")("the task pane in headless Chromium (standalone mode), at 350 px and 1280 px", () => {
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const shots: string[] = [];
  const measured: Record<string, unknown> = {};
  let working = 350;

  const setWidth = async (w: number) => {
    await page.setViewportSize({ width: w, height: 900 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };

  /**
   * One state of the pane, at both widths: nothing scrolls sideways, axe finds no
   * serious or critical violation, and a full-page screenshot lands in test-artifacts/.
   */
  /**
   * Waits (at most 3 s) for the page's finite animations to end: a Fluent dialog fades in, and axe's colour
   * contrast read mid-fade sees a half-transparent button (seen once under load). Infinite ones (spinners) are left.
   */
  const animationsDone = () =>
    page.evaluate(() => {
      const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
      return Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 3000))]);
    });

  async function checkState(name: string) {
    for (const w of WIDTHS) {
      await setWidth(w);
      await animationsDone();
      const overflow = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth - document.documentElement.clientWidth, body: document.body.scrollWidth - document.body.clientWidth }));
      if (overflow.doc || overflow.body) {
        const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 12).map((e) => `${e.tagName}.${String(e.className).slice(0, 60)} w=${Math.round(e.getBoundingClientRect().width)} r=${Math.round(e.getBoundingClientRect().right)}`));
        process.stderr.write(`sideways overflow in ${name} at ${w} px, elements past the right edge: ${wide.join(" | ")}\n`);
      }
      expect({ state: name, width: w, ...overflow }).toEqual({ state: name, width: w, doc: 0, body: 0 });
      // Fluent UI's focus manager (tabster) adds aria-hidden focus sentinels of its own (<i data-tabster-dummy>): library markup, not the app's.
      const axe = await new AxeBuilder({ page })
        .exclude("[data-tabster-dummy]")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
        .analyze();
      const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ state: name, width: w, rule: v.id, impact: v.impact, nodes: v.nodes.map((x) => x.target.join(" ")).slice(0, 5) }));
      expect(bad).toEqual([]);
      const file = `${name}-${w}.png`;
      await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
      shots.push(file);
    }
    await setWidth(working);
  }

  const focused = () => page.evaluate(() => ({ tag: document.activeElement?.tagName ?? "", text: (document.activeElement?.textContent ?? "").trim().slice(0, 80) }));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveFolder(path.join(ROOT, "dist"));
    context = await launch();
    // The production page loads Office.js from Microsoft's CDN; tests serve the local copy instead (no network).
    await context.route("https://appsforoffice.microsoft.com/**", (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
      route.fulfill({ path: path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist", rel) }).catch(() => route.abort());
    });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await setWidth(working);
  }, 60000);

  afterAll(async () => {
    writeFileSync(path.join(ARTIFACTS, "screenshots.txt"), `${shots.join("\n")}\n`);
    writeFileSync(path.join(ARTIFACTS, "measurements.json"), `${JSON.stringify(measured, null, 2)}\n`);
    await closeBrowser(context);
    await server?.close();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  /** Leaves the page even when it holds undownloaded changes (accepting the browser's "leave?" prompt). */
  async function fresh(url: string) {
    const accept = (d: import("playwright-core").Dialog) => void d.accept();
    page.on("dialog", accept);
    await page.goto(`${server.url}/${url}`);
    page.off("dialog", accept);
  }

  it("a new workbook: Load Schedule A, Import CSV or Start empty, and a checklist of the three tables, each one click away", async () => {
    await fresh("standalone.html?start=blank");
    await page.getByText("This workbook has no fee schedule yet").waitFor();
    for (const b of ["Load Schedule A", "Start empty"]) await page.getByRole("button", { name: b }).waitFor();
    await page.getByText("Import CSV").waitFor();
    const checklist = page.getByRole("region", { name: "What month end needs" });
    expect(await checklist.locator("li").allTextContents()).toEqual([expect.stringMatching(/^Fee schedule: missing/), expect.stringMatching(/^Net assets: missing/), expect.stringMatching(/^Invoices: missing/)]);
    await checkState("01-first-run");

    // Month end on a new workbook says what is missing, all of it, with the same one-click fixes.
    await page.getByRole("tab", { name: "Month end" }).click();
    await page.getByRole("button", { name: "Add an empty net assets table" }).click();
    await page.getByRole("button", { name: "Add an empty invoices table" }).click();
    await page.getByRole("button", { name: "Add an empty invoices table" }).waitFor({ state: "detached" });
    expect(await page.getByRole("region", { name: "What month end needs" }).locator("li").allTextContents()).toEqual([
      expect.stringMatching(/^Fee schedule: missing/),
      expect.stringMatching(/^Net assets: 0 rows/),
      expect.stringMatching(/^Invoices: 0 rows/),
    ]);
    await page.getByText(/2 changes kept in this browser since the last download/).waitFor();
    await checkState("02-month-end-checklist");
    await page.getByRole("tab", { name: "Fee schedule" }).click();

    // Start empty: one open portfolio to fill in; discarding goes back to the three choices.
    await page.getByRole("button", { name: "Start empty" }).click();
    await page.getByRole("textbox", { name: "Portfolio name" }).waitFor();
    await checkState("03-start-empty");
    await page.getByRole("button", { name: "Discard edits" }).click();
    await page.getByRole("button", { name: "Load Schedule A" }).click();
    // Schedule A as amended: 5 portfolios x (1 + 3 tiers) and 4 portfolios x (1 + 3 tiers) = 36 rows.
    await page.getByText("Saved 36 schedule rows").waitFor();
    await page.getByText("Kept in this browser; download the workbook to keep it.").waitFor();
    await checkState("04-schedule-a-loaded");
  }, 180000);

  it("edits a tiered amendment in a collapsed list: a validation error, the fix, Save pinned in view; amounts shown with separators; the file holds the rows", async () => {
    const line = page.getByRole("button", { name: new RegExp(`^${BALANCED}`) });
    expect(await line.textContent()).toContain("3 tiers, 0.10% to 0.05%, since 2005-04-30 (1 amendment)");
    await line.click();
    const balanced = page.getByRole("region", { name: BALANCED });
    await balanced.getByRole("button", { name: `Add amendment to ${BALANCED}` }).click();
    // The amendment starts from Amendment No. 1's three tiers.
    const amendment = balanced.getByRole("group", { name: `${BALANCED}, version 3` });
    await amendment.locator("input[type=date]").fill("2024-02-01");
    await amendment.getByRole("button", { name: /^Add tier/ }).click();
    const inputs = amendment.locator("input:not([type=date])");
    // Tier 4: breakpoint 0, which is not above tier 3's $1 billion: a validation error.
    await inputs.nth(6).fill("0");
    await inputs.nth(7).fill("0.04%");
    await page.getByText("must be above 1000000000").first().waitFor();
    expect(await page.getByRole("button", { name: "Save schedule" }).getAttribute("aria-disabled")).toBe("true");
    await checkState("05-validation-error");

    await inputs.nth(6).fill("2000000000");
    await inputs.nth(7).press("Tab");
    await page.getByText("must be above 1000000000").first().waitFor({ state: "detached" });
    // Not being edited: thousands separators; the summary line gives the tiers in the hint's form.
    expect(await inputs.nth(6).inputValue()).toBe("2,000,000,000");
    expect(await line.textContent()).toContain("4 tiers, 0.10% to 0.04%, since 2024-02-01 (2 amendments)");
    // Save and Discard stay on screen however long the list: pinned at the bottom of the pane.
    const save = page.getByRole("button", { name: "Save schedule" });
    expect(await save.isVisible()).toBe(true);
    const box = (await save.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    await checkState("06-fixed");

    await save.click();
    await page.getByText("Saved 40 schedule rows").waitFor();
    // The notice goes stale at the next edit, and goes.
    await inputs.nth(7).fill("0.03%");
    await page.getByText("Saved 40 schedule rows").waitFor({ state: "detached" });
    await inputs.nth(7).fill("0.04%");
    // Back to what was saved: nothing to save or discard.
    await page.getByText("No unsaved edits").waitFor();

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const file = path.join(ARTIFACTS, "saved-schedule.xlsx");
    await dl.saveAs(file);
    await page.getByText("No changes since it was opened or downloaded.").waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Fee Schedule")!;
    const table = ws.getTables()[0] as unknown as { table: { name: string; tableRef: string } };
    expect(table.table).toMatchObject({ name: "FeeSchedule", tableRef: "A1:D41" });
    const rows = [];
    for (let r = 2; r <= 41; r++) rows.push([2, 3, 4].map((c) => ws.getCell(r, c).value).concat([ws.getCell(r, 1).value]));
    const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
    expect(rows.filter((r) => r[3] === BALANCED).map(([from, bp, rate]) => [iso(from), bp, rate])).toEqual([
      ["2004-11-01", 0, 0.001],
      ["2005-04-30", 0, 0.001],
      ["2005-04-30", 500000000, 0.00075],
      ["2005-04-30", 1000000000, 0.0005],
      ["2024-02-01", 0, 0.001],
      ["2024-02-01", 500000000, 0.00075],
      ["2024-02-01", 1000000000, 0.0005],
      ["2024-02-01", 2000000000, 0.0004],
    ]);
    expect(new Set(rows.map((r) => r[3])).size).toBe(9);
  }, 180000);

  it("imports a schedule CSV: a bad file is refused line by line and changes nothing; a good one replaces the draft, with no contradicting notice", async () => {
    await fresh("standalone.html");
    const importer = page.locator("label.file-button", { hasText: "Import CSV" }).locator("input[type=file]");
    await importer.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Portfolio,Effective From,Breakpoint,Annual Rate\nFund X,2024-02-30,0,0.10%\nFund Y,2024-01-01,0,lots\n") });
    const problems = page.getByRole("list", { name: "CSV problems" });
    expect(await problems.locator("li").allTextContents()).toEqual(['line 2: Effective From "2024-02-30" is not a YYYY-MM-DD date', 'line 3: Annual Rate "lots" is not a rate']);
    expect(await page.locator(".portfolio").count()).toBe(9); // the sample's nine portfolios, unchanged
    await checkState("07-csv-refused");
    await importer.setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from("Portfolio,Effective From,Breakpoint,Annual Rate\n'=Fund X,2024-01-01,0,0.0015\n") });
    await page.getByText("Imported 1 rows from good.csv").waitFor();
    expect(await page.getByRole("list", { name: "CSV problems" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^=Fund X/ }).textContent()).toContain("0.15% flat since 2024-01-01");
    await page.getByRole("button", { name: "Discard edits" }).click();
  }, 60000);

  it("month end with unsaved schedule edits asks first: run on the saved schedule, or save and run; both tabs keep their state", async () => {
    await fresh("standalone.html");
    await page.getByRole("button", { name: new RegExp(`^${GROWTH}`) }).click();
    await page.getByRole("textbox", { name: `${GROWTH} version 2 annual rate 1` }).fill("0.12%");
    await page.getByRole("tab", { name: "Month end" }).click();
    await page.getByRole("button", { name: "Run month-end reconciliation" }).click();
    const prompt = page.getByRole("alertdialog", { name: "Unsaved edits to the fee schedule" });
    await prompt.waitFor();
    await checkState("08-unsaved-edits-prompt");

    await prompt.getByRole("button", { name: "Run on the saved schedule" }).click();
    await page.getByRole("heading", { name: "Reconciliation January 2024" }).waitFor();
    const growthStatus = async () => {
      await setWidth(1280);
      const text = await page.getByRole("table", { name: "Reconciliation 2024-01" }).getByRole("row", { name: new RegExp(GROWTH) }).first().textContent();
      await setWidth(working);
      return text;
    };
    expect(await growthStatus()).toContain("OK");

    // The schedule tab still holds the edit after the switch.
    await page.getByRole("tab", { name: "Fee schedule" }).click();
    expect(await page.getByRole("textbox", { name: `${GROWTH} version 2 annual rate 1` }).inputValue()).toBe("0.12%");
    await page.getByRole("tab", { name: "Month end" }).click();
    expect(await page.getByRole("heading", { name: "Reconciliation January 2024" }).isVisible()).toBe(true);

    await page.getByRole("button", { name: "Run month-end reconciliation" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Save and run" }).click();
    await page.getByText(/Saved 36 schedule rows/).waitFor({ state: "attached" });
    await page.waitForFunction(() => document.activeElement?.id === "result-title");
    expect(await growthStatus()).toContain("Break");
  }, 120000);

  it("month-end review: plain-word badges, — for amounts that do not exist, totals that tie, sorting with aria-sort, a needs-attention filter, a drill-down that takes focus, CSV export", async () => {
    await fresh("standalone.html");
    await page.getByRole("tab", { name: "Month end" }).click();
    const run = page.getByRole("button", { name: "Run month-end reconciliation" });
    await run.click();
    await page.getByRole("heading", { name: "Reconciliation January 2024" }).waitFor();
    // Focus moves to the result after Run.
    expect(await focused()).toEqual({ tag: "H2", text: "Reconciliation January 2024" });
    expect(await page.getByText(/Basis ACT\/ACT; rounding DAILY .*net-asset timing SAME_DAY .*tolerance [\d,]+\.\d\d\./).count()).toBe(1);

    // Narrow: two-line items, attention first.
    const list = page.getByRole("list", { name: "Reconciliation 2024-01" });
    expect(await list.locator(".recon-item-second .badge").allTextContents()).toEqual(["Break", "Not billed", "OK", "OK", "OK", "OK", "OK", "OK", "OK"]);
    expect(await list.locator(".recon-item-name").first().textContent()).toBe(BALANCED);
    expect(await list.locator(".recon-item").nth(1).locator(".recon-item-diff").textContent()).toBe("Difference —none");
    await checkState("09-month-end-result");

    // Wide: a table, sortable by any column.
    working = 1280;
    await setWidth(working);
    const table = page.getByRole("table", { name: "Reconciliation 2024-01" });
    const header = (n: string) => table.getByRole("columnheader", { name: n });
    await header("Difference").getByRole("button").click();
    expect(await header("Difference").getAttribute("aria-sort")).toBe("ascending");
    expect(await header("Portfolio").getAttribute("aria-sort")).toBe("none");
    const names = () => table.locator("tbody tr th[scope=row]").allTextContents();
    const amount = (t: string) => (t.includes("none") ? null : Number(t.replace("\u2212", "-").replace(/,/g, "")));
    const differences = async () => (await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[3]?.textContent ?? ""))).map(amount);
    // Ascending, the amounts that do not exist last; negatives carry a real minus sign, never a hyphen.
    let diffs = await differences();
    expect(diffs[diffs.length - 1]).toBeNull();
    const present = diffs.filter((d): d is number => d !== null);
    expect(present).toEqual([...present].sort((a, b) => a - b));
    expect((await table.locator("tbody tr td").allTextContents()).some((t) => /^-\d/.test(t))).toBe(false);
    await header("Difference").getByRole("button").click();
    expect(await header("Difference").getAttribute("aria-sort")).toBe("descending");
    expect((await names())[0]).toBe(BALANCED);
    diffs = (await differences()).filter((d) => d !== null);
    expect(diffs).toEqual([...(diffs as number[])].sort((a, b) => b - a));
    // Totals tie: the compared difference is compared billed − compared expected, over the rows that have both.
    const cells = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    const both = cells.filter((c) => !c[3].includes("none"));
    const cents = (t: string) => Math.round(amount(t)! * 100);
    const compared = (await table.locator("tfoot tr").nth(1).locator("td").allTextContents()).slice(0, 3).map(cents);
    expect(compared[0]).toBe(both.reduce((s, c) => s + cents(c[1]), 0));
    expect(compared[1]).toBe(both.reduce((s, c) => s + cents(c[2]), 0));
    expect(compared[2]).toBe(compared[1] - compared[0]);
    await checkState("10-sorted-wide");

    await page.getByRole("switch", { name: /Needs attention only/ }).check();
    expect((await names()).length).toBe(2);
    expect((await names())[0]).toBe(BALANCED);
    await checkState("11-needs-attention");

    // The drill-down opens in place under its row and takes focus; its total equals Expected.
    await page.getByRole("button", { name: `Show daily accruals of ${BALANCED}` }).click();
    expect(await focused()).toEqual({ tag: "H3", text: `Daily accruals of ${BALANCED}` });
    const days = page.getByRole("table", { name: `Daily accruals of ${BALANCED}` });
    expect(await days.locator("tbody tr").count()).toBe(31);
    expect(await days.locator("thead th").allTextContents()).toEqual(["Date", "NAV date", "Net assets", "Version", "Rate", "Daily accrual"]);
    expect(await days.locator("tbody tr").first().locator("td").allTextContents()).toEqual(["2024-01-01", expect.stringMatching(/^20\d\d-\d\d-\d\d$/), expect.stringMatching(/^[\d,]+\.\d\d$/), "2005-04-30", expect.stringMatching(/^\u2248?0\.\d+%$/), expect.stringMatching(/^[\d,]+\.\d\d$/)]);
    const expected = await table.locator("tbody tr", { hasText: BALANCED }).first().locator("td").nth(1).textContent();
    expect(await days.locator("tfoot td").last().textContent()).toBe(expected);
    await page.getByText("The bill implies an annual rate of").waitFor();
    await page.locator(".chart svg").first().waitFor();
    await checkState("12-drill-down");

    // Narrow again: the same drill-down, compact, still in place.
    working = 350;
    await setWidth(working);
    expect(await page.getByRole("table", { name: `Daily accruals of ${BALANCED}` }).locator("tbody tr").count()).toBe(31);

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    const csv = readFileSync(await dl.path(), "utf8").split("\r\n");
    expect(csv[0]).toBe("Month,Portfolio,Status,Days,Average Daily Net Assets,Annual Rate,Expected Fee,Billed Fee,Difference,Gross Fee,Waiver,Sub-Advisory Fee,Manager's Net");
    expect(csv.find((l) => l.includes(",Not billed,"))).toMatch(/,Not billed,\d+,.*,,,[\d.]+,0\.00,,$/);
    const cmp = /^2024-01,Compared \(8 rows with both expected and billed\),,,,,([\d.]+),([\d.]+),(-?[\d.]+),,,,$/.exec(csv.find((l) => l.startsWith("2024-01,Compared"))!)!;
    expect(Math.round(Number(cmp[3]) * 100)).toBe(Math.round(Number(cmp[2]) * 100) - Math.round(Number(cmp[1]) * 100));

    // Standalone: what was written lives in this browser until downloaded, and leaving asks first.
    await page.getByText(/1 change kept in this browser since the last download/).waitFor();
    const asked = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
    await page.reload().catch(() => undefined);
    expect(await asked).toBe("beforeunload");
    expect(await page.getByRole("heading", { name: "Reconciliation January 2024" }).isVisible()).toBe(true);
  }, 180000);

  it("200 portfolios: one line each, a search box, a keystroke under 50 ms; month end in a Web Worker with stages and Cancel, the page responsive", async () => {
    await fresh("standalone.html");
    await page.locator("label.file-button", { hasText: "Open .xlsx" }).locator("input[type=file]").setInputFiles({ name: "two-hundred.xlsx", mimeType: "application/octet-stream", buffer: await bigWorkbook() });
    await page.getByText("Workbook: two-hundred.xlsx").waitFor();
    await page.getByText("200 portfolios").waitFor();
    measured.scheduleEditorHeight200 = await page.evaluate(() => document.documentElement.scrollHeight);
    await checkState("13-schedule-200-portfolios");

    await page.getByRole("searchbox", { name: "Find a portfolio" }).fill("Portfolio 12");
    expect(await page.getByRole("region", { name: /^Portfolio 12/ }).count()).toBe(10); // 120–129
    await checkState("14-schedule-search");
    await page.getByRole("searchbox", { name: "Find a portfolio" }).fill("");

    // A keystroke in a 200-portfolio schedule: from keydown to the next frame painted, measured in the page.
    await page.getByRole("button", { name: /^Portfolio 150/ }).click();
    const rate = page.getByRole("textbox", { name: "Portfolio 150 version 1 annual rate 1" });
    await rate.click();
    await rate.press("End");
    await page.evaluate(() => {
      const w = window as unknown as { __keys: number[] };
      w.__keys = [];
      document.addEventListener(
        "keydown",
        () => {
          const t0 = performance.now();
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => w.__keys.push(performance.now() - t0);
            ch.port2.postMessage(0);
          });
        },
        true,
      );
    });
    for (const key of ["Backspace", "Backspace", "Backspace", "Backspace", "Backspace", "0", ".", "1", "2", "%", "Backspace", "Backspace", "0", "%"]) {
      await page.keyboard.press(key);
      await page.waitForTimeout(60);
    }
    expect(await rate.inputValue()).toBe("0.10%");
    const keys = (await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys)).sort((a, b) => a - b);
    measured.keystrokeMs = { count: keys.length, median: keys[Math.floor(keys.length / 2)], p90: keys[Math.floor(keys.length * 0.9)], max: keys[keys.length - 1] };
    console.log(`keystroke in a 200-portfolio schedule (ms): ${JSON.stringify(measured.keystrokeMs)}`);
    expect(keys.length).toBe(14);
    // The budget is on the typical keystroke (the median of 14, each from keydown to the next frame, paint included);
    // no keystroke may take a quarter of a second (before, every keystroke took 100–300 ms).
    expect(keys[Math.floor(keys.length / 2)]).toBeLessThan(50);
    expect(keys[keys.length - 1]).toBeLessThan(250);
    await page.getByRole("button", { name: /^Portfolio 150/ }).click();

    // Month end, held while the worker's script is on its way: the running state (stage, Cancel, focus kept), then Cancel.
    let release: () => void = () => undefined;
    server.hold.before = (rel) => (rel.includes("month-end-worker") ? new Promise<void>((r) => (release = r)) : undefined);
    await page.getByRole("tab", { name: "Month end" }).click();
    const run = page.getByRole("button", { name: "Run month-end reconciliation" });
    await run.click();
    // The worker's script has not arrived: the workbook is not lent to it yet, and Cancel stops at once.
    await page.locator(".progress").getByText("Starting…").waitFor();
    expect(await run.getAttribute("aria-disabled")).toBe("true");
    expect(await focused()).toEqual({ tag: "BUTTON", text: "Run month-end reconciliation" });
    await checkState("15-month-end-running");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("The month-end run was cancelled; the workbook was not changed.").waitFor();
    server.hold.before = undefined;
    release();
    expect(await focused()).toEqual({ tag: "BUTTON", text: "Run month-end reconciliation" });
    await page.getByText("No changes since it was opened or downloaded.").waitFor();

    // Cancel once the worker holds the file (a stage from the worker is showing): the file comes back as it was lent.
    await run.click();
    await page.waitForFunction(() => /^(Reading|Accruing|Writing)/.test(document.querySelector(".progress span")?.textContent ?? ""));
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("The month-end run was cancelled; the workbook was not changed.").waitFor();
    expect(await focused()).toEqual({ tag: "BUTTON", text: "Run month-end reconciliation" });
    await page.getByText("No changes since it was opened or downloaded.").waitFor();

    // The full run: stages named, focus never dropped, long tasks and frames counted in the page.
    await page.evaluate(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[]; __frames: number; __stages: string[]; __focusLost: boolean; __stop: boolean };
      w.__long = [];
      w.__frames = 0;
      w.__stages = [];
      w.__focusLost = false;
      w.__stop = false;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push({ start: e.startTime, duration: e.duration }))).observe({ type: "longtask" });
      const frame = () => {
        w.__frames++;
        if (document.activeElement === document.body || document.activeElement === null) w.__focusLost = true;
        if (!w.__stop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      // Every stage line the page shows, as it is put in the page.
      new MutationObserver(() => {
        const s = document.querySelector(".progress span")?.textContent;
        if (s && w.__stages[w.__stages.length - 1] !== s) w.__stages.push(s);
      }).observe(document.querySelector(".progress")!, { childList: true, subtree: true, characterData: true });
    });
    const t0 = await page.evaluate(() => performance.now());
    await run.click();
    // Waited for by id: a role query walks the whole page (a 200-portfolio schedule included) in the page's own thread, and would be counted as the app's.
    await page.locator("#result-title", { hasText: "Reconciliation January 2024" }).waitFor({ timeout: 60000 });
    const t1 = await page.evaluate(() => performance.now());
    const perf = await page.evaluate(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[]; __frames: number; __stages: string[]; __focusLost: boolean; __stop: boolean };
      w.__stop = true;
      return { long: w.__long, frames: w.__frames, stages: w.__stages, focusLost: w.__focusLost };
    });
    const during = perf.long.filter((l) => l.start >= t0 && l.start <= t1);
    const runMs = t1 - t0;
    const blockedMs = during.reduce((s, l) => s + l.duration, 0);
    measured.monthEnd200 = { runMs: Math.round(runMs), longTasks: during.length, longestMs: Math.round(Math.max(0, ...during.map((l) => l.duration))), blockedShare: Number((blockedMs / runMs).toFixed(3)), frames: perf.frames, stages: perf.stages };
    console.log(`200-portfolio month end in the pane: ${JSON.stringify(measured.monthEnd200)}`);
    expect(perf.stages).toEqual(expect.arrayContaining(["Reading net assets…", "Accruing 6,200 days…", "Writing sheets…"]));
    expect(perf.focusLost).toBe(false);
    // Budgets. Standalone, the whole run (reading the .xlsx, accruing, writing the new file) is in the worker; the page
    // only shows stages, takes the written file back and renders the result (in a transition, in slices). Measured on
    // this shared 2-core machine with the production build: 1-2 long tasks, the longest 55-104 ms, 2.5-5% of the run
    // blocked (2.2-3.1 s runs); before, with the file read and written on the page, 34-41% blocked, the longest task 234-329 ms.
    // The budgets leave room for a loaded machine: no task over 300 ms, under 20% of the run blocked.
    expect(Math.max(0, ...during.map((l) => l.duration))).toBeLessThan(300);
    expect(blockedMs / runMs).toBeLessThan(0.2);
    expect(await focused()).toEqual({ tag: "H2", text: "Reconciliation January 2024" });
    expect(await page.getByRole("list", { name: "Reconciliation 2024-01" }).locator(".recon-item.attention").count()).toBe(24); // 20 breaks, 4 not billed
    await checkState("16-month-end-200");

    // The file the worker wrote is the pane's workbook now: the download holds the two new sheets beside the data.
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const written = new ExcelJS.Workbook();
    await written.xlsx.load(readFileSync(await dl.path()) as unknown as ExcelJS.Buffer);
    expect(["Net Assets", "Recon 2024-01", "Accruals 2024-01"].map((n) => written.getWorksheet(n)?.actualRowCount)).toEqual([1 + 6200, expect.any(Number), 1 + 6200]);
    const recon = written.getWorksheet("Recon 2024-01")!;
    expect(recon.getRow(1).values).toEqual(expect.arrayContaining(["Portfolio", "Expected Fee", "Billed Fee", "Difference", "Status"]));
    const names = new Set<string>();
    recon.eachRow((row, n) => void (n > 1 && /^Portfolio \d{3}$/.test(String(row.getCell(1).value)) && names.add(String(row.getCell(1).value))));
    expect(names.size).toBe(200);
  }, 300000);

  it("Settings and Calendar: the same checks as every state; unsaved settings edits ask before month end and before the page is left", async () => {
    await fresh("standalone.html");
    await page.getByRole("tab", { name: "Settings" }).click();
    const settings = page.locator("#panel-settings");
    await settings.getByText("From the sheet “Fee Settings”.").waitFor();
    expect(await page.getByRole("combobox", { name: "Net Assets Timing" }).inputValue()).toBe("SAME_DAY");
    await checkState("18-settings");

    // An unsaved settings edit, and nothing else changed: leaving the page asks first.
    await page.getByRole("combobox", { name: "Rounding" }).selectOption("PERIOD");
    await settings.getByText("Unsaved settings edits", { exact: true }).waitFor();
    await page.getByText("No changes since it was opened or downloaded.").waitFor();
    const asked = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
    await page.reload().catch(() => undefined);
    expect(await asked).toBe("beforeunload");
    expect(await page.getByRole("combobox", { name: "Rounding" }).inputValue()).toBe("PERIOD");

    // Month end asks before running on the saved settings.
    await page.getByRole("tab", { name: "Month end" }).click();
    await page.getByRole("button", { name: "Run month-end reconciliation" }).click();
    const prompt = page.getByRole("alertdialog", { name: "Unsaved edits to the fee settings" });
    await prompt.waitFor();
    await prompt.getByRole("button", { name: "Run on the saved settings" }).waitFor();
    await checkState("19-settings-unsaved-prompt");
    await prompt.getByRole("button", { name: "Save and run" }).click();
    await page.getByRole("heading", { name: "Reconciliation January 2024" }).waitFor();
    expect(await focused()).toEqual({ tag: "H2", text: "Reconciliation January 2024" });
    // The run used the saved setting.
    expect(await page.getByText(/Basis ACT\/ACT; rounding PERIOD /).count()).toBe(1);
    await page.getByRole("tab", { name: "Settings" }).click();
    await settings.getByText(/^Saved the Fee Settings to Fee Settings\. Kept in this browser/).waitFor();
    await settings.getByText("No unsaved settings edits", { exact: true }).waitFor();

    // Saving from the tab: focus stays on Save (now unavailable), not dropped to the page.
    await page.getByRole("textbox", { name: "Tolerance" }).fill("0.05");
    await page.getByRole("button", { name: "Save settings" }).click();
    await settings.getByText("No unsaved settings edits", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Save settings" }).getAttribute("aria-disabled")).toBe("true");
    expect(await focused()).toEqual({ tag: "BUTTON", text: "Save settings" });

    await page.getByRole("tab", { name: "Calendar" }).click();
    await page.locator("#panel-calendar input[type=date]").fill("2024-01-31");
    await page.getByRole("button", { name: "Update the Agreement Calendar" }).click();
    await page.getByText(/1 of 9 portfolios need a continuance approval/).waitFor();
    // Focus stays on the button that wrote the sheet (it was never disabled out from under the keyboard).
    expect(await focused()).toEqual({ tag: "BUTTON", text: "Update the Agreement Calendar" });
    await checkState("27-calendar");
  }, 120000);

  it("edits the fee waivers, the sub-advisory schedule and the aggregation groups with the schedule's editor: an overlap named on both periods, Save, the file holds the rows", async () => {
    await fresh("standalone.html");
    await page.locator("label.file-button", { hasText: "Open .xlsx" }).locator("input[type=file]").setInputFiles({ name: "arrangements.xlsx", mimeType: "application/octet-stream", buffer: await arrangementsWorkbook() });
    await page.getByText("Workbook: arrangements.xlsx").waitFor();
    await page.getByRole("tab", { name: "Waivers" }).click();
    const fundW = page.getByRole("button", { name: /^Fund W/ });
    expect(await fundW.textContent()).toContain("0.95% to 0.75% (4 tiers), 2024-01-15 to 2025-04-30");
    await page.getByRole("button", { name: "Add waiver period to Fund W" }).click();
    const period2 = page.getByRole("group", { name: "Fund W, waiver period 2" });
    await period2.getByLabel("Fund W waiver period 2 waiver from").fill("2025-01-01");
    await period2.getByLabel("Fund W waiver period 2 waiver to (inclusive)").fill("2025-12-31");
    const overlap = "Fund W: waiver periods 1 (2024-01-15 to 2025-04-30) and 2 (2025-01-01 to 2025-12-31) overlap; one day can be under one waiver only.";
    expect(await page.getByRole("list", { name: "Problems" }).locator("li").allTextContents()).toEqual([overlap, overlap]);
    // Shown on both periods' first-day fields.
    expect(await page.getByText(overlap).count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole("button", { name: "Save waivers" }).getAttribute("aria-disabled")).toBe("true");
    await checkState("23-waiver-overlap");
    await period2.getByLabel("Fund W waiver period 2 waiver from").fill("2025-05-01");
    await page.getByRole("list", { name: "Problems" }).waitFor({ state: "detached" });
    await checkState("24-waiver-editor");
    await page.getByRole("button", { name: "Save waivers" }).click();
    await page.getByText("Saved 8 waiver rows").waitFor();

    await page.getByRole("tab", { name: "Sub-advisory" }).click();
    expect(await page.getByRole("button", { name: /^Fund S/ }).textContent()).toContain("Sub-Adviser LLC: 5 tiers, 0.41% to 0.36%, since 2010-01-01, on group Growth");
    await page.getByLabel("Fund S version 1 aggregation group").fill("Value");
    await page.getByText('group "Value" is not in the Aggregation Groups').first().waitFor();
    await checkState("25-sub-advisory-editor");
    await page.getByRole("button", { name: "Discard edits" }).click();
    await page.getByText("No unsaved edits").waitFor();

    await page.getByRole("tab", { name: "Groups" }).click();
    expect(await page.getByRole("button", { name: /^Growth/ }).textContent()).toContain("2 members: Fund S, Fund B");
    await page.getByRole("button", { name: "Add member to Growth" }).click();
    await page.getByLabel("Growth member 3").fill("Fund C");
    await checkState("26-groups-editor");
    await page.getByRole("button", { name: "Save groups" }).click();
    await page.getByText("Saved 3 group rows").waitFor();

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await dl.path()) as unknown as ExcelJS.Buffer);
    const values = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const out: unknown[][] = [];
      ws.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))));
      return out;
    };
    expect(values("Fee Waivers").slice(4)).toEqual([
      ["Fund W", "2024-01-15", "2025-04-30", 1e9, 0.0075],
      ["Fund W", "2025-05-01", "2025-12-31", 0, 0.0095],
      ["Fund W", "2025-05-01", "2025-12-31", 250e6, 0.009],
      ["Fund W", "2025-05-01", "2025-12-31", 500e6, 0.008],
      ["Fund W", "2025-05-01", "2025-12-31", 1e9, 0.0075],
    ]);
    expect(values("Aggregation Groups")).toEqual([["Group", "Portfolio"], ["Growth", "Fund S"], ["Growth", "Fund B"], ["Growth", "Fund C"]]);
  }, 120000);

  it("a workbook with a fee waiver and a sub-advisory fee: the review and the drill-down show gross, waiver, payable, sub-advisory and the Manager's net; the totals equal the review's", async () => {
    await fresh("standalone.html");
    await page.locator("label.file-button", { hasText: "Open .xlsx" }).locator("input[type=file]").setInputFiles({ name: "arrangements.xlsx", mimeType: "application/octet-stream", buffer: await arrangementsWorkbook() });
    await page.getByText("Workbook: arrangements.xlsx").waitFor();
    await page.getByRole("tab", { name: "Month end" }).click();
    await page.getByRole("button", { name: "Run month-end reconciliation" }).click();
    await page.getByRole("heading", { name: "Reconciliation January 2024" }).waitFor();
    const pairs = async (dl: ReturnType<Page["locator"]>) => {
      const dts = await dl.locator("dt").allTextContents();
      const dds = await dl.locator("dd").allTextContents();
      return Object.fromEntries(dts.map((t, i) => [t, dds[i]]));
    };

    // Narrow: the expanded item lists the breakdown, — where there is no sub-advisory fee.
    const list = page.getByRole("list", { name: "Reconciliation 2024-01" });
    await list.locator(".recon-item-head", { hasText: "Fund W" }).click();
    expect(await pairs(list.locator(".recon-item", { hasText: "Fund W" }).locator("dl.pairs"))).toMatchObject({
      Expected: "480,532.76",
      "Gross fee": "506,079.34",
      Waiver: "25,546.58",
      "Sub-advisory fee": "\u2014none",
      "Manager’s net": "\u2014none",
    });
    const wDays = page.getByRole("table", { name: "Daily accruals of Fund W" });
    expect(await wDays.locator("tbody tr").count()).toBe(31);
    expect(await wDays.locator("tfoot td").allTextContents()).toEqual(["506,079.34", "25,546.58", "480,532.76", "\u2014none"]);
    expect(await wDays.locator("tbody tr").nth(14).locator("td").last().textContent()).toContain("waiver 1,502.74");
    await checkState("20-review-waiver-narrow");
    await list.locator(".recon-item-head", { hasText: "Fund W" }).click();
    await list.locator(".recon-item-head", { hasText: "Fund S" }).click();
    expect(await pairs(list.locator(".recon-item", { hasText: "Fund S" }).locator("dl.pairs"))).toMatchObject({
      Expected: "174,481.02",
      "Gross fee": "174,481.02",
      Waiver: "0.00",
      "Sub-advisory fee": "93,353.40",
      "Manager’s net": "81,127.62",
    });
    const sDays = page.getByRole("table", { name: "Daily accruals of Fund S" });
    expect(await sDays.locator("tfoot td").allTextContents()).toEqual(["174,481.02", "0.00", "174,481.02", "93,353.40"]);
    expect(await sDays.locator("tbody tr").first().locator("td").last().textContent()).toContain("sub-adv. 3,011.40");
    // Totals tie: gross − waiver = payable; payable − sub-advisory = net over the sub-advised portfolio.
    expect(await pairs(page.locator("dl.pairs.totals"))).toMatchObject({
      "Total gross fee": "680,560.36",
      "Total waiver": "25,546.58",
      "Total fee payable (= total expected)": "655,013.78",
      "Sub-advised (1 portfolio): fee payable": "174,481.02",
      "sub-advisory fee": "93,353.40",
      "Manager’s net": "81,127.62",
    });
    await checkState("21-review-sub-advisory-narrow");

    // Wide: the table's expandable detail lists the breakdown; the days get four amount columns.
    working = 1280;
    await setWidth(working);
    await page.getByRole("button", { name: "Show daily accruals of Fund W" }).click();
    expect(await pairs(page.locator("section.drill dl.pairs"))).toMatchObject({ "Gross fee": "506,079.34", Waiver: "25,546.58", "Fee payable (expected)": "480,532.76" });
    const wide = page.getByRole("table", { name: "Daily accruals of Fund W" });
    expect(await wide.locator("thead th").allTextContents()).toEqual(["Date", "NAV date", "Net assets", "Version", "Rate", "Gross accrual", "Waiver", "Payable accrual", "Sub-advisory accrual"]);
    expect(await wide.locator("tbody tr").nth(14).locator("td").allTextContents()).toEqual(["2024-01-15", "2023-12-29", "600,000,000.00", "2010-01-01", expect.stringMatching(/%$/), "16,325.14", "1,502.74", "14,822.40", "\u2014"]);
    expect(await wide.locator("tfoot td").allTextContents()).toEqual(["506,079.34", "25,546.58", "480,532.76", "\u2014none"]);
    await checkState("22-review-drill-down-wide");
    working = 350;
    await setWidth(working);
  }, 120000);

  it("the Office page, opened outside Office, falls back to the standalone pane (Office.onReady gives host null)", async () => {
    await fresh("taskpane.html");
    await page.getByText("Standalone mode").waitFor();
    await page.getByRole("tab", { name: "Fee schedule" }).waitFor();
    // The pane's stylesheet loaded (layout, visible focus).
    expect(await page.locator("main.app").evaluate((e) => getComputedStyle(e).display)).toBe("flex");
    await checkState("17-office-page-outside-office");
  }, 60000);
});
