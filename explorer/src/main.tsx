import { render } from "preact";
import { App } from "./app.tsx";
import "../styles.css"; // bundled into app.css beside app.js

/**
 * The explorer's entry. The mark below is the first render (controls and the
 * editor in the document, before any request has answered): the browser
 * test reads it with the Performance API.
 */
const root = document.getElementById("app");
if (root) {
  render(<App />, root);
  performance.mark("explore:first-render");
}
