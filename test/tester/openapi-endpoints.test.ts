import { describe, expect, it } from 'vitest';
import { exampleFromSchema, MAX_ENDPOINTS, parseOpenApi } from '../../src-main/tester/openapi-endpoints';

const doc = {
  openapi: '3.1.0',
  security: [{ bearer: [] }],
  components: {
    schemas: {
      ItemCreate: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1 }, description: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      },
      Node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#/components/schemas/Node' } } },
    },
    requestBodies: { Reason: { content: { 'application/json': { example: { reason: 'lost' } } } } },
  },
  paths: {
    '/api/v1/items': {
      get: { summary: 'List my items' },
      post: { summary: 'Create an item', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemCreate' } } } } },
    },
    '/api/v1/items/{id}': {
      put: {
        operationId: 'update_item',
        requestBody: { content: { 'application/json': { examples: { one: { value: { title: 'Renamed' } } } } } },
      },
    },
    '/api/v1/login/access-token': {
      post: {
        summary: 'Sign in',
        security: [],
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
      },
    },
    '/api/v1/optional': { get: { security: [{}, { bearer: [] }] } },
    '/api/v1/reasons': { post: { requestBody: { $ref: '#/components/requestBodies/Reason' } } },
    '/api/v1/tree': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } },
    'not-a-path': { get: {} },
    '/api/v1/weird': { trace: {}, get: 'nope' },
  },
};

