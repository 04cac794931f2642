import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCli as runCliProcess, type CliRun } from '../support/cli.js';
import { ROOT, tempDir } from '../support/engine.js';

export { ROOT, tempDir };

export type { CliRun };

/** `ponte ...` as a real child process from the repository root, as an operator runs it. */
export const runCli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runCliProcess(args, { env });

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 and a random port; `routes` maps a path to its handler. */
export async function startServer(routes: Record<string, Handler>): Promise<{ url(path: string): string; requests: IncomingMessage[]; close(): Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    const handler = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (handler) handler(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body><h1>Pagina non trovata</h1></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const html = (body: string | Buffer, status = 200, type = 'text/html; charset=utf-8'): Handler => (_req, res) => {
  res.writeHead(status, { 'Content-Type': type }).end(body);
};

/** A temp repository root with the real knowledge/topics.yaml (what `--topic` is checked against). */
export function tempRoot(): { path: string; remove(): void } {
  const dir = tempDir('ponte-operators-');
  mkdirSync(join(dir.path, 'knowledge'), { recursive: true });
  cpSync(join(ROOT, 'knowledge', 'topics.yaml'), join(dir.path, 'knowledge', 'topics.yaml'));
  return dir;
}

/** Every file under `dir`, relative to it, sorted (nothing when it does not exist). */
export function filesUnder(dir: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

export const fixture = (name: string) => join(ROOT, 'test', 'operators', 'fixtures', name);
