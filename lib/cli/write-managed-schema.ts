/** Node-only: writes public/managed_schema.json from lib/schema/policy.ts (`npm run build:managed-schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { managedStorageSchema } from '../schema/policy.ts';

export const MANAGED_SCHEMA_FILE = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'public', 'managed_schema.json');

export function managedSchemaText(): string {
  return JSON.stringify(managedStorageSchema(), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(MANAGED_SCHEMA_FILE, managedSchemaText());
  console.log(`wrote ${MANAGED_SCHEMA_FILE}`);
}
