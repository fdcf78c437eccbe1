import { accrue } from "./accrue";
import { parseIsoDate } from "./calendarDate";
import { Dec } from "./decimal";
import { NavSeries } from "./navSeries";
import { PortfolioSchedule } from "./schedule";

const d = parseIsoDate;
const flat = (rate: string) => [{ breakpoint: new Dec(0), rate: new Dec(rate) }];
const navs = NavSeries.from([{ date: d("2023-12-29"), netAssets: 365000000 }]);

// Hand-worked: 365,000,000 x 0.10% = 365,000 a year; 2024 has 366 days: 997.2678 -> 997.27 a day.
// At 0.12%, 438,000 / 366 = 1,196.7213 -> 1,196.72 a day.
describe("accrual under an effective-dated schedule", () => {
  it("does not accrue before the agreement is in force", () => {
    const p: PortfolioSchedule = { portfolio: "Fund", versions: [{ effectiveFrom: d("2024-01-15"), tiers: flat("0.001") }] };
    const r = accrue(p, navs, d("2024-01-01"), d("2024-01-31"));
    expect([r.accruingDays, r.fee.toFixed(2), r.days[0].date]).toEqual([17, "16953.59", d("2024-01-15")]);
  });

  it("changes rate on the amendment's effective date, and each day names the version it used", () => {
    const p: PortfolioSchedule = {
      portfolio: "Fund",
      versions: [
        { effectiveFrom: d("2004-11-01"), tiers: flat("0.001") },
        { effectiveFrom: d("2024-01-15"), tiers: flat("0.0012") },
      ],
    };
    const r = accrue(p, navs, d("2024-01-01"), d("2024-01-31"));
    expect(r.fee.toFixed(2)).toBe("34306.02"); // 14 x 997.27 + 17 x 1,196.72
    expect(r.days[13]).toMatchObject({ effectiveFrom: d("2004-11-01"), navDate: d("2023-12-29") });
    expect(r.days[14].effectiveFrom).toBe(d("2024-01-15"));
    expect(r.days[14].accrual.toFixed(2)).toBe("1196.72");
    expect(r.days[30].cumulative.toFixed(2)).toBe("34306.02");
  });
});
