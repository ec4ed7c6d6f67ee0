// Compare mode: what other domains may use of it.
export { createComparison, type Comparison } from "./store";
export { ComparePage } from "./ComparePage";
