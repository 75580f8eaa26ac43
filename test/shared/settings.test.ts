/**
 * Settings read from the settings file are made whole at one place (`normaliseSettings`, used by `readSettings`):
 * a field that is missing, of the wrong type or out of its range takes its default; the others are kept.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings, SETTING_RANGES } from '../../src-shared/models';

describe('normaliseSettings', () => {
  it('keeps valid values, the ends of each range included', () => {
    const { clipboardClearSeconds: c, requestTimeoutSeconds: t } = SETTING_RANGES;
    expect(normaliseSettings({ clipboardClearSeconds: c.min, requestTimeoutSeconds: t.max, theme: 'dark' })).toEqual({
      clipboardClearSeconds: c.min,
      requestTimeoutSeconds: t.max,
      theme: 'dark',
    });
  });

  it.each([
    ['nothing stored', undefined],
    ['not an object', 'settings'],
    ['out of range', { clipboardClearSeconds: 5, requestTimeoutSeconds: 301 }],
    ['not whole numbers', { clipboardClearSeconds: 30.5, requestTimeoutSeconds: Number.NaN }],
    ['wrong types', { clipboardClearSeconds: '60', requestTimeoutSeconds: null, theme: 'sepia' }],
  ])('puts back the defaults for %s', (_label, stored) => {
    expect(normaliseSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it('replaces only the damaged field', () => {
    expect(normaliseSettings({ clipboardClearSeconds: 120, requestTimeoutSeconds: -1, theme: 'light' })).toEqual({
      clipboardClearSeconds: 120,
      requestTimeoutSeconds: DEFAULT_SETTINGS.requestTimeoutSeconds,
      theme: 'light',
    });
  });
});
