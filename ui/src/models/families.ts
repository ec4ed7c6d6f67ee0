// Model families as people name them.
import type { Family } from "../bindings";

const LABELS: Record<Family, string> = {
  claude: "Anthropic Claude",
  llama3: "Meta Llama 3",
  titanText: "Amazon Titan Text",
  nova: "Amazon Nova",
  mistralText: "Mistral (text completion)",
  mistralChat: "Mistral (chat)",
  cohereCommandR: "Cohere Command R",
  ai21Jamba: "AI21 Jamba",
  deepSeekR1: "DeepSeek-R1",
  titanEmbedV1: "Amazon Titan Embeddings v1",
  titanEmbedV2: "Amazon Titan Embeddings v2",
  cohereEmbed: "Cohere Embed",
};

export function familyLabel(family: Family): string {
  return LABELS[family];
}
