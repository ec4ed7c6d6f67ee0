import { describe, expect, it } from "vitest";
import { rowsAsContext, rowsToCsv, rowsToJsonl, type ExportRow } from "./exportRows";

const rows: ExportRow[] = [
  { index: 3, text: 'He said "hi", then left', metadata: { topic: "chat" }, x: 1.5, y: -2, cluster: "greetings" },
  { index: 7, text: "line\nbreak", metadata: {}, cluster: "" },
];

describe("exportRows", () => {
  it("quotes CSV cells that need it and keeps every column", () => {
    const csv = rowsToCsv(rows, ["topic"]);
    expect(csv.split("\n")[0]).toBe("index,text,topic,cluster,x,y");
    expect(csv).toContain('3,"He said ""hi"", then left",chat,greetings,1.5,-2');
    expect(csv).toContain('7,"line\nbreak",,,,');
  });
  it("writes one JSON object per line", () => {
    const lines = rowsToJsonl(rows).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[0] ?? "{}") as { text: string }).text).toBe('He said "hi", then left');
    expect(rowsToJsonl([])).toBe("");
  });
  it("numbers the texts for the chat", () => {
    expect(rowsAsContext(rows)).toContain("1. He said");
    expect(rowsAsContext(rows)).toContain("2 texts");
  });
});
