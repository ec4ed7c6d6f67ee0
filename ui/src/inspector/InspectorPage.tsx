import { For, Show } from "solid-js";
import { familyLabel } from "../models";
import { ErrorCard } from "../shared/ErrorCard";
import { formatDuration } from "../shared/format";
import { FramesTable } from "../wire";
import { EmbeddingBodies } from "./EmbeddingBodies";
import { JsonView } from "./JsonView";
import { SnippetPanel } from "./SnippetPanel";
import type { ChatForInspector, Inspector } from "./store";

function Result(props: {
  title: string;
  testId: string;
  text?: string | undefined;
  stopReason?: string | null | undefined;
  tokens?: string | undefined;
  timing?: string | undefined;
  error?: import("../bindings").ClientError | null | undefined;
}) {
  return (
    <section class="inspector-result" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <Show when={props.error}>{(error) => <ErrorCard error={error()} />}</Show>
      <Show when={props.text !== undefined}>
        <p class="muted">
          stop {props.stopReason ?? "?"} · {props.tokens ?? ""} · {props.timing ?? ""}
        </p>
        <p class="result-text">{props.text}</p>
      </Show>
    </section>
  );
}

export function InspectorPage(props: { chat: ChatForInspector; inspector: Inspector }) {
  const inspector = props.inspector;
  inspector.follow();
  const native = () => inspector.preview()?.native ?? null;
  const familyName = () => {
    const family = native()?.family;
    return family ? familyLabel(family) : "the model family";
  };
  return (
    <main class="inspector-page" data-testid="inspector-page">
      <header class="page-head">
        <h2>Format inspector</h2>
        <p class="muted">
          The current prompt as a Converse request and as {familyName()}'s native InvokeModel
          body. Edit the native body and run both; every call is on the Wire screen.
        </p>
        <button class="primary" data-testid="run-both" disabled={inspector.running()} onClick={() => void inspector.runBoth()}>
          {inspector.running() ? "Running…" : "Run both"}
        </button>
      </header>
      <Show when={inspector.previewError()}>{(error) => <ErrorCard error={error()} testId="preview-error" />}</Show>
      <div class="inspector-panes">
        <section class="inspector-pane">
          <h3 id="inspector-converse-title">Converse · POST /model/{props.chat.modelId()}/converse-stream</h3>
          <JsonView text={inspector.preview()?.converseJson ?? ""} label="Converse request body" testId="converse-pane" />
        </section>
        <section class="inspector-pane">
          <div class="label-row">
            <h3 id="inspector-native-title">Native InvokeModel body · {familyName()}</h3>
            <Show when={inspector.edited()}>
              <button class="link" data-testid="regenerate" onClick={() => { inspector.regenerate(); }}>
                Regenerate from the prompt
              </button>
            </Show>
          </div>
          <Show
            when={native() || inspector.edited()}
            fallback={
              <Show when={inspector.preview()?.nativeError} fallback={<p class="muted">No native format for this model.</p>}>
                {(error) => <ErrorCard error={error()} testId="native-error" />}
              </Show>
            }
          >
            <textarea
              class="code native-editor"
              data-testid="native-pane"
              aria-labelledby="inspector-native-title"
              spellcheck={false}
              value={inspector.nativeText()}
              onInput={(e) => { inspector.edit(e.currentTarget.value); }}
            />
          </Show>
        </section>
      </div>
      <Show when={(native()?.unsupported.length ?? 0) > 0}>
        <ul class="unsupported" data-testid="unsupported">
          <For each={native()?.unsupported ?? []}>{(item) => <li class="warn">{item}</li>}</For>
        </ul>
      </Show>
      <Show when={native()}>
        {(request) => (
          <table class="mapping" data-testid="mapping">
            <thead>
              <tr>
                <th>Converse</th>
                <th>Native</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              <For each={request().mappings}>
                {(row) => (
                  <tr>
                    <td>
                      <code>{row.converse}</code>
                    </td>
                    <td>
                      <code>{row.native ?? "—"}</code>
                    </td>
                    <td>{row.note}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <div class="inspector-panes">
        <Show when={inspector.converseRun()}>
          {(run) => (
            <Result
              title="Converse answer"
              testId="converse-result"
              text={run().value?.text}
              stopReason={run().value?.stopReason}
              tokens={run().value?.usage ? `${run().value?.usage?.inputTokens ?? 0} → ${run().value?.usage?.outputTokens ?? 0} tok` : ""}
              timing={formatDuration(run().value?.metrics.totalLatencyMs ?? 0)}
              error={run().error}
            />
          )}
        </Show>
        <Show when={inspector.nativeRun()}>
          {(run) => (
            <Result
              title="Native answer (chunks decoded)"
              testId="native-result"
              text={run().value?.text}
              stopReason={run().value?.stopReason}
              tokens={`${run().value?.inputTokens ?? "?"} → ${run().value?.outputTokens ?? "?"} tok · ${run().value?.chunkCount ?? 0} chunks`}
              timing={formatDuration(run().value?.totalMs ?? 0)}
              error={run().error}
            />
          )}
        </Show>
      </div>
      <SnippetPanel chat={props.chat} inspector={inspector} />
      <EmbeddingBodies text={props.chat.draft()} />
      <Show when={inspector.exchanges().converse || inspector.exchanges().native}>
        <div class="inspector-panes">
          <section class="inspector-pane">
            <h3>ConverseStream events</h3>
            <FramesTable frames={inspector.exchanges().converse?.response?.frames ?? []} testId="converse-frames" label="Converse stream events" />
          </section>
          <section class="inspector-pane">
            <h3>Native stream chunks (bytes decoded)</h3>
            <FramesTable frames={inspector.exchanges().native?.response?.frames ?? []} testId="native-frames" label="Native stream events" />
          </section>
        </div>
      </Show>
    </main>
  );
}
