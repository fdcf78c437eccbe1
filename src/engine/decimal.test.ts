import fc from "fast-check";
import { Dec, ZERO, bigDigits, centsToDec, fromDigits, quotient, round40, scaledQuotient, scaledToDec, sumOf, toDouble, toScaledInteger } from "./decimal";

// A decimal's representation (sign, exponent, base-10^7 words): decimal.js' own methods read it, so a decimal
// made from its words must be word for word the one the constructor's parse makes, not just an equal value.
const rep = (x: Dec) => ({ s: x.s, e: x.e, d: x.d ? [...x.d] : null });

describe("decimals made from their digits, as the parse makes them", () => {
  // scaledToDec's text before it wrote the words itself: the parse of "[-]units.frac".
  const parsed = (n: number, places: number): Dec => {
    const abs = Math.abs(n);
    const unit = 10 ** places;
    const rest = abs % unit;
    return new Dec(`${n < 0 ? "-" : ""}${(abs - rest) / unit}${rest === 0 ? "" : `.${String(rest).padStart(places, "0")}`}`);
  };
  const safe = fc.oneof(
    fc.maxSafeInteger(),
    fc.tuple(fc.maxSafeInteger(), fc.integer({ min: 0, max: 15 })).map(([n, z]) => Math.trunc(n / 10 ** z) * 10 ** z), // trailing zeros
    fc.constantFrom(0, -0, 1, -1, 99, 100, 1e7 - 1, 1e7, 1e8, 1e14, 1e15, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
  );
  it("scaledToDec (cents, 10^-8 dollars and any other scale) is word for word the parse of its digits", () => {
    fc.assert(
      fc.property(safe, fc.constantFrom(2, 8, 0, 5), (n, places) => {
        expect(rep(scaledToDec(n, places))).toEqual(rep(parsed(n, places)));
      }),
      { numRuns: 5000 },
    );
  });
  it("fromDigits is word for word the parse of [-]digits e exp, zeros and leading or trailing zero digits included", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,60}$/), fc.integer({ min: -80, max: 80 }), fc.boolean(), (digits, exp, negative) => {
        expect(rep(fromDigits(negative, digits, exp))).toEqual(rep(new Dec(`${negative ? "-" : ""}${digits}e${exp}`)));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("quotient: decimal.js' division by BigInt", () => {
  const Exact = Dec.clone({ precision: 500 });
  const operand = fc.tuple(fc.bigInt({ min: -(10n ** 46n), max: 10n ** 46n }), fc.integer({ min: -40, max: 40 })).map(([m, k]) => new Dec(`${m}e${k}`));
  it("is word for word dividedBy for operands of up to 46 digits, either sign, any scale", () => {
    fc.assert(
      fc.property(operand, operand, (x, y) => {
        expect(rep(quotient(x, y))).toEqual(rep(x.dividedBy(y)));
      }),
      { numRuns: 5000 },
    );
  });
  it("rounds exact ties at the 41st digit up, and a tie after forty 9s to a power of ten, as dividedBy does", () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${n - 1}}$`));
    fc.assert(
      fc.property(digits(40), fc.constantFrom("5", "4", "6", "50", "49", "51"), fc.oneof(digits(1), digits(12), digits(30)), fc.integer({ min: -20, max: 20 }), fc.boolean(), (head, tail, divisor, k, nines) => {
        const q = new Exact(`${nines ? "9".repeat(40) : head}${tail}e${k}`);
        const y = new Dec(divisor);
        const x = new Dec(new Exact(divisor).times(q).toString()); // x / y is exactly q: its 41st digit decides
        expect(rep(quotient(x, y))).toEqual(rep(x.dividedBy(y)));
      }),
      { numRuns: 5000 },
    );
    // A 41st digit of 5 rounds up; of 4, down.
    expect(quotient(new Dec(`${"1".repeat(40)}5`), new Dec(10)).toFixed()).toBe(`${"1".repeat(39)}2`);
    expect(quotient(new Dec(`${"1".repeat(40)}4`), new Dec(10)).toFixed()).toBe(`${"1".repeat(39)}1`);
  });
  it("round40 rounds m × 10^k as decimal.js rounds a result (carries to a power of ten included), with m's digit count, and its results divide as decimals do", () => {
    const magnitude = fc.oneof(
      fc.bigInt({ min: 1n, max: 10n ** 60n }),
      fc.tuple(fc.integer({ min: 2, max: 60 }), fc.bigInt({ min: 1n, max: 60n })).map(([j, t]) => 10n ** BigInt(j) - t), // 9s: carries
    );
    fc.assert(
      fc.property(magnitude, fc.integer({ min: -50, max: 50 }), magnitude, (m, k, other) => {
        const r = round40(m, k);
        expect(r.n).toBe(r.m.toString().length);
        const x = fromDigits(false, r.m.toString(), r.k);
        expect(rep(x)).toEqual(rep(new Dec(`${m}e${k}`).plus(0)));
        const y = new Dec(`${other}e${-k}`);
        expect(rep(scaledQuotient(r, bigDigits(y), false))).toEqual(rep(x.dividedBy(y)));
      }),
      { numRuns: 5000 },
    );
  });
  it("leaves zeros, NaN and infinities to dividedBy", () => {
    for (const [x, y] of [["0", "3"], ["-0", "3"], ["3", "0"], ["NaN", "1"], ["1", "Infinity"], ["Infinity", "-2"], ["-5", "-0"]]) {
      const a = new Dec(x);
      const b = new Dec(y);
      expect(rep(quotient(a, b))).toEqual(rep(a.dividedBy(b)));
    }
  });
});

describe("scaled integers as decimals", () => {
  it("writes the same value a decimal division gives, for any safe integer and scale", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (n, places) => {
        const want = new Dec(n).dividedBy(new Dec(10).pow(places));
        expect(scaledToDec(n, places).equals(want)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every digit at the edges: a cent below a whole unit, the largest safe integer, negatives", () => {
    expect(centsToDec(99).toString()).toBe("0.99");
    expect(centsToDec(-5).toString()).toBe("-0.05");
    expect(centsToDec(100).toString()).toBe("1");
    expect(scaledToDec(Number.MAX_SAFE_INTEGER, 8).toString()).toBe("90071992.54740991");
    expect(scaledToDec(999_999_999_999_999, 2).toString()).toBe("9999999999999.99");
  });
});

describe("a decimal as the nearest double", () => {
  const same = (x: Dec) => expect([x.toString(), toDouble(x)]).toEqual([x.toString(), x.toNumber()]);
  it("is toNumber() for any decimal: money, rates, quotients of 40 digits, large, tiny and negative values", () => {
    const digits = fc.stringMatching(/^[0-9]{1,25}$/);
    fc.assert(
      fc.property(digits, fc.integer({ min: -45, max: 30 }), fc.boolean(), (ds, exp, negative) => same(new Dec(`${negative ? "-" : ""}${ds}e${exp}`))),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (n, places) => same(scaledToDec(n, places))), { numRuns: 3000 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 366 }), (n, k) => same(new Dec(n).dividedBy(100).dividedBy(k))), { numRuns: 3000 });
  });
  it("is toNumber() for decimals of more digits than a safe integer: 40-digit quotients, long digits, halfway between two doubles and a unit either side", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{16,60}$/), fc.integer({ min: -120, max: 60 }), fc.boolean(), (ds, exp, negative) => same(new Dec(`${negative ? "-" : ""}${ds}e${exp}`))),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.integer({ min: 2, max: 400 }), (c, k) => same(new Dec(c.toString()).dividedBy(100).dividedBy(k))), { numRuns: 3000 });
    // The exact midpoint of a double and the next one up ((2 mant + 1) × 2^(e - 1), written in decimal), and
    // one unit of its 5th digit past the end either side: a tie goes to the even double, the others do not tie.
    const view = new DataView(new ArrayBuffer(8));
    fc.assert(
      fc.property(fc.double({ min: 2 ** -60, max: 2 ** 40, noNaN: true }), fc.constantFrom(0n, 1n, -1n), (y, delta) => {
        view.setFloat64(0, y);
        const bits = view.getBigUint64(0);
        const mant = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
        const j = 1 - (Number((bits >> 52n) & 0x7ffn) - 1075); // midpoint = (2 mant + 1) × 5^j × 10^-j
        fc.pre(j > 0);
        same(new Dec(`${((2n * mant + 1n) * 5n ** BigInt(j)) * 100000n + delta}e-${j + 5}`));
      }),
      { numRuns: 5000 },
    );
  });
  it("keeps the sign of zero and leaves what it cannot do exactly to toNumber()", () => {
    for (const t of ["0", "-0", "1e22", "1e23", "1e-22", "1e-23", "9007199254740993", "0.1", "-0.3", "123456789012345678901", "1e400", "-1e-400"]) same(new Dec(t));
    for (const t of [new Dec(NaN), new Dec(Infinity), new Dec(-Infinity)]) expect(Object.is(toDouble(t), t.toNumber())).toBe(true);
    expect(Object.is(toDouble(new Dec("-0")), -0)).toBe(true);
  });
});

describe("whole cents read from a decimal's digits, and sums of decimals", () => {
  // Decimals of every shape: cents, fractions of a cent, 40-digit quotients, huge and tiny exponents, signs.
  const decimal = fc.oneof(
    fc.integer({ min: -1e12, max: 1e12 }).map((c) => centsToDec(c)),
    fc.tuple(fc.maxSafeInteger(), fc.integer({ min: -25, max: 25 })).map(([m, k]) => new Dec(`${m}e${k}`)),
    fc.tuple(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), fc.integer({ min: -30, max: 10 })).map(([m, k]) => new Dec(`${m}e${k}`)),
    fc.tuple(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 400 })).map(([n, d]) => new Dec(n).dividedBy(d)),
    fc.constantFrom(new Dec(0), new Dec(-0), new Dec("0.005"), new Dec("-0.01"), new Dec("90071992547409.91"), new Dec("90071992547409.92"), new Dec("1e13"), new Dec(NaN), new Dec(Infinity), new Dec(-Infinity)),
  );
  const reference = (x: Dec, places: number): number | null => {
    if (!x.isFinite() || x.decimalPlaces() > places) return null;
    const c = x.times(new Dec(10).pow(places)).toNumber();
    return Number.isSafeInteger(c) ? c : null;
  };
  it("toScaledInteger gives x × 10^places where that is a safe integer, else null, as decimal.js does (cents for sums, micros for tier rates)", () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(2, 6), (x, places) => {
        expect(Object.is(toScaledInteger(x, places), reference(x, places))).toBe(true);
      }),
      { numRuns: 8000 },
    );
  });
  it("sumOf gives the very decimal that adding one by one from zero gives", () => {
    const mostlyCents = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -1e15, max: 1e15 }).map((c) => centsToDec(c)) }, { weight: 1, arbitrary: decimal });
    fc.assert(
      fc.property(fc.array(mostlyCents, { maxLength: 30 }), (xs) => {
        const want = xs.reduce((s, x) => s.plus(x), ZERO);
        const got = sumOf(xs);
        expect([got.toString(), Object.is(got.toNumber(), want.toNumber())]).toEqual([want.toString(), true]);
      }),
      { numRuns: 3000 },
    );
    // Partial sums past a safe integer of cents: decimal.js adds them.
    const big = centsToDec(Number.MAX_SAFE_INTEGER);
    expect(sumOf([big, centsToDec(1), centsToDec(-1)]).toString()).toBe(big.plus(centsToDec(1)).plus(centsToDec(-1)).toString());
  });
});
