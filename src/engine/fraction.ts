import { Dec, pow10 } from "./decimal";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * An exact rational number over bigints, for sums whose terms have different
 * denominators (days in the year, a group's combined net assets) that must be
 * rounded once: `PERIOD` rounding of a waiver or a sub-advisory fee.
 */
export class Fraction {
  static readonly ZERO = new Fraction(0n, 1n);

  /** Kept reduced, the denominator positive. */
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den: bigint): Fraction {
    if (den === 0n) throw new RangeError("Fraction with a zero denominator");
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num, den);
    return g > 1n ? new Fraction(num / g, den / g) : new Fraction(num, den);
  }

  /** A finite decimal, exactly. */
  static fromDec(x: Dec): Fraction {
    const places = x.decimalPlaces();
    return Fraction.of(BigInt(x.times(pow10(places)).toFixed(0)), 10n ** BigInt(places));
  }

  plus(o: Fraction): Fraction {
    if (this.den === o.den) return Fraction.of(this.num + o.num, this.den);
    return Fraction.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  minus(o: Fraction): Fraction {
    return this.plus(new Fraction(-o.num, o.den));
  }

  times(o: Fraction): Fraction {
    return Fraction.of(this.num * o.num, this.den * o.den);
  }

  dividedBy(o: Fraction): Fraction {
    return Fraction.of(this.num * o.den, this.den * o.num);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  compare(o: Fraction): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Rounded to cents, half away from zero, exactly. */
  toCents(): Dec {
    const negative = this.num < 0n;
    const abs = negative ? -this.num : this.num;
    const scaled = abs * 100n;
    let q = scaled / this.den;
    if ((scaled % this.den) * 2n >= this.den) q += 1n;
    return new Dec(`${negative && q !== 0n ? "-" : ""}${q}`).dividedBy(100);
  }

  /** As a decimal to the engine's precision (for NONE rounding and display). */
  toDec(): Dec {
    return new Dec(this.num.toString()).dividedBy(this.den.toString());
  }
}
