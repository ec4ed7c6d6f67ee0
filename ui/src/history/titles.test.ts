import { describe, expect, it } from "vitest";
import { splitTitle } from "./titles";

describe("splitTitle", () => {
  it("tells knowledge-base sessions from chats", () => {
    expect(splitTitle("Knowledge base: How do I handle throttling?")).toEqual({
      title: "How do I handle throttling?",
      knowledgeBase: true,
    });
    expect(splitTitle("Remember the word pelican.")).toEqual({
      title: "Remember the word pelican.",
      knowledgeBase: false,
    });
  });
});
