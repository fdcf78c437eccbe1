// The engine's accrual (its integer fast path, its decimal path, and the switch between them) against a
// reference written the plain way: day by day, decimals at 200 digits, exact fractions for PERIOD rounding,
// its own calendar (JS Date in UTC, which the engine may not use) and its own marginal-tier arithmetic.
// Inputs are aimed where a shortcut would go wrong: half-cent days, values on and beside a breakpoint,
// leap years and year ends, amendments mid-period, sub-cent values, rates finer than a millionth, values
// too large for a safe-integer product, service periods, both net-asset timings, and waivers over the days.
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { AccrualResult, DayCountId, Dec, NavSeries, PortfolioSchedule, Rounding, Tier, WaiverPeriod, accrue, applyWaivers, dayNumber, fromYmd, waivedNumber } from "../src/engine";

/** The reference's own decimal: wide enough that no quotient below is rounded where it matters (a divisor of at most 366 cannot give three 9s in a row). */
const R = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_UP });
type R = InstanceType<typeof R>;
const r = (x: Dec | number | string): R => new R(x.toString());

const MS_PER_DAY = 86_400_000;
const yearOfDay = (day: number) => new Date(day * MS_PER_DAY).getUTCFullYear();
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const denominatorOf = (basis: DayCountId, day: number) => (basis === "ACT/360" ? 360 : basis === "ACT/365" ? 365 : leap(yearOfDay(day)) ? 366 : 365);

/** Marginal tiers, the textbook way: each tier's rate on the slice of assets between its breakpoint and the next. */
function refAnnualFee(tiers: readonly Tier[], na: R): R {
  let fee = new R(0);
  for (let i = 0; i < tiers.length; i++) {
    const lo = r(tiers[i].breakpoint);
    const hi = i + 1 < tiers.length ? r(tiers[i + 1].breakpoint) : null;
    const top = hi === null || na.lessThan(hi) ? na : hi;
    if (top.greaterThan(lo)) fee = fee.plus(top.minus(lo).times(r(tiers[i].rate)));
  }
  return fee;
}

const toCents = (x: R) => x.toDecimalPlaces(2, R.ROUND_HALF_UP);

