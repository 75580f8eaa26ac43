/**
 * The DeepCurrent API client, public entry: typed calls of the DeepCurrent endpoints (read tolerantly, as servers in
 * the field need), the one HTTP call that turns every answer into a `Result`, the probe that tells whether an API answers at a base URL at all, the rules for reading the API's answers
 * (what a rejected credential is, the `detail` of an error, `Retry-After`, a missing endpoint), and the plain words
 * for an answer that cannot be read.
 */
export * from './api-client';
export * from './deepcurrent-endpoints';
export * from './api-probe';
export { unreadableDetail } from './answer-reader';
