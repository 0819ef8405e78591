/** gzip through the Compression Streams API, global in browsers and Node ≥ 18. */
import type { Bytes } from './bytes.ts';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Bytes> {
  const out = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export const gzip = (bytes: Uint8Array): Promise<Bytes> => pipe(bytes, new CompressionStream('gzip'));
export const gunzip = (bytes: Uint8Array): Promise<Bytes> => pipe(bytes, new DecompressionStream('gzip'));