/** An exact fraction of bigints, for PERIOD: sum of annual fee / denominator over the days, rounded once. */
class Frac {
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
  static of(x: R): Frac {
    const places = x.decimalPlaces();
    return new Frac(BigInt(x.times(new R(10).pow(places)).toFixed(0)), 10n ** BigInt(places));
  }
  plus(o: Frac): Frac {
    return new Frac(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  over(k: number): Frac {
    return new Frac(this.n, this.d * BigInt(k));
  }
  cents(): string {
    const s = this.n * 100n;
    let q = s / this.d;
    if ((s % this.d) * 2n >= this.d) q += 1n;
    return new R(q.toString()).dividedBy(100).toFixed(2);
  }
}

interface Case {
  schedule: PortfolioSchedule;
  points: { date: number; netAssets: number | Dec }[];
  start: number;
  end: number;
  basis: DayCountId;
  rounding: Rounding;
  navTiming: "SAME_DAY" | "PRIOR_DAY";
  service?: { commenced: number | null; terminated: number | null };
  waivers: WaiverPeriod[];
}

interface RefDay {
  date: number;
  navDate: number;
  netAssets: R;
  effectiveFrom: number;
  daysInYear: number;
  annualFee: R;
  accrual: R;
  payableAnnualFee: R;
}

function reference(c: Case) {
  const days: RefDay[] = [];
  const lag = c.navTiming === "PRIOR_DAY" ? 1 : 0;
  for (let day = c.start; day <= c.end; day++) {
    if (c.service?.commenced != null && day < c.service.commenced) continue;
    if (c.service?.terminated != null && day > c.service.terminated) continue;
    const version = c.schedule.versions.filter((v) => v.effectiveFrom <= day).pop();
    const point = c.points.filter((p) => p.date <= day - lag).pop();
    if (!version || !point) continue;
    const na = r(point.netAssets);
    const den = denominatorOf(c.basis, day);
    const annual = refAnnualFee(version.tiers, na);
    const exact = annual.dividedBy(den);
    const waiver = c.waivers.find((w) => w.from <= day && day <= w.to);
    const after = waiver ? refAnnualFee(waiver.tiers, na) : annual;
    days.push({
      date: day,
      navDate: point.date,
      netAssets: na,
      effectiveFrom: version.effectiveFrom,
      daysInYear: den,
      annualFee: annual,
      accrual: c.rounding === "DAILY" ? toCents(exact) : exact,
      payableAnnualFee: after.lessThan(annual) ? after : annual,
    });
  }
  const sumDaily = (f: (d: RefDay) => R) => days.reduce((s, d) => s.plus(toCents(f(d).dividedBy(d.daysInYear))), new R(0));
  const sumExact = (f: (d: RefDay) => R) => days.reduce((s, d) => s.plus(Frac.of(f(d)).over(d.daysInYear)), new Frac(0n, 1n));
  const fee = (f: (d: RefDay) => R): { cents: string | null; exact: R } => {
    if (c.rounding === "DAILY") return { cents: sumDaily(f).toFixed(2), exact: sumDaily(f) };
    const x = sumExact(f);
    return { cents: c.rounding === "PERIOD" ? x.cents() : null, exact: new R(x.n.toString()).dividedBy(x.d.toString()) };
  };
  const adna = days.length ? days.reduce((s, d) => s.plus(d.netAssets), new R(0)).dividedBy(days.length) : null;
  return { days, fee: fee((d) => d.annualFee), payable: fee((d) => d.payableAnnualFee), adna };
}

/** Equal to the engine's 40 significant digits: exact where the value is exact, within a unit in the 35th digit where the engine divides. */
function close(actual: Dec, expected: R, what: string): void {
  const diff = r(actual).minus(expected).abs();
  const scale = expected.abs().greaterThan(1) ? expected.abs() : new R(1);
  if (diff.greaterThan(scale.times("1e-35"))) throw new Error(`${what}: engine ${actual.toString()}, reference ${expected.toString()}`);
}

function check(c: Case): void {
  const ref = reference(c);
  const options = { basis: c.basis, rounding: c.rounding, navTiming: c.navTiming, service: c.service };
  const navs = NavSeries.from(c.points);
  const res: AccrualResult = accrue(c.schedule, navs, c.start, c.end, options);
  const totals = accrue(c.schedule, NavSeries.from(c.points), c.start, c.end, { ...options, detail: false });

  expect(res.accruingDays).toBe(ref.days.length);
  expect(totals.accruingDays).toBe(ref.days.length);
  // The period fee: cents exactly under DAILY and PERIOD; under NONE the exact sum to the engine's precision.
  if (ref.fee.cents !== null) {
    expect(res.fee.toFixed(2)).toBe(ref.fee.cents);
    expect(res.fee.decimalPlaces()).toBeLessThanOrEqual(2);
  } else close(res.fee, ref.fee.exact, "fee");
  expect(totals.fee.toString()).toBe(res.fee.toString());
  if (ref.adna === null) expect([res.averageDailyNetAssets, totals.averageDailyNetAssets]).toEqual([null, null]);
  else {
    close(res.averageDailyNetAssets!, ref.adna, "average daily net assets");
    expect(totals.averageDailyNetAssets!.toString()).toBe(res.averageDailyNetAssets!.toString());
  }

  expect(res.days.length).toBe(ref.days.length);
  let cumulative = new R(0);
  ref.days.forEach((want, i) => {
    const got = res.days[i];
    const at = `day ${i} (${new Date(want.date * MS_PER_DAY).toISOString().slice(0, 10)})`;
    expect([got.date, got.navDate, got.effectiveFrom, got.daysInYear]).toEqual([want.date, want.navDate, want.effectiveFrom, want.daysInYear]);
    expect(`${at} net assets ${r(got.netAssets).equals(want.netAssets)} annual fee ${r(got.annualFee).equals(want.annualFee)}`).toBe(`${at} net assets true annual fee true`);
    if (c.rounding === "DAILY") expect(`${at} ${got.accrual.toFixed(2)} ${got.accrual.decimalPlaces() <= 2}`).toBe(`${at} ${want.accrual.toFixed(2)} true`);
    else close(got.accrual, want.accrual, `${at} accrual`);
    if (want.netAssets.isZero()) expect(r(got.annualRate).equals(r(c.schedule.versions.find((v) => v.effectiveFrom === want.effectiveFrom)!.tiers[0].rate))).toBe(true);
    else close(got.annualRate, want.annualFee.dividedBy(want.netAssets), `${at} annual rate`);
    // The numbers a sheet shows, read from the engine's integers: the double nearest the exact value (the reference's,
    // where the engine's decimal is exact; under PERIOD/NONE the accrual is the engine's 40-digit quotient's double).
    const nearest = (x: R) => Number(x.toString());
    const numbers = [dayNumber(got, "netAssets"), dayNumber(got, "annualFee"), dayNumber(got, "accrual")];
    expect(`${at} ${numbers.join(" ")}`).toBe(`${at} ${nearest(want.netAssets)} ${nearest(want.annualFee)} ${c.rounding === "DAILY" ? nearest(want.accrual) : got.accrual.toNumber()}`);
    cumulative = cumulative.plus(want.accrual);
    if (c.rounding === "DAILY") expect(`${at} ${got.cumulative.toFixed(2)}`).toBe(`${at} ${cumulative.toFixed(2)}`);
    else close(got.cumulative, cumulative, `${at} cumulative`);
  });

  // No waivers: each day is the accrual's own, gross = payable, waiver 0, as decimals and as numbers.
  const none = applyWaivers(res.days, undefined, c.rounding, res.fee);
  expect([none.gross, none.payable, none.waiver].map(String)).toEqual([res.fee, res.fee, 0].map(String));
  none.days.forEach((w, i) => {
    const d = res.days[i];
    const want = [d.date, d.annualFee, d.annualFee, d.accrual, d.accrual, "0", null, d.accrual.toNumber(), d.accrual.toNumber(), 0].map(String);
    expect([w.date, w.grossAnnualFee, w.payableAnnualFee, w.gross, w.payable, w.waiver, w.waiverFrom, waivedNumber(w, "gross"), waivedNumber(w, "payable"), waivedNumber(w, "waiver")].map(String)).toEqual(want);
  });
  expect(JSON.parse(JSON.stringify(none.days.slice(0, 2)))).toEqual(JSON.parse(JSON.stringify(res.days.slice(0, 2).map((d) => ({ date: d.date, grossAnnualFee: d.annualFee, payableAnnualFee: d.annualFee, gross: d.accrual, payable: d.accrual, waiver: "0", waiverFrom: null })))));

  // Waivers read the kept days (net assets, annual fee, denominator, posted accrual).
  if (c.waivers.length) {
    const w = applyWaivers(res.days, { portfolio: c.schedule.portfolio, periods: c.waivers }, c.rounding, res.fee);
    for (const day of w.days) expect(["gross", "payable", "waiver"].map((f) => waivedNumber(day, f as "gross"))).toEqual([day.gross, day.payable, day.waiver].map((x) => x.toNumber()));
    if (ref.fee.cents !== null) expect([w.gross.toFixed(2), w.payable.toFixed(2)]).toEqual([ref.fee.cents, ref.payable.cents]);
    else {
      close(w.gross, ref.fee.exact, "waived gross");
      close(w.payable, ref.payable.exact, "waived payable");
    }
  }
}

// ---- inputs ----

const MICRO = 1_000_000;
/** A rate: mostly whole millionths (the integer path), sometimes finer (0.0000125: the decimal path). */
const rateArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 25_000 }).map((m) => new Dec(m).dividedBy(MICRO)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 250_000 }).map((m) => new Dec(m).dividedBy(10 * MICRO)) },
);
const tiersArb = fc.tuple(rateArb, fc.array(fc.tuple(fc.integer({ min: 1, max: 2_000_000_000 }), rateArb), { maxLength: 3 })).map(([first, rest]) => {
  let bp = 0;
  const tiers: Tier[] = [{ breakpoint: new Dec(0), rate: first }];
  for (const [step, rate] of rest) {
    bp += step;
    tiers.push({ breakpoint: new Dec(bp), rate });
  }
  return tiers;
});

