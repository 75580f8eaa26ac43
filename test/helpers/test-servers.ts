/**
 * Local test servers for HTTP client tests: plain and TLS servers on 127.0.0.1 that record every connection and
 * request, a time bound for promises, and a throw-away self-signed certificate (made with openssl at test time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Answers a request; `body` is the request body as UTF-8. */
export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A server on 127.0.0.1 that records its connections and requests. */
export interface TestServer {
  url: string;
  /** Every connection the server accepted, in order. */
  sockets: Socket[];
  /** Every request: method, path, headers, body, and the index of its connection. */
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string; connection: number }>;
  /** Resolves when connection `index` closes. */
  closed(index: number): Promise<void>;
  handler: Handler;
}

const servers: Server[] = [];

/** Starts `server` on 127.0.0.1 with `handler`, recording connections and requests. */
export async function listen(server: Server, scheme: 'http' | 'https', handler: Handler): Promise<TestServer> {
  const t: TestServer = { url: '', sockets: [], requests: [], handler, closed: () => Promise.resolve() };
  const closedAt = new Map<Socket, Promise<void>>();
  const track = (socket: Socket) => {
    t.sockets.push(socket);
    closedAt.set(socket, new Promise((resolve) => socket.once('close', () => resolve())));
  };
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', track);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      t.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, connection: t.sockets.indexOf(req.socket) });
      t.handler(req, res, body);
    });
  });
  t.closed = (index) => closedAt.get(t.sockets[index]!)!;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return t;
}

/** A plain HTTP test server. */
export function serve(handler: Handler): Promise<TestServer> {
  return listen(createServer(), 'http', handler);
}

/** Closes every server started here (call in `afterAll`). */
export async function closeTestServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Rejects when `promise` takes longer than `ms`. */
export async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether openssl can be run here (CI installs it). */
export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * An HTTPS test server with a throw-away self-signed certificate for 127.0.0.1, made for this run only; `cleanup`
 * removes the key files. Needs {@link hasOpenssl}.
 */
export async function selfSignedServer(handler: Handler): Promise<{ server: TestServer; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'dc-tls-test-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  const tls = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
  const server = await listen(tls as unknown as Server, 'https', handler);
  return { server, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
