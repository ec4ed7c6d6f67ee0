import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, lists and fenced code", () => {
    const html = renderMarkdown("# Title\n\n- one\n- two\n\n```rust\nfn main() {}\n```");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<pre><code>fn main() {}");
  });

  it("strips scripts, event handlers and inline styles", () => {
    const html = renderMarkdown(
      'hi <script>alert(1)</script><b onclick="alert(2)" style="color:red">bold</b>',
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onclick");
    expect(html).not.toContain("style=");
    expect(html).toContain("<b>bold</b>");
  });

  it("keeps links as inert text with their target in the title", () => {
    const html = renderMarkdown("[docs](https://example.com/x) and ![img](https://example.com/i.png)");
    expect(html).not.toMatch(/\shref=/);
    expect(html).toContain('title="https://example.com/x"');
    expect(html).not.toContain("<img");
  });

  it("escapes HTML inside code blocks", () => {
    expect(renderMarkdown("`<img src=x onerror=alert(1)>`")).toContain("&lt;img");
  });

  it("renders an unterminated fence while streaming", () => {
    expect(renderMarkdown("```py\nprint(1)")).toContain("<pre><code>print(1)");
  });
});
