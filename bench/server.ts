/**
 * A loopback-only file server for the bench pages: fixed folders from node_modules and
 * dist/, plus in-memory files (bundles, frames). Nothing outside those is reachable.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  // instantiateStreaming refuses wasm served under any other type.
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

export interface BenchServer {
  origin: string;
  /** Serves `body` at `path` (e.g. /bundle/human.js), replacing what was there. */
  put(path: string, body: Buffer | string, type?: string): void;
  /** Serves the files under `dir` at `prefix/...`. */
  mount(prefix: string, dir: string): void;
  close(): Promise<void>;
}

export async function startServer(initial: Record<string, string>): Promise<BenchServer> {
  const folders = { ...initial };
  const memory = new Map<string, { body: Buffer; type: string }>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // No caching: every page load in the bench is meant to fetch its files again.
    const headers = { 'Cache-Control': 'no-store' };
    const inMemory = memory.get(path);
    if (inMemory) {
      res.writeHead(200, { ...headers, 'Content-Type': inMemory.type, 'Content-Length': inMemory.body.length });
      res.end(inMemory.body);
      return;
    }
    const prefix = Object.keys(folders).find((p) => path.startsWith(p + '/'));
    if (prefix) {
      const root = folders[prefix];
      const file = normalize(join(root, path.slice(prefix.length + 1)));
      if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, {
          ...headers,
          'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': statSync(file).size,
        });
        createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404, headers);
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    put(path, body, type) {
      memory.set(path, { body: Buffer.isBuffer(body) ? body : Buffer.from(body), type: type ?? TYPES[extname(path)] ?? 'application/octet-stream' });
    },
    mount(prefix, dir) {
      folders[prefix] = normalize(dir);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open; they would hold close() up.
        server.closeAllConnections();
      }),
  };
}
