import { createEffect, createSignal, For, on, Show } from "solid-js";
import * as api from "../shared/api";
import { copyText } from "../shared/clipboard";
import { ErrorCard } from "../shared/ErrorCard";
import type { AppError } from "../shared/errors";
import type { SnippetApi, SnippetLanguage } from "../bindings";
import type { ChatForInspector, Inspector } from "./store";

const languages: { value: SnippetLanguage; label: string }[] = [
  { value: "boto3", label: "Python boto3" },
  { value: "awsCli", label: "AWS CLI v2" },
  { value: "javaScriptV3", label: "JavaScript v3" },
  { value: "rustSdk", label: "Rust SDK" },
];

/** Copy as code: the request of either pane as a ready-to-run snippet, with no key in it. */
export function SnippetPanel(props: { chat: ChatForInspector; inspector: Inspector }) {
  const [language, setLanguage] = createSignal<SnippetLanguage>("boto3");
  const [target, setTarget] = createSignal<SnippetApi>("converse");
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<AppError | null>(null);
  const [generating, setGenerating] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  // Only the answer to the newest request is shown: the body changes with every keystroke.
  let asked = 0;
  async function generate(): Promise<void> {
    const mine = ++asked;
    setGenerating(true);
    const body = target() === "converse" ? (props.inspector.preview()?.converseJson ?? "{}") : props.inspector.nativeText();
    const result = await api.codeSnippet(language(), target(), props.chat.modelId(), body);
    if (mine !== asked) return;
    setGenerating(false);
    setCode(result.ok ? result.value : "");
    setError(result.ok ? null : result.error);
    setCopied(false);
  }
  createEffect(
    on([language, target, () => props.inspector.preview(), () => props.inspector.nativeText()], () => {
      void generate();
    }),
  );
  return (
    <section class="snippets" data-testid="snippets">
      <div class="label-row">
        <h3>Copy as code</h3>
        <div class="segmented" role="group" aria-label="API of the snippet">
          <button classList={{ on: target() === "converse" }} aria-pressed={target() === "converse"} onClick={() => setTarget("converse")}>
            Converse
          </button>
          <button
            classList={{ on: target() === "invokeModel" }}
            aria-pressed={target() === "invokeModel"}
            data-testid="snippet-native"
            onClick={() => setTarget("invokeModel")}
          >
            InvokeModel
          </button>
        </div>
      </div>
      <div class="segmented" role="group" aria-label="Language of the snippet">
        <For each={languages}>
          {(item) => (
            <button
              classList={{ on: language() === item.value }}
              aria-pressed={language() === item.value}
              data-testid={`snippet-${item.value}`}
              onClick={() => setLanguage(item.value)}
            >
              {item.label}
            </button>
          )}
        </For>
      </div>
      <Show when={error()}>{(failure) => <ErrorCard error={failure()} testId="snippet-error" />}</Show>
      <p class="muted" role="status" data-testid="snippet-status">
        {generating() ? "Generating the snippet…" : ""}
      </p>
      <pre class="snippet" data-testid="snippet-code" tabindex="0" role="region" aria-label="Code snippet" aria-busy={generating()}>
        {code()}
      </pre>
      <button
        disabled={generating() || code() === ""}
        onClick={() => {
          void copyText(code()).then(setCopied);
        }}
      >
        {copied() ? "Copied" : "Copy"}
      </button>
      <p class="muted">Uses the profile's name and region, never its keys.</p>
    </section>
  );
}
