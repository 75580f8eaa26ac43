/**
 * The app's log file under plain Node (electron-log's Node build, set up by `fileLogOn`): every line is scrubbed of
 * API keys and JWTs before it is written, the file rotates at its size limit keeping a few old files, and it is
 * readable by its owner only.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppLog, LOG_FILE_NAME, logsFolderIn, rotatedName } from '../../src-main/platform/log-file';
import { openNodeLogFile } from '../../src-main/platform/node-log-file';

const KEY = `dc_${'k'.repeat(20)}Zq9_-${'x'.repeat(12)}`;
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzEiLCJleHAiOjE5OTk5OTk5OTl9.c2lnbmF0dXJlLXRoYXQtaXMtc2VjcmV0';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dc-logs-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const read = (folder: string, name = LOG_FILE_NAME) => readFileSync(join(folder, name), 'utf8');

describe('the log file', () => {
  it('writes a line with an API key and a JWT scrubbed, to the console echo too', () => {
    const folder = logsFolderIn(tempDir());
    const echoed: string[] = [];
    const log = createAppLog(openNodeLogFile({ folder }), (line) => echoed.push(line));
    log(`[tester] sent with ${KEY} and Authorization: Bearer ${JWT} to https://api.example.com`);

    const text = read(folder);
    expect(text).toContain('[tester] sent with dc_…REDACTED and Authorization: Bearer REDACTED_JWT to https://api.example.com');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(3));
    expect(text).not.toContain(JWT.split('.')[2]);
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[tester\]/);
    expect(echoed).toEqual(['[tester] sent with dc_…REDACTED and Authorization: Bearer REDACTED_JWT to https://api.example.com']);
  });

  it('is readable by its owner only', () => {
    const folder = logsFolderIn(tempDir());
    createAppLog(openNodeLogFile({ folder }))('hello');
    expect(statSync(join(folder, LOG_FILE_NAME)).mode & 0o077).toBe(0);
  });

  it('rotates at the size limit, keeping the newest old files and dropping the oldest', () => {
    const folder = logsFolderIn(tempDir());
    const log = createAppLog(openNodeLogFile({ folder, maxBytes: 300, keep: 2 }));
    const line = (n: number) => `line ${String(n).padStart(3, '0')} ${'.'.repeat(60)}`;
    // About 100 bytes a line: the file passes 300 bytes every four lines or so.
    for (let n = 1; n <= 4; n += 1) log(line(n));
    expect(existsSync(join(folder, rotatedName(1)))).toBe(false);
    log(line(5));
    expect(read(folder, rotatedName(1))).toContain(line(1));
    expect(read(folder, rotatedName(1))).toContain(line(4));
    expect(read(folder)).toContain(line(5));
    expect(read(folder)).not.toContain(line(4));

    for (let n = 6; n <= 30; n += 1) log(line(n));
    const files = readdirSync(folder).sort();
    expect(files).toEqual([LOG_FILE_NAME, rotatedName(1), rotatedName(2)].sort());
    for (const name of files) expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(300 + 120);
    expect(read(folder)).toContain(line(30));
    const kept = files.map((name) => read(folder, name)).join('');
    expect(kept).not.toContain(line(1));
    expect(read(folder, rotatedName(2)) < read(folder, rotatedName(1))).toBe(true); // older lines in the higher number
  });

  it('keeps two apps in one process apart (each its own folder)', () => {
    const a = logsFolderIn(tempDir());
    const b = logsFolderIn(tempDir());
    createAppLog(openNodeLogFile({ folder: a }))('from a');
    createAppLog(openNodeLogFile({ folder: b }))('from b');
    expect(read(a)).toContain('from a');
    expect(read(a)).not.toContain('from b');
    expect(read(b)).toContain('from b');
  });
});
