/**
 * @jest-environment jsdom
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { buildWaivers } from "../../src/engine";
import { CellBlock, ContractKind, CONTRACT } from "../../src/workbook/contract";
import { OutCell } from "../../src/workbook/reconSheets";
import { readWaiverRows } from "../../src/workbook/arrangements";
import {
  applyGroupEdit,
  checkGroupsDraft,
  checkSubAdvisoryDraft,
  checkWaiverDraft,
  subAdvisoryCells,
  subAdvisoryDraftFromRows,
  waiverCells,
  waiverDraftFromRows,
} from "../../src/taskpane/features/schedule/arrangementDraft";
import { Draft } from "../../src/taskpane/features/schedule/draft";
import { applyEdit } from "../../src/taskpane/features/schedule/edits";
import { ScheduleFeature } from "../../src/taskpane/features/schedule/ScheduleFeature";
import { UnsavedEditsProvider, usePendingEdits } from "../../src/taskpane/components/unsavedEdits";
import { FakeBackend } from "./fakeBackend";

const tiers = (...rates: string[]) => rates.map((rate, i) => ({ breakpoint: ["0", "250000000", "500000000", "1000000000"][i], rate }));

/** Fund W's waiver of the issue's case 1, and a second period typed to overlap it. */
const WAIVERS: Draft = {
  portfolios: [
    {
      name: "Fund W",
      versions: [
        { effectiveFrom: "2016-01-15", effectiveTo: "2017-04-30", tiers: tiers("0.95%", "0.90%", "0.80%", "0.75%") },
        { effectiveFrom: "2017-01-01", effectiveTo: "2017-12-31", tiers: tiers("0.90%") },
      ],
    },
  ],
};

describe("the waiver editor's pure logic", () => {
  it("two periods of a portfolio that share a day: one error naming both periods, shown on each", () => {
    const { issues } = checkWaiverDraft(WAIVERS);
    const message = "Fund W: waiver periods 1 (2016-01-15 to 2017-04-30) and 2 (2017-01-01 to 2017-12-31) overlap; one day can be under one waiver only.";
    expect(issues).toEqual([
      { portfolio: 0, version: 0, field: "effectiveFrom", message },
      { portfolio: 0, version: 1, field: "effectiveFrom", message },
    ]);
    // Adjacent periods (the second starts the day after the first ends) are fine.
    const fixed = applyEdit(WAIVERS, { kind: "setEffective", p: 0, v: 1, date: "2017-05-01" });
    expect(checkWaiverDraft(fixed).issues).toEqual([]);
  });

  it("names the period and the field: dates that are not dates, a period ending before it starts, tiers that break the fee schedule's rules", () => {
    const bad: Draft = {
      portfolios: [
        { name: "Fund W", versions: [{ effectiveFrom: "2016-02-30", effectiveTo: "", tiers: [{ breakpoint: "0", rate: "lots" }] }] },
        { name: "Fund X", versions: [{ effectiveFrom: "2016-05-01", effectiveTo: "2016-04-30", tiers: [{ breakpoint: "0", rate: "0.9%" }, { breakpoint: "0", rate: "0.8%" }] }] },
      ],
    };
    expect(checkWaiverDraft(bad).issues.map((i) => [i.portfolio, i.version, i.tier, i.field, i.message])).toEqual([
      [0, 0, undefined, "effectiveFrom", '"2016-02-30" is not a date'],
      [0, 0, undefined, "effectiveTo", "The waiver's last day is required."],
      [0, 0, 0, "rate", '"lots" is not a rate: write 0.10%, 10bp or 0.001'],
      [1, 0, undefined, "effectiveTo", "Fund X, waiver period 1 (2016-05-01 to 2016-04-30): ends (2016-04-30) before it starts (2016-05-01)."],
      [1, 0, 1, "breakpoint", "Fund X, waiver period 1 (2016-05-01 to 2016-04-30): breakpoint 0 must be above 0."],
    ]);
  });

  it("saves one row per tier in the contract's five columns, and reads back to the same draft", () => {
    const draft = applyEdit(WAIVERS, { kind: "setEffective", p: 0, v: 1, date: "2017-05-01" });
    const { rows, issues } = checkWaiverDraft(draft);
    expect(issues).toEqual([]);
    const cells = waiverCells(rows, 1900);
    expect(cells.length).toBe(5);
    expect(cells.every((r) => r.length === CONTRACT.waivers.columns.length)).toBe(true);
    // 2016-01-15 is Excel serial 42384; 0.95% is 0.0095 as a number with a percent format.
    expect(cells[0]).toEqual([{ value: "Fund W" }, { value: 42384, numFmt: "yyyy-mm-dd" }, { value: 42855, numFmt: "yyyy-mm-dd" }, { value: 0, numFmt: "#,##0.00" }, { value: 0.0095, numFmt: "0.00##%" }]);
    // What was saved is what the engine reads: the same two periods, no issue.
    const block: CellBlock = { sheet: "Fee Waivers", headerRow: 1, firstColumn: 0, header: [...CONTRACT.waivers.columns], rows: cells.map((r) => r.map((c) => c.value as string | number)) };
    const back = readWaiverRows(block);
    expect(buildWaivers(back).issues).toEqual([]);
    expect(waiverDraftFromRows(back)).toEqual(draft);
  });

  it("a new waiver period starts from the last one's tiers with both dates to fill in", () => {
    const next = applyEdit(WAIVERS, { kind: "addVersion", p: 0 });
    expect(next.portfolios[0].versions[2]).toEqual({ effectiveFrom: "", effectiveTo: "", tiers: tiers("0.90%") });
    expect(next.portfolios[0].versions[0]).toBe(WAIVERS.portfolios[0].versions[0]);
  });
});

