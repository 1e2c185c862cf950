import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileExtraTerms } from '../../lib/background/policy/extra-terms.ts';
import type { CompiledPack } from '../../lib/schema/dictionary.ts';
import type { ExtraTerm } from '../../lib/schema/policy.ts';

/** A small compiled pack with the given id/version flagging `terms` (French, health, error). */
export function makePack(id: string, version: string, terms: string[] = ['licorne'], category: ExtraTerm['category'] = 'health'): CompiledPack {
  const p = compileExtraTerms(terms.map((term) => ({ term, category, locale: 'fr' as const, severity: 'error' as const, suggestion: 'information' })))!;
  return {
    ...p,
    id,
    version,
    description: `test pack ${id}`,
    rules: p.rules.map((r, i) => ({ ...r, id: `fr.${category}.${id.replace(/[^a-z0-9]/g, '')}-${i}` })),
  };
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 whose answer each test sets. */
export async function startServer(): Promise<{ url: string; set(h: Handler): void; requests: IncomingMessage[]; close(): Promise<void>; server: Server }> {
  let handler: Handler = (_q, r) => r.writeHead(404).end();
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (h) => (handler = h),
    requests,
    server,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
