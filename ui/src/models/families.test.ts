import { describe, expect, it } from "vitest";
import { familyLabel } from "./families";

describe("familyLabel", () => {
  it("names families as people do", () => {
    expect(familyLabel("llama3")).toBe("Meta Llama 3");
    expect(familyLabel("deepSeekR1")).toBe("DeepSeek-R1");
  });
});
