import { AccrualDay, DayMoney, Rounding, dayNumber } from "./accrue";
import { DayNumber } from "./calendarDate";
import { Dec, ZERO, divideToCents, toDouble } from "./decimal";
import { Fraction } from "./fraction";
import { annualFee } from "./tiers";
import { PortfolioWaivers, waiverAt } from "./waivers";

/** One accruing day with its waiver: the gross accrual, what is payable after the waiver, and the difference. */
export interface WaivedDay {
  date: DayNumber;
  /** Annual fee under the fee schedule on the day's net assets. */
  grossAnnualFee: Dec;
  /** The smaller of the gross annual fee and the annual fee under the waiver schedule (the gross one outside a waiver). */
  payableAnnualFee: Dec;
  /** The day's accruals as posted: rounded to cents under DAILY, exact otherwise. */
  gross: Dec;
  payable: Dec;
  /** gross − payable; never negative. */
  waiver: Dec;
  /** Start of the waiver period in force, or null. */
  waiverFrom: DayNumber | null;
}

export interface WaivedAccrual {
  rounding: Rounding;
  /** The period's gross fee, payable fee and waiver under the rounding rule (waiver = gross − payable). */
  gross: Dec;
  payable: Dec;
  waiver: Dec;
  /** Days on which a waiver period was in force. */
  waivedDays: number;
  days: WaivedDay[];
}

/**
 * Applies a portfolio's fee waivers to its daily accruals (`accrue(...).days`,
 * so the net assets each day used follow whatever timing and service period
 * produced them). On a day inside a waiver period the payable annual fee is the
 * smaller of the fee schedule's and the waiver schedule's on the same net
 * assets. `DAILY`: gross and payable are each rounded to cents per day and the
 * waiver is their difference; `PERIOD`: gross and payable are each summed
 * exactly and rounded once, and the waiver is their difference; `NONE`: no
 * rounding.
 *
 * @example 1.05%/1.00%/0.85%/0.75% at $250M/$500M/$1B, waiver 0.95%/0.90%/0.80%/0.75% from 2016-01-15, $600M through January 2016 (ACT/ACT): DAILY gross 506,079.34, waiver 25,546.58, payable 480,532.76; PERIOD gross 506,079.23, payable 480,532.79, waiver 25,546.44
 */
export function applyWaivers(days: readonly AccrualDay[], waivers: PortfolioWaivers | undefined, rounding: Rounding = "DAILY", fee?: Dec): WaivedAccrual {
  // No waivers: payable is gross, as accrue() posted it (`fee`, its period fee under the same rounding, saves the re-summing).
  // Each day is a view of the accrual's day, so nothing of it is read (no decimal made) until it is asked for.
  if (!waivers?.periods.length && fee !== undefined) return { rounding, gross: fee, payable: fee, waiver: ZERO, waivedDays: 0, days: unwaivedDays(days) };
  let grossCents = ZERO;
  let payableCents = ZERO;
  let grossExact = Fraction.ZERO;
  let payableExact = Fraction.ZERO;
  let waivedDays = 0;
  const out: WaivedDay[] = [];
  for (const day of days) {
    const w = waiverAt(waivers, day.date);
    let payableAnnualFee = day.annualFee;
    if (w) {
      waivedDays++;
      const after = annualFee(w.tiers, day.netAssets);
      if (after.lessThan(payableAnnualFee)) payableAnnualFee = after;
    }
    let gross: Dec;
    let payable: Dec;
    let waiver: Dec;
    if (rounding === "DAILY") {
      // accrue() under DAILY has posted exactly this; an exact accrual of whole cents is its own rounding.
      gross = day.accrual.decimalPlaces() <= 2 ? day.accrual : divideToCents(day.annualFee, BigInt(day.daysInYear));
      payable = payableAnnualFee === day.annualFee ? gross : divideToCents(payableAnnualFee, BigInt(day.daysInYear));
      grossCents = grossCents.plus(gross);
      payableCents = payableCents.plus(payable);
      waiver = gross.minus(payable);
    } else {
      const g = Fraction.fromDec(day.annualFee).dividedBy(Fraction.of(BigInt(day.daysInYear), 1n));
      const p = payableAnnualFee === day.annualFee ? g : Fraction.fromDec(payableAnnualFee).dividedBy(Fraction.of(BigInt(day.daysInYear), 1n));
      grossExact = grossExact.plus(g);
      payableExact = payableExact.plus(p);
      gross = g.toDec();
      payable = p.toDec();
      waiver = g === p ? ZERO : g.minus(p).toDec();
    }
    out.push({ date: day.date, grossAnnualFee: day.annualFee, payableAnnualFee, gross, payable, waiver, waiverFrom: w ? w.from : null });
  }
  let gross: Dec;
  let payable: Dec;
  if (rounding === "DAILY") [gross, payable] = [grossCents, payableCents];
  else if (rounding === "PERIOD") [gross, payable] = [grossExact.toCents(), payableExact.toCents()];
  else [gross, payable] = [grossExact.toDec(), payableExact.toDec()];
  const waiver = rounding === "NONE" ? grossExact.minus(payableExact).toDec() : gross.minus(payable);
  return { rounding, gross, payable, waiver, waivedDays, days: out };
}

