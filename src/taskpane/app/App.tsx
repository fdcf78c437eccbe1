import * as React from "react";
import { Button, Spinner, Tab, TabList, Title3, Caption1 } from "@fluentui/react-components";
import { WorkbookBackend } from "../../workbook/backend";
import { FileBackend, blankWorkbook } from "../../workbook/xlsx/fileBackend";
import { Problem, messageOf } from "../components/ErrorText";
import { XLSX_TYPE, download, saveElsewhere } from "../components/download";
import { HostNotices } from "../components/HostNotices";
import { HostSupport } from "../../workbook/office/officeHost";
import { csvSheet } from "../../workbook/csvToSheet";
import { FilePicker } from "../components/FilePicker";
import { ScheduleFeature } from "../features/schedule/ScheduleFeature";
import { ReconcileView } from "../features/reconcile/ReconcileView";
import { SettingsFeature } from "../features/settings/SettingsFeature";
import { CalendarFeature } from "../features/calendar/CalendarFeature";

const TABS = { schedule: "Fee schedule", reconcile: "Month end", settings: "Settings", calendar: "Calendar" } as const;

const SAMPLE = "samples/month-end-2024-01.xlsx";

function previousMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function Panes({ backend, initialMonth }: { backend: WorkbookBackend; initialMonth: string }) {
  const [tab, setTab] = React.useState<keyof typeof TABS>("schedule");
  return (
    <>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} aria-label="Task">
        {(Object.keys(TABS) as (keyof typeof TABS)[]).map((t) => (
          <Tab key={t} value={t}>
            {TABS[t]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-label={TABS[tab]}>
        {tab === "schedule" && <ScheduleFeature backend={backend} />}
        {tab === "reconcile" && <ReconcileView backend={backend} initialMonth={initialMonth} />}
        {tab === "settings" && <SettingsFeature backend={backend} />}
        {tab === "calendar" && <CalendarFeature backend={backend} />}
      </div>
    </>
  );
}

/** In Excel: the pane over the open workbook, with a line about what this Excel cannot do. */
export function OfficeApp({ backend, support }: { backend: WorkbookBackend; support: HostSupport }) {
  const [saved, setSaved] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (!support.mac) return;
    // Excel for Mac's webview ignores downloads: exports go into a new sheet instead.
    saveElsewhere(async (text, name) => {
      const sheet = csvSheet(text, name);
      await backend.writeSheets([sheet]);
      return `Excel for Mac cannot save downloads from an add-in: ${name} is in the new sheet "${sheet.name}" (File › Save As › CSV keeps it as a file).`;
    }, setSaved);
    return () => saveElsewhere(null);
  }, [backend, support.mac]);
  return (
    <main className="app">
      <Title3 as="h1">Management fees</Title3>
      <HostNotices support={support} />
      {saved && (
        <p className="caption notice" role="status">
          {saved}
        </p>
      )}
      <Panes backend={backend} initialMonth={previousMonth()} />
    </main>
  );
}

/** Outside Excel: the same pane over an .xlsx file (the bundled sample by default), downloaded when done. */
export function StandaloneApp({ start }: { start: "sample" | "blank" }) {
  const [backend, setBackend] = React.useState<FileBackend | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [generation, setGeneration] = React.useState(0);

  const open = React.useCallback(async (bytes: ArrayBuffer | Uint8Array, name: string) => {
    setFailure(null);
    try {
      setBackend(await FileBackend.open(bytes, name));
      setGeneration((g) => g + 1);
    } catch (e) {
      setFailure(messageOf(e));
    }
  }, []);

  React.useEffect(() => {
    void (async () => {
      try {
        if (start === "blank") return open(await blankWorkbook(), "new-workbook.xlsx");
        const res = await fetch(SAMPLE);
        if (!res.ok) throw new Error(`${SAMPLE}: ${res.status} ${res.statusText}`);
        await open(await res.arrayBuffer(), "month-end-2024-01.xlsx");
      } catch (e) {
        setFailure(`The bundled sample could not be opened: ${messageOf(e)}`);
      }
    })();
  }, [open, start]);

  return (
    <main className="app">
      <Title3 as="h1">Management fees</Title3>
      <Caption1>Standalone mode: working on an .xlsx file in this browser. Nothing is uploaded; download the workbook when you are done.</Caption1>
      <div className="row toolbar" role="toolbar" aria-label="Workbook">
        <FilePicker label="Open .xlsx…" accept={`.xlsx,${XLSX_TYPE}`} onFile={async (f) => open(await f.arrayBuffer(), f.name)} />
        <Button onClick={async () => open(await blankWorkbook(), "new-workbook.xlsx")}>New workbook</Button>
        <Button appearance="primary" disabled={!backend} onClick={() => backend && download(backend.bytes(), backend.label, XLSX_TYPE)}>
          Download workbook
        </Button>
      </div>
      {backend && <p className="caption" aria-live="polite">Workbook: {backend.label}</p>}
      {failure && <Problem title="Cannot open the workbook">{failure}</Problem>}
      {!backend && !failure && <Spinner label="Opening the workbook…" />}
      {backend && <Panes key={generation} backend={backend} initialMonth={start === "sample" ? "2024-01" : previousMonth()} />}
    </main>
  );
}
