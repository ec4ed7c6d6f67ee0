/**
 * Colours for the map's points: a categorical palette readable on the light and the dark
 * canvas (mid lightness, spread hues), a grey for noise / unassigned points, and colours
 * hashed from the value past the palette's 20 entries.
 */

/** 20 categorical colours, most distinguishable first. */
export const CATEGORICAL: readonly string[] = [
  "#4c8df6", // blue
  "#f59e0b", // amber
  "#22b573", // green
  "#ef4e5b", // red
  "#a16ef0", // violet
  "#14b8c8", // cyan
  "#ec6fb5", // pink
  "#8fb22e", // lime
  "#b9825a", // brown
  "#6366f1", // indigo
  "#d4b106", // gold
  "#2e9e8f", // teal
  "#f4876b", // salmon
  "#b5589b", // plum
  "#5e9f4a", // moss
  "#7fb3e8", // sky
  "#d2692f", // rust
  "#c49bd8", // mauve
  "#c7a86b", // sand
  "#7b86c9", // slate blue
];

/** Points with no value (null): unassigned, or noise in a clustering. */
export const NOISE_COLOUR = "#8b95a3";
/** The legend's name for the null value. */
export const NOISE_LABEL = "Unassigned";
/** Noise points are drawn fainter than the categories. */
const NOISE_ALPHA = 150;

export interface LegendEntry {
  /** The value as text; for null, NOISE_LABEL (and `noise` is true). */
  value: string;
  /** CSS colour, #rrggbb. */
  colour: string;
  count: number;
  noise: boolean;
}

export interface Colouring {
  /** n*4 RGBA, one entry per value. */
  colours: Uint8Array;
  /** Entries by count (largest first, ties in natural order); the noise entry last. */
  legend: LegendEntry[];
}

/** The legend key of a value: what `LegendEntry.value` holds for it. */
export function legendKeyOf(value: string | number | null): string {
  return value === null ? NOISE_LABEL : String(value);
}

/** #rgb / #rrggbb / #rrggbbaa to [r, g, b, a] bytes; black for anything else. */
export function parseHex(colour: string): [number, number, number, number] {
  const hex = colour.trim().replace(/^#/, "");
  const full =
    hex.length === 3 || hex.length === 4
      ? hex
          .split("")
          .map((c) => c + c)
          .join("")
      : hex;
  if (!/^[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(full)) return [0, 0, 0, 255];
  const byte = (at: number) => parseInt(full.slice(at, at + 2), 16);
  return [byte(0), byte(2), byte(4), full.length === 8 ? byte(6) : 255];
}

function toHex(r: number, g: number, b: number): string {
  const h = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0");
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A colour for categories past the palette: hue from a hash of the value, mid lightness. */
export function hashedColour(value: string): string {
  const h = hash(value);
  const hue = (h % 360) / 360;
  const sat = 0.5 + ((h >>> 9) % 20) / 100;
  const light = 0.52 + ((h >>> 17) % 12) / 100;
  return hslToHex(hue, sat, light);
}

function hslToHex(h: number, s: number, l: number): string {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t0: number) => {
    let t = t0;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return toHex(channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * Colours points by a categorical value: the most frequent value gets the first palette
 * colour, and so on; past 20 values, a colour hashed from the value; null is noise (grey).
 */
export function coloursFor(values: readonly (string | number | null)[]): Colouring {
  const counts = new Map<string, number>();
  let noise = 0;
  for (const v of values) {
    if (v === null) noise++;
    else {
      const key = String(v);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
  const legend: LegendEntry[] = ordered.map(([value, count], i) => ({
    value,
    count,
    colour: CATEGORICAL[i] ?? hashedColour(value),
    noise: false,
  }));
  if (noise > 0) legend.push({ value: NOISE_LABEL, colour: NOISE_COLOUR, count: noise, noise: true });
  const rgba = new Map<string, [number, number, number, number]>();
  for (const e of legend) if (!e.noise) rgba.set(e.value, parseHex(e.colour));
  const noiseRgba = parseHex(NOISE_COLOUR);
  noiseRgba[3] = NOISE_ALPHA;
  const colours = new Uint8Array(values.length * 4);
  values.forEach((v, i) => {
    const c = v === null ? noiseRgba : (rgba.get(String(v)) ?? noiseRgba);
    colours.set(c, i * 4);
  });
  return { colours, legend };
}

/**
 * A copy of `colours` with the points whose value is not in `active` given alpha
 * `hiddenAlpha` (0: hidden, and then ignored by hover, click and selection). An empty or
 * missing `active` set keeps every point.
 */
export function filterColours(
  colours: Uint8Array,
  values: readonly (string | number | null)[],
  active: ReadonlySet<string> | undefined,
  hiddenAlpha = 0,
): Uint8Array {
  const out = colours.slice();
  if (!active || active.size === 0) return out;
  values.forEach((v, i) => {
    if (!active.has(legendKeyOf(v))) out[i * 4 + 3] = hiddenAlpha;
  });
  return out;
}

/**
 * A copy of `colours` with the points whose value is in `hidden` given alpha `alpha`
 * (0: hidden, and then ignored by hover, click and selection; small: dimmed but still there).
 */
export function hideColours(
  colours: Uint8Array,
  values: readonly (string | number | null)[],
  hidden: ReadonlySet<string> | undefined,
  alpha = 0,
): Uint8Array {
  const out = colours.slice();
  if (!hidden || hidden.size === 0) return out;
  values.forEach((v, i) => {
    if (hidden.has(legendKeyOf(v))) out[i * 4 + 3] = alpha;
  });
  return out;
}
