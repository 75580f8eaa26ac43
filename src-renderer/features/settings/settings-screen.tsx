/**
 * Settings: how long a copied key stays on the clipboard, the request tester's timeout and the theme. Values are
 * checked here first (a clear message beside the field, nothing typed is lost) and saved with `updateSettings`.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { Settings } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { ScreenHeading } from '../../components/screen-heading';

/** Checks a whole number of seconds in a range; returns the number or a message. */
export function checkSeconds(text: string, min: number, max: number): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value)) return `Enter a whole number of seconds from ${min} to ${max}.`;
  if (value < min || value > max) return `Choose between ${min} and ${max} seconds.`;
  return value;
}

/** The settings form. */
export function SettingsScreen() {
  const settings = useAppStore((s) => s.app?.settings);
  const save = useAppStore((s) => s.saveSettings);
  const state = useAppStore((s) => s.settingsSave);
  const [clipboard, setClipboard] = useState(String(settings?.clipboardClearSeconds ?? 30));
  const [timeout, setTimeoutText] = useState(String(settings?.requestTimeoutSeconds ?? 30));
  const [theme, setTheme] = useState<Settings['theme']>(settings?.theme ?? 'system');
  const [errors, setErrors] = useState<{ clipboard?: string; timeout?: string }>({});
  const [openedAt] = useState(() => Date.now());
  const clipboardRef = useRef<HTMLInputElement>(null);
  const timeoutRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const c = checkSeconds(clipboard, 10, 600);
    const t = checkSeconds(timeout, 1, 300);
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
        <Field label="Clear clipboard after (seconds)" hint="From 10 to 600. A copied API key is removed from the clipboard after this long." error={errors.clipboard}>
          {(control) => (
            <input
              {...control}
              ref={clipboardRef}
              type="number"
              inputMode="numeric"
              min={10}
              max={600}
              step={1}
              value={clipboard}
              onChange={(e) => setClipboard(e.target.value)}
            />
          )}
        </Field>
        <Field label="Request timeout (seconds)" hint="From 1 to 300. The request tester gives up after this long." error={errors.timeout}>
          {(control) => (
            <input
              {...control}
              ref={timeoutRef}
              type="number"
              inputMode="numeric"
              min={1}
              max={300}
              step={1}
              value={timeout}
              onChange={(e) => setTimeoutText(e.target.value)}
            />
          )}
        </Field>
        <Field label="Theme">
          {(control) => (
            <select {...control} value={theme} onChange={(e) => setTheme(e.target.value as Settings['theme'])}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
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
    </div>
  );
}
