// A reply's Markdown painted as it grows: settled blocks and sentences are rendered once and
// kept in the DOM; only the piece still arriving is rendered again. The page then does work in
// proportion to what arrived, not to the whole answer, on each paint; what it shows is what
// rendering the whole text at once shows (markdownPieces cuts only where that holds).
import { renderMarkdown } from "../shared/markdown";
import { cuttable, sentenceCuttable, settledBlocksEnd, settledSentences } from "./markdownPieces";

/** The inline content of a render that is one paragraph, else null. */
function paragraphContent(html: string): string | null {
  const inner = /^<p>([\s\S]*)<\/p>\s*$/.exec(html)?.[1];
  return inner !== undefined && !inner.includes("<p>") ? inner : null;
}

/** The open paragraph, its sentences rendered one by one before a tail still arriving. */
interface OpenParagraph {
  element: HTMLParagraphElement;
  tail: HTMLSpanElement;
  /** Where, in the open block, the rendered sentences end. */
  sentencesEnd: number;
}

export class StreamedMarkdown {
  private shown = "";
  /** Where the open block begins: the text before it is rendered for good. */
  private blocksEnd = 0;
  /** How many of the container's nodes hold the settled blocks. */
  private settledNodes = 0;
  private paragraph: OpenParagraph | null = null;

  constructor(private readonly container: HTMLElement) {}

  show(text: string): void {
    if (text === this.shown) return;
    if (!text.startsWith(this.shown) || !cuttable(text)) this.reset();
    this.shown = text;
    if (!cuttable(text)) {
      this.container.innerHTML = renderMarkdown(text);
      return;
    }
    const blocksEnd = settledBlocksEnd(text, this.blocksEnd);
    if (blocksEnd > this.blocksEnd) {
      this.dropOpenBlock();
      this.container.insertAdjacentHTML("beforeend", renderMarkdown(text.slice(this.blocksEnd, blocksEnd)));
      this.settledNodes = this.container.childNodes.length;
      this.blocksEnd = blocksEnd;
    }
    const open = text.slice(this.blocksEnd);
    if (!(sentenceCuttable(open) && this.showSentences(open))) {
      this.dropOpenBlock();
      this.container.insertAdjacentHTML("beforeend", renderMarkdown(open));
    }
  }

  /** Paint `open` sentence by sentence; false when it does not render as one paragraph. */
  private showSentences(open: string): boolean {
    const paragraph = this.paragraph ?? this.openParagraph();
    const { sentences, rest } = settledSentences(open, paragraph.sentencesEnd);
    const rendered = sentences.map((sentence) => paragraphContent(renderMarkdown(sentence)));
    const tail = paragraphContent(renderMarkdown(open.slice(rest)));
    if (tail === null || rendered.some((html) => html === null)) return false;
    for (const html of rendered) {
      const span = document.createElement("span");
      span.innerHTML = html ?? "";
      paragraph.element.insertBefore(span, paragraph.tail);
      paragraph.element.insertBefore(document.createTextNode(" "), paragraph.tail);
    }
    paragraph.sentencesEnd = rest;
    paragraph.tail.innerHTML = tail;
    return true;
  }

  private openParagraph(): OpenParagraph {
    this.dropOpenBlock();
    const element = document.createElement("p");
    const tail = document.createElement("span");
    element.append(tail);
    this.container.append(element);
    this.paragraph = { element, tail, sentencesEnd: 0 };
    return this.paragraph;
  }

  /** Remove what the open block painted, leaving the settled blocks. */
  private dropOpenBlock(): void {
    this.paragraph = null;
    while (this.container.childNodes.length > this.settledNodes) this.container.lastChild?.remove();
  }

  private reset(): void {
    this.shown = "";
    this.blocksEnd = 0;
    this.settledNodes = 0;
    this.paragraph = null;
    this.container.replaceChildren();
  }
}