function unwaivedDays(days: readonly AccrualDay[]): WaivedDay[] {
  const out = new Array<WaivedDay>(days.length);
  for (let i = 0; i < days.length; i++) out[i] = new UnwaivedDay(days[i]);
  return out;
}

const daysOfUnwaived = new WeakMap<WaivedAccrual, { daysOf: () => readonly AccrualDay[]; days?: WaivedDay[] }>();

/** applyWaivers' result with no waiver, `days` made on first read (a shared getter, so every result keeps one shape). */
class WithoutWaivers implements WaivedAccrual {
  readonly waiver = ZERO;
  readonly waivedDays = 0;
  constructor(
    readonly rounding: Rounding,
    readonly gross: Dec,
    readonly payable: Dec,
  ) {}
  get days(): WaivedDay[] {
    const d = daysOfUnwaived.get(this)!;
    return (d.days ??= unwaivedDays(d.daysOf()));
  }
  toJSON(): WaivedAccrual {
    const { rounding, gross, payable, waiver, waivedDays, days } = this;
    return { rounding, gross, payable, waiver, waivedDays, days };
  }
}

/**
 * `applyWaivers(days, no waivers, rounding, fee)`, with the days read (and their views made) on first
 * read of `days`: a month end's sheet reads an unwaived portfolio's days from the accrual's numbers.
 */
export function withoutWaivers(daysOf: () => readonly AccrualDay[], rounding: Rounding, fee: Dec): WaivedAccrual {
  const w = new WithoutWaivers(rounding, fee, fee);
  daysOfUnwaived.set(w, { daysOf });
  return w;
}

/** Whether `w` came from withoutWaivers: each day's gross and payable are the accrual's, its waiver 0. */
export function isWithoutWaivers(w: WaivedAccrual): boolean {
  return w instanceof WithoutWaivers;
}

/** A day no waiver applies to: gross and payable are the accrual's own (its annual fee and posted accrual), the waiver 0. */
class UnwaivedDay implements WaivedDay {
  readonly waiverFrom = null;
  constructor(readonly day: AccrualDay) {}
  get date(): DayNumber {
    return this.day.date;
  }
  get grossAnnualFee(): Dec {
    return this.day.annualFee;
  }
  get payableAnnualFee(): Dec {
    return this.day.annualFee;
  }
  get gross(): Dec {
    return this.day.accrual;
  }
  get payable(): Dec {
    return this.day.accrual;
  }
  get waiver(): Dec {
    return ZERO;
  }
  toJSON(): WaivedDay {
    const { date, grossAnnualFee, payableAnnualFee, gross, payable, waiver, waiverFrom } = this;
    return { date, grossAnnualFee, payableAnnualFee, gross, payable, waiver, waiverFrom };
  }
}

/** The money fields of a waived day a sheet shows as numbers. */
export type WaivedMoney = "gross" | "payable" | "waiver";

/**
 * A waived day's gross or payable accrual or its waiver as a JS number, for the Excel/JSON boundary:
 * exactly `day[field].toNumber()`, but without a decimal where no waiver applied (the accrual's own
 * number, see `dayNumber`; the waiver 0).
 */
export function waivedNumber(day: WaivedDay, field: WaivedMoney): number {
  if (day instanceof UnwaivedDay) return field === "waiver" ? 0 : dayNumber(day.day, "accrual" satisfies DayMoney);
  return toDouble(day[field]);
}
