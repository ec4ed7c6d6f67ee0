// Profiles: what other domains may use of it.
export { createProfiles, type Profiles } from "./store";
export { ProfilesPage } from "./ProfilesPage";
export { ProfileSwitcher } from "./ProfileSwitcher";