const SUB: Draft = {
  portfolios: [{ name: "Fund S", versions: [{ effectiveFrom: "2010-01-01", subAdviser: "Sub-Adviser LLC", group: "Growth", tiers: [{ breakpoint: "0", rate: "0.41%" }, { breakpoint: "100000000", rate: "0.39%" }] }] }],
};

describe("the sub-advisory editor's pure logic", () => {
  it("a sub-adviser is required, and the group must be one the aggregation groups list", () => {
    const noAdviser = applyEdit(SUB, { kind: "setVersionField", p: 0, v: 0, field: "subAdviser", text: " " });
    expect(checkSubAdvisoryDraft(noAdviser, ["Growth"]).issues).toEqual([{ portfolio: 0, version: 0, field: "subAdviser", message: "Fund S, version 1 (from 2010-01-01): a sub-adviser is required." }]);
    expect(checkSubAdvisoryDraft(SUB, ["Value"]).issues).toEqual([
      { portfolio: 0, version: 0, field: "group", message: 'Fund S, version 1 (from 2010-01-01): group "Growth" is not in the Aggregation Groups; add it there (or leave the group blank).' },
    ]);
    expect(checkSubAdvisoryDraft(SUB, ["growth"]).issues).toEqual([]);
    const own = applyEdit(SUB, { kind: "setVersionField", p: 0, v: 0, field: "group", text: "" });
    expect(checkSubAdvisoryDraft(own, []).issues).toEqual([]);
  });

  it("two versions on one date are an error, as in the fee schedule", () => {
    const twice = applyEdit(applyEdit(SUB, { kind: "addVersion", p: 0 }), { kind: "setEffective", p: 0, v: 1, date: "2010-01-01" });
    expect(twice.portfolios[0].versions[1]).toMatchObject({ subAdviser: "Sub-Adviser LLC", group: "Growth" });
    expect(checkSubAdvisoryDraft(twice, ["Growth"]).issues.map((i) => [i.version, i.field, i.message])).toEqual([[1, "effectiveFrom", "Fund S, version 2 (from 2010-01-01): two versions take effect on the same date."]]);
  });

  it("saves the six columns, Group blank for the portfolio's own assets, and reads back to the same draft", () => {
    const { rows } = checkSubAdvisoryDraft(SUB, ["Growth"]);
    const cells = subAdvisoryCells(rows, 1900);
    expect(cells.map((r) => r.map((c) => c.value))).toEqual([
      ["Fund S", "Sub-Adviser LLC", 40179, 0, 0.0041, "Growth"],
      ["Fund S", "Sub-Adviser LLC", 40179, 100000000, 0.0039, "Growth"],
    ]);
    expect(subAdvisoryDraftFromRows(rows)).toEqual(SUB);
    const own = checkSubAdvisoryDraft(applyEdit(SUB, { kind: "setVersionField", p: 0, v: 0, field: "group", text: "" }), []).rows;
    expect(subAdvisoryCells(own, 1900)[0][5]).toEqual({ value: "" });
  });
});

