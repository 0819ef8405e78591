import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './vector-symmetric-eigen.ts';
import { truncatedSvd, type CsrMatrix } from './vector-truncated-svd.ts';
import { Prng } from '../../testing/prng.ts';

function randomSparse(rows: number, cols: number, density: number, prng: Prng): { csr: CsrMatrix; dense: Float64Array } {
  const dense = new Float64Array(rows * cols);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (prng.next() < density) {
        const v = Math.fround(prng.next() + 0.1);
        dense[r * cols + c] = v;
        colIdx.push(c);
        values.push(v);
      }
    }
    rowPtr[r + 1] = colIdx.length;
  }
  return { csr: { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float32Array.from(values) }, dense };
}

describe('symmetric eigendecomposition (Jacobi)', () => {
  it('reconstructs the matrix from its eigenpairs, values descending', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 1]);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(values[0]! >= values[1]! && values[1]! >= values[2]!).toBe(true);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += vectors[i * 3 + k]! * values[k]! * vectors[j * 3 + k]!;
        expect(s).toBeCloseTo(a[i * 3 + j]!, 9);
      }
  });
});

describe('randomised truncated SVD', () => {
  const prng = new Prng(42);
  const { csr, dense } = randomSparse(40, 30, 0.2, prng);
  // Exact singular values: square roots of the eigenvalues of XᵀX.
  const xtx = new Float64Array(30 * 30);
  for (let i = 0; i < 30; i++)
    for (let j = 0; j < 30; j++) {
      let s = 0;
      for (let r = 0; r < 40; r++) s += dense[r * 30 + i]! * dense[r * 30 + j]!;
      xtx[i * 30 + j] = s;
    }
  const exact = Array.from(symmetricEigen(xtx, 30).values, (v) => Math.sqrt(Math.max(v, 0)));

  it('finds the leading singular values (randomised: to a relative 1e-3 on a flat spectrum)', () => {
    const svd = truncatedSvd(csr, 5, { random: () => prng.next(), oversample: 10 });
    expect(svd.k).toBe(5);
    for (let j = 0; j < 5; j++) expect(Math.abs(svd.sigma[j]! - exact[j]!) / exact[j]!).toBeLessThan(1e-3);
  });

  it('keeps at most min(rows, cols) triplets', () => {
    expect(truncatedSvd(csr, 100, { random: () => prng.next() }).k).toBe(30);
  });

  it('right vectors are orthonormal and satisfy X v = σ u with |u| = 1', () => {
    const svd = truncatedSvd(csr, 4, { random: () => prng.next() });
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        let s = 0;
        for (let c = 0; c < 30; c++) s += svd.v[c * 4 + a]! * svd.v[c * 4 + b]!;
        expect(s).toBeCloseTo(a === b ? 1 : 0, 5);
      }
      let norm = 0;
      for (let r = 0; r < 40; r++) {
        let xv = 0;
        for (let c = 0; c < 30; c++) xv += dense[r * 30 + c]! * svd.v[c * 4 + a]!;
        norm += xv * xv;
      }
      expect(Math.sqrt(norm)).toBeCloseTo(svd.sigma[a]!, 4);
    }
  });

  it('power scales the right vectors by σ^power', () => {
    const r1 = new Prng(9), r2 = new Prng(9);
    const a = truncatedSvd(csr, 2, { random: () => r1.next() });
    const b = truncatedSvd(csr, 2, { random: () => r2.next(), power: 1 });
    for (let c = 0; c < 30; c++) expect(b.v[c * 2]!).toBeCloseTo(a.v[c * 2]! * a.sigma[0]!, 6);
  });
});
