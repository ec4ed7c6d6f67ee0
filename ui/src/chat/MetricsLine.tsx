import { For } from "solid-js";
import type { ChatMetrics, TokenUsage } from "../bindings";
import { metricItems } from "../shared/format";

export function MetricsLine(props: { usage: TokenUsage; metrics: ChatMetrics; stopReason: string | null }) {
  return (
    <div class="metrics" data-testid="metrics">
      <For each={metricItems(props.usage, props.metrics)}>
        {(item) => (
          <span class="metric" title={item.title}>
            <span class="metric-label">{item.label}</span> {item.value}
          </span>
        )}
      </For>
      <span class="metric" title="Why the model stopped">
        <span class="metric-label">stop</span> {props.stopReason ?? "?"}
      </span>
    </div>
  );
}