describe("the aggregation groups editor's pure logic", () => {
  it("a portfolio listed twice in a group is an error naming both members; blank names are errors", () => {
    let g = applyGroupEdit({ groups: [] }, { kind: "addGroup" });
    g = applyGroupEdit(g, { kind: "renameGroup", g: 0, name: "Growth" });
    g = applyGroupEdit(g, { kind: "setMember", g: 0, m: 0, name: "Fund S" });
    g = applyGroupEdit(g, { kind: "addMember", g: 0 });
    g = applyGroupEdit(g, { kind: "addMember", g: 0 });
    g = applyGroupEdit(g, { kind: "setMember", g: 0, m: 2, name: "fund s " });
    expect(checkGroupsDraft(g).issues).toEqual([
      { group: 0, member: 1, message: "Growth, member 2: a portfolio name is required." },
      { group: 0, member: 2, message: "Growth: fund s is listed twice (members 1 and 3)." },
    ]);
    g = applyGroupEdit(g, { kind: "removeMember", g: 0, m: 2 });
    g = applyGroupEdit(g, { kind: "setMember", g: 0, m: 1, name: "Fund B" });
    expect(checkGroupsDraft(g)).toEqual({ rows: [{ group: "Growth", portfolio: "Fund S" }, { group: "Growth", portfolio: "Fund B" }], issues: [] });
    expect(checkGroupsDraft(applyGroupEdit(g, { kind: "addGroup" })).issues.map((i) => i.message)).toEqual(["A group needs a name.", "Group 2, member 1: a portfolio name is required."]);
  });
});

/** The fake workbook with the arrangement tables: each block's cells, and every writeBlock recorded. */
class ArrangementsBackend extends FakeBackend {
  blocks = new Map<ContractKind, (string | number | null)[][]>();
  written: { kind: ContractKind; cells: OutCell[][] }[] = [];
  async readBlock(kind: ContractKind): Promise<CellBlock | null> {
    if (kind === "schedule") return super.readBlock(kind);
    const rows = this.blocks.get(kind);
    if (!rows) return null;
    return { sheet: CONTRACT[kind].sheet, headerRow: 1, firstColumn: 0, header: [...CONTRACT[kind].columns], rows: rows.map((r) => [...r]) };
  }
  async writeBlock(kind: ContractKind, cells: OutCell[][]): Promise<void> {
    this.written.push({ kind, cells });
    this.blocks.set(kind, cells.map((r) => r.map((c) => c.value as string | number | null)));
  }
}

function Pending() {
  return <p data-testid="pending">{usePendingEdits().map((p) => p.label).join(", ")}</p>;
}

