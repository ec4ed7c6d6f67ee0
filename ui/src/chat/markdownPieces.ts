// Where a Markdown text that is still arriving can be cut into pieces that render the same
// alone as in the whole text, so each piece is rendered once instead of the whole answer on
// every paint. Two kinds of cut, both conservative (when in doubt, no cut):
// - between top-level blocks, at a blank line outside a code fence that no later line can
//   join to the block before it (a list going on, indented code, a lazy continuation);
// - inside an open one-line paragraph of plain prose, after a sentence, where no inline
//   construct (emphasis, code, link, HTML) can span the cut.

/** A reference definition (`[id]: url`) can change a link anywhere, and an unclosed HTML tag
 * takes in what follows it: texts with either are not cut. */
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;
const HTML_TAG = /<[A-Za-z/!?]/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line that could join the block before a blank line: list items, indented content. */
const CONTINUES_ABOVE = /^(\s|[-+*] |[-+*]$|\d{1,9}[.)]( |$))/;

export function cuttable(text: string): boolean {
  return !REFERENCE_DEFINITION.test(text) && !HTML_TAG.test(text);
}

/**
 * The end of the settled blocks of `text` from `from` (a block start): the offset just after
 * the last blank line that closes the blocks before it for good, or `from` when there is none.
 */
export function settledBlocksEnd(text: string, from: number): number {
  let settled = from;
  let fence: string | null = null;
  let lineStart = from;
  let afterBlank = false;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    if (newline === -1) {
      // The last line is still arriving: it decides only once it says what it starts with.
      if (afterBlank && fence === null && text.length - lineStart >= 4 && !CONTINUES_ABOVE.test(text.slice(lineStart))) {
        settled = lineStart;
      }
      break;
    }
    const line = text.slice(lineStart, newline);
    const blank = line.trim() === "";
    if (fence !== null) {
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = null;
    } else if (blank) {
      afterBlank = true;
    } else {
      if (afterBlank && !CONTINUES_ABOVE.test(line)) settled = lineStart;
      afterBlank = false;
      const opened = FENCE.exec(line);
      if (opened?.[1] !== undefined) fence = opened[1];
    }
    lineStart = newline + 1;
  }
  return settled;
}

/** The first character of a block that can only be a paragraph's. */
const PROSE_START = /^[\p{L}"'“‘(]/u;
/** Characters that may begin an inline construct spanning a sentence end, or a table. */
const INLINE_SYNTAX = /[`*_~<>\\|]/;

function balanced(piece: string, open: string, close: string): boolean {
  let depth = 0;
  for (const character of piece) {
    if (character === open) depth += 1;
    else if (character === close && --depth < 0) return false;
  }
  return depth === 0;
}

/** Whether `piece` renders as the same inline text alone as inside its paragraph. */
function plainProse(piece: string): boolean {
  return (
    PROSE_START.test(piece) &&
    !INLINE_SYNTAX.test(piece) &&
    balanced(piece, "[", "]") &&
    balanced(piece, "(", ")")
  );
}

/**
 * Whether the open block `block` is a one-line paragraph still arriving, whose sentences can
 * be rendered one by one (a newline may make it a heading, a table or two lines: not cut).
 */
export function sentenceCuttable(block: string): boolean {
  return !block.includes("\n") && PROSE_START.test(block);
}

/**
 * The sentences of `block` from `from` that are complete and plain: each ends with `.`, `!`
 * or `?` (after any closing quote or bracket) followed by one space and more text. Returns
 * them and the offset where the rest begins.
 */
export function settledSentences(block: string, from: number): { sentences: string[]; rest: number } {
  const sentences: string[] = [];
  const end = /[.!?]["'”’)\]]* (?=\S)/gu;
  end.lastIndex = from;
  let start = from;
  let found: RegExpExecArray | null;
  while ((found = end.exec(block)) !== null) {
    const cut = found.index + found[0].length - 1;
    const sentence = block.slice(start, cut);
    if (!plainProse(sentence)) continue;
    sentences.push(sentence);
    start = cut + 1;
  }
  return { sentences, rest: start };
}
