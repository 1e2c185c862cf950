/**
 * Imported FIRST by every entrypoint whose bundle contains zod. zod v4 probes
 * `new Function` when its first object schema is built (at import of a schema
 * module) to decide whether to JIT its parsers; under the extension CSP that
 * probe is blocked and Firefox logs a CSP `eval` violation on every load.
 * jitless skips the probe; parsing stays correct, only the JIT fast path goes.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
