// The knowledge lab: what other domains may use of it.
export { createKnowledgeLab, type KnowledgeLab } from "./state";
export { KnowledgePage } from "./KnowledgePage";
