/**
 * The typed IPC contract: for every API function, the run-time schema of its request and the type of its answer.
 * Main validates every payload against `REQUEST_SCHEMAS` before a service sees it; every answer is a `Result`.
 */
import { z } from 'zod';
import type { ApiName, EventName } from './ipc-channels';
import type { Result } from './errors';
import type {
  AccountSummary,
  ApiKeyStatus,
  AppState,
  ClipboardReceipt,
  LogsFolderAnswer,
  RegenerationRequest,
  RevealedKey,
  Settings,
} from './models';
import { REGENERATION_REASONS, SETTING_RANGES, THEMES } from './models';
import { HTTP_METHODS, type EndpointList, type HistoryEntry, type SentRequest } from './tester';
import type { CollectionsOverview, ImportedInto, SavedTo } from './collections';
import type { CurlImport } from './curl';
import { MAX_TABS, SPLIT_RANGE, type WorkbenchTabs } from './workbench';

const id = z.string().min(1).max(200);
const shortText = z.string().max(2048);

export const environmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }).strict(),
  z.object({ kind: z.literal('production') }).strict(),
  z.object({ kind: z.literal('custom'), baseUrl: z.string().min(1).max(2048) }).strict(),
]);

const keyValue = z.object({ name: z.string().max(8192), value: z.string().max(65536), enabled: z.boolean() }).strict();
const keyValues = z.array(keyValue).max(200);
const bodyText = z.string().max(5_000_000);
const authChoice = z.enum(['api-key', 'token', 'none']);

const requestBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('json'), text: bodyText }).strict(),
  z.object({ kind: z.literal('form'), fields: keyValues }).strict(),
  z.object({ kind: z.literal('text'), text: bodyText, contentType: shortText.optional() }).strict(),
]);

export const composedRequestSchema = z
  .object({
    method: z.enum(HTTP_METHODS),
    path: z.string().max(8192),
    query: keyValues,
    headers: keyValues,
    body: requestBody,
    auth: authChoice,
  })
  .strict();

/** A workbench tab's draft (`SavedDraft`): every body kind's content, the rows without their editor ids. */
export const savedDraftSchema = z
  .object({
    method: z.enum(HTTP_METHODS),
    path: z.string().max(8192),
    query: keyValues,
    headers: keyValues,
    bodyKind: z.enum(['none', 'json', 'form', 'text']),
    jsonText: bodyText,
    formFields: keyValues,
    text: bodyText,
    textContentType: shortText,
    auth: authChoice.nullable(),
    endpointId: z.string().max(8400),
  })
  .strict();

/** A request saved to a collection: a composed request with a name, and `auth` null for the account's own. */
export const collectionRequestSchema = z
  .object({
    name: z.string().min(1).max(200),
    method: z.enum(HTTP_METHODS),
    path: z.string().max(8192),
    query: keyValues,
    headers: keyValues,
    body: requestBody,
    auth: authChoice.nullable(),
  })
  .strict();

/** A collection's `.http` file, by name (the service checks the name's form). */
const collectionFile = z.string().min(1).max(110);
/** An environment of a collection's `http-client.env.json`. */
const environmentName = z
  .string()
  .regex(/^[A-Za-z0-9_.:$-]{1,100}$/)
  .refine((name) => name !== '__proto__', { message: 'reserved name' });
const variableRows = z
  .array(z.object({ name: z.string().regex(/^[A-Za-z_$][\w.$-]{0,99}$/).refine((n) => n !== '__proto__'), value: z.string().max(8192) }).strict())
  .max(200);
const importedText = z.string().max(5_000_000);
const importedName = z.string().min(1).max(255);

