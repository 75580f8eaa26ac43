/**
 * The emulator's in-memory state: users, their API keys, regeneration requests, items, the token signing secret and
 * sign-in failures. Every `startEmulator` call builds its own {@link EmulatorState} (fresh, or restored from a
 * {@link StateSnapshot}); nothing is shared between instances.
 */
import { randomBytes } from 'node:crypto';
import { generateApiKey, hashApiKey } from './api-keys';
import { normalizeEmail } from './email';
import { DEMO_ACCOUNTS, INACTIVE_DEMO_ACCOUNT, type DemoAccount } from './demo-accounts';
import { newSigningSecret } from './jwt';
import { DEFAULT_SCRYPT_COST, hashPassword } from './passwords';
import { SignInFailures } from './sign-in-failures';
import type { StateSnapshot } from './state-snapshot';

/** One API key as the server knows it. `plaintext` is kept only until the key is revealed. */
export interface KeyRecord {
  hash: string;
  last4: string;
  createdAt: number;
  revealed: boolean;
  plaintext: string | null;
}

/** One account. */
export interface UserRecord {
  id: string;
  email: string;
  fullName: string;
  plan: 'free' | 'pro';
  role: 'member' | 'support';
  isActive: boolean;
  passwordHash: string;
  apiKey: KeyRecord;
  pendingApiKey: KeyRecord | null;
  requestCount: number;
}

/** Why a key is being replaced. */
export type RegenerationReason = 'compromised' | 'lost' | 'other';
/** Where a regeneration request stands. */
export type RegenerationStatus = 'pending' | 'issued' | 'confirmed';

/** A request to replace a user's API key. */
export interface RegenerationRequest {
  id: string;
  userId: string;
  status: RegenerationStatus;
  reason: RegenerationReason;
  note: string;
  createdAt: number;
  issuedAt: number | null;
  confirmedAt: number | null;
  seq: number;
}

/** One item owned by a user. */
export interface ItemRecord {
  id: string;
  ownerId: string;
  title: string;
  description: string | null;
  createdAt: number;
  seq: number;
}

/** How ids are minted: `prefixed` (`u_3f9c…`, random) or `integer` (1, 2, 3…, per kind, as SQL servers do). */
export type IdStyle = 'prefixed' | 'integer';

/** Settings the state needs. */
export interface StateConfig {
  now: () => number;
  tokenTtlSeconds: number;
  autoIssueAfterSeconds: number | null;
  scryptCost?: number;
  ids: IdStyle;
  /** Signs access tokens; when absent a fresh state gets a random secret and a restored one keeps its own. */
  signingSecret?: Uint8Array;
}

/** A random identifier with a prefix, e.g. `u_3f9c…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** An ISO 8601 timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function newKey(createdAt: number): KeyRecord {
  const plaintext = generateApiKey();
  return { hash: hashApiKey(plaintext), last4: plaintext.slice(-4), createdAt, revealed: false, plaintext };
}

/** All state of one emulator instance. */
export class EmulatorState {
  readonly config: StateConfig;
  /** Signs this instance's access tokens. */
  readonly secret: Uint8Array;
  readonly users = new Map<string, UserRecord>();
  readonly requests = new Map<string, RegenerationRequest>();
  readonly items = new Map<string, ItemRecord>();
  /** Failed sign-ins per email (consulted only by flavours with a lockout; never saved). */
  readonly signInFailures: SignInFailures;
  /** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
  dummyPasswordHash = '';
  private readonly byEmail = new Map<string, UserRecord>();
  private readonly keyOwners = new Map<string, string>();
  private seq = 0;
  /** The last integer id minted per prefix (`integer` ids only). */
  private readonly counters: Record<string, number> = {};

  private constructor(config: StateConfig, secret: Uint8Array) {
    this.config = config;
    this.secret = secret;
    this.signInFailures = new SignInFailures(() => this.now());
  }

  /** Builds a state seeded with the demo accounts (hashing their passwords) and new, unrevealed keys. */
  static async create(config: StateConfig): Promise<EmulatorState> {
    const state = new EmulatorState(config, config.signingSecret ?? newSigningSecret());
    const cost = config.scryptCost ?? DEFAULT_SCRYPT_COST;
    const accounts = [...DEMO_ACCOUNTS, INACTIVE_DEMO_ACCOUNT];
    const hashes = await Promise.all([...accounts.map((a) => hashPassword(a.password, cost)), hashPassword('x', cost)]);
    accounts.forEach((account, i) => state.addUser(account, hashes[i]!, account !== INACTIVE_DEMO_ACCOUNT));
    state.dummyPasswordHash = hashes[accounts.length]!;
    return state;
  }

  /** Rebuilds a state from {@link snapshot}'s output; `config.signingSecret`, when set, replaces the saved one. */
  static restore(config: StateConfig, snapshot: StateSnapshot): EmulatorState {
    const secret = config.signingSecret ?? new Uint8Array(Buffer.from(snapshot.signingSecret, 'base64url'));
    const state = new EmulatorState(config, secret);
    state.seq = snapshot.seq;
    Object.assign(state.counters, snapshot.counters);
    state.dummyPasswordHash = snapshot.dummyPasswordHash;
    for (const user of snapshot.users) {
      state.indexUser({ ...user, apiKey: { ...user.apiKey }, pendingApiKey: user.pendingApiKey && { ...user.pendingApiKey } });
    }
    for (const request of snapshot.requests) state.requests.set(request.id, { ...request });
    for (const item of snapshot.items) state.items.set(item.id, { ...item });
    return state;
  }

