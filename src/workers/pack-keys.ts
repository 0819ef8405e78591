/**
 * The public keys packs must be signed with, fixed when the app is built (vite.config.ts
 * reads the file `npm run keygen` wrote). A build without keys refuses every pack.
 */
import { parseTrustedKeys, type TrustedKey } from '../platform/index.ts';

declare const __RAIREKI_PACK_KEYS__: string | null;

let keys: Promise<TrustedKey[]> | null = null;

export function trustedPackKeys(): Promise<TrustedKey[]> {
  keys ??= __RAIREKI_PACK_KEYS__ ? parseTrustedKeys(__RAIREKI_PACK_KEYS__) : Promise.resolve([]);
  return keys;
}
