/**
 * Settings: how long a copied key stays on the clipboard, the request tester's timeout and the theme. Values are
 * checked here first (a clear message beside the field, nothing typed is lost) and saved with `updateSettings`.
 * Below the form: where the log file is, and (development builds) resetting the Local emulator's demo data.
 */
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { DEFAULT_SETTINGS, SETTING_RANGES, THEMES, type Settings } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { ScreenHeading } from '../../components/screen-heading';
import { LogsFolderSection } from './logs-folder-section';
import { ResetDemoDataSection } from './reset-demo-data-section';

/** Checks a whole number of seconds in a range; returns the number or a message. */
function checkSeconds(text: string, { min, max }: { min: number; max: number }): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value)) return `Enter a whole number of seconds from ${min} to ${max}.`;
  if (value < min || value > max) return `Choose between ${min} and ${max} seconds.`;
  return value;
}

const THEME_LABELS: Record<Settings['theme'], string> = { system: 'System', light: 'Light', dark: 'Dark' };

interface SecondsFieldProps {
  label: string;
  range: { min: number; max: number };
  /** What the setting does, after the range in the hint. */
  purpose: string;
  value: string;
  onChange: (text: string) => void;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** A whole number of seconds in a range; the text stays as typed until the form checks it. */
function SecondsField({ label, range, purpose, value, onChange, error, inputRef }: SecondsFieldProps) {
  return (
    <Field label={label} hint={`From ${range.min} to ${range.max}. ${purpose}`} error={error}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          type="number"
          inputMode="numeric"
          min={range.min}
          max={range.max}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The settings form. */
export function SettingsScreen() {
  const settings = useAppStore((s) => s.app?.settings);
  const save = useAppStore((s) => s.saveSettings);
  const state = useAppStore((s) => s.settingsSave);
  const current = settings ?? DEFAULT_SETTINGS;
  const [clipboard, setClipboard] = useState(String(current.clipboardClearSeconds));
  const [timeout, setTimeoutText] = useState(String(current.requestTimeoutSeconds));
  const [theme, setTheme] = useState<Settings['theme']>(current.theme);
  const [errors, setErrors] = useState<{ clipboard?: string; timeout?: string }>({});
  const [openedAt] = useState(() => Date.now());
  const clipboardRef = useRef<HTMLInputElement>(null);
  const timeoutRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const c = checkSeconds(clipboard, SETTING_RANGES.clipboardClearSeconds);
    const t = checkSeconds(timeout, SETTING_RANGES.requestTimeoutSeconds);
    const found = { ...(typeof c === 'string' ? { clipboard: c } : {}), ...(typeof t === 'string' ? { timeout: t } : {}) };
    setErrors(found);
    if (typeof c === 'string' || typeof t === 'string') {
      (typeof c === 'string' ? clipboardRef : timeoutRef).current?.focus();
      return;
    }
    await save({ clipboardClearSeconds: c, requestTimeoutSeconds: t, theme });
  };

  return (
    <div className="screen">
      <ScreenHeading id="settings-heading">Settings</ScreenHeading>
      <form className="card narrow" noValidate onSubmit={(e) => void onSubmit(e)}>
        <SecondsField
          label="Clear clipboard after (seconds)"
          range={SETTING_RANGES.clipboardClearSeconds}
          purpose="A copied API key is removed from the clipboard after this long."
          value={clipboard}
          onChange={setClipboard}
          error={errors.clipboard}
          inputRef={clipboardRef}
        />
        <SecondsField
          label="Request timeout (seconds)"
          range={SETTING_RANGES.requestTimeoutSeconds}
          purpose="The request tester gives up after this long."
          value={timeout}
          onChange={setTimeoutText}
          error={errors.timeout}
          inputRef={timeoutRef}
        />
        <Field label="Theme">
          {(control) => (
            <select {...control} value={theme} onChange={(e) => setTheme(e.target.value as Settings['theme'])}>
              {THEMES.map((value) => (
                <option key={value} value={value}>
                  {THEME_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {state.error ? <ErrorMessage error={state.error} /> : null}
        <p role="status" className="muted">
          {state.savedAt && state.savedAt >= openedAt ? 'Settings saved.' : ''}
        </p>
        <div className="actions">
          <Button type="submit" variant="primary" disabled={state.saving}>
            {state.saving ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      </form>
      <LogsFolderSection />
      <ResetDemoDataSection />
    </div>
  );
}