/** Where the period sits: anywhere, or straddling a year end or a 29 February. */
const startArb = fc.oneof(
  fc.integer({ min: fromYmd(1999, 1, 1), max: fromYmd(2030, 12, 31) }),
  fc.tuple(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: -20, max: 5 })).map(([y, k]) => fromYmd(y, 12, 31) + k),
  fc.tuple(fc.constantFrom(2000, 2004, 2008, 2012, 2016, 2020, 2024, 2028), fc.integer({ min: -20, max: 3 })).map(([y, k]) => fromYmd(y, 2, 29) + k),
);

/** A value in cents chosen to land where arithmetic is delicate, given the first tiers and a denominator. */
function valueArb(tiers: Tier[]): fc.Arbitrary<number | Dec> {
  const bps = tiers.map((t) => t.breakpoint.times(100).toNumber());
  const cents = fc.oneof(
    fc.integer({ min: 0, max: 5_000_000_000_000 }),
    // On a breakpoint, or a cent either side.
    fc.tuple(fc.constantFrom(...bps), fc.integer({ min: -1, max: 1 })).map(([b, k]) => Math.max(0, b + k)),
    // Half a cent a day exactly at 0.10% (365 × (1000 q + 5) / 10 dollars a year = q + 0.005 a day), and a cent either side.
    fc.tuple(fc.constantFrom(360, 365, 366), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -1, max: 1 })).map(([den, q, k]) => den * (100_000 * q + 500) + k),
  );
  return fc.oneof(
    { weight: 6, arbitrary: cents.map((c) => new Dec(c).dividedBy(100)) },
    { weight: 2, arbitrary: cents.map((c) => c / 100) }, // as a JS number, the way the Excel and file fronts pass it
    { weight: 1, arbitrary: cents.map((c) => new Dec(c).dividedBy(100).plus("0.0037")) }, // sub-cent: the decimal path
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 9_000_000 }).map((m) => new Dec(m).times("1e7").plus("0.01")) }, // up to $90tn: past a safe-integer product
  );
}

