/**
 * Starts a collector from its configuration: opens the database, applies the
 * migrations, settles the secrets, runs retention at start and every 6 hours,
 * folds the days ingest marked into the pre-aggregated cells every 30 seconds,
 * then listens. `log` receives the URL first, then notices (secrets generated at
 * the first start are printed once, never again).
 */
import { dayOf } from '../background/stats/model.ts';
import type { ServeConfig } from './config.ts';
import { openDatabase, type Db } from './db.ts';
import { foldPending } from './fold.ts';
import { migrate } from './migrations.ts';
import { applyRetention } from './retention.ts';
import { ensureAdminPassword, ensureIngestToken } from './secrets.ts';
import { startCollector as listen } from './server.ts';

export interface Collector { url: string; db: Db; close(): Promise<void> }

const RETENTION_EVERY_MS = 6 * 3_600_000;
/** Readers fold what is pending themselves; folding in the background keeps that wait short. */
const FOLD_EVERY_MS = 30_000;

export async function runCollector(config: ServeConfig, log: { out: (line: string) => void; err: (line: string) => void }): Promise<Collector> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const ingest = await ensureIngestToken(db, config.ingestToken);
    const admin = config.authHeader ? { hash: '' } : await ensureAdminPassword(db, config.adminPassword);
    const retention = () => applyRetention(db, dayOf(new Date()), config.retentionDays, config.keepMonths)
      .catch((e: Error) => log.err(`retention failed (retried later): ${e.message}`));
    await retention();
    const running = await listen({ db, config, ingestToken: ingest.token, adminPasswordHash: admin.hash });
    log.out(running.url);
    log.err(`storage: ${db.kind === 'pglite' ? `embedded database in ${config.data}` : 'PostgreSQL'}; minimum group ${config.minGroup}; retention ${config.retentionDays} days`);
    if (ingest.generated) log.err(`ingest token (generated, shown once; put it in the policy as reporting.token): ${ingest.token}`);
    if ('generated' in admin && admin.generated) log.err(`dashboard password (generated, shown once; set CRM_NOTE_LINT_ADMIN_PASSWORD to choose one): ${admin.generated}`);
    if (config.authHeader) log.err(`SSO mode: the dashboard trusts the "${config.authHeader}" header set by the reverse proxy`);
    const timer = setInterval(() => void retention(), RETENTION_EVERY_MS);
    timer.unref();
    const folding = setInterval(() => void foldPending(db).catch((e: Error) => log.err(`fold failed (retried later): ${e.message}`)), FOLD_EVERY_MS);
    folding.unref();
    return {
      url: running.url,
      db,
      close: async () => {
        clearInterval(timer);
        clearInterval(folding);
        await running.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
