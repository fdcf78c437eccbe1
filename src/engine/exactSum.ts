import { Dec, ZERO, scaledToDec } from "./decimal";
import { Sig, divideByCount, sigOf } from "./exact40";

const FLUSH_AT = 2 ** 52;

/**
 * An exact running sum that adds safe integers at a fixed decimal scale as
 * plain numbers (fast) and anything else as decimals, flushing the integer
 * part into a decimal before it could lose a unit.
 */
export class ExactSum {
  private small = 0;
  private big = ZERO;
  constructor(readonly places: number) {}
  /** Adds `n × 10^-places`; `n` must be a non-negative safe integer. */
  addScaled(n: number): void {
    if (this.small + n >= FLUSH_AT) this.flush();
    this.small += n;
  }
  addDec(x: Dec): void {
    this.big = this.big.plus(x);
  }
  private flush(): void {
    if (this.small === 0) return;
    const scaled = scaledToDec(this.small, this.places); // exact: its digits written, no division
    this.big = this.big.isZero() ? scaled : this.big.plus(scaled);
    this.small = 0;
  }
  value(): Dec {
    this.flush();
    return this.big;
  }
  /** The sum as m × 10^e (exact40.ts) without making a decimal while it is a safe integer; null if negative. */
  sig(): Sig | null {
    if (this.big.isZero()) return this.small >= 0 ? { m: BigInt(this.small), e: -this.places } : null;
    return sigOf(this.value());
  }
}

/** `sum.value().dividedBy(days)` (days a positive safe integer), in exact integers where the sum is not negative. */
export function averageOf(sum: ExactSum, days: number): Dec {
  const s = sum.sig();
  return s === null ? sum.value().dividedBy(days) : divideByCount(s, days);
}
