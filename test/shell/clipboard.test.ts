import { describe, expect, it } from 'vitest';
import { concealmentFormats, electronRawFormatKey } from '../../src-main/shell/clipboard-concealment';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('clipboard concealment formats', () => {
  it('marks a copied secret as concealed on macOS', () => {
    const formats = concealmentFormats('darwin');
    expect(formats.map((f) => f.format)).toEqual(['org.nspasteboard.ConcealedType']);
    expect(formats[0]!.data.length).toBeGreaterThan(0);
  });

  it('keeps a copied secret out of Windows clipboard history, cloud sync and monitors', () => {
    const formats = concealmentFormats('win32');
    expect(formats.map((f) => f.format).sort()).toEqual(
      ['CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard', 'ExcludeClipboardContentFromMonitorProcessing'].sort(),
    );
    for (const name of ['CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']) {
      const format = formats.find((f) => f.format === name)!;
      expect(Array.from(format.data), name).toEqual([0, 0, 0, 0]);
    }
  });

  it('hints KDE clipboard managers that the text is a secret on Linux', () => {
    const [hint] = concealmentFormats('linux');
    expect(hint!.format).toBe('x-kde-passwordManagerHint');
    expect(decode(hint!.data)).toBe('secret');
  });

  it('claims no protection where the platform has no convention', () => {
    expect(concealmentFormats('freebsd')).toEqual([]);
  });

  it('describes every protection in words for the copy receipt', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      for (const f of concealmentFormats(platform)) expect(f.protection).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it("names raw formats the way Electron's ClipboardItem expects", () => {
    expect(electronRawFormatKey('org.nspasteboard.ConcealedType')).toBe(
      'electron application/osclipboard;format="org.nspasteboard.ConcealedType"',
    );
  });
});

describe('the memory clipboard of the web preview', () => {
  it('holds the copied text until cleared, and says it is not the system clipboard', async () => {
    const clipboard = new MemoryClipboard();
    const protections = await clipboard.writeSecret('dc_example');
    expect(protections.join(' ')).toMatch(/not on the system clipboard/);
    expect(await clipboard.readText()).toBe('dc_example');
    await clipboard.clear();
    expect(await clipboard.readText()).toBe('');
  });
});
