/**
 * PGlite in a worker thread. PGlite runs each statement synchronously in WASM: in the
 * HTTP thread, a group of batches being written blocked every request meanwhile (its
 * reading, JSON and zod checks), and the whole collector used one core. Here the
 * database has a thread of its own, so HTTP and validation run on one core while
 * PGlite writes on the other, and the event loop keeps accepting reports.
 *
 * The worker is a few lines of plain JavaScript evaluated by node:worker_threads (no
 * separate build entry: it runs the same from the sources and from the package), and
 * it loads PGlite from the path resolved here. Messages: `query` (optionally inside
 * an open transaction), `begin`, `end` (commit or roll back), `close`. PGlite's own
 * lock serialises statements and transactions as it does in one thread.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, Row, SqlValue } from './db.ts';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const ready = PGlite.create(workerData.dataDir);
const open = new Map();
const ROLLBACK = Symbol('rollback');
let nextTx = 0;
const reply = (id, body) => parentPort.postMessage({ id, ...body });
const fail = (id, e) => reply(id, { error: { message: String((e && e.message) || e), code: e && e.code } });
parentPort.on('message', async (m) => {
  try {
    const pg = await ready;
    if (m.op === 'query') {
      const q = m.tx === undefined ? pg : open.get(m.tx).t;
      reply(m.id, { rows: (await q.query(m.sql, m.params)).rows });
    } else if (m.op === 'begin') {
      const tx = ++nextTx;
      let end;
      const ended = new Promise((r) => { end = r; });
      let started = false;
      const done = pg.transaction(async (t) => {
        started = true;
        open.set(tx, { t, end, done });
        reply(m.id, { tx });
        if (!(await ended)) throw ROLLBACK;
      });
      done.catch((e) => { if (!started) fail(m.id, e); });
    } else if (m.op === 'end') {
      const o = open.get(m.tx);
      open.delete(m.tx);
      o.end(m.commit);
      await o.done.then(() => reply(m.id, {}), (e) => (e === ROLLBACK ? reply(m.id, {}) : fail(m.id, e)));
    } else if (m.op === 'close') {
      await pg.close();
      reply(m.id, {});
    }
  } catch (e) {
    fail(m.id, e);
  }
});
`;

type Answer = { id: number; rows?: Row[]; tx?: number; error?: { message: string; code?: string } };
type Message = { op: 'query'; sql: string; params: readonly SqlValue[]; tx?: number } | { op: 'begin' } | { op: 'end'; tx: number; commit: boolean } | { op: 'close' };

/** Opens PGlite on `dataDir` (a resolved folder, or `memory://`) in its own thread. */
export async function openPgliteThread(dataDir: string): Promise<Db> {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite, dataDir } });
  const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let dead: Error | undefined;
  const failAll = (e: Error) => {
    dead = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (a: Answer) => {
    const w = waiting.get(a.id);
    if (!w) return;
    waiting.delete(a.id);
    if (a.error) w.reject(Object.assign(new Error(a.error.message), a.error.code ? { code: a.error.code } : {}));
    else w.resolve(a);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the database thread exited (${code})`)));

  // Referenced only while a statement is waiting for its answer: an awaited query keeps
  // the process alive, an idle database thread does not.
  const call = (m: Message): Promise<Answer> => {
    if (dead) return Promise.reject(dead);
    const id = ++nextId;
    if (!waiting.size) worker.ref();
    return new Promise<Answer>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...m });
    }).finally(() => { if (!waiting.size) worker.unref(); });
  };
  const queryIn = (tx?: number): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await call({ op: 'query', sql, params, ...(tx === undefined ? {} : { tx }) })).rows as T[];
    },
  });

  let closing: Promise<void> | undefined;
  const db: Db = {
    kind: 'pglite',
    ...queryIn(),
    async tx(fn) {
      const { tx } = await call({ op: 'begin' });
      let out;
      try {
        out = await fn(queryIn(tx!));
      } catch (e) {
        await call({ op: 'end', tx: tx!, commit: false }).catch(() => undefined);
        throw e;
      }
      await call({ op: 'end', tx: tx!, commit: true });
      return out;
    },
    close: () => (closing ??= (async () => {
      await call({ op: 'close' }).catch(() => undefined);
      await worker.terminate();
    })()),
  };
  try {
    await db.query('SELECT 1'); // surfaces an error opening the folder here, not at the first report
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return db;
}