/** Request schemas, one per API function. All objects are strict: unknown keys are refused. */
export const REQUEST_SCHEMAS = {
  getState: z.object({}).strict(),
  signInWithPassword: z
    .object({ email: z.string().max(320), password: z.string().max(1024), environment: environmentSchema })
    .strict(),
  signInWithApiKey: z.object({ apiKey: z.string().max(1024), environment: environmentSchema }).strict(),
  switchAccount: z.object({ accountId: id }).strict(),
  signOut: z.object({ accountId: id }).strict(),
  refreshProfile: z.object({ accountId: id }).strict(),
  updateSettings: z
    .object({
      clipboardClearSeconds: z.number().int().min(SETTING_RANGES.clipboardClearSeconds.min).max(SETTING_RANGES.clipboardClearSeconds.max).optional(),
      requestTimeoutSeconds: z.number().int().min(SETTING_RANGES.requestTimeoutSeconds.min).max(SETTING_RANGES.requestTimeoutSeconds.max).optional(),
      theme: z.enum(THEMES).optional(),
    })
    .strict(),
  getApiKeyStatus: z.object({ accountId: id }).strict(),
  revealApiKey: z.object({ accountId: id }).strict(),
  copyApiKey: z.object({ accountId: id, role: z.enum(['current', 'pending']) }).strict(),
  requestNewKey: z
    .object({ accountId: id, reason: z.enum(REGENERATION_REASONS), note: z.string().max(500) })
    .strict(),
  confirmNewKey: z.object({ accountId: id }).strict(),
  /**
   * `draftAccountId`: the account the draft was made for. Main refuses the send when it is not the active account,
   * unless `sendAsActiveAccount` says the user chose to send it under the active one.
   */
  sendRequest: z
    .object({ requestId: id, request: composedRequestSchema, draftAccountId: id, sendAsActiveAccount: z.literal(true).optional() })
    .strict(),
  cancelRequest: z.object({ requestId: id }).strict(),
  listEndpoints: z.object({}).strict(),
  /** Saves the body of a response main still holds (by its history id) to a file the user picks. */
  saveResponseBody: z.object({ historyId: id }).strict(),
  loadTabs: z.object({ accountId: id }).strict(),
  saveTabs: z
    .object({
      accountId: id,
      tabs: z.array(z.object({ id, draft: savedDraftSchema }).strict()).max(MAX_TABS),
      activeTabId: id.nullable(),
      split: z.number().min(SPLIT_RANGE.min).max(SPLIT_RANGE.max),
    })
    .strict(),
  listHistory: z.object({ scope: z.enum(['account', 'all']).optional() }).strict(),
  clearHistory: z.object({}).strict(),
  openLogsFolder: z.object({}).strict(),
  resetDemoData: z.object({}).strict(),
  importCurl: z.object({ text: z.string().min(1).max(100_000) }).strict(),
  listCollections: z.object({ since: z.number().int().min(0).optional() }).strict(),
  saveToCollection: z
    .object({ collectionId: id, file: collectionFile, request: collectionRequestSchema, replace: z.boolean() })
    .strict(),
  removeFromCollection: z.object({ collectionId: id, file: collectionFile, name: z.string().min(1).max(200) }).strict(),
  addCollectionFolder: z.object({}).strict(),
  forgetCollectionFolder: z.object({ collectionId: id }).strict(),
  saveCollectionVariables: z.object({ collectionId: id, environment: environmentName, variables: variableRows }).strict(),
  importIntoCollection: z
    .object({
      collectionId: id,
      source: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('server') }).strict(),
        z.object({ kind: z.literal('openapi-file'), fileName: importedName, text: importedText }).strict(),
        z.object({ kind: z.literal('http-file'), fileName: importedName, text: importedText }).strict(),
      ]),
    })
    .strict(),
} satisfies Record<ApiName, z.ZodType>;

/**
 * What Save body answered: `saved` with the file's path (the app's save dialog), `cancelled` (the user closed the
 * dialog), or `download` where no dialog can be shown (start:web, a browser page): the body for the page to offer as
 * a download, base64, with its suggested file name and type.
 */
export type SavedBody =
  | { outcome: 'saved'; path: string }
  | { outcome: 'cancelled' }
  | { outcome: 'download'; fileName: string; contentType: string; base64: string };

/** What each API function answers with on success. */
export interface ResponseTypes {
  getState: AppState;
  signInWithPassword: AppState;
  signInWithApiKey: AppState;
  switchAccount: AppState;
  signOut: AppState;
  refreshProfile: AccountSummary;
  updateSettings: Settings;
  getApiKeyStatus: ApiKeyStatus;
  revealApiKey: RevealedKey;
  copyApiKey: ClipboardReceipt;
  requestNewKey: RegenerationRequest;
  confirmNewKey: ApiKeyStatus;
  sendRequest: SentRequest;
  cancelRequest: null;
  listEndpoints: EndpointList;
  saveResponseBody: SavedBody;
  loadTabs: WorkbenchTabs;
  saveTabs: WorkbenchTabs;
  listHistory: HistoryEntry[];
  clearHistory: null;
  openLogsFolder: LogsFolderAnswer;
  resetDemoData: AppState;
  importCurl: CurlImport;
  listCollections: CollectionsOverview;
  saveToCollection: SavedTo;
  removeFromCollection: null;
  addCollectionFolder: { collectionId: string | null };
  forgetCollectionFolder: null;
  saveCollectionVariables: null;
  importIntoCollection: ImportedInto;
}

export type RequestOf<K extends ApiName> = z.infer<(typeof REQUEST_SCHEMAS)[K]>;
export type ResponseOf<K extends ApiName> = ResponseTypes[K];

/** A screen main may ask the window to open, for an account: the API key screen (a new key was issued). */
export interface OpenScreenEvent {
  screen: 'api-key';
  accountId: string;
}

/** The payload of each main → renderer event. */
export interface EventTypes {
  openScreen: OpenScreenEvent;
}

/** A subscription: calls the listener with each event's payload; answers the function that unsubscribes. */
export type Subscribe<E extends EventName> = (listener: (payload: EventTypes[E]) => void) => () => void;

/** The API the renderer sees as `window.deepcurrent`: one named function per channel, each answering a Result. */
export type DeepCurrentApi = { [K in ApiName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>> } & {
  /** One named subscription per main → renderer event (`onOpenScreen`). */
  [E in EventName as `on${Capitalize<E>}`]: Subscribe<E>;
};

/** The service side: one handler per API function, given a validated request. Handlers may throw; the router turns
 * anything thrown into a generic `internal` error. */
export type ApiHandlers = { [K in ApiName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>> };
