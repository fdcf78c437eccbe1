// Engine benchmark: exact accrual against a plain floating-point loop, measured in one run.
// 100 portfolios x 10 years of daily net assets (business days, carried over weekends), flat and tiered.
import { Dec, NavSeries, Tier, accrue, daysInMonth, daysInYear, fromYmd, singleVersion, toYmd } from "../src/engine";

const PORTFOLIOS = 100;
const START = fromYmd(2014, 1, 1);
const END = fromYmd(2023, 12, 31);

// A small deterministic generator (the engine itself never uses randomness).
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function makeSeries(seed: number): { dates: number[]; values: number[] } {
  const rnd = lcg(seed);
  let nav = 200_000_000 + rnd() * 2_800_000_000;
  const dates: number[] = [];
  const values: number[] = [];
  for (let d = START; d <= END; d++) {
    const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday (4)
    if (weekday === 0 || weekday === 6) continue;
    nav = Math.max(1_000_000, nav * (1 + (rnd() - 0.5) * 0.02));
    dates.push(d);
    values.push(Math.round(nav * 100) / 100);
  }
  return { dates, values };
}

const flat: Tier[] = [{ breakpoint: new Dec(0), rate: new Dec("0.001") }];
const tiered: Tier[] = [
  { breakpoint: new Dec(0), rate: new Dec("0.0075") },
  { breakpoint: new Dec("1000000000"), rate: new Dec("0.007") },
  { breakpoint: new Dec("2000000000"), rate: new Dec("0.0065") },
];
const floatTiers = (t: Tier[]) => t.map((x) => ({ bp: x.breakpoint.toNumber(), rate: x.rate.toNumber() }));

const months: { start: number; end: number }[] = [];
for (let d = START; d <= END; ) {
  const { y, m } = toYmd(d);
  const end = fromYmd(y, m, daysInMonth(y, m));
  months.push({ start: d, end });
  d = end + 1;
}

let data = Array.from({ length: PORTFOLIOS }, (_, i) => makeSeries(i + 1));

/** Net assets of 365,000 x n + 1,825: at 0.10% / 365 each day's fee is exactly n + half a cent, where floats stumble. */
function halfCentSeries(seed: number): { dates: number[]; values: number[] } {
  const rnd = lcg(seed);
  const s = makeSeries(seed);
  return { dates: s.dates, values: s.dates.map(() => 365000 * Math.floor(300 + rnd() * 2700) + 1825) };
}

function floatLoop(tiers: { bp: number; rate: number }[]): { total: number; dailyCents: Int32Array[] } {
  let total = 0;
  const dailyCents: Int32Array[] = [];
  for (const s of data) {
    const cents = new Int32Array(END - START + 1);
    let i = -1;
    for (const mo of months) {
      let monthFee = 0;
      for (let d = mo.start; d <= mo.end; d++) {
        while (i + 1 < s.dates.length && s.dates[i + 1] <= d) i++;
        if (i < 0) continue;
        const nav = s.values[i];
        let fee = 0;
        for (let t = 0; t < tiers.length; t++) {
          if (nav <= tiers[t].bp) break;
          const hi = t + 1 < tiers.length && tiers[t + 1].bp < nav ? tiers[t + 1].bp : nav;
          fee += (hi - tiers[t].bp) * tiers[t].rate;
        }
        const daily = Math.round((fee / daysInYear(toYmd(d).y)) * 100) / 100;
        cents[d - START] = Math.round(daily * 100);
        monthFee += daily;
      }
      total += monthFee;
    }
    dailyCents.push(cents);
  }
  return { total, dailyCents };
}

function engineRun(tiers: Tier[], detail: boolean): { total: Dec; series: NavSeries[] } {
  let total = new Dec(0);
  const series = data.map((s) => NavSeries.from(s.dates.map((date, k) => ({ date, netAssets: s.values[k] }))));
  const p = singleVersion(tiers);
  for (const navs of series) for (const mo of months) total = total.plus(accrue(p, navs, mo.start, mo.end, { detail }).fee);
  return { total, series };
}

function time<T>(f: () => T): { ms: number; result: T } {
  const t0 = process.hrtime.bigint();
  const result = f();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

/** Reads back what the sheets show of every kept day (Accruals sheet and FEE.DAILY): the decimals are made on this first read. */
function readDays(tiers: Tier[]): number {
  let n = 0;
  const series = data.map((s) => NavSeries.from(s.dates.map((date, k) => ({ date, netAssets: s.values[k] }))));
  const p = singleVersion(tiers);
  for (const navs of series) {
    for (const mo of months) {
      for (const d of accrue(p, navs, mo.start, mo.end, { detail: true }).days) {
        n += d.date + d.navDate + d.daysInYear + d.netAssets.e + d.annualFee.e + d.accrual.e + d.cumulative.e;
      }
    }
  }
  return n;
}

function wrongCents(tiers: Tier[], floatCents: Int32Array[]): number {
  let wrong = 0;
  const p = singleVersion(tiers);
  data.forEach((s, k) => {
    const navs = NavSeries.from(s.dates.map((date, j) => ({ date, netAssets: s.values[j] })));
    const r = accrue(p, navs, START, END, { detail: true });
    for (const day of r.days) if (Math.round(day.accrual.toNumber() * 100) !== floatCents[k][day.date - START]) wrong++;
  });
  return wrong;
}

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export function benchEngine(): void {
  const days = PORTFOLIOS * (END - START + 1);
  console.log(`engine: ${PORTFOLIOS} portfolios x ${END - START + 1} days = ${days.toLocaleString("en-US")} daily accruals, monthly periods, ACT/ACT, DAILY rounding`);
  console.log(`  each figure: the median of ${ROUNDS} rounds, the float loop and the engine taking turns in each round; ratios are medians over the float loop's median`);
  const random = data;
  const boundary = Array.from({ length: PORTFOLIOS }, (_, i) => halfCentSeries(i + 1));
  for (const [name, tiers, series] of [
    ["flat 0.10%", flat, random],
    ["tiered 0.75/0.70/0.65%", tiered, random],
    ["flat 0.10%, half-cent NAVs", flat, boundary],
  ] as const) {
    data = series as typeof data;
    // Warm up each once, then measure each in turn, ROUNDS times, in the same run (the machine is shared and noisy).
    const ft = floatTiers(tiers);
    floatLoop(ft);
    engineRun(tiers, false);
    engineRun(tiers, true);
    readDays(tiers);
    const ms = { float: [] as number[], totals: [] as number[], kept: [] as number[], read: [] as number[] };
    let f = time(() => floatLoop(ft));
    let e = time(() => engineRun(tiers, false));
    for (let round = 0; round < ROUNDS; round++) {
      f = time(() => floatLoop(ft));
      ms.float.push(f.ms);
      e = time(() => engineRun(tiers, false));
      ms.totals.push(e.ms);
      ms.kept.push(time(() => engineRun(tiers, true)).ms);
      ms.read.push(time(() => readDays(tiers)).ms);
    }
    const fm = median(ms.float);
    const show = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} ms (${(median(xs) / fm).toFixed(2)}x)`;
    const wrong = wrongCents(tiers, f.result.dailyCents);
    console.log(
      `  ${name.padEnd(26)} float ${fm.toFixed(0).padStart(6)} ms | engine totals ${show(ms.totals)} | engine with every day kept ${show(ms.kept)} | kept and every day's decimals read ${show(ms.read)} | float days off by a cent: ${wrong} of ${days.toLocaleString("en-US")} | totals: float ${f.result.total.toFixed(2)}, exact ${e.result.total.toFixed(2)}`,
    );
  }
}
