import { describe, expect, it } from "vitest";
import { replacementQuestion } from "./replacing";

describe("replacementQuestion", () => {
  it("asks nothing when what is written is empty or the same", () => {
    expect(replacementQuestion({ draft: "", systemPrompt: "" }, { draft: "hi", systemPrompt: "Be brief." }, "The prompt")).toBeNull();
    expect(replacementQuestion({ draft: "hi", systemPrompt: "Be brief." }, { draft: "hi", systemPrompt: "Be brief." }, "The prompt")).toBeNull();
    expect(replacementQuestion({ draft: "hi", systemPrompt: "" }, { systemPrompt: "Be brief." }, "The prompt")).toBeNull();
  });

  it("names the draft and the system prompt it would replace", () => {
    const question = replacementQuestion({ draft: "my draft", systemPrompt: "Mine." }, { draft: "theirs", systemPrompt: "Theirs." }, "Using v1");
    expect(question?.title).toBe("Replace the message you are writing and the system prompt?");
    expect(question?.message).toContain("Using v1 replaces");
    expect(question?.confirmLabel).toBe("Replace");
    expect(replacementQuestion({ draft: "my draft", systemPrompt: "" }, { draft: "" }, "x")?.title).toBe("Replace the message you are writing?");
  });
});
