import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { JSON_CT, api, start } from './helpers';

/** Every operation of the contract. */
const CONTRACT: [string, string][] = [
  ['post', '/api/v1/login/access-token'],
  ['get', '/api/v1/users/me'],
  ['post', '/api/v1/users/me/api-key/reveal'],
  ['post', '/api/v1/users/me/api-key/regeneration-requests'],
  ['get', '/api/v1/users/me/api-key/regeneration-requests'],
  ['get', '/api/v1/users/me/api-key/regeneration-requests/{id}'],
  ['post', '/api/v1/users/me/api-key/regeneration-requests/{id}/confirm'],
  ['post', '/api/v1/support/regeneration-requests/{id}/issue'],
  ['get', '/api/v1/usage'],
  ['get', '/api/v1/items'],
  ['post', '/api/v1/items'],
  ['get', '/api/v1/items/{id}'],
  ['put', '/api/v1/items/{id}'],
  ['delete', '/api/v1/items/{id}'],
  ['get', '/api/v1/utils/health-check/'],
  ['get', '/api/v1/openapi.json'],
];
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

type Operation = {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { example?: unknown; schema?: unknown }> };
  responses: Record<string, { content?: unknown; headers?: Record<string, unknown> }>;
};

describe('GET /api/v1/openapi.json', () => {
  let emu: RunningEmulator;
  let doc: { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> } };
  beforeAll(async () => {
    emu = await start();
    const res = await api(emu.url, '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_CT);
    doc = res.body;
  });
  afterAll(() => emu.close());

  it('is OpenAPI 3.1 with a bearer security scheme and this emulator as a server', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.servers.map((s) => s.url)).toContain(emu.url);
  });

  it('lists exactly the contract’s operations', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m} ${path}`),
    );
    expect(listed.sort()).toEqual(CONTRACT.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('gives every operation a unique operationId, a summary, responses and path parameters', () => {
    const ids = new Set<string>();
    for (const [method, path] of CONTRACT) {
      const op = doc.paths[path]![method]!;
      expect(op.operationId, `${method} ${path}`).toMatch(/^\w+$/);
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      if (path.includes('{id}')) expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
      if (op.security && op.security.length > 0) {
        expect(op.responses['401']?.headers).toHaveProperty('WWW-Authenticate');
      }
    }
  });

  it('has example request bodies for every operation that takes a body', () => {
    const withBody = CONTRACT.filter(([m, p]) => doc.paths[p]![m]!.requestBody).map(([m, p]) => `${m} ${p}`);
    expect(withBody.sort()).toEqual(
      [
        'post /api/v1/login/access-token',
        'post /api/v1/users/me/api-key/regeneration-requests',
        'post /api/v1/items',
        'put /api/v1/items/{id}',
      ].sort(),
    );
    for (const [method, path] of CONTRACT) {
      const body = doc.paths[path]![method]!.requestBody;
      if (!body) continue;
      for (const media of Object.values(body.content)) expect(media.example).toBeTruthy();
    }
    expect(doc.paths['/api/v1/login/access-token']!.post!.requestBody!.content).toHaveProperty('application/x-www-form-urlencoded');
  });

  it('documents the contract’s status codes', () => {
    const codes = (m: string, p: string) => Object.keys(doc.paths[p]![m]!.responses).sort();
    expect(codes('post', '/api/v1/login/access-token')).toEqual(['200', '400', '422', '429']);
    expect(codes('post', '/api/v1/users/me/api-key/reveal')).toEqual(['200', '401', '403', '409']);
    expect(codes('get', '/api/v1/usage')).toEqual(['200', '401', '403']);
    expect(codes('delete', '/api/v1/items/{id}')).toEqual(['204', '401', '404']);
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/\w+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.split('/').pop()!.replace('"', ''));
  });
});
