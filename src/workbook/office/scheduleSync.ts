/* global Excel, Office */
import { DateSystem, FeeSchedule, ScheduleIssue } from "../../engine";
import { CONTRACT, readSchedule } from "../contract";
import { readDateSystem, readOfficeBlock } from "./officeBlocks";

/** What the sync keeps up to date: the functions' view of the workbook's schedule. */
export interface ScheduleTarget {
  readonly status: "loading" | "ready" | "error";
  beginLoading(): void;
  loaded(schedule: FeeSchedule, issues: ScheduleIssue[], dateSystem: DateSystem): void;
  failed(message: string): void;
}

const LOAD_TIMEOUT_MS = 15000;

async function reload(state: ScheduleTarget): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const dateSystem = await readDateSystem(context);
      const block = await readOfficeBlock(context, "schedule");
      if (!block) state.loaded({ portfolios: [] }, [], dateSystem);
      else {
        const read = readSchedule(block, dateSystem);
        state.loaded(read.schedule, read.issues, dateSystem);
      }
    });
  } catch (e) {
    state.failed(`could not read the Fee Schedule: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function recalculate(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}

/**
 * In Excel: loads the workbook's fee schedule when the add-in starts (it loads
 * with the document), and reloads it whenever the Fee Schedule sheet changes or
 * a sheet is added, then recalculates so FEE formulas follow. Functions that
 * need a portfolio name wait for the first load; if it never comes they get an
 * error after a timeout rather than #BUSY! for ever.
 */
export function startScheduleSync(state: ScheduleTarget): void {
  // Outside Excel (tests, the JavaScript-only runtime without a workbook) there is nothing to load: the schedule stays empty.
  if (typeof Office === "undefined" || typeof Excel === "undefined") return;
  state.beginLoading();
  const timer = setTimeout(() => {
    if (state.status === "loading") state.failed("the workbook's Fee Schedule did not load in time; reopen the add-in");
  }, LOAD_TIMEOUT_MS);
  Office.onReady(async () => {
    await reload(state);
    clearTimeout(timer);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(pending);
      pending = setTimeout(async () => {
        await reload(state);
        await recalculate().catch(() => undefined);
      }, 300);
    };
    try {
      await Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.onAdded.add(async () => refresh());
        sheets.onDeleted.add(async () => refresh());
        sheets.onChanged.add((event) =>
          Excel.run(async (ctx) => {
            const ws = ctx.workbook.worksheets.getItem(event.worksheetId);
            ws.load("name");
            const table = ctx.workbook.tables.getItemOrNullObject(CONTRACT.schedule.table);
            await ctx.sync();
            let scheduleSheet: string = CONTRACT.schedule.sheet;
            if (!table.isNullObject) {
              const tws = table.worksheet;
              tws.load("name");
              await ctx.sync();
              scheduleSheet = tws.name;
            }
            if (ws.name === scheduleSheet) refresh();
          }),
        );
        await context.sync();
      });
    } catch {
      // Older clients without worksheet events still get the schedule at load time.
    }
  });
}
