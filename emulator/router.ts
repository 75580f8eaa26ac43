/**
 * A tiny method + path router with `{param}` segments, answering 404 for unknown paths and 405 for known paths
 * with another method. A trailing slash is optional on every path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Flavour } from './flavour';
import type { Reply } from './http-util';
import type { EmulatorState } from './state';

/** Everything a handler gets. `body` is the whole (size-checked) request body. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  body: Buffer;
  state: EmulatorState;
  /** The kind of server this emulator is. */
  flavour: Flavour;
}

/** A route handler: returns a JSON reply, or `{handled: true}` when it wrote the response itself. */
export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
}

/** The outcome of matching a request. */
export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** Routes requests to handlers. */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers a handler; `pattern` is a path like `/api/v1/items/{id}`; method `*` matches any method. */
  add(method: string, pattern: string, handler: Handler): this {
    const keys: string[] = [];
    const source = pattern
      .replace(/\/$/, '')
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(param[1]!);
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  /** Finds the handler for a method and path. */
  match(method: string, pathname: string): RouteMatch {
    const allow: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      if (route.method !== '*' && route.method !== method) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      try {
        route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1]!)));
      } catch {
        return { kind: 'not-found' };
      }
      return { kind: 'found', handler: route.handler, params };
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}