const caseArb: fc.Arbitrary<Case> = fc
  .tuple(fc.array(tiersArb, { minLength: 1, maxLength: 3 }), startArb, fc.integer({ min: 0, max: 70 }))
  .chain(([versionTiers, start, len]) => {
    const halfCentTiers: Tier[] = [{ breakpoint: new Dec(0), rate: new Dec("0.001") }];
    const all = [halfCentTiers, ...versionTiers];
    const end = start + len;
    const dateArb = fc.integer({ min: start - 10, max: end + 3 });
    return fc.record({
      schedule: fc
        .tuple(fc.boolean(), fc.uniqueArray(dateArb, { minLength: all.length - 1, maxLength: all.length - 1 }), fc.integer({ min: start - 40, max: start + 2 }))
        .map(([halfFirst, dates, first]) => {
          const tiers = halfFirst ? all : versionTiers;
          const effective = [first, ...dates].slice(0, tiers.length).sort((a, b) => a - b);
          const unique = [...new Set(effective)];
          return { portfolio: "Fund", versions: unique.map((effectiveFrom, i) => ({ effectiveFrom, tiers: tiers[i] })) };
        }),
      points: fc
        .tuple(
          fc.integer({ min: start - 8, max: start + 3 }),
          fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.oneof(...all.map(valueArb))), { minLength: 1, maxLength: 50 }),
        )
        .map(([first, steps]) => {
          let date = first;
          return steps.map(([gap, netAssets]) => ({ date: (date += gap), netAssets }));
        }),
      start: fc.constant(start),
      end: fc.constant(end),
      basis: fc.constantFrom<DayCountId>("ACT/ACT", "ACT/365", "ACT/360"),
      rounding: fc.constantFrom<Rounding>("DAILY", "DAILY", "PERIOD", "NONE"),
      navTiming: fc.constantFrom<"SAME_DAY" | "PRIOR_DAY">("SAME_DAY", "PRIOR_DAY"),
      service: fc.option(fc.record({ commenced: fc.option(dateArb), terminated: fc.option(dateArb) }), { nil: undefined }),
      waivers: fc.option(fc.tuple(dateArb, fc.integer({ min: 0, max: 40 }), tiersArb), { nil: null }).map((w) => (w ? [{ from: w[0], to: w[0] + w[1], tiers: w[2] }] : [])),
    });
  });

