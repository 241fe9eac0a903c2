// Small progressive enhancements. Every page works without this file.
"use strict";

function enhance(root) {
  // Print buttons only make sense with JavaScript; without it, the browser's own print works.
  root.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    if (button.dataset.bound) return;
    button.dataset.bound = "1";
    button.addEventListener("click", () => window.print());
  });
}

document.addEventListener("DOMContentLoaded", () => enhance(document));
document.addEventListener("htmx:afterSettle", (event) => enhance(event.target));
// After a step swap, move focus to the new step's heading so screen readers announce it.
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.target.id === "wizard" || event.detail.target?.id === "wizard") {
    const heading = document.querySelector("#wizard .error-summary, #wizard h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }
});

// Inline definitions: Escape hides an open tooltip (WCAG 1.4.13); it returns on the next hover or focus.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".term:hover, .term:focus-within").forEach((term) => term.classList.add("tip-dismissed"));
});
["focusout", "mouseout"].forEach((type) =>
  document.addEventListener(type, (event) => {
    const term = event.target.closest?.(".term");
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("tip-dismissed");
  }),
);
