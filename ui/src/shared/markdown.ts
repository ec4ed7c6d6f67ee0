// Model output is untrusted: Markdown becomes HTML through marked, then DOMPurify keeps
// only inert formatting. Links never navigate the webview; images are dropped.
import DOMPurify from "dompurify";
import { Marked } from "marked";

const marked = new Marked({ gfm: true, async: false });

const purifier = DOMPurify();

purifier.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    const href = node.getAttribute("href") ?? "";
    node.removeAttribute("href");
    node.setAttribute("title", href);
    node.setAttribute("data-href", href);
  }
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return purifier.sanitize(html, {
    FORBID_TAGS: ["style", "img", "svg", "math", "form", "input", "button", "iframe"],
    FORBID_ATTR: ["style", "class", "id"],
    ALLOW_DATA_ATTR: false,
  });
}
