// JSON split into tokens for highlighting; rendered as text nodes, never as HTML.

export interface JsonToken {
  kind: "key" | "string" | "number" | "literal" | "punct" | "space";
  text: string;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:])|(\s+)|(.)/g;

export function jsonTokens(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [, str, colon, num, literal, punct, space, other] = match;
    if (str !== undefined) {
      tokens.push({ kind: colon === undefined ? "string" : "key", text: str });
      if (colon !== undefined) tokens.push({ kind: "punct", text: colon });
    } else if (num !== undefined) tokens.push({ kind: "number", text: num });
    else if (literal !== undefined) tokens.push({ kind: "literal", text: literal });
    else if (punct !== undefined) tokens.push({ kind: "punct", text: punct });
    else if (space !== undefined) tokens.push({ kind: "space", text: space });
    else tokens.push({ kind: "punct", text: other ?? "" });
  }
  return tokens;
}
