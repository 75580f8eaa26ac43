/**
 * The OpenAPI document of the `minimal` flavour, shaped like the one FastAPI generates for the full-stack
 * template: OpenAPI 3.1, an OAuth2 password-flow security scheme, no examples, and only the routes this flavour
 * serves (FastAPI does not list the document itself).
 */
import type { Json } from '../openapi-schemas';

const LOGIN_PATH = '/api/v1/login/access-token';
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const ok = (schema: Json): Json => ({ description: 'Successful Response', content: json(schema) });
const VALIDATION = { description: 'Validation Error', content: json(ref('HTTPValidationError')) };
const SECURED = [{ OAuth2PasswordBearer: [] }];
const ITEM_ID = { name: 'id', in: 'path', required: true, schema: { type: 'integer', title: 'Id' } };
const nullableString = (max: number): Json => ({ anyOf: [{ type: 'string', maxLength: max }, { type: 'null' }] });

const schemas: Record<string, Json> = {
  'Body_login-login_access_token': {
    type: 'object',
    required: ['username', 'password'],
    properties: {
      grant_type: { anyOf: [{ type: 'string', pattern: '^password$' }, { type: 'null' }] },
      username: { type: 'string' },
      password: { type: 'string', format: 'password' },
      scope: { type: 'string', default: '' },
      client_id: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      client_secret: { anyOf: [{ type: 'string' }, { type: 'null' }], format: 'password' },
    },
  },
  Token: {
    type: 'object',
    required: ['access_token'],
    properties: { access_token: { type: 'string' }, token_type: { type: 'string', default: 'bearer' } },
  },
  UserPublic: {
    type: 'object',
    required: ['email', 'id'],
    properties: {
      email: { type: 'string', format: 'email', maxLength: 255 },
      is_active: { type: 'boolean', default: true },
      is_superuser: { type: 'boolean', default: false },
      full_name: nullableString(255),
      id: { type: 'integer' },
    },
  },
  ItemCreate: {
    type: 'object',
    required: ['title'],
    properties: { title: { type: 'string', minLength: 1, maxLength: 255 }, description: nullableString(255) },
  },
  ItemUpdate: {
    type: 'object',
    properties: {
      title: { anyOf: [{ type: 'string', minLength: 1, maxLength: 255 }, { type: 'null' }] },
      description: nullableString(255),
    },
  },
  ItemPublic: {
    type: 'object',
    required: ['title', 'id', 'owner_id'],
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 255 },
      description: nullableString(255),
      id: { type: 'integer' },
      owner_id: { type: 'integer' },
    },
  },
  ItemsPublic: {
    type: 'object',
    required: ['data', 'count'],
    properties: { data: { type: 'array', items: ref('ItemPublic') }, count: { type: 'integer' } },
  },
  Message: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
  ValidationError: {
    type: 'object',
    required: ['loc', 'msg', 'type'],
    properties: {
      loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
      msg: { type: 'string' },
      type: { type: 'string' },
    },
  },
  HTTPValidationError: { type: 'object', properties: { detail: { type: 'array', items: ref('ValidationError') } } },
};

/** Builds the `minimal` flavour's OpenAPI document. */
export function buildMinimalOpenApiDocument(): Json {
  const item = (operationId: string, summary: string, extra: Json = {}): Json => ({
    tags: ['items'], summary, operationId, security: SECURED, ...extra,
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Full Stack FastAPI Project', version: '0.1.0' },
    paths: {
      [LOGIN_PATH]: {
        post: {
          tags: ['login'], summary: 'Login Access Token', operationId: 'login-login_access_token',
          description: 'OAuth2 compatible token login, get an access token for future requests',
          requestBody: {
            required: true,
            content: { 'application/x-www-form-urlencoded': { schema: ref('Body_login-login_access_token') } },
          },
          responses: { '200': ok(ref('Token')), '422': VALIDATION },
        },
      },
      '/api/v1/users/me': {
        get: {
          tags: ['users'], summary: 'Read User Me', operationId: 'users-read_user_me', description: 'Get current user.',
          security: SECURED, responses: { '200': ok(ref('UserPublic')) },
        },
      },
      '/api/v1/items/': {
        get: item('items-read_items', 'Read Items', {
          parameters: [
            { name: 'skip', in: 'query', required: false, schema: { type: 'integer', default: 0 } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', default: 100 } },
          ],
          responses: { '200': ok(ref('ItemsPublic')), '422': VALIDATION },
        }),
        post: item('items-create_item', 'Create Item', {
          requestBody: { required: true, content: json(ref('ItemCreate')) },
          responses: { '200': ok(ref('ItemPublic')), '422': VALIDATION },
        }),
      },
      '/api/v1/items/{id}': {
        get: item('items-read_item', 'Read Item', { parameters: [ITEM_ID], responses: { '200': ok(ref('ItemPublic')), '422': VALIDATION } }),
        put: item('items-update_item', 'Update Item', {
          parameters: [ITEM_ID],
          requestBody: { required: true, content: json(ref('ItemUpdate')) },
          responses: { '200': ok(ref('ItemPublic')), '422': VALIDATION },
        }),
        delete: item('items-delete_item', 'Delete Item', { parameters: [ITEM_ID], responses: { '200': ok(ref('Message')), '422': VALIDATION } }),
      },
      '/api/v1/utils/health-check/': {
        get: {
          tags: ['utils'], summary: 'Health Check', operationId: 'utils-health_check',
          responses: { '200': ok({ type: 'boolean' }) },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: { OAuth2PasswordBearer: { type: 'oauth2', flows: { password: { scopes: {}, tokenUrl: LOGIN_PATH } } } },
    },
  };
}
