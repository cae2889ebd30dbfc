// The live preview's part in each page `invoke serve` sends (never in the built files): reload
// when a newer build is in place; show the errors when the last one failed.
(function () {
  "use strict";
  var first = null;
  var panel = null;

  function hide() {
    if (panel) panel.remove();
    panel = null;
  }

  function show(errors) {
    hide();
    panel = document.createElement("section");
    panel.id = "preview-errors";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "preview-errors-title");
    var box = panel.style;
    box.position = "fixed";
    box.inset = "0 0 auto 0";
    box.zIndex = "2147483647";
    box.maxHeight = "70vh";
    box.overflow = "auto";
    box.padding = "1rem 1.25rem";
    box.background = "#fff5f5";
    box.color = "#1a1a1a";
    box.borderBottom = "4px solid #b00020";
    box.font = "16px/1.5 system-ui, sans-serif";

    var title = document.createElement("h2");
    title.id = "preview-errors-title";
    title.textContent = "The last change did not build";
    title.style.margin = "0 0 .25rem";
    title.style.fontSize = "1.25rem";
    var note = document.createElement("p");
    note.textContent =
      "This page is the last build that worked. Fix what is listed and save: " +
      "the page reloads by itself.";
    note.style.margin = "0 0 .5rem";
    var list = document.createElement("pre");
    list.textContent = errors.join("\n");
    list.style.whiteSpace = "pre-wrap";
    list.style.margin = "0 0 .5rem";
    list.style.font = "14px/1.45 ui-monospace, monospace";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hide);
    panel.append(title, note, list, close);
    document.body.prepend(panel);
  }

  var events = new EventSource("/__preview/events");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (first === null) first = state.generation;
    if (state.generation !== first) {
      events.close();
      location.reload();
    } else if (state.errors.length) {
      show(state.errors);
    } else {
      hide();
    }
  };
})();
