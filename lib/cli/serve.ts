/** `crm-note-lint serve`: the collector and org dashboard (lib/collector). Runs until SIGINT/SIGTERM. */
import { ConfigError, parseServeArgs, SERVE_HELP } from '../collector/config.ts';
import type { Io } from './main.ts';

export async function serveCommand(args: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = parseServeArgs(args, env);
  } catch (e) {
    if (e instanceof ConfigError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`crm-note-lint serve: ${(e as Error).message}\n\n${SERVE_HELP}`);
      return 2;
    }
    throw e;
  }
  if (config === 'help') {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  const { runCollector } = await import('../collector/run.ts');
  let collector;
  try {
    collector = await runCollector(config, { out: (l) => io.stdout.write(`${l}\n`), err: (l) => io.stderr.write(`${l}\n`) });
  } catch (e) {
    io.stderr.write(`crm-note-lint serve: could not start: ${(e as Error).message}\n`);
    return 1;
  }
  const running = collector;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
