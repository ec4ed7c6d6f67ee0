// "Copy as code" for the Retrieve and the Retrieve-and-generate panels.
import { createSignal, For, Show } from "solid-js";
import type { SnippetLanguage } from "../../bindings";
import { copyText } from "../../shared/clipboard";
import { ErrorCard } from "../../shared/ErrorCard";
import type { AppError } from "../../shared/errors";
import type { KnowledgeLab } from "../state";

const languages: { value: SnippetLanguage; label: string }[] = [
  { value: "boto3", label: "Python boto3" },
  { value: "awsCli", label: "AWS CLI v2" },
  { value: "javaScriptV3", label: "JavaScript v3" },
  { value: "rustSdk", label: "Rust SDK" },
];

/** The request the panel would send as a ready-to-run snippet, with the profile's name, never its keys. */
export function KnowledgeSnippet(props: { lab: KnowledgeLab }) {
  const [language, setLanguage] = createSignal<SnippetLanguage>("boto3");
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<AppError | null>(null);
  const [generating, setGenerating] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  let asked = 0;
  async function show(next: SnippetLanguage): Promise<void> {
    const mine = ++asked;
    setLanguage(next);
    setGenerating(true);
    const result = await props.lab.codeSnippet(next);
    if (mine !== asked) return;
    setGenerating(false);
    setCode(result.ok ? result.value : "");
    setError(result.ok ? null : result.error);
    setCopied(false);
  }
  return (
    <details
      class="snippets kb-snippets"
      data-testid="kb-snippets"
      onToggle={(e) => {
        if (e.currentTarget.open) void show(language());
      }}
    >
      <summary>Copy as code</summary>
      <div class="segmented" role="group" aria-label="Language of the snippet">
        <For each={languages}>
          {(item) => (
            <button
              classList={{ on: language() === item.value }}
              aria-pressed={language() === item.value}
              data-testid={`kb-snippet-${item.value}`}
              onClick={() => void show(item.value)}
            >
              {item.label}
            </button>
          )}
        </For>
      </div>
      <Show when={error()}>{(failure) => <ErrorCard error={failure()} testId="kb-snippet-error" />}</Show>
      <p class="muted" role="status">
        {generating() ? "Generating the snippet…" : ""}
      </p>
      <Show when={code() !== ""}>
        <pre class="snippet" data-testid="kb-snippet-code">{code()}</pre>
        <button
          data-testid="kb-snippet-copy"
          onClick={() => {
            void copyText(code()).then(setCopied);
          }}
        >
          {copied() ? "Copied" : "Copy"}
        </button>
      </Show>
      <p class="muted">The request as the panel would send it now; uses the profile's name and region, never its keys.</p>
    </details>
  );
}
