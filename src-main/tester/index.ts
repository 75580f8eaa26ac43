/**
 * The request tester, public entry for other features: the environment's endpoint list (from its OpenAPI document,
 * cached) and the OpenAPI reader, which the collections feature uses to import a document. The tester's IPC handlers
 * are wired by app.ts.
 */
export { loadEndpoints, OPENAPI_PATH } from './tester-endpoints';
export { parseOpenApi } from './openapi-endpoints';
