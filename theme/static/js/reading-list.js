/* My reading list: the publications a reader saves, in the reader's order, kept by this
 * browser (localStorage: a JSON array of "<slug>-<lang>" ids). Nothing leaves the machine.
 *
 * On every page, the Save buttons (.save-button, data-id) of cards and of a publication's page
 * add a version to the list or take it out; search results get theirs here, once search.js has
 * written them. The buttons stay hidden until this script runs, and where the browser keeps
 * nothing, so that no page shows a button that does nothing.
 *
 * On reading-list.html, the list itself, to reorder, remove and download as RIS or BibTeX.
 * Each version's cover, title and citations come from cite/<id>.js, which calls
 * citationData(id, data): a page opened from file:// may load scripts, not read files. The
 * offline copy packs those scripts into few files, and cite/packs.js says which holds an id.
 */
(function () {
  "use strict";

  var KEY = "publication-library:reading-list";
  var ID = /^[A-Za-z0-9_-]+$/; /* an id names a file of cite/, and nothing else */
  var script = document.currentScript;
  var CITE = script.getAttribute("data-cite");
  var PAGES = script.getAttribute("data-pages");
  var FILES = script.getAttribute("data-files");
  /* The slug and language of a version in its page's address (PUBLICATION_SAVE_AS). */
  var PAGE = new RegExp("(?:^|/)" + script.getAttribute("data-page-pattern"));
  var SAVE = script.getAttribute("data-save");
  var SAVED = script.getAttribute("data-saved");
  var LANG = document.documentElement.lang;

  /* ---- The list, in this browser ---- */

  function read() {
    try {
      var ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      if (!Array.isArray(ids)) return [];
      return ids.filter(function (id, n) {
        return typeof id === "string" && ID.test(id) && ids.indexOf(id) === n;
      });
    } catch (error) {
      return [];
    }
  }

  function write(ids) {
    localStorage.setItem(KEY, JSON.stringify(ids));
  }

  /* Storage can be switched off (or full): then there is no list to offer. */
  function storageWorks() {
    try {
      localStorage.setItem(KEY + ":check", "1");
      localStorage.removeItem(KEY + ":check");
      return true;
    } catch (error) {
      return false;
    }
  }

  var works = storageWorks();

  /* ---- Save buttons ---- */

  /* Changes only what differs: search results are watched for changes. */
  function showState(button, ids) {
    var saved = String(ids.indexOf(button.getAttribute("data-id")) >= 0);
    var text = saved === "true" ? SAVED : SAVE;
    if (button.getAttribute("aria-pressed") !== saved) button.setAttribute("aria-pressed", saved);
    if (button.textContent !== text) button.textContent = text;
    if (button.hidden) button.hidden = false;
  }

  function showButtons() {
    var ids = read();
    document.querySelectorAll(".save-button").forEach(function (button) {
      showState(button, ids);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".save-button");
    if (!button) return;
    var ids = read(), at = ids.indexOf(button.getAttribute("data-id"));
    if (at >= 0) ids.splice(at, 1);
    else ids.push(button.getAttribute("data-id"));
    write(ids);
    showButtons();
  });

  /* A search result gets its button after its title, as a card of a listing does. */
  function addToResults(results) {
    var ids = read();
    results.querySelectorAll(".card h3").forEach(function (heading) {
      var link = heading.querySelector("a[href]"), next = heading.nextElementSibling;
      if (!link || (next && next.classList.contains("save-button"))) return;
      var found = PAGE.exec(new URL(link.href).pathname);
      if (!found || !found.groups) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "save-button";
      button.setAttribute("data-id", found.groups.slug + "-" + found.groups.lang);
      showState(button, ids);
      heading.insertAdjacentElement("afterend", button);
    });
  }

  if (works) {
    showButtons();
    var results = document.getElementById("results");
    if (results) {
      addToResults(results);
      new MutationObserver(function () { addToResults(results); })
        .observe(results, { childList: true, subtree: true });
    }
    /* The list changed in another tab or window. */
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) showButtons();
    });
  }

  /* ---- The reading list page ---- */

  var entries = {}, loading = {};

  window.citationData = function (id, data) {
    entries[id] = data;
  };

  /* The script that holds a version's data: its own, or in the offline copy the last pack
   * whose first id is not after it (cite/packs.js, loaded by the reading list page). */
  function scriptOf(id) {
    var packs = window.citationPacks;
    if (!packs) return CITE + id + ".js";
    var low = 0, high = packs.starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (packs.starts[middle] <= id) low = middle; else high = middle - 1;
    }
    return CITE + packs.folder + "/" + low + ".js";
  }

  /* A version's data, or null when the library no longer has it. */
  function load(id) {
    var source = scriptOf(id);
    if (!loading[source]) {
      loading[source] = new Promise(function (resolve) {
        var element = document.createElement("script");
        element.src = source;
        element.onload = element.onerror = function () { resolve(); };
        document.head.appendChild(element);
      });
    }
    return loading[source].then(function () { return entries[id] || null; });
  }

  var list = document.getElementById("reading-list");
  if (list) listPage(list);

  function listPage(list) {
    var TEXT = JSON.parse(document.getElementById("reading-list-text").textContent);
    var status = document.getElementById("reading-list-status");
    var exports = document.getElementById("reading-list-export");
    var heading = document.getElementById("reading-list-heading");
    var generation = 0;

    function format(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
    }

    function count(n) {
      var form = new Intl.PluralRules(LANG).select(n) === "one" ? TEXT.count_one : TEXT.count_other;
      return format(form, { num: n.toLocaleString(LANG) });
    }

    function element(name, className) {
      var made = document.createElement(name);
      if (className) made.className = className;
      return made;
    }

    /* The whole list again, from storage; `message` says what just happened. */
    function render(message) {
      var mine = ++generation, ids = read();
      return Promise.all(ids.map(load)).then(function () {
        if (mine !== generation) return;
        list.textContent = "";
        ids.forEach(function (id, n) { list.appendChild(item(id, n, ids.length)); });
        exports.hidden = !ids.some(function (id) { return entries[id]; });
        var summary = ids.length ? count(ids.length) : TEXT.empty;
        status.textContent = message && ids.length ? message : [message, summary].join(" ").trim();
      });
    }

    function item(id, n, total) {
      var data = entries[id];
      var row = element("li", "reading-item card"), article = element("article", "");
      var body = element("div", "card-body"), title = element("h2", "publication-title");
      row.setAttribute("data-id", id);
      article.appendChild(cover(data));
      if (data) {
        var link = element("a", "");
        link.href = PAGES + data.url;
        link.textContent = data.title;
        title.lang = data.lang;
        if (data.dir === "rtl") title.dir = "rtl";
        title.appendChild(link);
      } else {
        title.textContent = format(TEXT.missing, { id: id });
      }
      body.appendChild(title);
      var actions = element("p", "reading-actions");
      actions.appendChild(action("up", TEXT.move_up, data, n === 0));
      actions.appendChild(action("down", TEXT.move_down, data, n === total - 1));
      actions.appendChild(action("remove", TEXT.remove, data, false));
      body.appendChild(actions);
      article.appendChild(body);
      row.appendChild(article);
      return row;
    }

    function cover(data) {
      if (!data || !data.cover) {
        var placeholder = element("div", "cover cover-placeholder small");
        placeholder.setAttribute("aria-hidden", "true");
        return placeholder;
      }
      var image = element("img", "cover");
      image.src = FILES + data.cover.url;
      image.width = data.cover.width;
      image.height = data.cover.height;
      image.alt = format(TEXT.cover_of, { title: data.title });
      return image;
    }

    /* "Move up", with the title for screen readers: every item has the same three buttons. */
    function action(name, text, data, disabled) {
      var button = element("button", "");
      button.type = "button";
      button.setAttribute("data-action", name);
      button.textContent = text;
      if (data) {
        var which = element("span", "visually-hidden");
        which.textContent = ": " + data.title;
        which.lang = data.lang;
        button.appendChild(which);
      }
      button.disabled = disabled;
      return button;
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var id = button.closest("li").getAttribute("data-id"), name = button.getAttribute("data-action");
      var ids = read(), at = ids.indexOf(id);
      if (at < 0) return;
      if (name === "remove") {
        ids.splice(at, 1);
        write(ids);
        var title = entries[id] ? entries[id].title : id;
        return render(format(TEXT.removed, { title: title })).then(function () {
          var next = list.children[Math.min(at, ids.length - 1)];
          (next ? next.querySelector('[data-action="remove"]') : heading).focus();
        });
      }
      var to = name === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= ids.length) return;
      ids.splice(to, 0, ids.splice(at, 1)[0]);
      write(ids);
      var place = { place: (to + 1).toLocaleString(LANG), total: ids.length.toLocaleString(LANG) };
      render(format(TEXT.moved, place)).then(function () {
        /* Focus stays on the button pressed, or the other one where the item reached an end. */
        var other = name === "up" ? "down" : "up", moved = list.children[to];
        var again = moved.querySelector('[data-action="' + name + '"]');
        if (again.disabled) again = moved.querySelector('[data-action="' + other + '"]');
        again.focus();
      });
    });

    /* One file of the whole list, in its order, made here: no server, works from file://. */
    exports.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-export]");
      if (!button) return;
      var kind = button.getAttribute("data-export"), ris = kind === "ris";
      var texts = read().map(function (id) { return entries[id]; }).filter(Boolean)
        .map(function (data) { return data[kind]; });
      var blob = new Blob([texts.join(ris ? "\r\n" : "\n")], {
        type: (ris ? "application/x-research-info-systems" : "application/x-bibtex") + ";charset=utf-8",
      });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "reading-list." + (ris ? "ris" : "bib");
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    });

    if (!works) {
      status.textContent = TEXT.no_storage;
      return;
    }
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) render();
    });
    render();
  }
})();
