import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficeBackend } from "../workbook/office/officeBackend";
import { hostSupport, loadWithDocument, officeHost } from "../workbook/office/officeHost";
import { OfficeApp, StandaloneApp } from "./app/App";

const root = document.getElementById("root");

function render(node: React.ReactNode) {
  if (!root) return;
  createRoot(root).render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

const standalone = () => render(<StandaloneApp start={new URLSearchParams(location.search).get("start") === "blank" ? "blank" : "sample"} />);

if (root?.dataset.mode === "standalone") standalone();
else
  void officeHost().then((host) => {
    if (host !== "excel") return standalone();
    // From now on the shared runtime starts with this workbook, so FEE formulas find the schedule without the pane.
    void loadWithDocument();
    render(<OfficeApp backend={new OfficeBackend()} support={hostSupport()} />);
  });
