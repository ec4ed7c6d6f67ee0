import { describe, expect, it } from "vitest";
import { fillTemplate, templateVariables } from "./template";

describe("templateVariables", () => {
  it("lists each variable once, in order, across texts, skipping escapes", () => {
    expect(templateVariables("Translate {{ text }} to {{lang}}", "You speak {{lang}}. \\{{literal}}")).toEqual([
      "text",
      "lang",
    ]);
    expect(templateVariables("no placeholders {single}")).toEqual([]);
  });
});

describe("fillTemplate", () => {
  it("fills every variable and keeps escaped braces literal", () => {
    expect(fillTemplate("Hi {{name}}, \\{{name}} stays", { name: "Ada" })).toEqual({
      text: "Hi Ada, {{name}} stays",
      missing: [],
    });
  });

  it("names the variables without a value", () => {
    expect(fillTemplate("{{a}} and {{b}}", { a: "x", b: "" }).missing).toEqual(["b"]);
  });
});
