/**
 * A flavour is one kind of server the emulator can be: the DeepCurrent contract (`deepcurrent`), or a server in the
 * field that still answers like the FastAPI full-stack template (`minimal`). The routes and the authentication
 * consult the flavour for everything that differs (which routes exist, response shapes, statuses, id style), so
 * no route asks which flavour it runs in. The flavours themselves are in `flavours/`.
 */
import type { HttpError, Reply } from './http-util';
import type { TokenProblem } from './jwt';
import type { Json } from './openapi-schemas';
import type { Router } from './router';
import type { IdStyle, ItemRecord, UserRecord } from './state';

/** The names `startEmulator({ flavour })` and `cli.ts --flavour` accept. */
export const FLAVOUR_NAMES = ['deepcurrent', 'minimal'] as const;
/** One of {@link FLAVOUR_NAMES}. */
export type FlavourName = (typeof FLAVOUR_NAMES)[number];

/** How a flavour treats credentials. */
export interface AuthPolicy {
  /** Whether `dc_…` API keys are credentials; when false they are checked as tokens (and fail as tokens do). */
  acceptsApiKeys: boolean;
  /** The error for a token that does not verify or has expired, or whose user no longer exists. */
  rejectToken(problem: TokenProblem | 'unknown-user'): HttpError;
}

/** How a flavour shows and answers for items. */
export interface ItemDialect {
  /** The public shape of one item. */
  view(item: ItemRecord): Json;
  /** The status of a successful create. */
  createdStatus: number;
  /** The answer to a successful delete. */
  deleted: Reply;
  /** The error for an item that exists but belongs to someone else. */
  notYours(): HttpError;
}

/** One kind of server. */
export interface Flavour {
  name: FlavourName;
  /** A few words for the CLI's banner. */
  summary: string;
  /** How user, item and request ids look. */
  ids: IdStyle;
  /** Whether 5 failed sign-ins within 60 s lock an email (`429`). */
  signInLockout: boolean;
  auth: AuthPolicy;
  /** The body of `GET /api/v1/users/me`. */
  userView(user: UserRecord): Json;
  items: ItemDialect;
  /** The document served at `/api/v1/openapi.json`, describing exactly this flavour's routes. */
  openApi(serverUrl?: string): Json;
  /** This flavour's route table: each entry registers one group of routes. */
  routes: readonly ((router: Router) => void)[];
}
