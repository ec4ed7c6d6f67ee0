// Presenting captured wire exchanges: pretty bodies, short paths, a status class.
import type { WireExchange } from "../bindings";

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

export function statusClass(exchange: WireExchange): "ok" | "failed" | "pending" {
  const status = exchange.response?.status;
  if (status === undefined) return exchange.error === null ? "pending" : "failed";
  return status < 400 ? "ok" : "failed";
}