function endpoints() {
  const result = parseOpenApi(doc);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the endpoint picker list from openapi.json', () => {
  it('lists every operation with method, path, summary and path parameters, in document order', () => {
    expect(endpoints().map((e) => [e.id, e.summary, e.pathParams])).toEqual([
      ['GET /api/v1/items', 'List my items', []],
      ['POST /api/v1/items', 'Create an item', []],
      ['PUT /api/v1/items/{id}', 'update_item', ['id']],
      ['POST /api/v1/login/access-token', 'Sign in', []],
      ['GET /api/v1/optional', 'GET /api/v1/optional', []],
      ['POST /api/v1/reasons', 'POST /api/v1/reasons', []],
      ['POST /api/v1/tree', 'POST /api/v1/tree', []],
    ]);
  });

  it('knows which endpoints need a credential from security (operation first, then the document)', () => {
    const needs = Object.fromEntries(endpoints().map((e) => [e.id, e.needsAuth]));
    expect(needs['GET /api/v1/items']).toBe(true);
    expect(needs['POST /api/v1/login/access-token']).toBe(false);
    expect(needs['GET /api/v1/optional']).toBe(false);
  });

  it('fills an example JSON body from the example, the examples, or the schema', () => {
    const bodies = Object.fromEntries(endpoints().map((e) => [e.id, e.exampleBody]));
    expect(JSON.parse(bodies['POST /api/v1/items']!)).toEqual({ title: 'string', description: 'string' });
    expect(JSON.parse(bodies['PUT /api/v1/items/{id}']!)).toEqual({ title: 'Renamed' });
    expect(JSON.parse(bodies['POST /api/v1/reasons']!)).toEqual({ reason: 'lost' });
    expect(bodies['GET /api/v1/items']).toBeNull();
    expect(bodies['POST /api/v1/login/access-token']).toBeNull();
  });

  it('stops following a cyclic schema', () => {
    const tree = endpoints().find((e) => e.id === 'POST /api/v1/tree')!;
    expect(tree.exampleBody!.length).toBeLessThan(1000);
    expect(JSON.parse(tree.exampleBody!)).toMatchObject({ name: 'string', child: { name: 'string' } });
  });

  it('does not let a "__proto__" property pollute objects', () => {
    const value = exampleFromSchema({}, { type: 'object', properties: { ['__proto__']: { type: 'string' }, a: { type: 'integer' } } });
    expect(JSON.parse(JSON.stringify(value))).toEqual({ ['__proto__']: 'string', a: 0 });
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', []],
    ['Swagger 2', { swagger: '2.0', paths: {} }],
    ['no paths', { openapi: '3.1.0' }],
    ['paths not an object', { openapi: '3.1.0', paths: [] }],
  ])('refuses a document that is %s as bad-response', (_label, bad) => {
    const result = parseOpenApi(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('bad-response');
  });

  it('takes a POST that needs no credential and a username and password form for a sign-in, with a template that fills no secret', () => {
    const form = {
      type: 'object',
      required: ['username', 'password'],
      properties: { grant_type: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' }, scope: { type: 'string', default: '' } },
    };
    const result = parseOpenApi({
      openapi: '3.1.0',
      paths: {
        '/api/v1/login/access-token': {
          post: {
            security: [],
            requestBody: { content: { 'application/x-www-form-urlencoded': { schema: form, example: { username: 'ada@example.com', password: 'hunter2', grant_type: 'password' } } } },
          },
        },
      },
    });
    const [login] = result.ok ? result.value : [];
    expect(login).toMatchObject({ signIn: true, needsAuth: false });
    expect(login!.exampleForm).toEqual([
      { name: 'username', value: 'ada@example.com' },
      { name: 'password', value: '' },
      { name: 'grant_type', value: 'password' },
    ]);
  });

  it('does not take any form endpoint for a sign-in', () => {
    const result = parseOpenApi({
      openapi: '3.1.0',
      paths: {
        '/api/v1/notes': {
          post: {
            security: [],
            requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { note: { type: 'string', example: 'hi' } } } } } },
          },
        },
      },
    });
    const [notes] = result.ok ? result.value : [];
    expect(notes).toMatchObject({ signIn: false, exampleForm: [{ name: 'note', value: 'hi' }] });
  });

  describe('the token URL of an OAuth2 password flow (as FastAPI servers describe their sign-in)', () => {
    const fastApi = (tokenUrl: string, servers?: unknown[]) => ({
      openapi: '3.1.0',
      ...(servers ? { servers } : {}),
      components: { securitySchemes: { OAuth2PasswordBearer: { type: 'oauth2', flows: { password: { scopes: {}, tokenUrl } } } } },
      paths: {
        '/api/v1/login/access-token': {
          post: {
            requestBody: {
              content: {
                'application/x-www-form-urlencoded': {
                  schema: {
                    type: 'object',
                    required: ['username', 'password'],
                    properties: { grant_type: { anyOf: [{ type: 'string', pattern: '^password$' }, { type: 'null' }] }, username: { type: 'string' }, password: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        '/api/v1/users/me': { get: { security: [{ OAuth2PasswordBearer: [] }] } },
      },
    });
    const byId = (doc: unknown) => {
      const result = parseOpenApi(doc);
      if (!result.ok) throw new Error(result.error.message);
      return Object.fromEntries(result.value.map((e) => [e.id, e]));
    };

    it.each([
      ['an absolute path', '/api/v1/login/access-token', undefined],
      ['a path relative to the root', 'api/v1/login/access-token', undefined],
      ['a path relative to the server', 'login/access-token', [{ url: '/api/v1' }]],
      ['a full URL', 'https://api.example.com/api/v1/login/access-token/', undefined],
    ])('is recognised from %s: sent without a credential, with username, password and grant_type', (_label, tokenUrl, servers) => {
      const endpoints = byId(fastApi(tokenUrl, servers));
      expect(endpoints['POST /api/v1/login/access-token']).toMatchObject({
        signIn: true,
        needsAuth: false,
        exampleForm: [
          { name: 'username', value: '' },
          { name: 'password', value: '' },
          { name: 'grant_type', value: 'password' },
        ],
      });
      expect(endpoints['GET /api/v1/users/me']).toMatchObject({ signIn: false, needsAuth: true, exampleForm: null });
    });

    it('gives the token URL the password grant’s fields when the document describes no form', () => {
      const doc = fastApi('/api/v1/login/access-token');
      delete (doc.paths['/api/v1/login/access-token'].post as { requestBody?: unknown }).requestBody;
      expect(byId(doc)['POST /api/v1/login/access-token']!.exampleForm).toEqual([
        { name: 'username', value: '' },
        { name: 'password', value: '' },
        { name: 'grant_type', value: 'password' },
      ]);
    });

    it('does not take another path or method for the token URL', () => {
      const endpoints = byId(fastApi('/api/v1/login/other'));
      expect(endpoints['POST /api/v1/login/access-token']!.signIn).toBe(false);
    });
  });

  it('bounds how many endpoints a huge document yields', () => {
    const paths = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`/p${i}`, { get: {} }]));
    const result = parseOpenApi({ openapi: '3.0.3', paths });
    expect(result.ok && result.value.length).toBe(MAX_ENDPOINTS);
  });
});
