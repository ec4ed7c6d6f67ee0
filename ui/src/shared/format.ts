// Numbers the user reads after each answer.
import type { ChatMetrics, TokenUsage } from "../bindings";

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

export interface MetricItem {
  label: string;
  value: string;
  title: string;
}

/** The metrics line under an answer, in the order a user scans it. */
export function metricItems(usage: TokenUsage, metrics: ChatMetrics): MetricItem[] {
  const items: MetricItem[] = [
    { label: "in", value: `${usage.inputTokens} tok`, title: "Input tokens (prompt and history)" },
    { label: "out", value: `${usage.outputTokens} tok`, title: "Output tokens generated" },
  ];
  if (metrics.timeToFirstTokenMs !== null) {
    items.push({
      label: "TTFT",
      value: formatDuration(metrics.timeToFirstTokenMs),
      title: "Time to first token, measured by the app",
    });
  }
  items.push({
    label: "total",
    value: formatDuration(metrics.totalLatencyMs),
    title: "From sending to the end of the stream, measured by the app",
  });
  if (metrics.tokensPerSecond !== null) {
    items.push({
      label: "speed",
      value: `${metrics.tokensPerSecond.toFixed(1)} tok/s`,
      title: "Output tokens per second after the first token",
    });
  }
  if (metrics.serviceLatencyMs !== null) {
    items.push({
      label: "Bedrock",
      value: formatDuration(metrics.serviceLatencyMs),
      title: "Latency reported by Bedrock in the stream's metadata event",
    });
  }
  return items;
}
