import { describe, expect, it } from "vitest";
import { jsonTokens } from "./jsonTokens";

describe("jsonTokens", () => {
  it("tells keys from string values and keeps every character", () => {
    const text = '{"max_gen_len": 512, "prompt": "a \\"b\\"", "x": null}';
    const tokens = jsonTokens(text);
    expect(tokens.map((t) => t.text).join("")).toBe(text);
    expect(tokens.filter((t) => t.kind === "key").map((t) => t.text)).toEqual(['"max_gen_len"', '"prompt"', '"x"']);
    expect(tokens.find((t) => t.kind === "number")?.text).toBe("512");
    expect(tokens.find((t) => t.kind === "literal")?.text).toBe("null");
  });
});
