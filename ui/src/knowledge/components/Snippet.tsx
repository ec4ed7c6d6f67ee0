// "Copy as code" for the Retrieve and the Retrieve-and-generate panels.
import { createSignal, For, Show } from "solid-js";
import type { SnippetLanguage } from "../../bindings";
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
  const [copied, setCopied] = createSignal(false);
  async function show(next: SnippetLanguage): Promise<void> {
    setLanguage(next);
    setCode(await props.lab.codeSnippet(next));
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
      <Show when={code() !== ""}>
        <pre class="snippet" data-testid="kb-snippet-code">{code()}</pre>
        <button
          data-testid="kb-snippet-copy"
          onClick={() => {
            void navigator.clipboard.writeText(code()).then(() => setCopied(true));
          }}
        >
          {copied() ? "Copied" : "Copy"}
        </button>
      </Show>
      <p class="muted">The request as the panel would send it now; uses the profile's name and region, never its keys.</p>
    </details>
  );
}
