/* global Excel, Office */
import { MANUAL_RECALC_EVENT } from "./recalculateFee";

/** Resolves with "excel" when the page runs inside Excel, or null elsewhere (no Office.js, or Office.onReady's host is null). */
export function officeHost(): Promise<"excel" | null> {
  if (typeof Office === "undefined") return Promise.resolve(null);
  return new Promise((resolve) => Office.onReady((info) => resolve(info.host === Office.HostType.Excel ? "excel" : null)));
}

/**
 * Makes the add-in's shared runtime start with this workbook from now on
 * (Office.addin.setStartupBehavior, SharedRuntime 1.1), so FEE formulas with a
 * portfolio name work as soon as the workbook opens, before anyone opens the
 * pane. Where it is not supported, nothing changes.
 */
export async function loadWithDocument(): Promise<boolean> {
  try {
    if (!Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) return false;
    await Office.addin.setStartupBehavior(Office.StartupBehavior.load);
    return true;
  } catch {
    return false;
  }
}

/** What this Excel can do that the pane must tell the user about. */
export interface HostSupport {
  /** Custom functions (CustomFunctionsRuntime 1.1): without them FEE formulas are #NAME?. */
  customFunctions: boolean;
  /** Excel for Mac, whose webview does not save downloads. */
  mac: boolean;
}

export function hostSupport(): HostSupport {
  const requirements = Office.context.requirements;
  return {
    customFunctions: requirements.isSetSupported("CustomFunctionsRuntime", "1.1"),
    mac: Office.context.platform === Office.PlatformType.Mac,
  };
}

/** Whether the workbook's calculation mode is manual (ExcelApi 1.1); false if it cannot be read. */
export async function calculationIsManual(): Promise<boolean> {
  try {
    return await Excel.run(async (context) => {
      const app = context.workbook.application;
      app.load("calculationMode");
      await context.sync();
      return app.calculationMode === Excel.CalculationMode.manual;
    });
  } catch {
    return false;
  }
}

/** Calls `f` whenever the schedule was reloaded in manual calculation mode and FEE formulas were left for the user to recalculate. */
export function onManualRecalcNeeded(f: () => void): () => void {
  addEventListener(MANUAL_RECALC_EVENT, f);
  return () => removeEventListener(MANUAL_RECALC_EVENT, f);
}
