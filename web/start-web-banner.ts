/**
 * What `npm run start:web` prints once it is listening: the URL, then — only when it started the Local emulator
 * itself — the emulator's demo sign-ins (from `emulator/demo-accounts.ts`, so they never drift), the emulator's URL
 * and the settings folder.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../emulator/demo-accounts';

export interface StartWebBannerInput {
  /** The page to open (with the token in its fragment). */
  url: string;
  /** The URL of the emulator start:web started itself, or null when it started none. */
  startedEmulatorUrl: string | null;
  dataDir: string;
}

export function startWebBanner({ url, startedEmulatorUrl, dataDir }: StartWebBannerInput): string[] {
  const lines = [`DeepCurrent Desktop (web preview) at ${url}`];
  if (startedEmulatorUrl) {
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
    lines.push(`Demo sign-ins for the Local emulator (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) {
      const password = a.password === DEMO_PASSWORD ? '' : `  password ${a.password}`;
      lines.push(`  ${a.email.padEnd(width)}  plan ${a.plan}, ${a.role}${password}`);
    }
    lines.push(`DeepCurrent emulator listening on ${startedEmulatorUrl}`);
  } else {
    lines.push('No emulator (--no-emulator).');
  }
  lines.push(`Settings in ${dataDir}`);
  return lines;
}
