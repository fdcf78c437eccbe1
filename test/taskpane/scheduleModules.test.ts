import { Dec } from "../../src/engine";
import { MINUS, NONE, formatAmountText, formatMoney, formatRate } from "../../src/taskpane/components/format";
import { conflictDiff } from "../../src/taskpane/features/schedule/conflictDiff";
import { Draft, scheduleADraft } from "../../src/taskpane/features/schedule/draft";
import { applyEdit } from "../../src/taskpane/features/schedule/edits";
import { parseSessionCopy, sessionCopyFor } from "../../src/taskpane/features/schedule/sessionCopy";
import { portfolioSummary } from "../../src/taskpane/features/schedule/summary";

const tiered: Draft["portfolios"][number] = {
  name: "Fund T",
  versions: [
    { effectiveFrom: "2004-11-01", tiers: [{ breakpoint: "0", rate: "0.1%" }] },
    { effectiveFrom: "2005-04-30", tiers: [{ breakpoint: "0", rate: "0.75%" }, { breakpoint: "500000000", rate: "70bp" }, { breakpoint: "1000000000", rate: "0.0065" }] },
  ],
};

describe("fee schedule editor, pure parts", () => {
  it("sums a portfolio up in one line, rates in the hint's form", () => {
    expect(portfolioSummary({ name: "Fund F", versions: [{ effectiveFrom: "2004-11-01", tiers: [{ breakpoint: "0", rate: "10bp" }] }] })).toBe("0.10% flat since 2004-11-01");
    expect(portfolioSummary(scheduleADraft().portfolios[0])).toBe("3 tiers, 0.10% to 0.05%, since 2005-04-30 (1 amendment)");
    expect(portfolioSummary(tiered)).toBe("3 tiers, 0.75% to 0.65%, since 2005-04-30 (1 amendment)");
  });

  it("an edit keeps every portfolio it does not touch (so only the edited line re-renders)", () => {
    const d = scheduleADraft();
    const next = applyEdit(d, { kind: "setTier", p: 2, v: 0, t: 0, field: "rate", text: "0.12%" });
    expect(next.portfolios.filter((p, i) => p === d.portfolios[i]).length).toBe(d.portfolios.length - 1);
    expect(next.portfolios[2].versions[0].tiers[0].rate).toBe("0.12%");
    expect(d.portfolios[2].versions[0].tiers[0].rate).not.toBe("0.12%");
  });

  it("keeps a session copy only while the draft differs from the saved schedule", () => {
    const saved = scheduleADraft();
    expect(sessionCopyFor(saved, scheduleADraft(), "base")).toBeNull();
    const edited = applyEdit(saved, { kind: "rename", p: 0, name: "Renamed" });
    const copy = sessionCopyFor(edited, saved, "base")!;
    expect(parseSessionCopy(JSON.stringify(copy))).toEqual({ base: "base", draft: edited });
    expect(parseSessionCopy("{not json")).toBeNull();
    expect(parseSessionCopy(JSON.stringify({ base: 1 }))).toBeNull();
  });

  it("lists what differs between the edits and the workbook", () => {
    const mine = applyEdit(scheduleADraft(), { kind: "setTier", p: 0, v: 0, t: 0, field: "rate", text: "0.12%" });
    expect(conflictDiff(mine, scheduleADraft())).toEqual({
      onlyTheirs: ["MetLife Defensive Strategy Portfolio | from 2004-11-01 | above 0 | 0.1%"],
      onlyMine: ["MetLife Defensive Strategy Portfolio | from 2004-11-01 | above 0 | 0.12%"],
    });
  });

  it("formats amounts with separators and a real minus sign, — where none, rates as 0.10%", () => {
    expect(formatMoney(new Dec("-1234.565"))).toBe(`${MINUS}1,234.57`);
    expect(formatMoney(new Dec("-0.004"))).toBe("0.00");
    expect(formatMoney(null)).toBe(NONE);
    expect(formatAmountText("500000000")).toBe("500,000,000");
    expect(formatAmountText("1,000,000.5")).toBe("1,000,000.5");
    expect(formatAmountText("abc")).toBe("abc");
    expect(formatRate(new Dec("0.001"))).toBe("0.10%");
    expect(formatRate(new Dec("0.00075"))).toBe("0.075%");
    // A blended rate across tiers (0.10% to $500M, 0.075% above, on $652,061,449.92) repeats: four decimals, marked as rounded.
    expect(formatRate(new Dec(500000).plus(new Dec("152061449.92").times("0.00075")).div("652061449.92"))).toBe("\u22480.0942%");
  });
});
