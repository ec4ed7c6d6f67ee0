// The app's frame: navigation and the views it switches between.
export { App } from "./App";
