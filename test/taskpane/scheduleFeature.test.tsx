/**
 * @jest-environment jsdom
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ScheduleFeature } from "../../src/taskpane/features/schedule/ScheduleFeature";
import { FakeBackend } from "./fakeBackend";
import { formatIso } from "../../src/engine";

const mount = (backend: FakeBackend) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <ScheduleFeature backend={backend} />
    </FluentProvider>,
  );

const input = (name: RegExp | string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (el: HTMLInputElement, value: string) => fireEvent.change(el, { target: { value } });

beforeEach(() => sessionStorage.clear());

describe("the fee schedule pane", () => {
  it("offers Schedule A in a workbook without a schedule, and one click writes it", async () => {
    const backend = new FakeBackend(null);
    mount(backend);
    fireEvent.click(await screen.findByRole("button", { name: "Load Schedule A" }));
    // Every version of Schedule A as amended: nine portfolios, each a flat version and a tiered one (36 rows).
    await screen.findByText(/Saved 36 schedule rows/);
    const byPortfolio = new Map<string, string[]>();
    for (const r of backend.writes[0]) byPortfolio.set(r.portfolio, [...(byPortfolio.get(r.portfolio) ?? []), `${formatIso(r.effectiveFrom)} ${r.breakpoint.toString()} ${r.rate.toString()}`]);
    expect(byPortfolio.get("MetLife Growth Strategy Portfolio")).toEqual(["2004-11-01 0 0.001", "2005-04-30 0 0.001", "2005-04-30 500000000 0.00075", "2005-04-30 1000000000 0.0005"]);
    expect(byPortfolio.get("Met/Franklin Templeton Founding Strategy Portfolio")).toEqual(["2008-04-28 0 0.0005", "2009-11-12 0 0.0005", "2009-11-12 500000000 0.0004", "2009-11-12 1000000000 0.0003"]);
    expect(byPortfolio.get("American Funds Moderate Allocation Portfolio")).toEqual(["2008-04-28 0 0.001", "2009-11-12 0 0.001", "2009-11-12 500000000 0.00075", "2009-11-12 1000000000 0.0005"]);
    expect(byPortfolio.size).toBe(9);
  });

  it("shows every problem beside its field and blocks saving until they are fixed", async () => {
    const backend = new FakeBackend([
      ["Fund A", 38292, 0, 0.001],
      ["Fund B", 38292, 0, 0.002],
    ]);
    mount(backend);
    await screen.findByDisplayValue("Fund A");
    type(input("Fund A version 1 annual rate 1"), "ten percent");
    type(input("Fund B version 1 breakpoint 1"), "5");
    await screen.findByText("2 problems to fix before saving");
    expect(screen.getAllByText(/"ten percent" is not a rate/)).toHaveLength(2); // beside the field and in the summary
    expect(screen.getAllByText(/Fund B from 2004-11-01: the first tier must start at breakpoint 0/)).toHaveLength(2);
    expect((screen.getByRole("button", { name: "Save schedule" }) as HTMLButtonElement).disabled).toBe(true);
    type(input("Fund A version 1 annual rate 1"), "15bp");
    type(input("Fund B version 1 breakpoint 1"), "0");
    await waitFor(() => expect((screen.getByRole("button", { name: "Save schedule" }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: "Save schedule" }));
    await screen.findByText(/Saved 2 schedule rows/);
    expect(backend.writes[0][0].rate.toString()).toBe("0.0015");
  });

  it("does not overwrite a schedule changed in the workbook since it was read: shows what differs and lets the user choose", async () => {
    const backend = new FakeBackend([["Fund A", 38292, 0, 0.001]]);
    mount(backend);
    await screen.findByDisplayValue("Fund A");
    type(input("Fund A version 1 annual rate 1"), "0.12%");
    // A colleague edits the table meanwhile.
    backend.schedule = [["Fund A", 38292, 0, 0.0011]];
    fireEvent.click(screen.getByRole("button", { name: "Save schedule" }));
    await screen.findByText("The fee schedule changed in the workbook since you opened it");
    const diff = screen.getByRole("list", { name: "Differences" }).textContent ?? "";
    expect(diff).toContain("In the workbook, not in your edits: Fund A | from 2004-11-01 | above 0 | 0.11%");
    expect(diff).toContain("In your edits, not in the workbook: Fund A | from 2004-11-01 | above 0 | 0.12%");
    expect(backend.writes).toHaveLength(0);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Overwrite with my edits" })));
    await screen.findByText(/Saved 1 schedule rows/);
    expect(backend.writes[0][0].rate.toString()).toBe("0.0012");
  });

  it("keeps unsaved edits for the session when the pane is closed and reopened", async () => {
    const backend = new FakeBackend([["Fund A", 38292, 0, 0.001]]);
    const first = mount(backend);
    await screen.findByDisplayValue("Fund A");
    type(input("Portfolio name"), "Fund A (renamed)");
    first.unmount();
    mount(backend);
    await screen.findByText(/Your unsaved edits from earlier in this session are back/);
    expect(input("Portfolio name").value).toBe("Fund A (renamed)");
  });

  it("still checks for changes made in the workbook while the edits waited in the session", async () => {
    const backend = new FakeBackend([["Fund A", 38292, 0, 0.001]]);
    const first = mount(backend);
    await screen.findByDisplayValue("Fund A");
    type(input("Portfolio name"), "Fund A (renamed)");
    first.unmount();
    backend.schedule = [["Fund A", 38292, 0, 0.002]];
    mount(backend);
    await screen.findByText(/Your unsaved edits from earlier in this session are back/);
    fireEvent.click(screen.getByRole("button", { name: "Save schedule" }));
    await screen.findByText("The fee schedule changed in the workbook since you opened it");
    expect(backend.writes).toHaveLength(0);
  });
});
