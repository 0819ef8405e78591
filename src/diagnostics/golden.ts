/** Golden vectors written by the Node tools, and how close the browser's must be (compared with embed/vector-diff.ts). */
export interface GoldenVectors {
  texts: string[];
  query: number[][];
  passage: number[][];
}

export const PARITY_TOLERANCE = 1e-4;
