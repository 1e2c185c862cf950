// Stands in for lib/cli/builtin.ts inside pack-loader in the compiled package:
// there the pack is always the prebuilt one, so the compiler is never needed.
export function loadBuiltinPack() {
  throw new Error('crm-note-lint: the built-in pack is prebuilt in this package; the source loader is not included');
}
