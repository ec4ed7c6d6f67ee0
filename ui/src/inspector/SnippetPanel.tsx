import { createEffect, createSignal, For, on } from "solid-js";
import * as api from "../shared/api";
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
  const [copied, setCopied] = createSignal(false);
  createEffect(
    on([language, target, () => props.inspector.preview(), () => props.inspector.nativeText()], async () => {
      const body = target() === "converse" ? (props.inspector.preview()?.converseJson ?? "{}") : props.inspector.nativeText();
      setCode(await api.codeSnippet(language(), target(), props.chat.modelId(), body));
      setCopied(false);
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
      <pre class="snippet" data-testid="snippet-code" tabindex="0" role="region" aria-label="Code snippet">
        {code()}
      </pre>
      <button
        onClick={() => {
          void navigator.clipboard.writeText(code()).then(() => setCopied(true));
        }}
      >
        {copied() ? "Copied" : "Copy"}
      </button>
      <p class="muted">Uses the profile's name and region, never its keys.</p>
    </section>
  );
}
