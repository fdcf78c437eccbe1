/* global Office */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficeBackend } from "../workbook/office/officeBackend";
import { OfficeApp, StandaloneApp } from "./app/App";

const root = document.getElementById("root");

function render(node: React.ReactNode) {
  if (!root) return;
  createRoot(root).render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

const standalone = () => render(<StandaloneApp start={new URLSearchParams(location.search).get("start") === "blank" ? "blank" : "sample"} />);

if (root?.dataset.mode === "standalone" || typeof Office === "undefined") standalone();
else {
  // Outside Office, Office.onReady resolves with host null: fall back to the standalone pane.
  Office.onReady((info) => (info.host === Office.HostType.Excel ? render(<OfficeApp backend={new OfficeBackend()} />) : standalone()));
}
