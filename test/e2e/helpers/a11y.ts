/**
 * Accessibility checks with axe-core (`@axe-core/playwright`) on the page as it is: every rule axe runs by default,
 * nothing disabled. `serious` and `critical` violations fail the test (with the rule, the help text and the first
 * offending elements in the message); `minor` and `moderate` ones are printed so they stay visible without
 * failing the build.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The impacts that fail a check. */
const BLOCKING = new Set(['serious', 'critical']);

/** A readable line per violation: impact, rule id, help text and up to three target selectors. */
function summarise(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.map((v) => {
    const targets = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(' | ');
    return `[${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.nodes.length} node(s): ${targets})`;
  });
}

/**
 * Runs axe on the whole page (dialogs included: they render into `document.body`) and asserts no serious or
 * critical violation. `label` names the screen and theme in the failure message and in the printed notes.
 * Returns the number of rules that passed, so a caller can check that axe really looked at something.
 */
export async function expectAccessible(page: Page, label: string): Promise<number> {
  // `resultTypes` only trims the detail kept for passes and incomplete checks (one node each); violations are
  // reported in full, and every rule still runs.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const other = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (other.length > 0) console.log(`axe (${label}), not blocking:\n  ${summarise(other).join('\n  ')}`);
  expect(summarise(blocking), `serious or critical axe violations on ${label}`).toEqual([]);
  expect(results.passes.length, `axe checked nothing on ${label}`).toBeGreaterThan(10);
  return results.passes.length;
}
