import { render } from "solid-js/web";
import { recordUnhandledRejections } from "./shared/rejections";
import { App } from "./shell";
import "./styles.css";

recordUnhandledRejections();
const root = document.getElementById("root");
if (root) render(() => <App />, root);
