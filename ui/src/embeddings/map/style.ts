/** Pure helpers for how the map draws: default point style, CSS colour parsing. */

import { parseHex } from "./palette";
import type { Rgba } from "./renderer";

/** Default point diameter (CSS px) and opacity for n points at `rel` times the fit zoom. */
export function autoPointStyle(n: number, rel: number): { size: number; opacity: number } {
  const digits = Math.log10(Math.max(1, n));
  const zoomBoost = Math.min(3, Math.max(1, Math.pow(Math.max(rel, 1e-9), 0.3)));
  const size = Math.min(7, Math.max(2, 7.5 - 0.9 * digits)) * zoomBoost;
  const opacity = Math.min(0.95, Math.max(0.35, 1.35 - 0.16 * digits) * Math.min(1.6, Math.max(1, Math.pow(rel, 0.25))));
  return { size, opacity };
}

/** "rgb(r, g, b)" / "rgba(r, g, b, a)" (as getComputedStyle returns colours) to 0..1 values. */
export function parseCssColour(value: string): Rgba | null {
  const hex = value.trim();
  if (hex.startsWith("#")) {
    const [r, g, b, a] = parseHex(hex);
    return [r / 255, g / 255, b / 255, a / 255];
  }
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(hex);
  if (!m) return null;
  const alphaText = m[4];
  let alpha = 1;
  if (alphaText !== undefined) alpha = alphaText.endsWith("%") ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return [Number(m[1]) / 255, Number(m[2]) / 255, Number(m[3]) / 255, alpha];
}
