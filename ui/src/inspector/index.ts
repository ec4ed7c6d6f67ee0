// The Format inspector: what other domains may use of it.
export { createInspector, type Inspector } from "./store";
export { InspectorPage } from "./InspectorPage";
