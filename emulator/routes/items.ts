/**
 * The caller's own items: `GET|POST /api/v1/items`, `GET|PUT|DELETE /api/v1/items/{id}`, in the flavour's shape.
 */
import { authenticate } from '../auth';
import type { Flavour } from '../flavour';
import { HttpError, intQuery, parseJsonObject, stringField, validationError, type ValidationIssue } from '../http-util';
import type { Router } from '../router';
import type { EmulatorState, ItemRecord } from '../state';

/** Longest accepted `title` (and `description`). */
export const MAX_TITLE_LENGTH = 255;

/** The item at `/items/{raw}`; integer ids are parsed as FastAPI does (`422` for a non-integer). */
function ownItem(state: EmulatorState, flavour: Flavour, userId: string, raw: string): ItemRecord {
  let id = raw;
  if (flavour.ids === 'integer') {
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      throw validationError([{ loc: ['path', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' }]);
    }
    id = String(Number.parseInt(raw, 10));
  }
  const item = state.items.get(id);
  if (!item) throw new HttpError(404, 'Item not found');
  if (item.ownerId !== userId) throw flavour.items.notYours();
  return item;
}

/** Registers the item routes. */
export function registerItemRoutes(router: Router): void {
  router.add('GET', '/api/v1/items', async ({ req, url, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    const issues: ValidationIssue[] = [];
    const skip = intQuery(url, 'skip', 0, { min: 0 }, issues);
    const limit = intQuery(url, 'limit', 100, { min: 0, max: 100 }, issues);
    if (issues.length > 0) throw validationError(issues);
    const mine = [...state.items.values()].filter((i) => i.ownerId === user.id).sort((a, b) => a.seq - b.seq);
    return { status: 200, body: { data: mine.slice(skip, skip + limit).map(flavour.items.view), count: mine.length } };
  });

  router.add('POST', '/api/v1/items', async ({ req, body, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    const obj = parseJsonObject(req, body);
    const issues: ValidationIssue[] = [];
    const title = stringField(obj, 'title', { required: true, min: 1, max: MAX_TITLE_LENGTH }, issues);
    const description = stringField(obj, 'description', { max: MAX_TITLE_LENGTH, nullable: true }, issues);
    if (issues.length > 0 || typeof title !== 'string') throw validationError(issues);
    const item = state.addItem(user.id, title, description ?? null);
    return { status: flavour.items.createdStatus, body: flavour.items.view(item) };
  });

  router.add('GET', '/api/v1/items/{id}', async ({ req, params, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    return { status: 200, body: flavour.items.view(ownItem(state, flavour, user.id, params.id!)) };
  });

  router.add('PUT', '/api/v1/items/{id}', async ({ req, params, body, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    const obj = parseJsonObject(req, body);
    const issues: ValidationIssue[] = [];
    const title = stringField(obj, 'title', { min: 1, max: MAX_TITLE_LENGTH }, issues);
    const description = stringField(obj, 'description', { max: MAX_TITLE_LENGTH, nullable: true }, issues);
    if (issues.length > 0) throw validationError(issues);
    const item = ownItem(state, flavour, user.id, params.id!);
    if (typeof title === 'string') item.title = title;
    if (description !== undefined) item.description = description;
    return { status: 200, body: flavour.items.view(item) };
  });

  router.add('DELETE', '/api/v1/items/{id}', async ({ req, params, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    state.items.delete(ownItem(state, flavour, user.id, params.id!).id);
    return flavour.items.deleted;
  });
}
