// A share in [0, 1] as a colour from red (neighbourhoods differ) through amber to teal (they agree).

const STOPS: [number, number, number][] = [
  [220, 38, 38],
  [245, 158, 11],
  [20, 184, 166],
];

export function shareColour(share: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const a = STOPS[i] ?? [0, 0, 0];
  const b = STOPS[i + 1] ?? [0, 0, 0];
  return [0, 1, 2].map((c) => Math.round((a[c] ?? 0) + ((b[c] ?? 0) - (a[c] ?? 0)) * f)) as [number, number, number];
}

export function shareColours(shares: Float32Array, alpha = 200): Uint8Array {
  const out = new Uint8Array(shares.length * 4);
  shares.forEach((share, i) => {
    const [r, g, b] = shareColour(share);
    out.set([r, g, b, alpha], i * 4);
  });
  return out;
}
