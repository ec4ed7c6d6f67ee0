import { describe, expect, it } from "vitest";
import { decodeFloat32, decodeInt32 } from "./floats";

function encode(values: number[], kind: "f32" | "i32"): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => {
    if (kind === "f32") view.setFloat32(i * 4, v, true);
    else view.setInt32(i * 4, v, true);
  });
  return btoa(String.fromCharCode(...new Uint8Array(view.buffer)));
}

describe("floats", () => {
  it("decodes little-endian f32", () => {
    expect(Array.from(decodeFloat32(encode([1.5, -2, 0.25], "f32")))).toEqual([1.5, -2, 0.25]);
  });
  it("decodes little-endian i32 with negatives", () => {
    expect(Array.from(decodeInt32(encode([-1, 3, 70000], "i32")))).toEqual([-1, 3, 70000]);
  });
  it("decodes an empty array", () => {
    expect(decodeFloat32("").length).toBe(0);
  });
});
