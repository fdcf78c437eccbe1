import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficeBackend } from "../workbook/office/officeBackend";
import { officeHost } from "../workbook/office/officeHost";
import { OfficeApp, StandaloneApp } from "./app/App";

const root = document.getElementById("root");

function render(node: React.ReactNode) {
  if (!root) return;
  createRoot(root).render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

const standalone = () => render(<StandaloneApp start={new URLSearchParams(location.search).get("start") === "blank" ? "blank" : "sample"} />);

if (root?.dataset.mode === "standalone") standalone();
else void officeHost().then((host) => (host === "excel" ? render(<OfficeApp backend={new OfficeBackend()} />) : standalone()));
