/**
 * Collections, public entry: saved requests as `.http` files in folders the user owns (see
 * `collections-service.ts`), for app.ts to wire.
 */
export { createCollectionsHandlers, type CollectionsHandlers, type CollectionsOptions } from './collections-service';
