import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import * as api from "../shared/api";
import type { WireExchange, WireHeader } from "../bindings";
import { formatDuration } from "../shared/format";
import { pathOf, prettyBody, statusClass } from "./wire";
import { FramesTable } from "./FramesTable";

function Headers(props: { headers: WireHeader[] }) {
  return (
    <table class="headers">
      <tbody>
        <For each={props.headers}>
          {(header) => (
            <tr>
              <th>{header.name}</th>
              <td>{header.value}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function ExchangeDetail(props: { exchange: WireExchange }) {
  const response = () => props.exchange.response;
  return (
    <div class="wire-detail" data-testid="wire-detail">
      <h3>
        {props.exchange.method} {pathOf(props.exchange.url)}
      </h3>
      <p class="muted">
        {props.exchange.operation ?? "?"} · {props.exchange.region ?? "?"} · attempt {props.exchange.attempt}
        <Show when={props.exchange.timing.totalMs}>{(ms) => <> · {formatDuration(ms())}</>}</Show>
        <Show when={props.exchange.timing.firstByteMs}>{(ms) => <> · first byte {formatDuration(ms())}</>}</Show>
      </p>
      <div class="wire-columns">
        <section>
          <h4>Request headers (as signed, secrets redacted)</h4>
          <Headers headers={props.exchange.requestHeaders} />
          <h4>Request body</h4>
          <pre data-testid="wire-request-body">{prettyBody(props.exchange.requestBody?.text ?? "")}</pre>
        </section>
        <section>
          <h4>Response {response()?.status ?? ""}</h4>
          <Show when={response()}>{(r) => <Headers headers={r().headers} />}</Show>
          <Show when={props.exchange.error}>{(error) => <p class="field-error">{error()}</p>}</Show>
          <Show when={response()?.body}>
            {(body) => <pre data-testid="wire-response-body">{prettyBody(body().text)}</pre>}
          </Show>
          <Show when={(response()?.frames.length ?? 0) > 0}>
            <h4>
              Event-stream frames ({response()?.frameCount ?? 0}
              {response()?.framesTruncated ? ", capture limit reached" : ""})
            </h4>
            <FramesTable frames={response()?.frames ?? []} testId="wire-frames" />
          </Show>
        </section>
      </div>
    </div>
  );
}

/** Every request the app sent and what came back, newest first, refreshed while open. */
export function WirePage() {
  const [exchanges, setExchanges] = createSignal<WireExchange[]>([]);
  const [selected, setSelected] = createSignal<number | null>(null);
  const load = async () => {
    setExchanges([...(await api.wireExchanges())].reverse());
  };
  onMount(() => {
    void load();
    const timer = setInterval(() => void load(), 1000);
    onCleanup(() => {
      clearInterval(timer);
    });
  });
  const current = () => exchanges().find((e) => e.id === selected()) ?? exchanges()[0];
  return (
    <main class="wire-page" data-testid="wire-page">
      <header class="page-head">
        <h2>Wire</h2>
        <p class="muted">The real HTTP exchanges the app made: headers as signed (Authorization and tokens redacted), bodies, event-stream frames decoded.</p>
        <button
          class="ghost"
          onClick={() => {
            void api.clearWireExchanges().then(load);
          }}
        >
          Clear
        </button>
      </header>
      <div class="wire-body">
        <ul class="wire-list">
          <For each={exchanges()} fallback={<p class="muted">No request yet.</p>}>
            {(exchange) => (
              <li>
                <button
                  class={`wire-item ${statusClass(exchange)}`}
                  classList={{ selected: current()?.id === exchange.id }}
                  data-testid="wire-item"
                  onClick={() => setSelected(exchange.id)}
                >
                  <span class="wire-op">{exchange.operation ?? exchange.method}</span>
                  <span class="muted">
                    {exchange.response?.status ?? "…"} · {exchange.modelId ?? pathOf(exchange.url)}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={current()}>{(exchange) => <ExchangeDetail exchange={exchange()} />}</Show>
      </div>
    </main>
  );
}
