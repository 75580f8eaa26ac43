/**
 * The caller's own items: `GET|POST /api/v1/items`, `GET|PUT|DELETE /api/v1/items/{id}`.
 */
import { authenticate } from '../auth';
import { HttpError, intQuery, parseJsonObject, stringField, validationError, type ValidationIssue } from '../http-util';
import type { Router } from '../router';
import { iso, newId, type EmulatorState, type ItemRecord } from '../state';

/** Longest accepted `title` (and `description`). */
export const MAX_TITLE_LENGTH = 255;

function itemView(item: ItemRecord): Record<string, unknown> {
  return { id: item.id, title: item.title, description: item.description, created_at: iso(item.createdAt) };
}

function ownItem(state: EmulatorState, userId: string, id: string): ItemRecord {
  const item = state.items.get(id);
  if (!item || item.ownerId !== userId) throw new HttpError(404, 'Item not found');
  return item;
}

/** Registers the item routes. */
export function registerItemRoutes(router: Router): void {
  router.add('GET', '/api/v1/items', async ({ req, url, state }) => {
    const { user } = await authenticate(req, state);
    const issues: ValidationIssue[] = [];
    const skip = intQuery(url, 'skip', 0, { min: 0 }, issues);
    const limit = intQuery(url, 'limit', 100, { min: 0, max: 100 }, issues);
    if (issues.length > 0) throw validationError(issues);
    const mine = [...state.items.values()].filter((i) => i.ownerId === user.id).sort((a, b) => a.seq - b.seq);
    return { status: 200, body: { data: mine.slice(skip, skip + limit).map(itemView), count: mine.length } };
  });

  router.add('POST', '/api/v1/items', async ({ req, body, state }) => {
    const { user } = await authenticate(req, state);
    const obj = parseJsonObject(req, body);
    const issues: ValidationIssue[] = [];
    const title = stringField(obj, 'title', { required: true, min: 1, max: MAX_TITLE_LENGTH }, issues);
    const description = stringField(obj, 'description', { max: MAX_TITLE_LENGTH, nullable: true }, issues);
    if (issues.length > 0 || typeof title !== 'string') throw validationError(issues);
    const item: ItemRecord = {
      id: newId('it'),
      ownerId: user.id,
      title,
      description: description ?? null,
      createdAt: state.now(),
      seq: state.nextSeq(),
    };
    state.items.set(item.id, item);
    return { status: 201, body: itemView(item) };
  });

  router.add('GET', '/api/v1/items/{id}', async ({ req, params, state }) => {
    const { user } = await authenticate(req, state);
    return { status: 200, body: itemView(ownItem(state, user.id, params.id!)) };
  });

  router.add('PUT', '/api/v1/items/{id}', async ({ req, params, body, state }) => {
    const { user } = await authenticate(req, state);
    const obj = parseJsonObject(req, body);
    const issues: ValidationIssue[] = [];
    const title = stringField(obj, 'title', { min: 1, max: MAX_TITLE_LENGTH }, issues);
    const description = stringField(obj, 'description', { max: MAX_TITLE_LENGTH, nullable: true }, issues);
    if (issues.length > 0) throw validationError(issues);
    const item = ownItem(state, user.id, params.id!);
    if (typeof title === 'string') item.title = title;
    if (description !== undefined) item.description = description;
    return { status: 200, body: itemView(item) };
  });

  router.add('DELETE', '/api/v1/items/{id}', async ({ req, params, state }) => {
    const { user } = await authenticate(req, state);
    state.items.delete(ownItem(state, user.id, params.id!).id);
    return { status: 204 };
  });
}
