import { onCleanup, onMount, Show } from "solid-js";
import * as api from "../shared/api";
import { ExchangeDetail } from "./ExchangeDetail";
import { createWireLog } from "./store";
import { WireList } from "./WireList";
import "./wire.css";

const POLL_MS = 1000;

/**
 * Every request the app sent and what came back, newest first. It polls only for what changed
 * and fetches headers, bodies and frames for the selected exchange alone.
 */
export function WirePage() {
  const wire = createWireLog({ changes: api.wireChanges, exchange: api.wireExchange, clear: api.clearWireExchanges });
  onMount(() => {
    void wire.refresh();
    const timer = setInterval(() => void wire.refresh(), POLL_MS);
    onCleanup(() => {
      clearInterval(timer);
    });
  });
  return (
    <main class="wire-page" data-testid="wire-page">
      <header class="page-head">
        <h2>Wire log</h2>
        <p class="muted">The real HTTP exchanges the app made: headers as signed (Authorization and tokens redacted), bodies, event-stream frames decoded.</p>
        <button
          class="ghost"
          onClick={() => {
            void wire.clear();
          }}
        >
          Clear
        </button>
      </header>
      <div class="wire-body">
        <WireList wire={wire} />
        <Show when={wire.selected()}>
          <Show when={wire.detail()} fallback={<p class="muted" data-testid="wire-detail-loading">Loading the exchange…</p>}>
            {(exchange) => <ExchangeDetail exchange={exchange()} />}
          </Show>
        </Show>
      </div>
    </main>
  );
}
