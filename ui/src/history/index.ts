// The History screen: what other domains may use of it.
export { createHistory, type History } from "./store";
export { HistoryPage } from "./HistoryPage";
