import { Dec, ZERO, scaledToDec } from "./decimal";

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
}
