import ExcelJS from "exceljs";
import { mkdirSync, readFileSync } from "fs";
import path from "path";
import { BrowserContext, Page } from "playwright-core";
import { describeWithChromium, launch } from "../support/browser";
import { serveFolder } from "../support/staticServer";

const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const BALANCED = "MetLife Balanced Strategy Portfolio";

describeWithChromium("browser tests of the task pane")("the task pane in headless Chromium (standalone mode)", () => {
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

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
  }, 60000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it("loads Schedule A into a new workbook, meets and fixes a validation error in a tiered amendment, saves, and the file holds the rows", async () => {
    await page.goto(`${server.url}/standalone.html?start=blank`);
    await page.getByText("This workbook has no fee schedule yet").waitFor();
    await shot("01-new-workbook");

    await page.getByRole("button", { name: "Load Schedule A" }).click();
    // Schedule A as amended: 5 portfolios x (1 + 3 tiers) and 4 portfolios x (1 + 3 tiers) = 36 rows.
    await page.getByText("Saved 36 schedule rows").waitFor();
    await shot("02-schedule-a-loaded");

    const balanced = page.getByRole("region", { name: BALANCED });
    await balanced.getByRole("button", { name: `Add an amendment to ${BALANCED}` }).click();
    // The amendment starts from Amendment No. 1's three tiers.
    const amendment = balanced.getByRole("group", { name: `${BALANCED}, version 3` });
    await amendment.locator("input[type=date]").fill("2024-02-01");
    await amendment.getByRole("button", { name: /Add a tier/ }).click();
    const inputs = amendment.locator("input:not([type=date])");
    // Tier 4: breakpoint 0, which is not above tier 3's $1 billion: a validation error.
    await inputs.nth(6).fill("0");
    await inputs.nth(7).fill("0.04%");
    await page.getByText("must be above 1000000000").first().waitFor();
    expect(await page.getByRole("button", { name: "Save schedule" }).isDisabled()).toBe(true);
    await shot("03-validation-error");

    await inputs.nth(6).fill("2,000,000,000");
    await page.getByText("must be above 1000000000").first().waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: "Save schedule" }).isDisabled()).toBe(false);
    await shot("04-fixed");

    await page.getByRole("button", { name: "Save schedule" }).click();
    await page.getByText("Saved 40 schedule rows").waitFor();
    await shot("05-saved");

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const file = path.join(ARTIFACTS, "saved-schedule.xlsx");
    await dl.saveAs(file);
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
  }, 120000);

  it("keeps unsaved edits when the pane is closed and reopened in the same session", async () => {
    await page.goto(`${server.url}/standalone.html`);
    const growth = page.getByRole("region", { name: "MetLife Growth Strategy Portfolio" });
    await growth.locator("input:not([type=date])").nth(1).fill("0.12%");
    await page.reload();
    await page.getByText("Your unsaved edits from earlier in this session are back").waitFor();
    expect(await page.getByRole("region", { name: "MetLife Growth Strategy Portfolio" }).locator("input:not([type=date])").nth(1).inputValue()).toBe("0.12%");
    await shot("06-edits-restored");
    await page.getByRole("button", { name: "Discard edits" }).click();
  }, 60000);

  it("imports a schedule CSV: a file with bad lines is refused line by line and changes nothing; a good one replaces the draft", async () => {
    await page.goto(`${server.url}/standalone.html`);
    const importer = page.locator("label.file-button", { hasText: "Import CSV" }).locator("input[type=file]");
    await importer.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Portfolio,Effective From,Breakpoint,Annual Rate\nFund X,2024-02-30,0,0.10%\nFund Y,2024-01-01,0,lots\n") });
    const problems = page.getByRole("list", { name: "CSV problems" });
    expect(await problems.locator("li").allTextContents()).toEqual(['line 2: Effective From "2024-02-30" is not a YYYY-MM-DD date', 'line 3: Annual Rate "lots" is not a rate']);
    expect(await page.getByRole("region").count()).toBe(9); // the sample's nine portfolios, unchanged
    await shot("06b-csv-refused");
    await importer.setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from("Portfolio,Effective From,Breakpoint,Annual Rate\n'=Fund X,2024-01-01,0,0.0015\n") });
    await page.getByText("Imported 1 rows from good.csv").waitFor();
    expect(await page.getByRole("region").count()).toBe(1);
    expect(await page.getByRole("region").locator("input").first().inputValue()).toBe("=Fund X");
    await page.getByRole("button", { name: "Discard edits" }).click();
  }, 60000);

  it("runs the month end on the bundled sample: breaks first, accruals traceable, sheets in the download", async () => {
    await page.goto(`${server.url}/standalone.html`);
    await page.getByRole("tab", { name: "Month end" }).click();
    await page.getByRole("button", { name: "Run month-end reconciliation" }).click();
    const table = page.getByRole("table", { name: "Reconciliation 2024-01" });
    await table.waitFor();
    const statuses = await table.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(statuses).toEqual(["BREAK", "NOT_BILLED", "OK", "OK", "OK", "OK", "OK", "OK", "OK"]);
    expect(await table.locator("tbody tr").first().locator("td").first().textContent()).toBe(BALANCED);
    await page.getByRole("button", { name: `Show the daily accruals of ${BALANCED}` }).click();
    const days = page.getByRole("table", { name: `Daily accruals of ${BALANCED}` });
    expect(await days.locator("tbody tr").count()).toBe(31);
    await shot("07-month-end");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const file = path.join(ARTIFACTS, "month-end.xlsx");
    await dl.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Fee Schedule", "Net Assets", "Invoices", "Fee Settings", "Agreements", "Recon 2024-01", "Accruals 2024-01"]);
  }, 60000);

  it("shows the sample's Fee Settings and writes the Agreement Calendar", async () => {
    await page.goto(`${server.url}/standalone.html`);
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByText("From the sheet “Fee Settings”.").waitFor();
    expect(await page.getByRole("combobox", { name: "Net Assets Timing" }).inputValue()).toBe("SAME_DAY");
    await shot("09-settings");
    await page.getByRole("tab", { name: "Calendar" }).click();
    await page.locator("input[type=date]").fill("2024-01-31");
    await page.getByRole("button", { name: "Update the Agreement Calendar" }).click();
    await page.getByText(/1 of 9 portfolios need a continuance approval/).waitFor();
    await shot("10-calendar");
  }, 60000);

  it("the Office page, opened outside Office, falls back to the standalone pane (Office.onReady gives host null)", async () => {
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByText("Standalone mode").waitFor();
    await page.getByRole("tab", { name: "Fee schedule" }).waitFor();
    // The pane's stylesheet loaded (layout, visible focus).
    expect(await page.locator("main.app").evaluate((e) => getComputedStyle(e).display)).toBe("flex");
    await shot("08-office-page-outside-office");
  }, 60000);
});