describe("accrual against a plain decimal reference", () => {
  it("every day, every total, under each basis, rounding and timing, on the integer path, the decimal path and between them", () => {
    fc.assert(fc.property(caseArb, check), { numRuns: 400 });
  });

  it("days that are exactly half a cent (and a cent of net assets either side) under flat rates, each basis, across year ends", () => {
    // At m millionths, a day's fee is cents × m / (denominator × 10^8) dollars: exactly q + ½ cent when
    // cents × m = denominator × (10^6 q + 5 × 10^5). Values are made so for 360, 365 or 366 days.
    const halfCentCase = fc
      .tuple(
        fc.constantFrom(1000, 500, 250, 2000, 5000, 750, 100, 1),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(360, 365, 366), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: -1, max: 1 })), { minLength: 1, maxLength: 30 }),
        startArb,
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom<DayCountId>("ACT/ACT", "ACT/365", "ACT/360"),
        fc.constantFrom<Rounding>("DAILY", "DAILY", "PERIOD"),
        fc.boolean(),
      )
      .map(([m, steps, start, len, basis, rounding, asNumber]): Case => {
        let date = start - 5;
        const points = steps.map(([gap, den, q, k]) => {
          const num = BigInt(den) * (1_000_000n * BigInt(q) + 500_000n);
          const cents = Number(num % BigInt(m) === 0n ? num / BigInt(m) : BigInt(den) * (100_000n * BigInt(q) + 500n)) + k; // else the 0.10% value
          return { date: (date += gap), netAssets: asNumber && cents < 1e15 ? cents / 100 : new Dec(cents).dividedBy(100) };
        });
        const rate = new Dec(m).dividedBy(MICRO);
        return { schedule: { portfolio: "Fund", versions: [{ effectiveFrom: start - 30, tiers: [{ breakpoint: new Dec(0), rate }] }] }, points, start, end: start + len, basis, rounding, navTiming: "SAME_DAY", waivers: [] };
      });
    fc.assert(fc.property(halfCentCase, check), { numRuns: 300 });
  });

  it("a run of half-cent days at 0.10% posts every half cent up, and a cent less stays down (ACT/ACT, 2023 into leap 2024)", () => {
    const flat: PortfolioSchedule = { portfolio: "Fund", versions: [{ effectiveFrom: fromYmd(2004, 11, 1), tiers: [{ breakpoint: new Dec(0), rate: new Dec("0.001") }] }] };
    // 365,001,825.00 a year → 365,001.825 / 365 = 1,000.005 a day in 2023; in 2024 / 366 = 997.2727...
    for (const [na, rounding] of [
      ["365001825", "DAILY"],
      ["365001824.99", "DAILY"],
      ["365001825", "PERIOD"],
    ] as const) {
      check({ schedule: flat, points: [{ date: fromYmd(2023, 12, 1), netAssets: new Dec(na) }], start: fromYmd(2023, 12, 1), end: fromYmd(2024, 1, 31), basis: "ACT/ACT", rounding, navTiming: "SAME_DAY", waivers: [] });
    }
    const r23 = accrue(flat, NavSeries.from([{ date: fromYmd(2023, 12, 1), netAssets: new Dec("365001825") }]), fromYmd(2023, 12, 1), fromYmd(2023, 12, 31));
    expect(r23.fee.toFixed(2)).toBe("31000.31"); // 31 × 1,000.01: each half cent rounds up
  });
});
