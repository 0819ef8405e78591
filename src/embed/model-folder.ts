/**
 * Reading a model folder through injected I/O (fetch in the browser, fs in Node), with
 * every file checked against the SHA-256 in the manifest before it reaches the runtime: a
 * truncated download or an HTML error page served as `model.onnx` fails here with the
 * file's name instead of deep inside onnxruntime.
 */
import { MODEL_MANIFEST_FILE, parseAnyModelManifest, type AnyModelManifest } from './model-manifest.ts';
import { sha256Hex } from '../platform/index.ts';

export interface ModelFolderIo {
  /** Bytes of a file of the folder; rejects when it cannot be read. */
  read(name: string): Promise<Uint8Array>;
}

/** A folder's verified files; `manifest` is of either task until the caller checks which (`expectTask`). */
export interface ModelFolder<M extends AnyModelManifest = AnyModelManifest> {
  readonly manifest: M;
  readonly model: Uint8Array;
  /** Parsed tokenizer.json (and tokenizer_config.json) for 'tokenizer.json' models. */
  readonly tokenizerJson?: unknown;
  readonly tokenizerConfig?: unknown;
}

// One SHA-256 for the whole app (WebCrypto, same in the browser and Node).
export { sha256Hex };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (e) {
    throw new Error(`${name}: not valid UTF-8 JSON (${(e as Error).message})`);
  }
}

async function readVerified(io: ModelFolderIo, manifest: AnyModelManifest, name: string): Promise<Uint8Array> {
  const bytes = await io.read(name);
  const expected = manifest.files[name];
  if (!expected) throw new Error(`${MODEL_MANIFEST_FILE}: files has no hash for ${name}`);
  if (bytes.length !== expected.bytes) {
    throw new Error(`${name}: ${bytes.length} bytes, the manifest says ${expected.bytes} (truncated or replaced?)`);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expected.sha256) throw new Error(`${name}: SHA-256 ${actual} does not match the manifest`);
  return bytes;
}

export async function loadModelFolder(io: ModelFolderIo): Promise<ModelFolder> {
  const manifest = parseAnyModelManifest(parseJson(MODEL_MANIFEST_FILE, await io.read(MODEL_MANIFEST_FILE)));
  const model = await readVerified(io, manifest, manifest.model);
  const tok = manifest.tokenizer;
  if (tok.kind !== 'tokenizer.json') return { manifest, model };
  const tokenizerJson = parseJson(tok.file, await readVerified(io, manifest, tok.file));
  const tokenizerConfig = tok.configFile
    ? parseJson(tok.configFile, await readVerified(io, manifest, tok.configFile))
    : {};
  return { manifest, model, tokenizerJson, tokenizerConfig };
}

/** A model folder held in memory (just built, or picked by the user as files). */
export function memoryFolderIo(files: ReadonlyMap<string, Uint8Array>): ModelFolderIo {
  return {
    async read(name) {
      const bytes = files.get(name);
      if (!bytes) throw new Error(`${name}: not in the model folder`);
      return bytes;
    },
  };
}
