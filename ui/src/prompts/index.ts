// The prompt library: what other domains may use of it.
export { createLibrary, type Library } from "./store";
export { LibraryPage } from "./LibraryPage";
