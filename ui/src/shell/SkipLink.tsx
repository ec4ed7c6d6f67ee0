/** The first stop of the Tab key: straight to the current view, past the sidebar's controls. */
export function SkipLink() {
  return (
    <a
      class="skip-link"
      href="#content"
      onClick={(e) => {
        e.preventDefault();
        const main = document.querySelector("main");
        if (!main) return;
        main.tabIndex = -1;
        main.focus();
      }}
    >
      Skip to content
    </a>
  );
}
