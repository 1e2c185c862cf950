/** `serve` options: defaults, parsing and their help text (the one place that lists them). */
import { parseArgs } from 'node:util';

export interface ServeConfig {
  data?: string | undefined;
  database?: string | undefined;
  host: string;
  port: number;
  minGroup: number;
  retentionDays: number;
  keepMonths: number;
  maxBodyBytes: number;
  ratePerMinute: number;
  cert?: string | undefined;
  key?: string | undefined;
  /** SSO mode: the header a trusted reverse proxy sets to the signed-in user; password login is off. */
  authHeader?: string | undefined;
  ingestToken?: string | undefined;
  adminToken?: string | undefined;
  adminPassword?: string | undefined;
}

export const SERVE_HELP = `Usage: crm-note-lint serve [--data DIR | --database URL] [--port N] [--host H] [--min-group N] [options]

Collector for the extension's anonymous counts, and the organisation's dashboard.

Storage (one of):
  --data DIR             Embedded database (PGlite: PostgreSQL in WASM) in DIR (default ./collector-data)
  --database URL         PostgreSQL, postgres://user:pass@host:port/db (or DATABASE_URL); same schema,
                         versioned migrations applied at start; several instances may share one database
Network:
  --host H               Address to listen on (default 127.0.0.1)
  --port N               Port (default 8787; 0 = any free port)
  --cert FILE --key FILE Serve HTTPS with this certificate and key (PEM); or put a TLS reverse proxy in front
Privacy and retention:
  --min-group N          A cell built from fewer than N distinct reporters is shown as "< N" (default 5)
  --retention-days N     Daily counts older than N days are rolled up by month, then deleted (default 400)
  --keep-months N        Monthly roll-ups older than N months are deleted (default 36)
Limits:
  --max-body BYTES       Largest report accepted (default 1048576: 413 above)
  --rate N               Reports per minute per reporter before 429 (default 30)
Access:
  --auth-header NAME     SSO mode: trust this header (e.g. X-Forwarded-User) set by your reverse proxy;
                         the password login is then off. Only behind a proxy that strips it from clients.

Environment:
  CRM_NOTE_LINT_INGEST_TOKEN    Reporters send "Authorization: Bearer <token>" (policy reporting.token).
                                Unset: generated at the first start, stored in the database, printed once.
  CRM_NOTE_LINT_ADMIN_TOKEN     Bearer token of the read API (GET /v1/counts, /v1/summary, /v1/export).
                                Unset: the read API answers only a signed-in dashboard session.
  CRM_NOTE_LINT_ADMIN_PASSWORD  Dashboard password (stored as a salted scrypt hash). Unset: the stored one;
                                at the very first start a random one is generated and printed once.
  DATABASE_URL                  Same as --database.

Endpoints:
  POST /v1/reports              Ingest (JSON report, docs/report-payload.schema.json)
  GET  /v1/counts?from=YYYY-MM-DD&to=YYYY-MM-DD&by=category|rule|site|team|week|action[&team=T][&action=A][&format=csv]
  GET  /v1/summary?from&to&team  Everything the dashboard shows (JSON)
  GET  /v1/export?from&to&team&format=csv|json   Week × team × site × category × rule × action
  GET  /healthz                 {"ok":true} when the database answers
  GET  /                        The dashboard (sign-in page first)

The first line printed is the URL listened on. Details: docs/collector.md.
`;

function int(name: string, v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`--${name} must be an integer from ${min} to ${max} (got "${v}")`);
  return n;
}

export class ConfigError extends Error {}

export function parseServeArgs(args: string[], env: NodeJS.ProcessEnv): ServeConfig | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' }, database: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
      'min-group': { type: 'string' }, 'retention-days': { type: 'string' }, 'keep-months': { type: 'string' },
      'max-body': { type: 'string' }, rate: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' },
      'auth-header': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const database = values.database ?? (values.data ? undefined : env.DATABASE_URL || undefined);
  if (values.data && values.database) throw new ConfigError('--data and --database are exclusive');
  if (database && !/^postgres(ql)?:\/\//.test(database)) throw new ConfigError('--database must be a postgres:// URL');
  if (!!values.cert !== !!values.key) throw new ConfigError('--cert and --key go together');
  if (values['auth-header'] !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(values['auth-header'])) throw new ConfigError('--auth-header must be a header name');
  return {
    data: database ? undefined : values.data ?? './collector-data',
    database,
    host: values.host ?? '127.0.0.1',
    port: int('port', values.port, 8787, 0, 65535),
    minGroup: int('min-group', values['min-group'], 5, 1, 1000),
    retentionDays: int('retention-days', values['retention-days'], 400, 1, 3650),
    keepMonths: int('keep-months', values['keep-months'], 36, 1, 600),
    maxBodyBytes: int('max-body', values['max-body'], 1024 * 1024, 1024, 64 * 1024 * 1024),
    ratePerMinute: int('rate', values.rate, 30, 1, 100_000),
    cert: values.cert,
    key: values.key,
    authHeader: values['auth-header']?.toLowerCase(),
    ingestToken: env.CRM_NOTE_LINT_INGEST_TOKEN || undefined,
    adminToken: env.CRM_NOTE_LINT_ADMIN_TOKEN || undefined,
    adminPassword: env.CRM_NOTE_LINT_ADMIN_PASSWORD || undefined,
  };
}
