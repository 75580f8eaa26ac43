/**
 * The application menu (review part 8, finding 2): without one, Electron's default menu offers Toggle Developer
 * Tools in every build. The template is built by a pure function and checked here for each platform; installing it
 * is checked with a stand-in for Electron's `Menu` (the Electron binary cannot run on this machine).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const installed: MenuItemConstructorOptions[][] = [];
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
    setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => void installed.push(menu.template),
  },
}));

const { buildMenuTemplate, installAppMenu, WORKBENCH_SHORTCUTS } = await import('../../src-main/shell/app-menu');

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function template(platform: NodeJS.Platform, isPackaged: boolean, calls: string[] = []) {
  return buildMenuTemplate({
    platform,
    isPackaged,
    appName: 'DeepCurrent',
    onOpenLogs: () => void calls.push('logs'),
    onAbout: () => void calls.push('about'),
  });
}

/** Every item of the menu, submenus included, depth first. */
function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

const roles = (items: MenuItemConstructorOptions[]) => allItems(items).map((item) => item.role).filter(Boolean);

function menu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = items.find((item) => item.label === label);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`no ${label} menu`);
  return found.submenu;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (!item?.click) throw new Error('the item does nothing');
  (item.click as () => void)();
}

describe('the application menu', () => {
  it.each(PLATFORMS)('offers no Developer Tools, reload or force-reload in a packaged build on %s', (platform) => {
    const items = template(platform, true);
    expect(roles(items)).not.toContain('toggleDevTools');
    expect(roles(items)).not.toContain('reload');
    expect(roles(items)).not.toContain('forceReload');
    expect(allItems(items).filter((item) => /developer|devtools/i.test(item.label ?? ''))).toEqual([]);
  });

  it.each(PLATFORMS)('offers Developer Tools, reload and force-reload in development on %s', (platform) => {
    expect(roles(menu(template(platform, false), 'View'))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it.each(PLATFORMS.flatMap((platform) => [[platform, true], [platform, false]] as const))(
    'keeps the clipboard and undo shortcuts working in every field on %s (packaged: %s)',
    (platform, isPackaged) => {
      expect(roles(menu(template(platform, isPackaged), 'Edit'))).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
      );
    },
  );

  it('adds paste-and-match-style and delete to Edit on macOS', () => {
    expect(roles(menu(template('darwin', true), 'Edit'))).toEqual(expect.arrayContaining(['pasteAndMatchStyle', 'delete']));
  });

  it('has the macOS app menu (about, services, hide, hide others, show all, quit), only on macOS', () => {
    const mac = template('darwin', true);
    expect(mac[0]!.label).toBe('DeepCurrent');
    expect(roles(mac[0]!.submenu as MenuItemConstructorOptions[])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    for (const platform of ['win32', 'linux'] as const) {
      expect(roles(template(platform, true))).not.toEqual(expect.arrayContaining(['services', 'hideOthers']));
      expect(roles(menu(template(platform, true), 'File'))).toEqual(['quit']);
    }
  });

  it.each(PLATFORMS.flatMap((platform) => [[platform, true], [platform, false]] as const))(
    'has zoom and full screen in View on %s (packaged: %s)',
    (platform, isPackaged) => {
      expect(roles(menu(template(platform, isPackaged), 'View'))).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    },
  );

  it('has the Window menu of each platform', () => {
    expect(roles(menu(template('darwin', true), 'Window'))).toEqual(['minimize', 'zoom', 'front']);
    expect(roles(menu(template('win32', true), 'Window'))).toEqual(['minimize', 'close']);
    expect(roles(menu(template('linux', true), 'Window'))).toEqual(['minimize', 'close']);
  });

  it.each(PLATFORMS)('leaves the workbench’s shortcuts (Ctrl+T, Ctrl+W, Ctrl+Tab, Ctrl+L, Ctrl+Enter) to the page on %s', (platform) => {
    const items = allItems(template(platform, false));
    const taken = items.map((item) => item.accelerator ?? (item.role === 'close' ? 'CommandOrControl+W' : null)).filter(Boolean);
    for (const shortcut of WORKBENCH_SHORTCUTS) expect(taken, shortcut).not.toContain(shortcut);
    const close = items.find((item) => item.role === 'close');
    if (close) expect(close.accelerator).toBe('CommandOrControl+Shift+W');
  });

  it.each(PLATFORMS)('opens the logs folder from Help on %s through the callback', (platform) => {
    const calls: string[] = [];
    const help = menu(template(platform, true, calls), 'Help');
    click(help.find((item) => item.label === 'Open Logs Folder'));
    expect(calls).toEqual(['logs']);
  });

  it('shows About from Help: the native panel (role) on macOS, the callback elsewhere', () => {
    const macAbout = menu(template('darwin', true), 'Help').find((item) => item.label === 'About DeepCurrent');
    expect(macAbout?.role).toBe('about');
    for (const platform of ['win32', 'linux'] as const) {
      const calls: string[] = [];
      const about = menu(template(platform, true, calls), 'Help').find((item) => item.label === 'About DeepCurrent');
      expect(about?.role).toBeUndefined();
      click(about);
      expect(calls).toEqual(['about']);
    }
  });

  it('installs the packaged template as the application menu', () => {
    installed.length = 0;
    installAppMenu({ platform: 'win32', isPackaged: true, appName: 'DeepCurrent', onOpenLogs: () => {}, onAbout: () => {} });
    expect(installed).toHaveLength(1);
    expect(roles(installed[0]!)).not.toContain('toggleDevTools');
    expect(roles(installed[0]!)).toContain('copy');
  });
});
