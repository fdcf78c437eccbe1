import { accrue } from "./accrue";
import { agreementCalendar, oneYearAfter } from "./agreementCalendar";
import { formatIso, parseIsoDate } from "./calendarDate";
import { Dec } from "./decimal";
import { NavSeries } from "./navSeries";
import { lastDayServed, parseNoticeParty } from "./termination";
import { PortfolioSchedule } from "./schedule";

const d = parseIsoDate;
// 0.10% of $365,000,000 = 365,000 a year; 2024 has 366 days: 997.2678 -> 997.27 a day.
const p: PortfolioSchedule = { portfolio: "Fund", versions: [{ effectiveFrom: d("2004-11-01"), tiers: [{ breakpoint: new Dec(0), rate: new Dec("0.001") }] }] };
const navs = NavSeries.from([{ date: d("2023-12-29"), netAssets: 365_000_000 }]);
const jan = (service: { commenced?: number | null; terminated?: number | null }) => accrue(p, navs, d("2024-01-01"), d("2024-01-31"), { service });

describe("service periods (§4: a partial month is prorated by the days served)", () => {
  it("a portfolio that joins mid-month accrues from Commenced, inclusive", () => {
    const r = jan({ commenced: d("2024-01-15") });
    expect([r.accruingDays, r.fee.toFixed(2), formatIso(r.days[0].date)]).toEqual([17, "16953.59", "2024-01-15"]); // 17 x 997.27
  });
  it("a portfolio that leaves mid-month accrues through Terminated, inclusive", () => {
    const r = jan({ terminated: d("2024-01-10") });
    expect([r.accruingDays, r.fee.toFixed(2), formatIso(r.days[9].date)]).toEqual([10, "9972.70", "2024-01-10"]);
  });
  it("both in one month; wholly outside the month accrues nothing", () => {
    expect(jan({ commenced: d("2024-01-05"), terminated: d("2024-01-20") }).fee.toFixed(2)).toBe("15956.32"); // 16 x 997.27
    expect(jan({ terminated: d("2023-12-31") }).accruingDays).toBe(0);
    expect(jan({ commenced: d("2024-02-01") }).fee.toFixed(2)).toBe("0.00");
  });
});

describe("termination notice (§9)", () => {
  it("the last day served is the notice date plus 60 days (Trust), 90 (Manager), or the days agreed", () => {
    expect(formatIso(lastDayServed(d("2006-03-10"), "TRUST"))).toBe("2006-05-09");
    expect(formatIso(lastDayServed(d("2006-03-10"), "MANAGER"))).toBe("2006-06-08");
    expect(formatIso(lastDayServed(d("2006-03-10"), "TRUST", 30))).toBe("2006-04-09");
    expect(parseNoticeParty("Board of Trustees")).toBe("TRUST");
    expect(parseNoticeParty("adviser")).toBe("MANAGER");
    expect(() => parseNoticeParty("Custodian", { argument: "given_by" })).toThrow('given_by is not a party that can give notice: "Custodian"; use TRUST or MANAGER');
    expect(() => lastDayServed(d("2006-03-10"), "TRUST", -1)).toThrow(/notice_days/);
    expect(() => lastDayServed(d("2006-03-10"), "TRUST", 2.5)).toThrow(/notice_days/);
  });
});

describe("the agreement calendar (§9)", () => {
  const initial = d("2005-12-31");
  const row = (portfolio: string, lastApproval: string | null, terminated: string | null = null) => ({
    portfolio,
    commenced: d("2004-11-01"),
    terminated: terminated ? d(terminated) : null,
    lastApproval: lastApproval ? d(lastApproval) : null,
  });
  it("is due at the initial term's end until a continuance is approved, then a year after each approval", () => {
    const rows = agreementCalendar([row("A", null), row("B", "2006-11-15"), row("C", "2005-12-01"), row("D", "2006-11-15", "2007-06-30"), row("E", "2006-11-15", "2007-09-01")], initial, d("2007-10-01"));
    expect(rows.map((r) => [r.portfolio, formatIso(r.nextApprovalDue), r.daysToDue, r.status])).toEqual([
      ["A", "2005-12-31", -639, "OVERDUE"],
      ["B", "2007-11-15", 45, "DUE_SOON"],
      ["C", "2006-12-01", -304, "OVERDUE"],
      ["D", "2007-11-15", 45, "TERMINATED"],
      ["E", "2007-11-15", 45, "TERMINATED"],
    ]);
  });
  it("is CURRENT more than 60 days ahead, DUE_SOON from 60 days to the due date itself, and CURRENT when service ends before the due date", () => {
    const asOf = (iso: string, r = row("B", "2006-11-15")) => agreementCalendar([r], initial, d(iso))[0];
    expect([asOf("2007-09-15").daysToDue, asOf("2007-09-15").status]).toEqual([61, "CURRENT"]);
    expect([asOf("2007-09-16").daysToDue, asOf("2007-09-16").status]).toEqual([60, "DUE_SOON"]);
    expect([asOf("2007-11-15").daysToDue, asOf("2007-11-15").status]).toEqual([0, "DUE_SOON"]);
    expect([asOf("2007-11-16").daysToDue, asOf("2007-11-16").status]).toEqual([-1, "OVERDUE"]);
    expect(asOf("2007-10-01", row("B", "2006-11-15", "2007-11-15")).status).toBe("CURRENT");
    expect(asOf("2005-06-01", row("A", null)).status).toBe("CURRENT"); // 213 days before 2005-12-31
  });
  it("a year after 29 February is 28 February", () => {
    expect(formatIso(oneYearAfter(d("2008-02-29")))).toBe("2009-02-28");
    expect(formatIso(oneYearAfter(d("2007-03-01")))).toBe("2008-03-01");
  });
});
