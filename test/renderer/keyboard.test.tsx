import { describe, expect, it } from 'vitest';
import { Backend, useEmulator } from './real-backend';
import { button, byLabel, click, goTo, press, renderApp, tab, tabIn, type, waitFor } from './helpers';

const emulator = useEmulator();

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]';

/** The accessible name of a control, as far as the app uses ARIA: aria-labelledby, aria-label, a label, its text. */
function accessibleName(el: HTMLElement): string {
  const byIds = el.getAttribute('aria-labelledby');
  if (byIds) return byIds.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  const aria = el.getAttribute('aria-label');
  if (aria) return aria.trim();
  if (el.id) {
    const label = Array.from(document.querySelectorAll('label')).find((l) => l.htmlFor === el.id);
    if (label?.textContent?.trim()) return label.textContent.trim();
  }
  const wrapping = el.closest('label');
  if (wrapping?.textContent?.trim()) return wrapping.textContent.trim();
  if (el.tagName === 'BUTTON' || el.tagName === 'SUMMARY') return (el.textContent ?? '').trim();
  return '';
}

/** Every focusable control on the page is named and none jumps the tab order with a positive tabindex. */
function checkControls(where: string) {
  const controls = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE));
  expect(controls.length, where).toBeGreaterThan(0);
  for (const el of controls) {
    const tabIndex = el.getAttribute('tabindex');
    expect(tabIndex === null || Number(tabIndex) <= 0, `${where}: positive tabindex on ${el.outerHTML.slice(0, 80)}`).toBe(true);
    // Focused by script only: a screen's heading, a dialog or alert dialog, and the code editor's scroller (its
    // control is its content, a named textbox, checked like every other).
    if (el.matches('h1, pre, [role="dialog"], [role="alertdialog"], .cm-scroller[tabindex="-1"]')) continue;
    expect(accessibleName(el), `${where}: unnamed ${el.outerHTML.slice(0, 120)}`).not.toBe('');
  }
}

describe('keyboard and labels', () => {
  it('names every control and uses no positive tabindex on any screen', async () => {
    await renderApp(new Backend(emulator.current));
    checkControls('sign-in (password)');
    await click(tab('API key'));
    checkControls('sign-in (API key)');

    await click(tab('Email and password'));
    // Sign in for real through the form.
    await type(byLabel('Email'), 'ada@deepcurrent.test');
    await type(byLabel('Password'), 'deepcurrent-demo');
    await click(button('Sign in'));
    await waitFor(() => document.querySelector('main h1')?.textContent === 'Account');
    checkControls('account');
    await goTo('API key');
    await waitFor(() => document.body.textContent?.includes('Your current key'));
    checkControls('api key');
    await click(button('Request a new key'));
    checkControls('request form');
    await goTo('Request tester');
    await waitFor(() => tabIn('Request parts', 'Headers'));
    await click(tabIn('Request parts', 'Headers'));
    await click(button('Add header'));
    await click(button('Send'));
    await waitFor(() => document.body.textContent?.includes('200 OK'));
    await waitFor(() => document.querySelector('.response-panel .cm-content'));
    checkControls('tester, a response');
    await click(tabIn('Request parts', 'Copy as'));
    await click(button('curl'));
    checkControls('tester');
    await goTo('Settings');
    checkControls('settings');
  });

  it('moves between the sign-in tabs with the arrow keys', async () => {
    await renderApp(new Backend(emulator.current));
    const first = tab('Email and password');
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(tab('API key').tabIndex).toBe(-1);
    first.focus();
    await press('ArrowRight');
    expect(document.activeElement).toBe(tab('API key'));
    expect(tab('API key').getAttribute('aria-selected')).toBe('true');
    expect(tab('API key').getAttribute('aria-controls')).toBe(document.querySelector('[role="tabpanel"]')?.id);
    expect(document.querySelector('[role="tabpanel"] input[type="password"]')).not.toBeNull();
    await press('ArrowLeft');
    expect(document.activeElement).toBe(tab('Email and password'));
  });

  it('traps the focus inside the reveal dialog, in both directions', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'token');
    await renderApp(main);
    await goTo('API key');
    await click(await waitFor(() => document.body.textContent?.includes('Your current key') && button('Reveal API key')));
    const dialog = await waitFor(() => document.querySelector<HTMLElement>('[role="dialog"]'));
    checkControls('reveal dialog');
    const close = button('Close', dialog);
    const field = dialog.querySelector('input')!;
    close.focus();
    await press('Tab');
    expect(document.activeElement).toBe(field);
    await press('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(close);
    // Focus that somehow left the dialog is brought back in on the next Tab.
    document.body.focus();
    await press('Tab', {}, dialog);
    expect(document.activeElement).toBe(field);
    await press('Escape', {}, field);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('asks before Sign out with the focus on Cancel, keeps the focus inside, and Escape cancels', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('free@deepcurrent.test', 'token');
    await renderApp(main);
    const signOut = button('Sign out');
    signOut.focus();
    await click(signOut);
    const dialog = await waitFor(() => document.querySelector<HTMLElement>('[role="alertdialog"]'));
    checkControls('sign-out dialog');
    expect(document.querySelector('[data-app-shell]')?.hasAttribute('inert')).toBe(true);
    const cancel = button('Cancel', dialog);
    const confirm = button('Sign out', dialog);
    expect(document.activeElement).toBe(cancel);
    confirm.focus();
    await press('Tab');
    expect(document.activeElement).toBe(cancel);
    await press('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    await press('Escape');
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(document.activeElement).toBe(signOut);
    expect(main.count('signOut')).toBe(0);
  });
});
