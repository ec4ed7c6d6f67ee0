// The embeddings lab: what other domains may use of it (the knowledge lab draws its chunks
// on the same map).
export { createEmbeddingsLab, type EmbeddingsLab } from "./state";
export { EmbeddingsPage } from "./EmbeddingsPage";
export { ScatterMap } from "./map/ScatterMap";
export { coloursFor } from "./map/palette";
export { decodeFloat32 } from "./logic/floats";
