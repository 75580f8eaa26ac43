/**
 * The browser side of the start:web bridge: a classic script, generated from the channel table, that defines
 * `window.deepcurrent` with the same named functions as the Electron preload. Each one POSTs its request as JSON to
 * `/__ipc/<channel>` with the one-time token, and answers the server's Result. The token arrives in the URL's
 * fragment (`#token=…`, never sent to a server), is kept in `sessionStorage` for reloads, and is removed from the
 * address bar at once. The preview has no main → renderer events (it shows no system notification, so nothing can
 * be clicked; the page shows its own notices): each `on…` subscription registers nothing and answers an
 * unsubscribe function, so the page runs the same code as in Electron.
 */
import { API_NAMES, CHANNELS, EVENT_NAMES, subscriptionName } from '../src-shared/ipc-channels';

/** The header that carries the one-time token. */
export const BRIDGE_TOKEN_HEADER = 'x-deepcurrent-bridge';
/** Where the page keeps the token for reloads (per tab). */
const TOKEN_STORAGE_KEY = 'deepcurrent-bridge-token';
/** The message of the answer given when the preview server cannot be reached. */
const UNREACHABLE_MESSAGE = 'The DeepCurrent preview server is not reachable.';

/** The script served at `/__bridge.js`. */
export function bridgeScript(): string {
  const table = Object.fromEntries(API_NAMES.map((name) => [name, CHANNELS[name]]));
  const subscriptions = EVENT_NAMES.map(subscriptionName);
  return `'use strict';
(function () {
  var CHANNELS = ${JSON.stringify(table)};
  var HEADER = ${JSON.stringify(BRIDGE_TOKEN_HEADER)};
  var STORAGE_KEY = ${JSON.stringify(TOKEN_STORAGE_KEY)};
  var token = '';
  var match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    token = match[1];
    try { sessionStorage.setItem(STORAGE_KEY, token); } catch (e) {}
    history.replaceState(history.state, '', location.pathname + location.search);
  } else {
    try { token = sessionStorage.getItem(STORAGE_KEY) || ''; } catch (e) {}
  }
  var unreachable = function () {
    return { ok: false, error: { kind: 'network', message: ${JSON.stringify(UNREACHABLE_MESSAGE)} } };
  };
  var call = function (channel, request) {
    var headers = { 'content-type': 'application/json' };
    headers[HEADER] = token;
    var body;
    try { body = JSON.stringify(request === undefined || request === null ? {} : request); }
    catch (e) { return Promise.resolve({ ok: false, error: { kind: 'invalid-input', message: 'The request could not be sent.' } }); }
    return fetch('/__ipc/' + encodeURIComponent(channel), {
      method: 'POST', headers: headers, body: body, credentials: 'omit', cache: 'no-store', redirect: 'error'
    }).then(function (response) {
      return response.json().then(function (result) {
        if (result && typeof result === 'object' && typeof result.ok === 'boolean') return result;
        return unreachable();
      }, unreachable);
    }, unreachable);
  };
  var api = {};
  Object.keys(CHANNELS).forEach(function (name) {
    var channel = CHANNELS[name];
    api[name] = function (request) { return call(channel, request); };
  });
  ${JSON.stringify(subscriptions)}.forEach(function (name) {
    api[name] = function () { return function () {}; };
  });
  Object.defineProperty(window, 'deepcurrent', { value: Object.freeze(api), enumerable: true });
})();
`;
}
