/**
 * A machine-wide Chromium policy that only one browser sees: Chromium is
 * started through a small wrapper that enters a private mount namespace
 * (`unshare --mount`, root only) and binds a temporary directory over
 * /etc/chromium/policies (or over /etc/chromium, with copies of its files, when
 * the policies folder does not exist), so parallel runs never see each other's
 * policy and nothing is left on the machine. The test writes the policy into
 * the temporary directory; Chromium reads it as /etc/chromium/policies/managed.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_ETC = '/etc/chromium';
const POLICIES = join(CHROMIUM_ETC, 'policies');

export interface PrivatePolicy {
  /** The executable to launch instead of Chromium. */
  executable: string;
  /** Writes (atomically) the managed policy of one extension, as /etc/chromium/policies/managed/policy.json. */
  writeExtensionPolicy(extensionId: string, policy: Record<string, unknown>): void;
  cleanup(): void;
}

/** Why the private policy cannot be used here, or null. */
export function privatePolicyUnavailable(chromium: string): string | null {
  if (process.getuid?.() !== 0) return `not running as root (uid ${process.getuid?.()}): no private mount namespace`;
  if (!existsSync('/usr/bin/unshare')) return 'no /usr/bin/unshare';
  if (!existsSync(chromium)) return `no Chromium at ${chromium}`;
  return null;
}

export function privatePolicy(chromium: string): PrivatePolicy {
  const root = mkdtempSync(join(tmpdir(), 'cnl-private-policy-'));
  // Bind over the policies folder when it exists; otherwise over /etc/chromium itself (its files copied in).
  const bindOver = existsSync(POLICIES) ? POLICIES : CHROMIUM_ETC;
  const bound = join(root, 'etc');
  mkdirSync(bound);
  if (bindOver === CHROMIUM_ETC && existsSync(CHROMIUM_ETC)) {
    for (const f of readdirSync(CHROMIUM_ETC)) cpSync(join(CHROMIUM_ETC, f), join(bound, f), { recursive: true });
  }
  const managed = bindOver === POLICIES ? join(bound, 'managed') : join(bound, 'policies', 'managed');
  mkdirSync(managed, { recursive: true });
  const executable = join(root, 'chromium-private-policy.sh');
  // Playwright talks to Chromium over inherited pipes (fds 3 and 4): exec keeps them.
  writeFileSync(executable, [
    '#!/bin/sh',
    `exec /usr/bin/unshare --mount --propagation private /bin/sh -c 'b=$1 o=$2 c=$3; shift 3; mount --bind "$b" "$o" && exec "$c" "$@"' sh '${bound}' '${bindOver}' '${chromium}' "$@"`,
    '',
  ].join('\n'));
  chmodSync(executable, 0o755);
  return {
    executable,
    writeExtensionPolicy(extensionId, policy) {
      const tmp = join(root, 'policy.json.tmp');
      writeFileSync(tmp, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2));
      renameSync(tmp, join(managed, 'policy.json'));
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
