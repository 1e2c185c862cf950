/** Shared CSV / JSON Lines handling of the `audit` and `anonymize` commands. */
export * from './dialect.ts';
export * from './reader.ts';
export * from './writer.ts';
export * from './progress.ts';
export * from './problems.ts';
