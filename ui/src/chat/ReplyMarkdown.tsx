import { Markdown, type MarkdownPainter } from "../shared/Markdown";
import { StreamedMarkdown } from "./streamedMarkdown";

const renderNewText: MarkdownPainter = (container) => {
  const view = new StreamedMarkdown(container);
  return (text) => {
    view.show(text);
  };
};

/** A reply's Markdown while it streams: each paint renders only what arrived since the last one settled (see streamedMarkdown.ts). */
export function ReplyMarkdown(props: { text: string; testId?: string }) {
  return <Markdown text={props.text} testId={props.testId} painter={renderNewText} />;
}
