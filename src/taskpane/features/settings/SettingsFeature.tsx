import * as React from "react";
import { Button, Field, Input, Select, Spinner } from "@fluentui/react-components";
import { SETTING_DEFINITIONS, SettingKey } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { CONTRACT } from "../../../workbook/contract";
import { readSettings, settingsCells } from "../../../workbook/settingsSheet";
import { Note, Problem, messageOf } from "../../components/ErrorText";
import { useRegisterUnsavedEdits, useSavedSuffix } from "../../components/unsavedEdits";
import { SettingsDraft, checkSettings, defaultText, draftFromSettings } from "./settingsDraft";

type Loaded = { draft: SettingsDraft; sheet: string | null; readError: string | null };

/**
 * Shows and edits the workbook's Fee Settings (the FeeSettings table or Fee
 * Settings sheet): each setting with its choices from the engine's registries,
 * blank meaning the built-in default. FEE formulas and the month end read them
 * when an argument or flag does not say otherwise.
 */
export function SettingsFeature({ backend, onWritten }: { backend: WorkbookBackend; onWritten?: () => void }) {
  const [loaded, setLoaded] = React.useState<Loaded | null>(null);
  const [draft, setDraft] = React.useState<SettingsDraft | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [saved, setSaved] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    setFailure(null);
    try {
      const block = await backend.readBlock("settings");
      let readError: string | null = null;
      let settings = {};
      if (block) {
        try {
          settings = readSettings(block, await backend.dateSystem());
        } catch (e) {
          readError = messageOf(e);
        }
      }
      const d = draftFromSettings(settings);
      setLoaded({ draft: d, sheet: block?.sheet ?? null, readError });
      setDraft(d);
    } catch (e) {
      setFailure(messageOf(e));
    }
  }, [backend]);

  React.useEffect(() => void load(), [load]);

  const savedSuffix = useSavedSuffix();
  const check = draft ? checkSettings(draft) : null;
  const changed = Boolean(loaded && draft && SETTING_DEFINITIONS.some((d) => draft[d.key] !== loaded.draft[d.key]));
  const canSave = Boolean(check && Object.keys(check.issues).length === 0 && backend.writeBlock);
  /** Saves the draft; true when saved (the month end's "Save and run" waits on it). */
  const save = async (): Promise<boolean> => {
    if (!backend.writeBlock || !check || !loaded || Object.keys(check.issues).length > 0) return false;
    setBusy(true);
    setFailure(null);
    try {
      await backend.writeBlock("settings", settingsCells(check.settings, await backend.dateSystem()));
      setSaved(`Saved the Fee Settings to ${loaded.sheet ?? CONTRACT.settings.sheet}.${savedSuffix}`);
      onWritten?.();
      await load();
      return true;
    } catch (e) {
      setFailure(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  // Month end asks before running on the saved settings; the standalone page asks before it is left.
  useRegisterUnsavedEdits("settings", changed ? { label: "fee settings", canSave, save } : null);

  if (failure && !loaded) return <Problem title="Cannot read the Fee Settings">{failure}</Problem>;
  if (!loaded || !draft || !check) return <Spinner label="Reading the Fee Settings…" />;

  const { issues } = check;
  const set = (key: SettingKey, value: string) => {
    setSaved(null);
    setDraft({ ...draft, [key]: value });
  };

  return (
    <div className="stack">
      <p className="caption">
        {loaded.sheet ? `From the sheet “${loaded.sheet}”.` : `This workbook has no Fee Settings yet: saving adds a “${CONTRACT.settings.sheet}” sheet.`} A blank setting uses the default. A FEE argument or a
        command-line flag overrides a setting.
      </p>
      {loaded.readError && (
        <Problem title="A Fee Settings row is not valid">
          {loaded.readError} Formulas that would use a setting show this error until it is fixed; saving here rewrites the rows.
        </Problem>
      )}
      {SETTING_DEFINITIONS.map((d) => {
        const hint = `${d.description} Default: ${defaultText(d)}.`;
        const issue = issues[d.key];
        return (
          <Field key={d.key} label={d.label} hint={hint} validationState={issue ? "error" : undefined} validationMessage={issue}>
            {d.choices ? (
              <Select value={draft[d.key]} onChange={(_, v) => set(d.key, v.value)} aria-label={d.label}>
                <option value="">(default: {defaultText(d)})</option>
                {d.choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                value={draft[d.key]}
                type={d.kind === "date" ? "date" : "text"}
                inputMode={d.kind === "amount" ? "decimal" : undefined}
                placeholder={defaultText(d)}
                aria-label={d.label}
                onChange={(_, v) => set(d.key, v.value)}
              />
            )}
          </Field>
        );
      })}
      <div className="row">
        {/* disabledFocusable: focus stays on the button it was on when a save makes it unavailable (never dropped to the page). */}
        <Button appearance="primary" disabledFocusable={busy || !changed || !canSave} onClick={() => void save()}>
          Save settings
        </Button>
        <Button disabledFocusable={busy || !changed} onClick={() => setDraft(loaded.draft)}>
          Discard changes
        </Button>
        <span className="caption" aria-live="polite">
          {busy ? "Saving…" : changed ? "Unsaved settings edits" : "No unsaved settings edits"}
        </span>
      </div>
      {failure && <Problem title="The Fee Settings were not saved">{failure}</Problem>}
      {saved && <Note intent="success">{saved}</Note>}
    </div>
  );
}
