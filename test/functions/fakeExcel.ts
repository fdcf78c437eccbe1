/**
 * A small stand-in for Office.js and the Excel namespace, enough for the
 * workbook sync in dist/functions.js: sheets with values, displayed text and
 * formulas, an optional FeeSchedule table, worksheet events, calculation mode,
 * and a record of what was calculated. Office.onReady and timers fire only
 * when the test says so, so the test controls the order Excel loads things in.
 */
export interface FakeSheet {
  id: string;
  name: string;
  values: unknown[][];
  text?: string[][];
  formulas?: unknown[][];
}

type Handler = (e: { worksheetId: string }) => Promise<void> | void;

export function fakeOffice(sheets: FakeSheet[], options: { table?: { name: string; sheetId: string }; manual?: boolean; failRuns?: number } = {}) {
  const book = { sheets, table: options.table, manual: Boolean(options.manual) };
  const handlers: Record<"onChanged" | "onAdded" | "onDeleted", Handler[]> = { onChanged: [], onAdded: [], onDeleted: [] };
  const calculated: string[] = [];
  const calls = { runs: 0, applicationCalculate: 0, reads: 0 };
  let failRuns = options.failRuns ?? 0;
  let ready: ((info: { host: string | null }) => void) | null = null;

  const nullObject = () => ({ isNullObject: true, load: () => undefined, id: undefined, name: undefined });
  const rangeOf = (ws: FakeSheet) => {
    const r = {
      values: ws.values,
      text: ws.text ?? ws.values.map((row) => row.map((v) => (v === null ? "" : String(v)))),
      rowIndex: 0,
      columnIndex: 0,
      load: () => undefined,
      getCell: () => ({ getResizedRange: () => ({ getEntireRow: () => ({}) }) }),
      getIntersection: () => r,
      getSpecialCellsOrNullObject: () => {
        const f = ws.formulas ?? [];
        return f.length ? { isNullObject: false, areas: { load: () => undefined, items: [{ formulas: f, rowIndex: 0, columnIndex: 0 }] } } : { isNullObject: true, areas: { load: () => undefined, items: [] } };
      },
    };
    return r;
  };
  const worksheet = (ws: FakeSheet) => ({
    isNullObject: false,
    id: ws.id,
    name: ws.name,
    load: () => undefined,
    getUsedRange: () => {
      calls.reads++;
      return rangeOf(ws);
    },
    getRange: (address: string) => ({ calculate: () => calculated.push(`${ws.name}!${address}`) }),
  });
  const context = () => ({
    workbook: {
      tables: {
        getItemOrNullObject: (name: string) => {
          const t = book.table;
          if (!t || t.name !== name) return nullObject();
          const ws = book.sheets.find((s) => s.id === t.sheetId)!;
          return { isNullObject: false, worksheet: worksheet(ws), getRange: () => rangeOf(ws), load: () => undefined };
        },
      },
      worksheets: {
        getItemOrNullObject: (name: string) => {
          const ws = book.sheets.find((s) => s.name === name);
          return ws ? worksheet(ws) : nullObject();
        },
        load: () => undefined,
        get items() {
          return book.sheets.map(worksheet);
        },
        onChanged: { add: (h: Handler) => handlers.onChanged.push(h) },
        onAdded: { add: (h: Handler) => handlers.onAdded.push(h) },
        onDeleted: { add: (h: Handler) => handlers.onDeleted.push(h) },
      },
      application: {
        load: () => undefined,
        get calculationMode() {
          return book.manual ? "Manual" : "Automatic";
        },
        calculate: () => calls.applicationCalculate++,
      },
    },
    sync: async () => undefined,
  });

  const Excel = {
    run: async <T>(f: (c: unknown) => Promise<T>): Promise<T> => {
      calls.runs++;
      if (failRuns > 0) {
        failRuns--;
        throw new Error("RichApi.Error: the workbook is busy");
      }
      return f(context());
    },
    CalculationMode: { automatic: "Automatic", manual: "Manual", semiautomatic: "Semiautomatic" },
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    SpecialCellType: { formulas: "Formulas" },
  };
  const Office = {
    HostType: { Excel: "Excel" },
    onReady: (cb: (info: { host: string | null }) => void) => {
      ready = cb;
      return new Promise(() => undefined);
    },
    context: { requirements: { isSetSupported: () => true } },
  };

  // Timers the bundle sets (debounce, load timeout, retries) run when the test says so.
  let nextTimer = 1;
  const timers = new Map<number, { fn: () => void; ms: number }>();
  const clock = {
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(nextTimer, { fn, ms });
      return nextTimer++;
    },
    clearTimeout: (id: number) => void timers.delete(id),
  };
  const settle = () => new Promise((r) => setImmediate(r));

  return {
    Office,
    Excel,
    clock,
    book,
    handlers,
    calculated,
    calls,
    /** Office.js has loaded its host script: onReady fires. */
    fireReady: async (host: string | null = "Excel") => {
      ready?.({ host });
      for (let i = 0; i < 10; i++) await settle();
    },
    /** Runs the pending timers whose delay is at least `minMs` (or all), then lets promises settle. */
    runTimers: async (filter: (ms: number) => boolean = () => true) => {
      for (const [id, t] of [...timers]) {
        if (!filter(t.ms)) continue;
        timers.delete(id);
        t.fn();
      }
      for (let i = 0; i < 10; i++) await settle();
    },
    pendingTimers: () => [...timers.values()].map((t) => t.ms),
    emit: async (event: "onChanged" | "onAdded" | "onDeleted", worksheetId: string) => {
      for (const h of handlers[event]) await h({ worksheetId });
    },
  };
}