describe("the Schedule tab's waiver, sub-advisory and groups editors", () => {
  const mount = (backend: ArrangementsBackend) =>
    render(
      <FluentProvider theme={webLightTheme}>
        <UnsavedEditsProvider>
          <ScheduleFeature backend={backend} />
          <Pending />
        </UnsavedEditsProvider>
      </FluentProvider>,
    );

  it("loads the workbook's waivers, registers unsaved edits, refuses an overlap, saves the rows, and keeps edits while another table is shown", async () => {
    const backend = new ArrangementsBackend([["Fund W", 40179, 0, 0.0105]]);
    backend.blocks.set("waivers", [["Fund W", 42384, 42855, 0, 0.0095]]);
    mount(backend);
    fireEvent.click(await screen.findByRole("tab", { name: "Waivers" }));
    // A single portfolio opens expanded.
    expect((await screen.findByRole("button", { name: /^Fund W/ })).textContent ?? "").toContain("0.95% flat, 2016-01-15 to 2017-04-30");
    fireEvent.click(screen.getByRole("button", { name: "Add waiver period to Fund W" }));
    fireEvent.change(screen.getByLabelText("Fund W waiver period 2 waiver from"), { target: { value: "2017-01-01" } });
    fireEvent.change(screen.getByLabelText("Fund W waiver period 2 waiver to (inclusive)"), { target: { value: "2017-12-31" } });
    expect(screen.getByRole("list", { name: "Problems" }).textContent).toContain("Fund W: waiver periods 1 (2016-01-15 to 2017-04-30) and 2 (2017-01-01 to 2017-12-31) overlap");
    expect(screen.getByRole("button", { name: "Save waivers" }).getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByTestId("pending").textContent).toBe("fee waivers");

    // Another table and back: the edits are still there.
    fireEvent.click(screen.getByRole("tab", { name: "Groups" }));
    await screen.findByText(/This workbook has no aggregation groups yet/);
    fireEvent.click(screen.getByRole("tab", { name: /^Waivers/ }));
    fireEvent.change(await screen.findByLabelText("Fund W waiver period 2 waiver from"), { target: { value: "2017-05-01" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save waivers" })));
    await screen.findByText(/Saved 2 waiver rows to fake.xlsx/);
    expect(backend.written.map((w) => [w.kind, w.cells.map((r) => r.map((c) => c.value))])).toEqual([
      [
        "waivers",
        [
          ["Fund W", 42384, 42855, 0, 0.0095],
          ["Fund W", 42856, 43100, 0, 0.0095],
        ],
      ],
    ]);
    await waitFor(() => expect(screen.getByTestId("pending").textContent).toBe(""));
  });

  it("a save after the workbook's waivers changed shows what differs instead of overwriting", async () => {
    const backend = new ArrangementsBackend(null);
    backend.blocks.set("waivers", [["Fund W", 42384, 42855, 0, 0.0095]]);
    mount(backend);
    fireEvent.click(await screen.findByRole("tab", { name: "Waivers" }));
    fireEvent.change(await screen.findByLabelText("Fund W waiver period 1 rate after waiver 1"), { target: { value: "0.90%" } });
    backend.blocks.set("waivers", [["Fund W", 42384, 42855, 0, 0.0085]]);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save waivers" })));
    await screen.findByText("The fee waivers changed in the workbook since you opened it");
    expect(screen.getByRole("list", { name: "Differences" }).textContent).toContain("In the workbook, not in your edits: Fund W | 2016-01-15 to 2017-04-30 | above 0 | 0.85%");
    expect(backend.written).toEqual([]);
  });

  it("starts a sub-advisory schedule and its group on a workbook without them, checking the group against the groups being edited", async () => {
    const backend = new ArrangementsBackend(null);
    mount(backend);
    fireEvent.click(await screen.findByRole("tab", { name: "Sub-advisory" }));
    fireEvent.click(await screen.findByRole("button", { name: "Start the sub-advisory schedule" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Portfolio name" }), { target: { value: "Fund S" } });
    fireEvent.change(screen.getByLabelText("Fund S version 1 effective from"), { target: { value: "2010-01-01" } });
    fireEvent.change(screen.getByLabelText("Fund S version 1 sub-adviser"), { target: { value: "Sub-Adviser LLC" } });
    fireEvent.change(screen.getByLabelText("Fund S version 1 aggregation group"), { target: { value: "Growth" } });
    fireEvent.change(screen.getByLabelText("Fund S version 1 sub-advisory rate 1"), { target: { value: "0.41%" } });
    expect(screen.getByRole("list", { name: "Problems" }).textContent).toBe('Fund S, version 1 (from 2010-01-01): group "Growth" is not in the Aggregation Groups; add it there (or leave the group blank).');

    fireEvent.click(screen.getByRole("tab", { name: /^Groups/ }));
    fireEvent.click(await screen.findByRole("button", { name: "Start the aggregation groups" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Group name" }), { target: { value: "Growth" } });
    fireEvent.change(screen.getByLabelText("Growth member 1"), { target: { value: "Fund S" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save groups" })));
    await screen.findByText(/Saved 1 group rows/);

    fireEvent.click(screen.getByRole("tab", { name: /^Sub-advisory/ }));
    await waitFor(() => expect(screen.queryByRole("list", { name: "Problems" })).toBeNull());
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save sub-advisory schedule" })));
    await screen.findByText(/Saved 1 sub-advisory rows/);
    expect(backend.written.map((w) => [w.kind, w.cells.map((r) => r.map((c) => c.value))])).toEqual([
      ["groups", [["Growth", "Fund S"]]],
      ["subAdvisory", [["Fund S", "Sub-Adviser LLC", 40179, 0, 0.0041, "Growth"]]],
    ]);
  });
});
