/**
 * @jest-environment jsdom
 */
import * as React from "react";
import { readFileSync } from "fs";
import path from "path";
import { TextDecoder, TextEncoder } from "util";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { SettingsFeature } from "../../src/taskpane/features/settings/SettingsFeature";
import { CalendarFeature } from "../../src/taskpane/features/calendar/CalendarFeature";
import { FileBackend, blankWorkbook } from "../../src/workbook/xlsx/fileBackend";
import { readSettings } from "../../src/workbook/settingsSheet";
import { PendingEdits, UnsavedEditsProvider, usePendingEdits } from "../../src/taskpane/components/unsavedEdits";

// jsdom has no TextDecoder/TextEncoder; the .xlsx reader needs them (browsers and Node have them).
Object.assign(globalThis, { TextDecoder, TextEncoder });

const SAMPLE = path.join(__dirname, "..", "..", "samples", "month-end-2024-01.xlsx");
const wrap = (node: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
const select = (name: string) => screen.getByRole("combobox", { name }) as HTMLSelectElement;

describe("the Settings view", () => {
  it("shows the sample's Fee Settings, edits one, and saves it to the workbook", async () => {
    const backend = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    wrap(<SettingsFeature backend={backend} />);
    await screen.findByText(/From the sheet “Fee Settings”/);
    expect(select("Net Assets Timing").value).toBe("SAME_DAY");
    expect((screen.getByRole("textbox", { name: "Tolerance" }) as HTMLInputElement).value).toBe("0.01");
    fireEvent.change(select("Net Assets Timing"), { target: { value: "PRIOR_DAY" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Tolerance" }), { target: { value: "-1" } });
    await screen.findByText("Give an amount of 0 or more, e.g. 0.01.");
    expect(screen.getByRole("button", { name: "Save settings" }).getAttribute("aria-disabled")).toBe("true");
    fireEvent.change(screen.getByRole("textbox", { name: "Tolerance" }), { target: { value: "0.05" } });
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByText("Saved the Fee Settings to Fee Settings.");
    const read = readSettings((await backend.readBlock("settings"))!, 1900);
    expect([read.navTiming, read.tolerance?.toString(), read.basis, read.rounding]).toEqual(["PRIOR_DAY", "0.05", "ACT/ACT", "DAILY"]);
  });

  it("in a workbook without settings, shows the defaults and adds the sheet on save", async () => {
    const backend = await FileBackend.open(await blankWorkbook(), "new.xlsx");
    wrap(<SettingsFeature backend={backend} />);
    await screen.findByText(/no Fee Settings yet/);
    expect(within(select("Rounding")).getByRole("option", { name: "(default: DAILY)" })).toBeTruthy();
    fireEvent.change(select("Rounding"), { target: { value: "PERIOD" } });
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByText(/Saved the Fee Settings/);
    expect(readSettings((await backend.readBlock("settings"))!, 1900)).toEqual({ rounding: "PERIOD" });
  });
});

describe("the Settings view's unsaved edits", () => {
  it("registers with the unsaved-edits registry while it differs from the workbook, and saves through it (month end's Save and run)", async () => {
    const backend = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    let pending: PendingEdits[] = [];
    const Probe = () => {
      pending = usePendingEdits();
      return null;
    };
    let writes = 0;
    render(
      <FluentProvider theme={webLightTheme}>
        <UnsavedEditsProvider>
          <SettingsFeature backend={backend} onWritten={() => writes++} />
          <Probe />
        </UnsavedEditsProvider>
      </FluentProvider>,
    );
    await screen.findByText(/From the sheet “Fee Settings”/);
    expect(pending).toEqual([]);
    fireEvent.change(select("Rounding"), { target: { value: "PERIOD" } });
    await waitFor(() => expect(pending.map((p) => [p.label, p.canSave])).toEqual([["fee settings", true]]));
    // A bad value: still pending, but cannot be saved until fixed.
    fireEvent.change(screen.getByRole("textbox", { name: "Tolerance" }), { target: { value: "lots" } });
    await waitFor(() => expect(pending.map((p) => [p.label, p.canSave])).toEqual([["fee settings", false]]));
    fireEvent.change(screen.getByRole("textbox", { name: "Tolerance" }), { target: { value: "0.01" } });
    await waitFor(() => expect(pending.map((p) => p.canSave)).toEqual([true]));
    // Back to what the workbook holds: nothing pending.
    fireEvent.change(select("Rounding"), { target: { value: "DAILY" } });
    await waitFor(() => expect(pending).toEqual([]));
    fireEvent.change(select("Rounding"), { target: { value: "PERIOD" } });
    await waitFor(() => expect(pending.length).toBe(1));
    let ok = false;
    await act(async () => {
      ok = await pending[0].save();
    });
    expect(ok).toBe(true);
    expect(writes).toBe(1);
    expect(readSettings((await backend.readBlock("settings"))!, 1900).rounding).toBe("PERIOD");
    await waitFor(() => expect(pending).toEqual([]));
    await screen.findByText("Saved the Fee Settings to Fee Settings.");
  });
});

describe("the Calendar view", () => {
  it("writes the Agreement Calendar sheet and shows what is due", async () => {
    const backend = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx");
    wrap(<CalendarFeature backend={backend} initialAsOf="2024-01-31" />);
    fireEvent.click(screen.getByRole("button", { name: "Update the Agreement Calendar" }));
    await screen.findByText(/1 of 9 portfolios need a continuance approval/);
    const row = screen.getByRole("row", { name: /American Funds Moderate Allocation Portfolio/ });
    expect(within(row).getByText("DUE_SOON")).toBeTruthy();
    expect(within(row).getByText("10")).toBeTruthy(); // approved 2023-02-10: due 2024-02-10, 10 days after 2024-01-31
    await waitFor(async () => expect((await backend.readSheetValues("Agreement Calendar"))?.[0]?.[0]?.value).toBe("Portfolio"));
  });
});
