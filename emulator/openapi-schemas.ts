/**
 * The component schemas of the OpenAPI document (see `openapi.ts`).
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** A `$ref` to a component schema. */
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const iso = { type: 'string', format: 'date-time' };
const nullableIso = { type: ['string', 'null'], format: 'date-time' };

/** The request and response bodies of the API. */
export const schemas: Record<string, Json> = {
  HTTPError: { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } },
  ValidationError: {
    type: 'object',
    required: ['loc', 'msg', 'type'],
    properties: {
      loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
      msg: { type: 'string' },
      type: { type: 'string' },
    },
  },
  HTTPValidationError: {
    type: 'object',
    properties: { detail: { type: 'array', items: ref('ValidationError') } },
  },
  LoginForm: {
    type: 'object',
    required: ['username', 'password'],
    properties: {
      grant_type: { type: 'string', pattern: '^password$', description: '`password` or empty' },
      username: { type: 'string', description: 'The email address' },
      password: { type: 'string', format: 'password' },
      scope: { type: 'string', default: '' },
      client_id: { type: 'string' },
      client_secret: { type: 'string', format: 'password' },
    },
  },
  Token: {
    type: 'object',
    required: ['access_token', 'token_type'],
    properties: { access_token: { type: 'string' }, token_type: { type: 'string', const: 'bearer' } },
  },
  ApiKeyInfo: {
    type: 'object',
    required: ['last4', 'created_at', 'revealed'],
    properties: { last4: { type: 'string' }, created_at: iso, revealed: { type: 'boolean' } },
  },
  PendingApiKeyInfo: {
    type: 'object',
    required: ['created_at', 'revealed'],
    properties: { created_at: iso, revealed: { type: 'boolean' } },
  },
  UserPublic: {
    type: 'object',
    required: ['id', 'email', 'full_name', 'is_active', 'plan', 'role', 'api_key', 'pending_api_key'],
    properties: {
      id: { type: 'string' },
      email: { type: 'string', format: 'email' },
      full_name: { type: 'string' },
      is_active: { type: 'boolean' },
      plan: { type: 'string', enum: ['free', 'pro'] },
      role: { type: 'string', enum: ['member', 'support'] },
      api_key: ref('ApiKeyInfo'),
      pending_api_key: { anyOf: [ref('PendingApiKeyInfo'), { type: 'null' }] },
    },
  },
  RevealedApiKey: {
    type: 'object',
    required: ['api_key', 'last4', 'created_at'],
    properties: { api_key: { type: 'string', pattern: '^dc_[A-Za-z0-9_-]{32,}$' }, last4: { type: 'string' }, created_at: iso },
  },
  RegenerationRequestCreate: {
    type: 'object',
    required: ['reason'],
    properties: {
      reason: { type: 'string', enum: ['compromised', 'lost', 'other'] },
      note: { type: 'string', maxLength: 500, default: '' },
    },
  },
  RegenerationRequest: {
    type: 'object',
    required: ['id', 'status', 'reason', 'note', 'created_at', 'issued_at', 'confirmed_at'],
    properties: {
      id: { type: 'string' },
      status: { type: 'string', enum: ['pending', 'issued', 'confirmed'] },
      reason: { type: 'string', enum: ['compromised', 'lost', 'other'] },
      note: { type: 'string' },
      created_at: iso,
      issued_at: nullableIso,
      confirmed_at: nullableIso,
    },
  },
  RegenerationRequestList: {
    type: 'object',
    required: ['data', 'count'],
    properties: { data: { type: 'array', items: ref('RegenerationRequest') }, count: { type: 'integer' } },
  },
  Usage: {
    type: 'object',
    required: ['period', 'requests', 'limit'],
    properties: { period: { type: 'string', example: '2026-11' }, requests: { type: 'integer' }, limit: { type: 'integer' } },
  },
  ItemCreate: {
    type: 'object',
    required: ['title'],
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 255 },
      description: { type: ['string', 'null'], maxLength: 255 },
    },
  },
  ItemUpdate: {
    type: 'object',
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 255 },
      description: { type: ['string', 'null'], maxLength: 255 },
    },
  },
  Item: {
    type: 'object',
    required: ['id', 'title', 'description', 'created_at'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: ['string', 'null'] },
      created_at: iso,
    },
  },
  ItemList: {
    type: 'object',
    required: ['data', 'count'],
    properties: { data: { type: 'array', items: ref('Item') }, count: { type: 'integer' } },
  },
};
