// The wire log: what other domains may use of it.
export { WirePage } from "./WirePage";
export { FramesTable } from "./FramesTable";
