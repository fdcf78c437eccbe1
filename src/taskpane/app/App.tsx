import * as React from "react";
import { Button, Spinner, Tab, TabList, Title3, Caption1 } from "@fluentui/react-components";
import { WorkbookBackend } from "../../workbook/backend";
import { blankWorkbook } from "../../workbook/xlsx/fileBackend";
import { BrowserWorkbook } from "../components/browserWorkbook";
import { Problem, messageOf } from "../components/ErrorText";
import { XLSX_TYPE, download, saveElsewhere } from "../components/download";
import { HostNotices } from "../components/HostNotices";
import { HostSupport } from "../../workbook/office/officeHost";
import { csvSheet } from "../../workbook/csvToSheet";
import { FilePicker } from "../components/FilePicker";
import { UnsavedEditsProvider, WorkbookPlace, WorkbookPlaceContext, usePendingEdits } from "../components/unsavedEdits";
import { ScheduleFeature } from "../features/schedule";
import { ReconcileView } from "../features/reconcile";
import { SettingsFeature } from "../features/settings/SettingsFeature";
import { CalendarFeature } from "../features/calendar/CalendarFeature";

const SAMPLE = "samples/month-end-2024-01.xlsx";

function previousMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

type TabId = "schedule" | "reconcile" | "settings" | "calendar";
const TABS: { id: TabId; title: string }[] = [
  { id: "schedule", title: "Fee schedule" },
  { id: "reconcile", title: "Month end" },
  { id: "settings", title: "Settings" },
  { id: "calendar", title: "Calendar" },
];

/**
 * The features as tabs. Every panel stays mounted (hidden when not selected),
 * so switching tabs keeps edits, messages and the reconciliation result.
 * `revision` counts writes to the workbook, so each feature re-reads what it shows.
 */
function Panes({ backend, initialMonth }: { backend: WorkbookBackend; initialMonth: string }) {
  const [tab, setTab] = React.useState<TabId>("schedule");
  const [revision, setRevision] = React.useState(0);
  const place = React.useContext(WorkbookPlaceContext);
  const written = React.useCallback(() => {
    setRevision((r) => r + 1);
    place.changed();
  }, [place]);
  const panel = (id: TabId): React.ReactNode =>
    id === "schedule" ? (
      <ScheduleFeature backend={backend} revision={revision} onWritten={written} />
    ) : id === "reconcile" ? (
      <ReconcileView backend={backend} initialMonth={initialMonth} revision={revision} onWritten={written} onOutputWritten={place.changed} />
    ) : id === "settings" ? (
      <SettingsFeature backend={backend} onWritten={written} />
    ) : (
      <CalendarFeature backend={backend} />
    );
  return (
    <>
      <TabList className="tabs" style={{ flexWrap: "wrap" }} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label="Task">
        {TABS.map((t) => (
          <Tab key={t.id} id={`tab-${t.id}`} value={t.id} aria-controls={`panel-${t.id}`}>
            {t.title}
          </Tab>
        ))}
      </TabList>
      {TABS.map((t) => (
        <div key={t.id} id={`panel-${t.id}`} role="tabpanel" aria-labelledby={`tab-${t.id}`} hidden={tab !== t.id}>
          {panel(t.id)}
        </div>
      ))}
    </>
  );
}

const IN_EXCEL: WorkbookPlace = { kept: "workbook", changed: () => undefined };

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
    <UnsavedEditsProvider>
      <WorkbookPlaceContext.Provider value={IN_EXCEL}>
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
      </WorkbookPlaceContext.Provider>
    </UnsavedEditsProvider>
  );
}

/** Outside Excel: the same pane over an .xlsx file (the bundled sample by default), downloaded when done. */
export function StandaloneApp({ start }: { start: "sample" | "blank" }) {
  return (
    <UnsavedEditsProvider>
      <Standalone start={start} />
    </UnsavedEditsProvider>
  );
}

function Standalone({ start }: { start: "sample" | "blank" }) {
  const [backend, setBackend] = React.useState<BrowserWorkbook | null>(null);
  const [downloadProblem, setDownloadProblem] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [generation, setGeneration] = React.useState(0);
  // Writes to the in-browser workbook since it was opened or last downloaded: lost on reload unless downloaded.
  const [changes, setChanges] = React.useState(0);
  const pending = usePendingEdits();
  const place = React.useMemo<WorkbookPlace>(() => ({ kept: "browser", changed: () => setChanges((n) => n + 1) }), []);

  const open = React.useCallback(async (bytes: ArrayBuffer | Uint8Array, name: string) => {
    setFailure(null);
    try {
      setBackend(await BrowserWorkbook.open(bytes, name));
      setGeneration((g) => g + 1);
      setChanges(0);
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

  // Leaving the page loses the in-browser workbook and any unsaved edits: the browser asks first.
  const atRisk = changes > 0 || pending.length > 0;
  React.useEffect(() => {
    if (!atRisk) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [atRisk]);

  const confirmReplace = () => !atRisk || window.confirm("The workbook in this browser has changes that were not downloaded. Open another and lose them?");

  return (
    <WorkbookPlaceContext.Provider value={place}>
      <main className="app">
        <Title3 as="h1">Management fees</Title3>
        <Caption1>Standalone mode: working on an .xlsx file in this browser. Nothing is uploaded; what you save is kept in this browser until you download the workbook.</Caption1>
        <div className="row toolbar" role="toolbar" aria-label="Workbook">
          <FilePicker label="Open .xlsx…" accept={`.xlsx,${XLSX_TYPE}`} onFile={async (f) => (confirmReplace() ? open(await f.arrayBuffer(), f.name) : undefined)} />
          <Button onClick={async () => (confirmReplace() ? open(await blankWorkbook(), "new-workbook.xlsx") : undefined)}>New workbook</Button>
          <Button
            appearance="primary"
            disabledFocusable={!backend}
            onClick={() => {
              if (!backend) return;
              setDownloadProblem(null);
              try {
                download(backend.bytes(), backend.label, XLSX_TYPE);
                setChanges(0);
              } catch (e) {
                setDownloadProblem(messageOf(e));
              }
            }}
          >
            Download workbook
          </Button>
        </div>
        {backend && (
          <p className="caption" aria-live="polite">
            Workbook: {backend.label}.{" "}
            {changes > 0 ? (
              <strong className="warning-text">
                {changes} change{changes > 1 ? "s" : ""} kept in this browser since the last download — download to keep them.
              </strong>
            ) : (
              "No changes since it was opened or downloaded."
            )}
          </p>
        )}
        {downloadProblem && <Problem title="Not downloaded">{downloadProblem}</Problem>}
        {failure && <Problem title="Cannot open the workbook">{failure}</Problem>}
        {!backend && !failure && <Spinner label="Opening the workbook…" />}
        {backend && <Panes key={generation} backend={backend} initialMonth={start === "sample" ? "2024-01" : previousMonth()} />}
      </main>
    </WorkbookPlaceContext.Provider>
  );
}
