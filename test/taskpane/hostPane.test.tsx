/**
 * @jest-environment jsdom
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficeApp } from "../../src/taskpane/app/App";
import { MANUAL_CALCULATION, NO_CUSTOM_FUNCTIONS } from "../../src/taskpane/components/HostNotices";
import { MANUAL_RECALC_EVENT } from "../../src/workbook/office/recalculateFee";
import { OutCell, SheetModel } from "../../src/workbook/reconSheets";
import { FakeBackend } from "./fakeBackend";

class RecordingBackend extends FakeBackend {
  sheets: SheetModel[] = [];
  async writeSheets(models: SheetModel[]): Promise<void> {
    this.sheets.push(...models);
  }
}

/** Excel with its calculation mode, for the pane's notice. */
function excel(mode: "Automatic" | "Manual") {
  const context = { workbook: { application: { load: () => undefined, calculationMode: mode } }, sync: async () => undefined };
  (globalThis as unknown as { Excel: unknown }).Excel = { run: async (f: (c: unknown) => unknown) => f(context), CalculationMode: { manual: "Manual", automatic: "Automatic" } };
}

const mount = (backend: FakeBackend, support: { customFunctions: boolean; mac: boolean }) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <OfficeApp backend={backend} support={support} />
    </FluentProvider>,
  );

const ROWS = [["MetLife Growth Strategy Portfolio", 38292, 0, 0.001]];

beforeEach(() => sessionStorage.clear());

describe("the pane tells the user what this Excel cannot do", () => {
  it("no custom functions: one line says FEE formulas need a newer Excel", async () => {
    excel("Automatic");
    mount(new FakeBackend(ROWS), { customFunctions: false, mac: false });
    expect(await screen.findByText(NO_CUSTOM_FUNCTIONS)).toBeTruthy();
    expect(screen.queryByText(MANUAL_CALCULATION)).toBeNull();
  });

  it("with custom functions and automatic calculation, no notice", async () => {
    excel("Automatic");
    mount(new FakeBackend(ROWS), { customFunctions: true, mac: false });
    await screen.findByRole("button", { name: "Export CSV" });
    expect(screen.queryByText(NO_CUSTOM_FUNCTIONS)).toBeNull();
    expect(screen.queryByText(MANUAL_CALCULATION)).toBeNull();
  });

  it("manual calculation: says so when the pane opens", async () => {
    excel("Manual");
    mount(new FakeBackend(ROWS), { customFunctions: true, mac: false });
    expect(await screen.findByText(MANUAL_CALCULATION)).toBeTruthy();
  });

  it("manual calculation set later: says so when a schedule reload leaves FEE formulas to recalculate", async () => {
    excel("Automatic");
    mount(new FakeBackend(ROWS), { customFunctions: true, mac: false });
    await screen.findByRole("button", { name: "Export CSV" });
    expect(screen.queryByText(MANUAL_CALCULATION)).toBeNull();
    act(() => void dispatchEvent(new CustomEvent(MANUAL_RECALC_EVENT)));
    expect(await screen.findByText(MANUAL_CALCULATION)).toBeTruthy();
  });
});

describe("Export CSV in Excel for Mac, where downloads do nothing", () => {
  it("writes the CSV to a new sheet and says where it is", async () => {
    excel("Automatic");
    const backend = new RecordingBackend(ROWS);
    const createObjectURL = jest.fn(() => "blob:x");
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => undefined });
    mount(backend, { customFunctions: true, mac: true });
    fireEvent.click(await screen.findByRole("button", { name: "Export CSV" }));
    await screen.findByText(/the new sheet "CSV fee-schedule"/);
    expect(createObjectURL).not.toHaveBeenCalled();
    expect(backend.sheets).toHaveLength(1);
    expect(backend.sheets[0].name).toBe("CSV fee-schedule");
    const cells = (backend.sheets[0].rows as OutCell[][]).map((r) => r.map((c) => c.value));
    expect(cells[0]).toEqual(["Portfolio", "Effective From", "Breakpoint", "Annual Rate"]);
    expect(cells[1][0]).toBe("MetLife Growth Strategy Portfolio");
    expect(cells[1][3]).toBe(0.001);
  });

  it("elsewhere the same button downloads the file", async () => {
    excel("Automatic");
    const backend = new RecordingBackend(ROWS);
    const createObjectURL = jest.fn(() => "blob:x");
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => undefined });
    const clicked: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    mount(backend, { customFunctions: true, mac: false });
    fireEvent.click(await screen.findByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1));
    expect(clicked).toEqual(["fee-schedule.csv"]);
    expect(backend.sheets).toHaveLength(0);
    click.mockRestore();
  });
});
