// reconcile given its net assets as columns (NetAssetColumns: the month end's form, no object per row) gives
// the report that the same rows as objects give, or the same error: every row, every day, every total.
import fc from "fast-check";
import { Dec, FeeArrangements, NavTiming, NetAssetColumns, NetAssetInput, Rounding, buildGroups, buildSchedule, buildSubAdvisory, buildWaivers, fromYmd, parseMonth, reconcile } from "../src/engine";

/** The rows as columns, as readNetAssetColumns makes them: a decimal in `decimals` (its number NaN), else the number. */
function columnsOf(rows: readonly NetAssetInput[]): NetAssetColumns {
  const n = rows.length;
  const dates = new Int32Array(n);
  const numbers = new Float64Array(n);
  const out = new Int32Array(n);
  let decimals: (Dec | undefined)[] | null = null;
  rows.forEach((r, j) => {
    dates[j] = r.date;
    out[j] = r.row!;
    if (typeof r.netAssets === "number") numbers[j] = r.netAssets;
    else {
      numbers[j] = NaN;
      (decimals ??= [])[j] = r.netAssets;
    }
  });
  return { length: n, portfolios: rows.map((r) => r.portfolio), dates, numbers, decimals, rows: out };
}

const report = (f: () => unknown): string => {
  try {
    return JSON.stringify(f());
  } catch (e) {
    return `error: ${String(e)}`;
  }
};

describe("reconcile with net assets as columns", () => {
  const names = ["Alpha", "alpha ", "Bravo", "BRAVO", "Charlie", "Delta", " delta"];
  const value = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0, max: 5e11 }).map((c) => c / 100) }, // whole cents, numbers
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 5e13 }).map((c) => c / 1000) }, // sub-cent numbers
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 5e11 }).map((c) => new Dec(c).dividedBy(100)) }, // decimals read from text
    { weight: 1, arbitrary: fc.constantFrom<number | Dec>(-0, 0, new Dec("1e13"), 1e13) }, // the edges
  );
  const row = fc.record({ p: fc.integer({ min: 0, max: names.length - 1 }), day: fc.integer({ min: fromYmd(2023, 12, 20), max: fromYmd(2024, 2, 3) }), value });
  const book = fc.record({
    grouped: fc.boolean(),
    // One row a portfolio text and day (Alpha and "alpha " fold together, so a date can still come twice), and
    // now and then a value the series refuses.
    rows: fc.uniqueArray(row, { maxLength: 90, selector: (r) => `${r.p} ${r.day}` }),
    refused: fc.oneof(
      { weight: 5, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom<number | Dec>(-5, Number.NaN, Number.POSITIVE_INFINITY, new Dec("-1"), new Dec(NaN))) },
    ),
    sorted: fc.boolean(),
    rounding: fc.constantFrom<Rounding>("DAILY", "PERIOD", "NONE"),
    navTiming: fc.constantFrom<NavTiming>("SAME_DAY", "PRIOR_DAY"),
    waived: fc.boolean(),
    subAdvised: fc.boolean(),
  });
  it("gives the report the rows give, or the same error (dates out of order, given twice, negative, not finite, decimals, names that fold together)", () => {
    const m = parseMonth("2024-01");
    const { schedule } = buildSchedule([
      { portfolio: "Alpha", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.001"), row: 2 },
      { portfolio: "Bravo", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.0075"), row: 3 },
      { portfolio: "Bravo", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(1e9), rate: new Dec("0.007"), row: 4 },
      { portfolio: "Bravo", effectiveFrom: fromYmd(2024, 1, 16), breakpoint: new Dec(0), rate: new Dec("0.0065"), row: 5 },
      { portfolio: "Charlie", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.0012345"), row: 6 },
      { portfolio: "Echo", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.001"), row: 7 },
    ]);
    const invoices = ["Alpha", "Bravo", "Delta"].map((portfolio, i) => ({ month: m, portfolio, billedFee: new Dec("1000.5"), row: i + 2 }));
    const outcomes = new Map<string, number>();
    const kind = (r: string) => (!r.startsWith("error") ? "report" : /same date twice/.test(r) ? "twice" : /negative/.test(r) ? "negative" : /not a number/.test(r) ? "not a number" : r);
    fc.assert(
      fc.property(book, (b) => {
        let rows = b.rows.map((r, i): NetAssetInput => ({ date: r.day, portfolio: names[r.p], netAssets: r.value, row: i + 2 }));
        if (b.refused && rows.length) rows[b.refused[0] % rows.length].netAssets = b.refused[1];
        if (b.sorted) rows = [...rows].sort((x, y) => x.date - y.date);
        if (b.grouped) rows = [...rows].sort((x, y) => x.portfolio.localeCompare(y.portfolio));
        const arrangements: FeeArrangements = b.waived ? { waivers: buildWaivers([{ portfolio: "Alpha", from: fromYmd(2024, 1, 10), to: fromYmd(2024, 1, 20), breakpoint: new Dec(0), rate: new Dec("0.0005"), row: 2 }]).waivers } : {};
        if (b.subAdvised) {
          // A group's combined net assets: Delta is not in the schedule, so its series is read for the group alone.
          const { groups } = buildGroups([{ group: "G1", portfolio: "Alpha", row: 2 }, { group: "G1", portfolio: "Delta", row: 3 }]);
          arrangements.groups = groups;
          arrangements.subAdvisory = buildSubAdvisory([{ portfolio: "Alpha", subAdviser: "Sub", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.0003"), group: "G1", row: 2 }], groups).subAdvisory;
        }
        const input = { schedule, invoices, month: m, tolerance: new Dec("0.01"), rounding: b.rounding, navTiming: b.navTiming, arrangements };
        const want = report(() => reconcile({ ...input, netAssets: rows }));
        expect(report(() => reconcile({ ...input, netAssets: columnsOf(rows) }))).toBe(want);
        outcomes.set(kind(want), (outcomes.get(kind(want)) ?? 0) + 1);
      }),
      { numRuns: 400 },
    );
    // Reports, and each kind of refusal, were compared.
    // (Over 400 runs each kind comes up about 10 to 350 times.)
    expect([...outcomes.keys()].sort()).toEqual(["negative", "not a number", "report", "twice"]);
    expect(outcomes.get("report")).toBeGreaterThan(150);
  });
});
