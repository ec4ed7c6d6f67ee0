// Presenting captured wire exchanges: pretty bodies, short paths, a status class.
import type { WireExchangeSummary } from "../bindings";

export function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url;
  }
}

export function statusClass(exchange: Pick<WireExchangeSummary, "status" | "error">): "ok" | "failed" | "pending" {
  const status = exchange.status;
  if (status === null) return exchange.error === null ? "pending" : "failed";
  return status < 400 ? "ok" : "failed";
}
