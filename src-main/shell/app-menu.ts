/**
 * The application menu. Without one Electron installs its default menu, whose View menu offers Toggle Developer
 * Tools (and reload) in every build; this one offers them only in development. It keeps the Edit roles so that
 * copy, paste, undo and select-all work in every field (on macOS the shortcuts exist only through the menu), and
 * adds Help › Open Logs Folder and About. It leaves the request workbench's shortcuts to the page (Window › Close is
 * Ctrl+Shift+W, not Electron's default Ctrl+W). The template is built by a pure function, testable under plain Node.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** What the menu depends on: the platform, whether this is a packaged build, and what Help's items do. */
export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** `app.isPackaged`: a packaged build gets no DevTools, reload or force-reload. */
  isPackaged: boolean;
  /** The product name shown in the macOS app menu and in "About …". */
  appName: string;
  /** Help › Open Logs Folder. */
  onOpenLogs: () => void;
  /** Help › About on Windows and Linux (macOS uses the native `about` role). */
  onAbout: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The request workbench's own shortcuts (new tab, close tab, next tab, focus the URL, send): no menu item may take
 * them, or Electron would handle them before the page sees the key.
 */
export const WORKBENCH_SHORTCUTS = ['CommandOrControl+T', 'CommandOrControl+W', 'Control+Tab', 'Control+Shift+Tab', 'CommandOrControl+L', 'CommandOrControl+Enter'] as const;

/** Window › Close on Windows and Linux (Electron's default for the role, Ctrl+W, closes a workbench tab instead). */
export const WINDOW_CLOSE_ACCELERATOR = 'CommandOrControl+Shift+W';

/** The menu template for one platform and build; contains no Developer Tools item when `isPackaged`. */
export function buildMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const aboutLabel = `About ${options.appName}`;
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about', label: aboutLabel },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  } else {
    template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  }

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' }, { role: 'delete' }] satisfies MenuItemConstructorOptions[] : []),
      { role: 'selectAll' },
    ],
  });

  const development: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  template.push({
    label: 'View',
    submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  });

  template.push({
    label: 'Window',
    ...(mac ? { role: 'window' as const } : {}),
    // Ctrl+W closes a tab of the request workbench (the page handles it), so closing the window takes Ctrl+Shift+W.
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close', accelerator: WINDOW_CLOSE_ACCELERATOR }],
  });

  template.push({
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Open Logs Folder', click: () => options.onOpenLogs() },
      separator,
      mac ? { role: 'about', label: aboutLabel } : { label: aboutLabel, click: () => options.onAbout() },
    ],
  });

  return template;
}

/** Replaces Electron's default menu with ours. Call once, after `app` is ready. */
export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
