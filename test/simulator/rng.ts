// Seeded PRNG (mulberry32): the demo data must be identical on every start, so no Math.random.

export class Rng {
  private state: number;
  private scratch = Buffer.alloc(32);

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(list: readonly T[]): T {
    const item = list[this.int(list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Lower-case hex string of the given length (secrets are 28 hex chars, §6.8). */
  hex(length: number): string {
    // Buffer#toString('hex') gives one flat string; concatenation was the main cost of 100,000 secrets.
    const bytes = Math.ceil(length / 2);
    if (this.scratch.length < bytes + 4) this.scratch = Buffer.alloc(bytes + 4);
    for (let i = 0; i < bytes; i += 4) this.scratch.writeUInt32BE(this.u32(), i);
    return this.scratch.toString('hex', 0, bytes).slice(0, length);
  }
}
