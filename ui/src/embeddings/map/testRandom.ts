/** A small seeded generator for the map's tests (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n points in `clusters` Gaussian-ish blobs plus some uniform noise, as x,y pairs. */
export function clusteredPoints(n: number, clusters: number, seed: number): Float32Array {
  const random = rng(seed);
  const centres: [number, number, number][] = [];
  for (let c = 0; c < clusters; c++) centres.push([random() * 20 - 10, random() * 20 - 10, 0.3 + random() * 1.2]);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    if (random() < 0.08) {
      out[2 * i] = random() * 26 - 13;
      out[2 * i + 1] = random() * 26 - 13;
      continue;
    }
    const centre = centres[Math.floor(random() * clusters)] ?? [0, 0, 1];
    // Box-Muller.
    const r = Math.sqrt(-2 * Math.log(random() + 1e-12)) * centre[2];
    const t = random() * 2 * Math.PI;
    out[2 * i] = centre[0] + r * Math.cos(t);
    out[2 * i + 1] = centre[1] + r * Math.sin(t);
  }
  return out;
}
