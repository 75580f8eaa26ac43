/**
 * The OpenAPI 3.1 document served at `GET /api/v1/openapi.json`. It describes every endpoint of the contract with
 * `operationId`, `summary`, parameters, request bodies with `example`s, responses and the bearer security scheme.
 */

import { ref, schemas, type Json } from './openapi-schemas';

const jsonContent = (schema: Json, example?: unknown): Json => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});
const ok = (description: string, schema: Json, example?: unknown): Json => ({
  description,
  content: jsonContent(schema, example),
});
const detail = (description: string, example: string): Json => ok(description, ref('HTTPError'), { detail: example });
const UNAUTHORIZED = {
  description: 'No credentials, or the API key / token is invalid (also: expired token, revoked key).',
  headers: { 'WWW-Authenticate': { schema: { type: 'string', example: 'Bearer' } } },
  content: jsonContent(ref('HTTPError'), { detail: 'Not authenticated' }),
};
const VALIDATION = ok('Validation error', ref('HTTPValidationError'));
const BEARER = [{ BearerAuth: [] }];
const idParam = (description: string): Json => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const REQUEST_EXAMPLE = {
  id: 'rr_0123456789abcdef',
  status: 'pending',
  reason: 'lost',
  note: 'Laptop was stolen',
  created_at: '2026-11-02T10:00:00.000Z',
  issued_at: null,
  confirmed_at: null,
};
const jsonBody = (schema: string, example: unknown): Json => ({ required: true, content: jsonContent(ref(schema), example) });
const REGEN = '/api/v1/users/me/api-key/regeneration-requests';

