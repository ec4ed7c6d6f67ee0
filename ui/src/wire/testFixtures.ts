// Made-up wire summaries and exchanges for the Wire screen's unit tests.
import type { WireExchange, WireExchangeSummary } from "../bindings";

export function summary(id: number, patch: Partial<WireExchangeSummary> = {}): WireExchangeSummary {
  return {
    id,
    operation: "ConverseStream",
    service: "bedrock-runtime",
    attempt: 1,
    method: "POST",
    url: "http://127.0.0.1:4280/model/m/converse-stream",
    region: "us-east-1",
    modelId: "m",
    status: null,
    error: null,
    bodyState: null,
    timing: { startedAt: "2026-01-01T00:00:00Z", responseHeadersMs: null, firstByteMs: null, totalMs: null },
    requestBytes: 10,
    responseBytes: null,
    frameCount: 0,
    ...patch,
  };
}

/** The exchange in full that `summary(id)` stands for, its request body naming it. */
export function exchangeOf(id: number): WireExchange {
  const short = summary(id);
  return {
    id,
    operation: short.operation,
    service: short.service,
    attempt: short.attempt,
    method: short.method,
    url: short.url,
    region: short.region,
    modelId: short.modelId,
    requestHeaders: [],
    requestBody: null,
    response: null,
    error: null,
    timing: short.timing,
  };
}
