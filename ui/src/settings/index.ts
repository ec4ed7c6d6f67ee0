// The Settings screen: what other domains may use of it.
export { createSettings, type Settings } from "./store";
export { SettingsPage } from "./SettingsPage";