/** Every path of the contract mapped to its operations. */
function paths(): Record<string, Record<string, Json>> {
  return {
    '/api/v1/login/access-token': {
      post: {
        operationId: 'login_access_token', summary: 'Sign in (OAuth2 password grant)', tags: ['login'], security: [],
        description: 'Exchanges an email and password for a short-lived HS256 access token. Five failed attempts for one email within 60 s lock it for 60 s.',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: ref('LoginForm'),
              example: { username: 'ada@deepcurrent.test', password: 'deepcurrent-demo', grant_type: 'password' },
            },
          },
        },
        responses: {
          '200': ok('An access token', ref('Token'), { access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…', token_type: 'bearer' }),
          '400': detail('Wrong email or password, or the account is inactive', 'Incorrect email or password'),
          '422': VALIDATION,
          '429': {
            ...detail('Too many failed attempts for this email', 'Too many failed sign-in attempts'),
            headers: { 'Retry-After': { description: 'Seconds until the lock ends (1–60)', schema: { type: 'integer' } } },
          },
        },
      },
    },
    '/api/v1/users/me': {
      get: {
        operationId: 'read_user_me', summary: 'Read the current user', tags: ['users'], security: BEARER,
        responses: { '200': ok('The current user', ref('UserPublic')), '401': UNAUTHORIZED },
      },
    },
    '/api/v1/users/me/api-key/reveal': {
      post: {
        operationId: 'reveal_api_key', summary: 'Reveal the API key (once)', tags: ['api-key'], security: BEARER,
        description: 'Reveals the newest unrevealed key: the pending key when one was issued, else the current key. Needs a JWT.',
        responses: {
          '200': ok('The key in full; it is shown only this once', ref('RevealedApiKey')),
          '401': UNAUTHORIZED,
          '403': detail('Called with an API key', 'Revealing a key requires signing in with email and password'),
          '409': detail('Nothing left to reveal', 'API key has already been revealed'),
        },
      },
    },
    [REGEN]: {
      get: {
        operationId: 'list_regeneration_requests', summary: 'List my key regeneration requests', tags: ['api-key'], security: BEARER,
        responses: { '200': ok('Newest first', ref('RegenerationRequestList')), '401': UNAUTHORIZED },
      },
      post: {
        operationId: 'create_regeneration_request', summary: 'Request a new API key', tags: ['api-key'], security: BEARER,
        requestBody: jsonBody('RegenerationRequestCreate', { reason: 'lost', note: 'Laptop was stolen' }),
        responses: {
          '201': ok('The new request', ref('RegenerationRequest'), REQUEST_EXAMPLE),
          '401': UNAUTHORIZED,
          '409': detail('A request is pending or issued', 'A regeneration request is already open'),
          '422': VALIDATION,
        },
      },
    },
    [`${REGEN}/{id}`]: {
      get: {
        operationId: 'read_regeneration_request', summary: 'Read one of my regeneration requests', tags: ['api-key'], security: BEARER,
        parameters: [idParam('The request id (`rr_…`)')],
        responses: {
          '200': ok('The request', ref('RegenerationRequest'), REQUEST_EXAMPLE),
          '401': UNAUTHORIZED,
          '404': detail('Not one of your requests', 'Regeneration request not found'),
        },
      },
    },
    [`${REGEN}/{id}/confirm`]: {
      post: {
        operationId: 'confirm_regeneration_request', summary: 'Confirm the new API key', tags: ['api-key'], security: BEARER,
        description: 'Makes the issued, revealed new key current and revokes the old one at once. Needs a JWT.',
        parameters: [idParam('The request id (`rr_…`)')],
        responses: {
          '200': ok('The request, now confirmed', ref('RegenerationRequest')),
          '401': UNAUTHORIZED,
          '403': detail('Called with an API key', 'Confirming a new key requires signing in with email and password'),
          '404': detail('Not one of your requests', 'Regeneration request not found'),
          '409': detail('Not issued yet, new key not revealed yet, or already confirmed', 'The new API key has not been revealed yet'),
        },
      },
    },
    '/api/v1/support/regeneration-requests/{id}/issue': {
      post: {
        operationId: 'issue_regeneration_request', summary: 'Issue a new API key (support)', tags: ['support'], security: BEARER,
        parameters: [idParam('The request id (`rr_…`)')],
        responses: {
          '200': ok('The request, now issued', ref('RegenerationRequest')),
          '401': UNAUTHORIZED,
          '403': detail('The caller is not support staff', 'This action requires the support role'),
          '404': detail('No such request', 'Regeneration request not found'),
          '409': detail('The request is not pending', 'The regeneration request is already issued'),
        },
      },
    },
    '/api/v1/usage': {
      get: {
        operationId: 'read_usage', summary: 'Read this month’s usage (paid plan)', tags: ['usage'], security: BEARER,
        responses: {
          '200': ok('Usage for the current period', ref('Usage'), { period: '2026-11', requests: 1234, limit: 100000 }),
          '401': UNAUTHORIZED,
          '403': detail('The account is on the free plan', 'This feature requires a paid plan'),
        },
      },
    },
    '/api/v1/items': {
      get: {
        operationId: 'read_items', summary: 'List my items', tags: ['items'], security: BEARER,
        parameters: [
          { name: 'skip', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 }, example: 0 },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 100, default: 100 }, example: 10 },
        ],
        responses: { '200': ok('A page of items', ref('ItemList')), '401': UNAUTHORIZED, '422': VALIDATION },
      },
      post: {
        operationId: 'create_item', summary: 'Create an item', tags: ['items'], security: BEARER,
        requestBody: jsonBody('ItemCreate', { title: 'My first item', description: 'Created from DeepCurrent Desktop' }),
        responses: { '201': ok('The new item', ref('Item')), '401': UNAUTHORIZED, '422': VALIDATION },
      },
    },
    '/api/v1/items/{id}': {
      get: {
        operationId: 'read_item', summary: 'Read an item', tags: ['items'], security: BEARER,
        parameters: [idParam('The item id')],
        responses: { '200': ok('The item', ref('Item')), '401': UNAUTHORIZED, '404': detail('Not your item', 'Item not found') },
      },
      put: {
        operationId: 'update_item', summary: 'Update an item (partial)', tags: ['items'], security: BEARER,
        parameters: [idParam('The item id')],
        requestBody: jsonBody('ItemUpdate', { title: 'Renamed item' }),
        responses: {
          '200': ok('The updated item', ref('Item')),
          '401': UNAUTHORIZED,
          '404': detail('Not your item', 'Item not found'),
          '422': VALIDATION,
        },
      },
      delete: {
        operationId: 'delete_item', summary: 'Delete an item', tags: ['items'], security: BEARER,
        parameters: [idParam('The item id')],
        responses: { '204': { description: 'Deleted' }, '401': UNAUTHORIZED, '404': detail('Not your item', 'Item not found') },
      },
    },
    '/api/v1/utils/health-check/': {
      get: {
        operationId: 'health_check', summary: 'Health check', tags: ['utils'], security: [],
        responses: { '200': ok('The service is up', { type: 'boolean', const: true }, true) },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'read_openapi', summary: 'This OpenAPI document', tags: ['utils'], security: [],
        responses: { '200': ok('An OpenAPI 3.1 document', { type: 'object' }) },
      },
    },
  };
}

/** Builds the OpenAPI document; `serverUrl` (the emulator's own base URL) is listed first when given. */
export function buildOpenApiDocument(serverUrl?: string): Json {
  const servers = [{ url: 'https://api.deepcurrent.app', description: 'Production' }];
  if (serverUrl) servers.unshift({ url: serverUrl, description: 'Local emulator' });
  return {
    openapi: '3.1.0',
    info: { title: 'DeepCurrent API', version: '1.0.0', description: 'The DeepCurrent API (v1), as the desktop app uses it.' },
    servers,
    paths: paths(),
    components: {
      schemas,
      securitySchemes: {
        BearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (`dc_…`) or a JWT access token from `/api/v1/login/access-token`.',
        },
      },
    },
    security: BEARER,
  };
}
