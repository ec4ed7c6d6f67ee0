// Estimated cost of an answer from the editable price table (USD per 1,000 tokens).
import type { PriceTable, TokenUsage } from "../bindings";
import { stripGeoPrefix } from "./modelControls";

export function estimateCost(table: PriceTable | null, modelId: string, usage: TokenUsage): number | null {
  const price = table?.models[stripGeoPrefix(modelId)];
  if (!price) return null;
  return (usage.inputTokens / 1000) * (price.input ?? 0) + (usage.outputTokens / 1000) * (price.output ?? 0);
}

export function formatCost(cost: number | null, currency = "USD"): string {
  if (cost === null) return "no price";
  const symbol = currency === "USD" ? "$" : `${currency} `;
  return cost < 0.01 ? `${symbol}${cost.toFixed(5)}` : `${symbol}${cost.toFixed(4)}`;
}
