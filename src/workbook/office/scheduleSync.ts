/* global Excel, Office */
import { CONTRACT, ContractKind } from "../contract";
import { CONTEXT_SOURCES, EMPTY_CONTEXT, WorkbookContext, contextFromBlocks } from "../workbookContext";
import { OfficeBlock, readDateSystem, readOfficeBlock } from "./officeBlocks";
import { recalculateFeeFormulas } from "./recalculateFee";

/** What the sync keeps up to date: the functions' view of the workbook. */
export interface ContextTarget {
  readonly status: "loading" | "ready" | "error";
  beginLoading(): void;
  loaded(context: WorkbookContext): void;
  failed(message: string): void;
}

export interface SyncOptions {
  /** How long functions wait for the first load before they answer with an error. */
  timeoutMs: number;
  /** Changes closer together than this make one reload. */
  debounceMs: number;
  /** Delays before trying a failed load again. */
  retryMs: readonly number[];
}

const DEFAULTS: SyncOptions = { timeoutMs: 15000, debounceMs: 300, retryMs: [2000, 5000, 15000, 60000] };

/** Where each context source lives: the id of the worksheet holding its table (or sheet), or "" when the workbook has neither. */
type Locations = Record<string, string>;

async function readLocations(context: Excel.RequestContext): Promise<Locations> {
  const found = CONTEXT_SOURCES.map((kind) => ({ kind, table: context.workbook.tables.getItemOrNullObject(CONTRACT[kind].table), sheet: context.workbook.worksheets.getItemOrNullObject(CONTRACT[kind].sheet) }));
  for (const f of found) f.sheet.load("id");
  await context.sync();
  const sheets = found.map((f) => {
    if (f.table.isNullObject) return null;
    const ws = f.table.worksheet;
    ws.load("id");
    return ws;
  });
  await context.sync();
  return Object.fromEntries(found.map((f, i) => [f.kind, sheets[i]?.id ?? (f.sheet.isNullObject ? "" : f.sheet.id)]));
}

const sameLocations = (a: Locations, b: Locations) => CONTEXT_SOURCES.every((k) => a[k] === b[k]);

/**
 * Keeps the functions' workbook context (date system, fee schedule; later fee
 * settings and agreements) in step with the open workbook. It reads the
 * workbook once Office.js is ready, then reloads when a source table or sheet
 * changes (not when another sheet is added, deleted or edited, as the
 * month-end run does), and then recalculates the FEE formulas only.
 */
class WorkbookSync {
  private locations: Locations = {};
  private answeredWithError = false;
  private pendingCheck = false;
  private pendingReload = false;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: ContextTarget,
    private readonly options: SyncOptions,
  ) {}

  /** Called when the first load is late: functions waiting on it answer with an error, and are recalculated once it loads. */
  timedOut(): void {
    if (this.target.status !== "loading") return;
    this.answeredWithError = true;
    this.target.failed("the workbook's Fee Schedule did not load in time; it will be read again, or reopen the add-in");
  }

  async start(loadedOrFailed: () => void): Promise<void> {
    await this.load();
    loadedOrFailed();
    await this.watch();
  }

  private async load(): Promise<void> {
    try {
      const context = await Excel.run(async (ctx) => {
        const blocks: Partial<Record<ContractKind, OfficeBlock | null>> = {};
        for (const kind of CONTEXT_SOURCES) blocks[kind] = await readOfficeBlock(ctx, kind, { text: kind === "schedule" });
        const dateSystem = await readDateSystem(ctx, blocks.schedule);
        this.locations = Object.fromEntries(CONTEXT_SOURCES.map((k) => [k, blocks[k]?.worksheetId ?? ""]));
        return contextFromBlocks(blocks, dateSystem);
      });
      this.retries = 0;
      this.target.loaded(context);
    } catch (e) {
      this.answeredWithError = true;
      this.target.failed(`could not read the Fee Schedule: ${e instanceof Error ? e.message : String(e)}`);
      const delay = this.options.retryMs[this.retries++];
      if (delay !== undefined) setTimeout(() => void this.reloadAndRecalculate(), delay);
      return;
    }
    if (this.answeredWithError) {
      this.answeredWithError = false;
      await recalculateFeeFormulas().catch(() => undefined);
    }
  }

  /** Reloads run one after another, never two reads of the workbook at once. */
  private reloadAndRecalculate(): Promise<void> {
    this.queue = this.queue.then(async () => {
      const hadError = this.answeredWithError;
      await this.load();
      // load() recalculates after an error already; after a plain change, recalculate here.
      if (!hadError && this.target.status !== "loading") await recalculateFeeFormulas().catch(() => undefined);
    });
    return this.queue;
  }

  /** A change somewhere: reload at once if it touched a source; otherwise only check (cheaply) whether a source moved or appeared. */
  private schedule(reload: boolean): void {
    if (reload) this.pendingReload = true;
    else this.pendingCheck = true;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.flush(), this.options.debounceMs);
  }

  private async flush(): Promise<void> {
    let reload = this.pendingReload;
    const check = this.pendingCheck;
    this.pendingReload = this.pendingCheck = false;
    if (!reload && check) {
      const now = await Excel.run(readLocations).catch(() => null);
      reload = now !== null && !sameLocations(now, this.locations);
    }
    if (reload) await this.reloadAndRecalculate();
  }

  private isSource(worksheetId: string): boolean {
    return worksheetId !== "" && Object.values(this.locations).includes(worksheetId);
  }

  private async watch(): Promise<void> {
    try {
      await Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.onChanged.add(async (e) => this.schedule(this.isSource(e.worksheetId)));
        sheets.onAdded.add(async () => this.schedule(false));
        sheets.onDeleted.add(async (e) => this.schedule(this.isSource(e.worksheetId)));
        await context.sync();
      });
    } catch {
      // Clients without worksheet events (before ExcelApi 1.9) still get the schedule read at load time.
    }
  }
}

/**
 * Starts keeping `target` in step with the workbook. At load it touches only
 * `Office` (never `Excel`, which Office.js defines later, after its host script
 * loads): functions that need the workbook wait until Office.onReady has fired
 * and the workbook has been read. Outside Excel (no Office at all, as in the
 * JavaScript-only runtime, or another host) the context is empty and ready.
 */
export function startWorkbookSync(target: ContextTarget, options: Partial<SyncOptions> = {}): void {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return;
  const opts = { ...DEFAULTS, ...options };
  const sync = new WorkbookSync(target, opts);
  target.beginLoading();
  const timer = setTimeout(() => sync.timedOut(), opts.timeoutMs);
  Office.onReady((info) => {
    const inExcel = info?.host === (Office.HostType?.Excel ?? "Excel") && typeof Excel !== "undefined";
    if (!inExcel) {
      clearTimeout(timer);
      target.loaded(EMPTY_CONTEXT);
      return;
    }
    void sync.start(() => clearTimeout(timer));
  });
}
