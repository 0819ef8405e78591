/**
 * Typed arrays that double when full, for builders that learn sizes as they go (the graph
 * index, the keyword index, the binary snapshot writer). Callers read `.array` up to
 * `.length`; the spare capacity past it is garbage.
 */

export class GrowableInt32 {
  array: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.array = new Int32Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.array.length) this.array = grown(this.array, new Int32Array(this.array.length * 2));
    this.array[this.length++] = v;
  }
  /** A copy trimmed to the used length. */
  toArray(): Int32Array {
    return this.array.slice(0, this.length);
  }
}

export class GrowableUint8 {
  array: Uint8Array;
  length = 0;
  constructor(capacity = 16) {
    this.array = new Uint8Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.array.length) this.array = grown(this.array, new Uint8Array(this.array.length * 2));
    this.array[this.length++] = v;
  }
  toArray(): Uint8Array {
    return this.array.slice(0, this.length);
  }
}

export class GrowableUint16 {
  array: Uint16Array;
  length = 0;
  constructor(capacity = 16) {
    this.array = new Uint16Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.array.length) this.array = grown(this.array, new Uint16Array(this.array.length * 2));
    this.array[this.length++] = v;
  }
}

export class GrowableUint32 {
  array: Uint32Array;
  length = 0;
  constructor(capacity = 16) {
    this.array = new Uint32Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.array.length) this.array = grown(this.array, new Uint32Array(this.array.length * 2));
    this.array[this.length++] = v;
  }
  toArray(): Uint32Array {
    return this.array.slice(0, this.length);
  }
}

function grown<T extends Int32Array | Uint16Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** A Uint8Array or Int32Array at least `min` long, keeping its contents. */
export function ensureLength<T extends Int32Array | Uint8Array>(a: T, min: number, make: (n: number) => T): T {
  if (a.length >= min) return a;
  return grown(a, make(Math.max(min, a.length * 2)));
}
