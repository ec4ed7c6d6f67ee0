import { createSignal, For, onMount, Show } from "solid-js";
import type { PromptVersion } from "../bindings";
import { ErrorCard } from "../shared/ErrorCard";
import { diffLines } from "./diff";
import type { Library } from "./store";

function contentOf(version: PromptVersion): string {
  return `SYSTEM\n${version.systemPrompt}\n\nMESSAGES\n${version.messagesJson}\n\nPARAMETERS\n${version.paramsJson}\n\nMODEL ${version.modelId ?? "-"}`;
}

function VersionDiff(props: { before: PromptVersion; after: PromptVersion }) {
  return (
    <div class="diff" data-testid="version-diff">
      <For each={diffLines(contentOf(props.before), contentOf(props.after))}>
        {(line) => (
          <div class={`diff-line ${line.kind}`}>
            <span class="diff-mark">{line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}</span>
            {line.text}
          </div>
        )}
      </For>
    </div>
  );
}

export function LibraryPage(props: { library: Library }) {
  const library = props.library;
  const [compared, setCompared] = createSignal<number | null>(null);
  onMount(() => void library.load());
  const pair = () => {
    const n = compared();
    const versions = library.versions();
    const after = versions.find((v) => v.version === n);
    const before = versions.find((v) => v.version === (n ?? 0) - 1);
    return after && before ? { before, after } : null;
  };
  return (
    <main class="history-page" data-testid="library-page">
      <header class="page-head">
        <h2>Prompt library</h2>
        <p class="muted">Saves the system prompt, the message being written, the parameters and the model. Use {"{{name}}"} for variables.</p>
      </header>
      <section class="editor">
        <div class="params">
          <div class="param">
            <label for="prompt-name">Name</label>
            <input id="prompt-name" data-testid="prompt-name" value={library.name()} onInput={(e) => library.setName(e.currentTarget.value)} />
          </div>
          <div class="param">
            <label for="prompt-note">What changed (optional)</label>
            <input id="prompt-note" value={library.note()} onInput={(e) => library.setNote(e.currentTarget.value)} />
          </div>
        </div>
        <div class="editor-actions">
          <button class="primary" data-testid="save-prompt" onClick={() => void library.saveCurrent()}>
            Save current prompt
          </button>
          <span aria-live="polite">
            <Show when={library.saved()}>{(text) => <span class="saved" data-testid="prompt-saved">{text()}</span>}</Show>
          </span>
        </div>
        <Show when={library.failure()}>{(failure) => <ErrorCard error={failure()} testId="library-error" />}</Show>
      </section>
      <div class="profiles-body">
        <ul class="profile-list">
          <For each={library.prompts()} fallback={<p class="muted">No saved prompt yet.</p>}>
            {(prompt) => (
              <li>
                <button
                  class="profile-card"
                  classList={{ selected: library.selected()?.id === prompt.id }}
                  data-testid="prompt-card"
                  onClick={() => void library.select(prompt)}
                >
                  <span class="profile-name">{prompt.name}</span>
                  <span class="muted">
                    v{prompt.latestVersion}
                    {prompt.variables.length > 0 ? ` · ${prompt.variables.map((v) => `{{${v}}}`).join(" ")}` : ""}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={library.selected()}>
          {(prompt) => (
            <section class="editor">
              <h3>{prompt().name}</h3>
              <ol class="versions">
                <For each={[...library.versions()].reverse()}>
                  {(version) => (
                    <li data-testid="prompt-version">
                      <strong>v{version.version}</strong> <span class="muted">{version.note}</span>
                      <button class="link" data-testid="use-version" onClick={() => void library.use(version)}>
                        Use
                      </button>
                      <Show when={version.version > 1}>
                        <button class="link" data-testid="diff-version" onClick={() => setCompared(version.version)}>
                          Diff with v{version.version - 1}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={pair()}>{(p) => <VersionDiff before={p().before} after={p().after} />}</Show>
              <div class="editor-actions">
                <button class="danger" data-testid="delete-prompt" onClick={() => void library.remove(prompt())}>
                  Delete prompt
                </button>
              </div>
            </section>
          )}
        </Show>
      </div>
    </main>
  );
}
