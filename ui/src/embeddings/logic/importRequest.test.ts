import { describe, expect, it } from "vitest";
import { importRequestFor } from "./importRequest";

describe("importRequestFor", () => {
  it("sends CSV and TSV with the chosen text column", () => {
    expect(importRequestFor({ name: "tickets.csv", content: "a" }, "body", "document")).toEqual({
      kind: "delimited",
      name: "tickets",
      fileName: "tickets.csv",
      content: "a",
      textColumn: "body",
      delimiter: null,
    });
  });
  it("sends JSON Lines with the chosen field", () => {
    expect(importRequestFor({ name: "x.jsonl", content: "{}" }, "text", "document")).toMatchObject({ kind: "jsonLines", textField: "text" });
  });
  it("sends text files with the split mode", () => {
    expect(importRequestFor({ name: "notes.md", content: "# a" }, "", "paragraphs")).toEqual({
      kind: "files",
      name: "notes",
      files: [{ name: "notes.md", content: "# a" }],
      split: "paragraphs",
    });
  });
});
