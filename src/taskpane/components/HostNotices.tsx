import * as React from "react";
import { HostSupport, calculationIsManual, onManualRecalcNeeded } from "../../workbook/office/officeHost";

export const NO_CUSTOM_FUNCTIONS = "FEE formulas need a newer Excel (Microsoft 365, or Excel 2024 or later): this one shows them as #NAME?. The schedule and month end work here.";
export const MANUAL_CALCULATION = "Calculation is manual: after the Fee Schedule changes, press Ctrl+Alt+F9 to update FEE formulas.";

/** One-line notices about this Excel: no custom functions; manual calculation. */
export function HostNotices({ support }: { support: HostSupport }) {
  const [manual, setManual] = React.useState(false);
  React.useEffect(() => {
    let live = true;
    void calculationIsManual().then((m) => live && m && setManual(true));
    const off = onManualRecalcNeeded(() => live && setManual(true));
    return () => {
      live = false;
      off();
    };
  }, []);
  return (
    <>
      {!support.customFunctions && (
        <p className="caption notice" role="status">
          {NO_CUSTOM_FUNCTIONS}
        </p>
      )}
      {manual && (
        <p className="caption notice" role="status">
          {MANUAL_CALCULATION}
        </p>
      )}
    </>
  );
}
