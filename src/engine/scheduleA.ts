import { parseIsoDate } from "./calendarDate";
import { Dec } from "./decimal";
import { ScheduleRow } from "./schedule";

/** One version of Schedule A: what took effect on a date, and where it is written. */
export interface ScheduleAVersion {
  /** ISO date the version takes effect (a calendar date: a weekend included). */
  effectiveFrom: string;
  title: string;
  /** Where the text is published. */
  source: string;
  /** Portfolios this version sets: [breakpoint, annual rate] tiers as decimal text. */
  portfolios: { portfolio: string; tiers: [string, string][] }[];
}

const EDGAR = "SEC EDGAR, Met Investors Series Trust (CIK 1126087), exhibits to its Form N-1A registration statement";

const STRATEGY = [
  "MetLife Defensive Strategy Portfolio",
  "MetLife Moderate Strategy Portfolio",
  "MetLife Balanced Strategy Portfolio",
  "MetLife Growth Strategy Portfolio",
  "MetLife Aggressive Strategy Portfolio",
];
const AMERICAN_FUNDS = ["American Funds Balanced Allocation Portfolio", "American Funds Growth Allocation Portfolio", "American Funds Moderate Allocation Portfolio"];
const FOUNDING = "Met/Franklin Templeton Founding Strategy Portfolio";

const flat = (rate: string): [string, string][] => [["0", rate]];
/** "x% of the first $500 million, y% over $500 million up to $1 billion, z% over $1 billion". */
const tiered = (first: string, second: string, above: string): [string, string][] => [
  ["0", first],
  ["500000000", second],
  ["1000000000", above],
];

/**
 * Schedule A of the Management Agreement of November 1, 2004 between Met
 * Investors Series Trust and Met Investors Advisory LLC, as amended (the
 * agreement text: `shared/agreement/management-agreement-2004.txt`). Amendment
 * No. 5 (effective 2012-11-02) recites the amendment dates: "dated November 1,
 * 2004 as amended on April 30, 2005, April 28, 2008, November 12, 2009 and May
 * 1, 2011". Amendments No. 4 (2011-05-01) and No. 5 are not included: see the
 * README.
 */
export const SCHEDULE_A_HISTORY: readonly ScheduleAVersion[] = [
  {
    effectiveFrom: "2004-11-01",
    title: "Schedule A of the Management Agreement dated November 1, 2004",
    source: `${EDGAR}: the Management Agreement (EX-99.d37); shared/agreement/management-agreement-2004.txt`,
    portfolios: STRATEGY.map((portfolio) => ({ portfolio, tiers: flat("0.001") })),
  },
  {
    effectiveFrom: "2005-04-30",
    title: "Amendment No. 1: breakpoints for the five MetLife Strategy portfolios",
    source: `${EDGAR}: Amendment No. 1 to the Management Agreement (EX-99.d37.i)`,
    portfolios: STRATEGY.map((portfolio) => ({ portfolio, tiers: tiered("0.001", "0.00075", "0.0005") })),
  },
  {
    effectiveFrom: "2008-04-28",
    title: "Amendment No. 2: adds Met/Franklin Templeton Founding Strategy and three American Funds allocation portfolios",
    source: `${EDGAR}: Amendment No. 2 to the Management Agreement (EX-99.d37.ii)`,
    portfolios: [{ portfolio: FOUNDING, tiers: flat("0.0005") }, ...AMERICAN_FUNDS.map((portfolio) => ({ portfolio, tiers: flat("0.001") }))],
  },
  {
    effectiveFrom: "2009-11-12",
    title: "Amendment No. 3: breakpoints for the four portfolios added by Amendment No. 2",
    source: `${EDGAR}: Amendment No. 3 to the Management Agreement (EX-99.d37.iii)`,
    portfolios: [{ portfolio: FOUNDING, tiers: tiered("0.0005", "0.0004", "0.0003") }, ...AMERICAN_FUNDS.map((portfolio) => ({ portfolio, tiers: tiered("0.001", "0.00075", "0.0005") }))],
  },
];

/** Every version of Schedule A as fee-schedule rows (Portfolio, Effective From, Breakpoint, Annual Rate), in the order a person would read them. */
export function scheduleARows(): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  const order = [...STRATEGY, FOUNDING, ...AMERICAN_FUNDS];
  for (const portfolio of order) {
    for (const v of SCHEDULE_A_HISTORY) {
      const p = v.portfolios.find((x) => x.portfolio === portfolio);
      if (!p) continue;
      for (const [bp, rate] of p.tiers) rows.push({ portfolio, effectiveFrom: parseIsoDate(v.effectiveFrom), breakpoint: new Dec(bp), rate: new Dec(rate) });
    }
  }
  return rows;
}
