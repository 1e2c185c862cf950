/** A local HTTP collector on 127.0.0.1 for the reporting tests (answers CORS like a real one should). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { body: string; json: unknown; headers: Record<string, string | string[] | undefined> }

export interface Collector {
  url: string;
  received: Received[];
  /** Status codes to answer, in order; when exhausted, 200. */
  script: number[];
  close(): Promise<void>;
}

export async function startCollector(path = '/counts', port = 0): Promise<Collector> {
  const received: Received[] = [];
  const script: number[] = [];
  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    res.setHeader('access-control-allow-methods', 'POST');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try { json = JSON.parse(body); } catch { /* kept as text */ }
      received.push({ body, json, headers: req.headers });
      const status = script.length ? script.shift()! : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '{"ok":true}' : '{"error":"boom"}');
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}${path}`,
    received,
    script,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
