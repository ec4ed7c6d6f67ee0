import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../shared/markdown";
import { StreamedMarkdown } from "./streamedMarkdown";

/** The HTML without the sentence wrappers and the whitespace between tags. */
function normalised(html: string): string {
  return html
    .replace(/<\/?span>/g, "")
    .replace(/>\s+</g, "><")
    .trim();
}

const FILLER = [
  "The emulator answers from a template, so the same prompt always gets the same reply.",
  "Token counts, stop reasons and stream framing follow the real service, which makes this reply useful for testing clients.",
  "Nothing here comes from a trained model: treat the content as placeholder text.",
];

const TEXTS: Record<string, string> = {
  "one long paragraph": `[Emulated Claude] This is a synthetic reply; no model ran. You wrote: “Go on.”. ${FILLER.join(" ").repeat(2)}`,
  paragraphs: "First paragraph. It has two sentences.\n\nSecond one! Is it? Yes.\n\nThird (with a bracket. inside) ends.",
  headings: "# Title\n\nIntro text. More.\n\n## Part\nText under it.\n\nSetext\n===\n\nAfter.",
  lists: "Intro.\n\n- one\n- two\n\n- loose three\n\nAfter the list.\n\n1. first\n2. second\n\n3) third\n\nEnd.",
  "nested list": "- a\n\n  continued. Inside.\n- b\n\nOut.",
  fences: "Code:\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter. The code.\n\n~~~\nx\n\n~~~\nDone.",
  "indented code": "Para.\n\n    code line\n\n    more code\n\nBack. Again.",
  emphasis: "Some *emphasis. across* sentences. And **bold. text** here. And `code. span` too. Fine.",
  links: "See [the docs. here](https://example.com/a.b) now. Or https://example.com/x. Then more.",
  "reference links": "Use [the guide][g]. More text.\n\nLater.\n\n[g]: https://example.com/guide",
  table: "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter. The table.",
  "paragraph then table": "Header a | b\n--|--\n1 | 2\n\nDone.",
  quote: "> quoted. Text.\n> more\n\nNot quoted. Here.",
  html: "Text <b>bold. still</b> after. Next.\n\n<div>\n\nblock\n</div>\n\nEnd.",
  "soft breaks": "Line one. Still.\nLine two. Also.\n\nNext paragraph.",
  "trailing newline": "Ends here. With newline.\n",
  "digits and bullets mid-line": "It was 2024. 1. Not a list. - not an item. # not a heading. Done.",
};

/** Deterministic chunk sizes, 1 to 12 characters, like a model's stream. */
function* chunks(text: string): Generator<string> {
  let seed = 7;
  let at = 0;
  while (at < text.length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = 1 + (seed % 12);
    yield text.slice(0, at + size);
    at += size;
  }
}

describe("StreamedMarkdown", () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`shows what a whole render shows at every step: ${name}`, () => {
      const container = document.createElement("div");
      const view = new StreamedMarkdown(container);
      for (const prefix of chunks(text)) {
        view.show(prefix);
        expect(normalised(container.innerHTML), JSON.stringify(prefix)).toBe(normalised(renderMarkdown(prefix)));
      }
    }, 30_000);
  }

  it("keeps the DOM of settled sentences and blocks while the answer grows", () => {
    const container = document.createElement("div");
    const view = new StreamedMarkdown(container);
    view.show("First block. Done.\n\nSecond block starts. Then");
    const firstBlock = container.firstElementChild;
    const firstSentence = container.querySelector("p:last-of-type span");
    view.show("First block. Done.\n\nSecond block starts. Then goes on. And on.");
    expect(container.firstElementChild).toBe(firstBlock);
    expect(container.querySelector("p:last-of-type span")).toBe(firstSentence);
    expect(firstSentence?.textContent).toBe("Second block starts.");
  });

  it("starts again when the text is replaced rather than extended", () => {
    const container = document.createElement("div");
    const view = new StreamedMarkdown(container);
    view.show("Old text. Gone.\n\nMore.");
    view.show("New text.");
    expect(normalised(container.innerHTML)).toBe("<p>New text.</p>");
  });
});
