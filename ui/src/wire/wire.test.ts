import { describe, expect, it } from "vitest";
import { pathOf, prettyBody } from "./wire";

describe("wire presentation", () => {
  it("pretty-prints JSON bodies and leaves other text alone", () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody("not json")).toBe("not json");
  });

  it("shows the decoded path of a model URL", () => {
    expect(pathOf("http://127.0.0.1:4280/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream")).toBe(
      "/model/us.anthropic.claude-3-haiku-20240307-v1:0/converse-stream",
    );
  });
});
