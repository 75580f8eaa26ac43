import { describe, expect, it } from 'vitest';
import { readCapped } from '../../src-main/services/tester-runner';
import { MAX_BODY_BYTES } from '../../src-shared/tester';

const CHUNK = 64 * 1024;

/** A body of `total` bytes produced on demand, recording how much was pulled and whether it was cancelled. */
function body(total: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const length = Math.min(CHUNK, total - state.pulled);
        if (length <= 0) return controller.close();
        controller.enqueue(new Uint8Array(length).fill(0x61));
        state.pulled += length;
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe('the size cap', () => {
  it('cuts a body larger than 10 MB at exactly 10 MB, marks it, and stops reading the stream', async () => {
    const { stream, state } = body(50 * 1024 * 1024);
    const { bytes, truncated } = await readCapped(stream, MAX_BODY_BYTES);
    expect(bytes.byteLength).toBe(MAX_BODY_BYTES);
    expect(truncated).toBe(true);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * CHUNK);
  });

  it('cuts inside a chunk that crosses the cap', async () => {
    const { stream } = body(1000);
    const { bytes, truncated } = await readCapped(stream, 100);
    expect(bytes.byteLength).toBe(100);
    expect(truncated).toBe(true);
  });

  it('keeps a body of exactly the cap whole and unmarked', async () => {
    const { stream, state } = body(MAX_BODY_BYTES);
    const { bytes, truncated } = await readCapped(stream, MAX_BODY_BYTES);
    expect(bytes.byteLength).toBe(MAX_BODY_BYTES);
    expect(truncated).toBe(false);
    expect(state.cancelled).toBe(false);
  });

  it('reads no body as empty', async () => {
    expect(await readCapped(null, MAX_BODY_BYTES)).toEqual({ bytes: new Uint8Array(0), truncated: false });
  });
});
