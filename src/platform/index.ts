/**
 * WebCrypto-based helpers shared by the browser and the Node tools: hashing, Ed25519 keys
 * and signatures, pack encryption, verifying and opening a role's pack.
 */
export { concatBytes, decodeUtf8, encodeUtf8, fromBase64, sha256Hex, toBase64, toHex, type Bytes } from './bytes.ts';
export { fromPem, generateSigningKeyPair, importSigningKey, importVerifyKey, keyIdOf, signBytes, toPem, verifySignature, type GeneratedKeyPair } from './ed25519.ts';
export { gunzip, gzip } from './gzip.ts';
export {
  DEFAULT_PBKDF2_ITERATIONS,
  WrongPassphraseError,
  assertKeyOpensPack,
  decryptFile,
  deriveKey,
  encryptFile,
  fileAad,
  newKdfParams,
  openFile,
  sealFile,
  type KdfParams,
} from './pack-encryption.ts';
export { PUBLIC_KEY_FORMAT, PublicKeyFile, parseTrustedKeys, type TrustedKey } from './trusted-keys.ts';
export { verifyPack, type PackVerification, type VerifyFailure } from './verify-pack.ts';
export { PackRefusedError, openPack, packContents, type OpenPackOptions, type OpenedPack, type OpenedSnapshot } from './open-pack.ts';
export { passphraseSealer, pemSigner, webHasher, type SealerOptions } from './web-pack-crypto.ts';
export { fetchAssignedRole, httpPackReader } from './fetch-pack.ts';
export { askAssignedRole, readWhoami, type AssignedRole } from './assigned-role.ts';
export { PackFileError, packFileReader, type PackFileAccess, type PackFileRead, type RawRead } from './pack-files.ts';
export { bundledPartReader, type BundledPartsOptions, type PartResults } from './bundled-parts.ts';
export { fetchRanges, parseByteranges, RangesUnsupportedError } from './fetch-ranges.ts';
