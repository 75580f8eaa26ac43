/**
 * The `Environment` choice of the sign-in form: the environments the main process offers, plus `Custom URL…`,
 * which reveals a `Base URL` field checked with `checkBaseUrl`. A URL typed with the `/api/v1` the app adds itself
 * is taken without it, and the field's hint says so as it is typed.
 */
import type { Ref } from 'react';
import { checkBaseUrl, type Environment } from '../../../src-shared/environments';
import { fail, ok, type Result } from '../../../src-shared/errors';
import type { EnvironmentOption } from '../../../src-shared/models';
import { Field } from '../../components/field';

/** The select's value: an index into the options, or `custom`. */
export type EnvironmentChoice = { choice: string; baseUrl: string };

/** The value that matches an environment (a stored account's), else the default option's. */
export function initialEnvironmentChoice(options: EnvironmentOption[], preferred: Environment | null): EnvironmentChoice {
  if (preferred) {
    const index = options.findIndex(
      (o) =>
        o.environment.kind === preferred.kind &&
        (preferred.kind !== 'custom' || (o.environment.kind === 'custom' && o.environment.baseUrl === preferred.baseUrl)),
    );
    if (index >= 0) return { choice: String(index), baseUrl: '' };
    if (preferred.kind === 'custom') return { choice: 'custom', baseUrl: preferred.baseUrl };
  }
  const fallback = options.findIndex((o) => o.isDefault);
  return { choice: String(Math.max(0, fallback)), baseUrl: '' };
}

/** The environment chosen, or why the custom URL is not acceptable. */
export function resolveEnvironment(
  options: EnvironmentOption[],
  value: EnvironmentChoice,
): Result<Environment, string> {
  if (value.choice === 'custom') {
    const checked = checkBaseUrl(value.baseUrl);
    return checked.ok ? ok({ kind: 'custom', baseUrl: checked.value.baseUrl }) : checked;
  }
  const option = options[Number(value.choice)];
  return option ? ok(option.environment) : fail('Choose an environment.');
}

export interface EnvironmentFieldProps {
  options: EnvironmentOption[];
  value: EnvironmentChoice;
  onChange: (value: EnvironmentChoice) => void;
  baseUrlError: string | null;
  baseUrlRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
}

const BASE_URL_HINT = 'https:// anywhere; http:// only for this computer.';

/** The select and, for a custom URL, the base URL field. */
export function EnvironmentField({ options, value, onChange, baseUrlError, baseUrlRef, disabled }: EnvironmentFieldProps) {
  const checked = value.choice === 'custom' ? checkBaseUrl(value.baseUrl) : null;
  const note = checked?.ok ? checked.value.note : null;
  return (
    <>
      <Field label="Environment">
        {(control) => (
          <select {...control} name="environment" value={value.choice} disabled={disabled} onChange={(e) => onChange({ ...value, choice: e.target.value })}>
            {options.map((o, index) => (
              <option key={`${o.label}-${index}`} value={String(index)}>
                {o.label}
              </option>
            ))}
            <option value="custom">Custom URL…</option>
          </select>
        )}
      </Field>
      {value.choice === 'custom' ? (
        <Field label="Base URL" hint={note ?? BASE_URL_HINT} error={baseUrlError}>
          {(control) => (
            <input
              {...control}
              ref={baseUrlRef}
              type="url"
              inputMode="url"
              spellCheck={false}
              autoComplete="url"
              placeholder="https://api.example.com"
              value={value.baseUrl}
              disabled={disabled}
              onChange={(e) => onChange({ ...value, baseUrl: e.target.value })}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}