  /**
   * Everything needed to {@link restore} this state later (sign-in failures are not kept), as JSON-ready data. It
   * shares the live records: serialise it at once.
   */
  snapshot(): StateSnapshot {
    return {
      signingSecret: Buffer.from(this.secret).toString('base64url'),
      seq: this.seq,
      counters: { ...this.counters },
      dummyPasswordHash: this.dummyPasswordHash,
      users: [...this.users.values()],
      requests: [...this.requests.values()],
      items: [...this.items.values()],
    };
  }

  /** A new id for a record of the given kind (`u`, `rr`, `it`), in this state's {@link IdStyle}. */
  mintId(prefix: string): string {
    if (this.config.ids === 'prefixed') return newId(prefix);
    this.counters[prefix] = (this.counters[prefix] ?? 0) + 1;
    return String(this.counters[prefix]);
  }

  /** The current time (ms since the epoch), from the injectable clock. */
  now(): number {
    return this.config.now();
  }

  /** A monotonically increasing number for stable newest-first ordering. */
  nextSeq(): number {
    return ++this.seq;
  }

  private addUser(account: DemoAccount, passwordHash: string, isActive: boolean): void {
    this.indexUser({
      id: this.mintId('u'),
      email: account.email,
      fullName: account.fullName,
      plan: account.plan,
      role: account.role,
      isActive,
      passwordHash,
      apiKey: newKey(this.now()),
      pendingApiKey: null,
      requestCount: 0,
    });
  }

  private indexUser(user: UserRecord): void {
    this.users.set(user.id, user);
    this.byEmail.set(normalizeEmail(user.email), user);
    this.keyOwners.set(user.apiKey.hash, user.id);
  }

  /** Adds an item owned by `ownerId`. */
  addItem(ownerId: string, title: string, description: string | null): ItemRecord {
    const item: ItemRecord = { id: this.mintId('it'), ownerId, title, description, createdAt: this.now(), seq: this.nextSeq() };
    this.items.set(item.id, item);
    return item;
  }

  /** The user with this email (case-insensitive), if any. */
  findByEmail(email: string): UserRecord | undefined {
    return this.byEmail.get(normalizeEmail(email));
  }

  /** The owner of a current (confirmed) API key; pending and revoked keys find no one. */
  userByApiKey(key: string): UserRecord | undefined {
    const id = this.keyOwners.get(hashApiKey(key));
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Marks an account active or inactive; returns false when the email is unknown. */
  setUserActive(email: string, active: boolean): boolean {
    const user = this.findByEmail(email);
    if (!user) return false;
    user.isActive = active;
    return true;
  }

  /**
   * Reveals the pending key when one was issued, else the current key; returns its plaintext exactly once
   * (the plaintext is dropped), or null when that key has already been revealed.
   */
  revealKey(user: UserRecord): { apiKey: string; key: KeyRecord } | null {
    const key = user.pendingApiKey ?? user.apiKey;
    if (key.revealed || key.plaintext === null) return null;
    const apiKey = key.plaintext;
    key.plaintext = null;
    key.revealed = true;
    return { apiKey, key };
  }

  /** The caller's open (pending or issued) regeneration request, if any. */
  openRequestOf(userId: string): RegenerationRequest | undefined {
    for (const r of this.requests.values()) {
      if (r.userId === userId && r.status !== 'confirmed') return r;
    }
    return undefined;
  }

  /** Opens a regeneration request (the caller checks there is no open one). */
  createRequest(userId: string, reason: RegenerationReason, note: string): RegenerationRequest {
    const request: RegenerationRequest = {
      id: this.mintId('rr'),
      userId,
      status: 'pending',
      reason,
      note,
      createdAt: this.now(),
      issuedAt: null,
      confirmedAt: null,
      seq: this.nextSeq(),
    };
    this.requests.set(request.id, request);
    return request;
  }

  /** Issues a pending request: creates the user's new, unrevealed `pending_api_key`. */
  issueRequest(request: RegenerationRequest, at = this.now()): void {
    const user = this.users.get(request.userId);
    if (!user || request.status !== 'pending') return;
    request.status = 'issued';
    request.issuedAt = at;
    user.pendingApiKey = newKey(at);
  }

  /** Confirms an issued request: the new key becomes current and the old one is revoked at once. */
  confirmRequest(request: RegenerationRequest): void {
    const user = this.users.get(request.userId);
    if (!user || !user.pendingApiKey) return;
    this.keyOwners.delete(user.apiKey.hash);
    user.apiKey = user.pendingApiKey;
    user.pendingApiKey = null;
    this.keyOwners.set(user.apiKey.hash, user.id);
    request.status = 'confirmed';
    request.confirmedAt = this.now();
  }

  /** Issues every pending request older than `autoIssueAfterSeconds` (no-op when auto-issue is off). */
  autoIssueDue(): void {
    const delay = this.config.autoIssueAfterSeconds;
    if (delay === null) return;
    const now = this.now();
    for (const request of this.requests.values()) {
      const due = request.createdAt + delay * 1000;
      if (request.status === 'pending' && now >= due) this.issueRequest(request, due);
    }
  }
}
