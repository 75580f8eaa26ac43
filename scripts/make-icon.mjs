#!/usr/bin/env node
/**
 * Draws the app icon, `build/icon.png` (1024×1024 RGBA), from code: a deep-blue rounded square with two light
 * waves, the "current". electron-builder derives the .icns and .ico from it. Uses only Node built-ins (a small PNG
 * encoder over zlib), so the icon can be regenerated anywhere: `node scripts/make-icon.mjs [out.png]`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
// Apple's icon grid: an 824 px rounded square centred on the 1024 px canvas.
const BOX = { cx: 512, cy: 512, half: 412, radius: 186 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (row-major, `width * height * 4` bytes) as a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const clamp01 = (v) => Math.min(1, Math.max(0, v));
const mix = (a, b, t) => a + (b - a) * t;

/** Signed distance from (x, y) to the rounded square (negative inside). */
function boxDistance(x, y) {
  const qx = Math.abs(x - BOX.cx) - (BOX.half - BOX.radius);
  const qy = Math.abs(y - BOX.cy) - (BOX.half - BOX.radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - BOX.radius;
}

/** Approximate distance from (x, y) to the curve y = base + amp·sin(2π(x + phase)/wavelength). */
function waveDistance(x, y, { base, amp, wavelength, phase }) {
  const k = (2 * Math.PI) / wavelength;
  const curve = base + amp * Math.sin(k * (x + phase));
  const slope = amp * k * Math.cos(k * (x + phase));
  return Math.abs(y - curve) / Math.sqrt(1 + slope * slope);
}

const WAVES = [
  { base: 440, amp: 74, wavelength: 560, phase: 40, width: 44, alpha: 1 },
  { base: 610, amp: 52, wavelength: 560, phase: 180, width: 26, alpha: 0.55 },
];

/** Renders the icon as RGBA pixels. */
export function drawIcon() {
  const px = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const inside = clamp01(0.5 - boxDistance(x + 0.5, y + 0.5));
      if (inside === 0) continue;
      // Background: deep blue, lighter at the top left.
      const t = clamp01((x + y) / (2 * SIZE));
      let r = mix(18, 6, t);
      let g = mix(72, 30, t);
      let b = mix(168, 96, t);
      for (const wave of WAVES) {
        const cover = clamp01(wave.width / 2 + 0.5 - waveDistance(x + 0.5, y + 0.5, wave)) * wave.alpha;
        const light = clamp01((x - 100) / 824);
        r = mix(r, mix(150, 235, light), cover);
        g = mix(g, mix(225, 250, light), cover);
        b = mix(b, 255, cover);
      }
      const i = (y * SIZE + x) * 4;
      px[i] = Math.round(r);
      px[i + 1] = Math.round(g);
      px[i + 2] = Math.round(b);
      px[i + 3] = Math.round(inside * 255);
    }
  }
  return px;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../build/icon.png'));
  writeFileSync(out, encodePng(SIZE, SIZE, drawIcon()));
  console.log(`wrote ${out} (${SIZE}×${SIZE})`);
}
