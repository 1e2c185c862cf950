/**
 * What the package build (scripts/build-lib.mjs, esbuild `define`) bakes in: the
 * built-in pack's checksum (lib/cli/checksum.ts), whose presence also says "running from dist/".
 * From a source checkout it is undefined.
 */
declare const __CNL_PACK_CHECKSUM__: string | undefined;

export const PACKAGE_PACK_CHECKSUM: string | undefined = typeof __CNL_PACK_CHECKSUM__ === 'string' ? __CNL_PACK_CHECKSUM__ : undefined;

/** True in the compiled package, false from the sources. */
export const isPackageBuild = (): boolean => PACKAGE_PACK_CHECKSUM !== undefined;
