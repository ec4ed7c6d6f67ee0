// What the UI sends to import a file, by its extension.
import type { ImportRequest, SplitMode } from "../../bindings";

export const isDelimited = (name: string): boolean => /\.(csv|tsv)$/i.test(name);
export const isJsonLines = (name: string): boolean => /\.jsonl$/i.test(name);
export const isTextDocument = (name: string): boolean => /\.(txt|md)$/i.test(name);

export function importRequestFor(file: { name: string; content: string }, textColumn: string, split: SplitMode): ImportRequest {
  const name = file.name.replace(/\.[^.]+$/, "");
  if (isDelimited(file.name)) {
    return { kind: "delimited", name, fileName: file.name, content: file.content, textColumn, delimiter: null };
  }
  if (isJsonLines(file.name)) return { kind: "jsonLines", name, fileName: file.name, content: file.content, textField: textColumn };
  return { kind: "files", name, files: [{ name: file.name, content: file.content }], split };
}
