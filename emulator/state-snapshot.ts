/**
 * The saved form of an {@link EmulatorState} (see `state.ts`), with a schema that checks a snapshot read back from
 * disk before the emulator trusts it.
 */
import { z } from 'zod';

const keyRecord = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  last4: z.string(),
  createdAt: z.number(),
  revealed: z.boolean(),
  plaintext: z.string().nullable(),
});

const userRecord = z.object({
  id: z.string().min(1),
  email: z.string().min(1),
  fullName: z.string(),
  plan: z.enum(['free', 'pro']),
  role: z.enum(['member', 'support']),
  isActive: z.boolean(),
  passwordHash: z.string().startsWith('scrypt$'),
  apiKey: keyRecord,
  pendingApiKey: keyRecord.nullable(),
  requestCount: z.number().int().min(0),
});

const regenerationRequest = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  status: z.enum(['pending', 'issued', 'confirmed']),
  reason: z.enum(['compromised', 'lost', 'other']),
  note: z.string(),
  createdAt: z.number(),
  issuedAt: z.number().nullable(),
  confirmedAt: z.number().nullable(),
  seq: z.number().int(),
});

const itemRecord = z.object({
  id: z.string().min(1),
  ownerId: z.string().min(1),
  title: z.string(),
  description: z.string().nullable(),
  createdAt: z.number(),
  seq: z.number().int(),
});

/** Checks a snapshot's structure (strict enough that a restored state cannot hold a malformed record). */
export const stateSnapshotSchema = z.object({
  /** The token signing secret, base64url. */
  signingSecret: z.string().min(1),
  seq: z.number().int().min(0),
  counters: z.record(z.string(), z.number().int().min(0)),
  dummyPasswordHash: z.string().startsWith('scrypt$'),
  users: z.array(userRecord),
  requests: z.array(regenerationRequest),
  items: z.array(itemRecord),
});

/** Everything an emulator must keep to come back as it was: see `EmulatorState.snapshot()` and `restore()`. */
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>;
