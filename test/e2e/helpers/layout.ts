/**
 * The layout check: on the page as it is, no two visible controls or labels overlap, no visible control or label
 * has its text cut off (overflow hidden or clipped, with content wider than its box, or cut by an ancestor that
 * hides its overflow), and no button's words break across lines ("Remo/ve"). While a modal dialog is open only the
 * dialog is checked (the rest of the page is inert behind its backdrop). Each problem names the screen and the
 * controls, the way a user would name them.
 */
import { expect, type Page } from '@playwright/test';

/** What the check looks at: every interactive control and every label. */
const CONTROLS = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="tab"], [tabindex]:not([tabindex="-1"])';
const LABELS = 'label, legend, dt';

/** The problems on the page now, one line each (empty when the layout is clean). */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ controls, labels }) => {
      const problems: string[] = [];
      const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const name = (el: Element): string => {
        const tag = el.tagName.toLowerCase();
        const aria = el.getAttribute('aria-label');
        const labelled = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
        const words = aria ?? (labelled ? textOf(labelled) : textOf(el)) ?? '';
        const type = el.getAttribute('type');
        return `${tag}${type && tag === 'input' ? `[${type}]` : ''} "${words.slice(0, 50)}"`;
      };
      const shown = (el: Element): boolean => {
        if (!(el instanceof HTMLElement)) return false;
        if (el.closest('.visually-hidden')) return false;
        if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
        const r = el.getBoundingClientRect();
        return r.width >= 1 && r.height >= 1;
      };
      const modal = document.querySelector('[aria-modal="true"]');
      const scope: ParentNode = modal ?? document;
      const items = Array.from(scope.querySelectorAll(`${controls}, ${labels}`)).filter(shown) as HTMLElement[];

      // Overlap: two boxes sharing more than a pixel each way, unless one holds the other (a label around its radio).
      const boxes = items.map((el) => ({ el, r: el.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > 1 && h > 1) problems.push(`${name(a.el)} overlaps ${name(b.el)} (${Math.round(w)}×${Math.round(h)} px)`);
        }
      }

      for (const el of items) {
        const tag = el.tagName;
        // A text field's own content scrolls inside it by design; everything else must show its text whole.
        const field = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
        if (!field) {
          const style = getComputedStyle(el);
          const hides = style.overflowX !== 'visible';
          if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
            problems.push(
              hides
                ? `${name(el)} is clipped: its text needs ${el.scrollWidth} px in a ${el.clientWidth} px box`
                : `${name(el)} spills out of its box: ${el.scrollWidth} px of text in ${el.clientWidth} px`,
            );
          }
          // Cut by an ancestor that hides its overflow (scrolling containers are fine: the text is reachable).
          const r = el.getBoundingClientRect();
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const ps = getComputedStyle(p);
            if (ps.overflowX !== 'hidden' && ps.overflowX !== 'clip') continue;
            const pr = p.getBoundingClientRect();
            if (r.left < pr.left - 1 || r.right > pr.right + 1) {
              problems.push(`${name(el)} is cut off by its container (${p.tagName.toLowerCase()}.${p.className})`);
              break;
            }
          }
        }
        // A button's words stay on one line.
        if (tag === 'BUTTON' || el.getAttribute('role') === 'tab') {
          // The lines its text runs on: text boxes whose tops differ by more than half a line.
          const style = getComputedStyle(el);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
          const tops: number[] = [];
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.push(rect.top);
          }
          tops.sort((x, y) => x - y);
          const lines = tops.filter((top, k) => k === 0 || top - tops[k - 1]! > line / 2).length;
          if (lines > 1) problems.push(`${name(el)} breaks onto ${lines} lines`);
        }
      }
      return problems;
    },
    { controls: CONTROLS, labels: LABELS },
  );
}

/** Asserts a clean layout; the failure names the screen (and size and theme, in `screen`) and each problem. */
export async function expectCleanLayout(page: Page, screen: string): Promise<void> {
  expect(await layoutProblems(page), `layout problems on ${screen}`).toEqual([]);
}
