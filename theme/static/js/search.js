/* The search page: the box, the facets, the results. The search itself is search-engine.js.
 *
 * While a reader types, results follow the keys: the last word counts as the start of a word
 * ("live"). When the typing stops, the page shows the results of the text as it is, exactly
 * those of the same search from the address or from `invoke search`. The address holds the
 * search, so back, forward, bookmarks and shared links work.
 * Index text is only ever set as text (textContent), never parsed as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var PAGES = script.getAttribute("data-pages");
  var FILES = script.getAttribute("data-files");
  var UI_LANG = script.getAttribute("data-lang");
  var TEXT = JSON.parse(document.getElementById("search-text").textContent);
  var SHOWN = 10;
  var DEBOUNCE_MS = 120; /* after a key: the results of the text as typed */
  var SETTLE_MS = 700; /* after the last key: the results of the text as it is */

  var engine = SearchEngine(SearchEngine.scriptLoader(script.getAttribute("data-index")));
  var C = null; /* the search contract, from the index */

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var sortSelect = document.getElementById("search-sort");
  var status = document.getElementById("search-status");
  var suggestion = document.getElementById("search-suggestion");
  var chips = document.getElementById("search-chips");
  var results = document.getElementById("results");
  var facetsBox = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  var filtersToggle = document.getElementById("filters-toggle");
  var facetsSection = document.getElementById("search-facets-section");
  var generation = 0;
  var shown = null; /* what the results show now: the text, the mode and the ranked documents */

  /* ---- State and address ---- */

  function readState() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    C.facets.forEach(function (facet) { filters[facet.name] = params.getAll(facet.name); });
    return {
      q: params.get(C.parameters.query) || "",
      sort: params.get(C.parameters.sort) === "date" ? "date" : "relevance",
      as_typed: params.get(C.parameters.as_typed) === "1",
      exact: params.get(C.parameters.exact) === "1",
      filters: filters,
    };
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q) params.set(C.parameters.query, state.q);
    if (state.sort === "date") params.set(C.parameters.sort, "date");
    if (state.as_typed) params.set(C.parameters.as_typed, "1");
    if (state.exact) params.set(C.parameters.exact, "1");
    C.facets.forEach(function (facet) {
      state.filters[facet.name].forEach(function (value) { params.append(facet.name, value); });
    });
    return params.toString() ? "?" + params.toString() : "";
  }

  function writeState(state, push) {
    var url = location.pathname + address(state);
    if (url !== location.pathname + location.search) {
      (push ? history.pushState : history.replaceState).call(history, null, "", url);
    }
    keepSearchAcrossLanguages();
  }

  /* The language switcher leads to the same search in the other language. */
  function keepSearchAcrossLanguages() {
    document.querySelectorAll(".ui-languages a").forEach(function (link) {
      link.search = location.search;
    });
  }

  function currentState() {
    var state = readState();
    if (state.q !== input.value) state.as_typed = state.exact = false;
    state.q = input.value;
    if (!sortSelect.disabled) state.sort = sortSelect.value;
    return state;
  }

  function go(state) {
    input.value = state.q;
    writeState(state, true);
    return show(state, false);
  }

  /* Without words there is no relevance: results come newest first, and the choice waits. */
  function showSort(state) {
    var blank = !state.q.trim();
    sortSelect.disabled = blank;
    sortSelect.value = blank ? "date" : state.sort;
  }

  /* ---- Searching ---- */

  function show(state, live) {
    var mine = ++generation;
    var started = performance.now();
    showSort(state);
    var typed = shown && shown.live && shown.q === state.q;
    if (!live && !typed) status.textContent = TEXT.searching;
    results.setAttribute("aria-busy", "true");
    return engine.search({ q: state.q, sort: state.sort, filters: state.filters, live: live,
                           as_typed: state.as_typed, exact: state.exact })
      .then(function (found) {
        if (mine !== generation) return;
        var same = typed && !live && sameRanks(shown.found, found);
        shown = { q: state.q, live: live, found: found };
        return Promise.resolve(same ? null : render(state, found, live)).then(function () {
          if (mine !== generation) return;
          if (!live) results.setAttribute("aria-busy", "false");
          performance.measure(live ? "search:live" : "search:final", { start: started, end: performance.now() });
        });
      }).catch(function (error) {
        if (mine !== generation) return;
        status.textContent = TEXT.failed;
        results.setAttribute("aria-busy", "false");
        throw error;
      });
  }

  function sameRanks(a, b) {
    return a.total === b.total && a.corrected_query === b.corrected_query &&
      a.ranked.every(function (hit, n) { return hit.doc === b.ranked[n].doc; });
  }

  /* ---- Showing results ---- */

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  function plural(count, one, other) {
    var form = new Intl.PluralRules(UI_LANG).select(count) === "one" ? one : other;
    return format(form, { num: count.toLocaleString(UI_LANG) });
  }

  function filtered(state) {
    return C.facets.some(function (facet) { return state.filters[facet.name].length; });
  }

  function render(state, found, live) {
    results.textContent = "";
    document.querySelectorAll(".widening").forEach(function (line) { line.remove(); });
    more.hidden = true;
    suggestion.hidden = true;
    suggestion.textContent = "";
    renderFacets(state, found.matched);
    renderChips(state);
    /* A first word of one or two letters, being typed, is no search yet. */
    var words = found.query.clauses.length || found.query.excluded.length;
    if ((!state.q.trim() || (live && !words)) && !filtered(state)) {
      status.textContent = TEXT.empty;
      return;
    }
    if (found.corrected_query) renderCorrection(state, found.corrected_query);
    if (found.named.length) renderWidening(state, found.named);
    if (!found.total) return renderNothing(state, found);
    var entries = publications(found.ranked);
    status.textContent = plural(entries.length, TEXT.results_one, TEXT.results_other);
    return showHits(found, entries, 0);
  }

  function renderNothing(state, found) {
    if (found.without_filters) {
      status.textContent = TEXT.nothing_filtered + " " +
        plural(found.without_filters, TEXT.without_filters_one, TEXT.without_filters_other);
      return;
    }
    var query = { query: "“" + state.q + "”" };
    status.textContent = found.no_words ? format(TEXT.no_words, query) :
      found.too_common ? TEXT.common : format(TEXT.nothing, query);
    var next = state.q, any = false;
    Object.keys(found.suggestions).forEach(function (word) {
      var words = found.suggestions[word];
      if (!words.length) return;
      any = true;
      next = next.replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), words[0]);
    });
    if (!any) return;
    suggestion.appendChild(document.createTextNode(TEXT.did_you_mean + " "));
    suggestion.appendChild(searchLink(next, state, false));
    suggestion.hidden = false;
  }

  /* "Showing results for trafficking. Search instead for trafickng." */
  function renderCorrection(state, corrected) {
    var parts = TEXT.showing_for.split("{query}");
    suggestion.appendChild(document.createTextNode(parts[0]));
    var strong = document.createElement("strong");
    strong.textContent = corrected;
    suggestion.appendChild(strong);
    suggestion.appendChild(document.createTextNode(parts[1] + " "));
    var instead = TEXT.search_instead.split("{query}");
    suggestion.appendChild(document.createTextNode(instead[0]));
    suggestion.appendChild(searchLink(state.q, state, true));
    suggestion.appendChild(document.createTextNode(instead[1]));
    suggestion.hidden = false;
  }

  /* A query that names a theme or a country also shows the publications tagged with it in
     every language; one line says so, with the way back to the words alone (and forth). */
  function renderWidening(state, named) {
    var labels = named.map(function (pair) { return TEXT.values[pair[0]][pair[1]]; }).join(", ");
    var line = document.createElement("p");
    line.className = "widening";
    line.textContent = format(state.exact ? TEXT.exact : TEXT.widened, { terms: labels }) + " ";
    var next = Object.assign({}, state, { exact: !state.exact });
    var link = document.createElement("a");
    link.href = address(next) || "?";
    link.textContent = state.exact ? TEXT.widen : TEXT.only_words;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(next);
    });
    line.appendChild(link);
    suggestion.parentNode.insertBefore(line, suggestion);
  }

  function searchLink(q, state, asTyped) {
    var next = { q: q, sort: state.sort, filters: state.filters, as_typed: asTyped };
    var link = document.createElement("a");
    link.href = address(next) || "?";
    link.textContent = q;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(next);
    });
    return link;
  }

  /* Results from rank `start` on, SHOWN at a time, with a button for the next ones. */
  /* One entry per publication, where its best-ranked version stands, with the other versions
     found: the language versions of a paper are one result. */
  function publications(ranked) {
    var entries = [], at = new Map();
    ranked.forEach(function (hit) {
      var number = engine.publication(hit.doc);
      if (at.has(number)) return entries[at.get(number)].others.push(hit.doc);
      at.set(number, entries.length);
      entries.push({ doc: hit.doc, others: [] });
    });
    return entries;
  }

  function showHits(found, entries, start) {
    more.hidden = entries.length <= start + SHOWN;
    more.onclick = function () {
      results.setAttribute("aria-busy", "true");
      showHits(found, entries, start + SHOWN).then(function () {
        results.setAttribute("aria-busy", "false");
        var next = results.children[start + SHOWN];
        if (next) next.querySelector("a").focus();
      });
    };
    return Promise.all(entries.slice(start, start + SHOWN).map(function (entry) {
      var item = document.createElement("li");
      item.className = "result";
      results.appendChild(item);
      return fillResult(item, entry, found);
    }));
  }

  /* A result is a card, as in the listings: cover, title, facts, the abstract's opening, the
     best page's snippet, and every language version with its PDF. */
  function fillResult(item, entry, found) {
    var doc = entry.doc, page = engine.pages(found, doc)[0];
    /* Both at once: the page's text does not wait for the details. */
    return Promise.all([engine.details(doc), page ? engine.pageText(doc, page) : ""]).then(function (loaded) {
      var details = loaded[0], text = loaded[1];
      item.classList.add("card");
      var article = element("article", "");
      item.appendChild(article);
      article.appendChild(cover(details));
      var body = element("div", "card-body");
      article.appendChild(body);
      var heading = element("h3", "");
      var link = element("a", "");
      link.href = PAGES + details.url;
      link.textContent = details.title;
      inLanguage(heading, details);
      heading.appendChild(link);
      body.appendChild(heading);
      body.appendChild(facts(details));
      body.appendChild(matchedBy(found, doc, details));
      if (details.excerpt) {
        var excerpt = element("p", "excerpt");
        excerpt.textContent = details.excerpt;
        inLanguage(excerpt, details);
        body.appendChild(excerpt);
      }
      if (page) {
        if (text) body.appendChild(snippet(text, page, details, engine.marker(found, details.lang)));
        var open = element("a", "open-at-page");
        open.href = FILES + details.pdf + "#page=" + page;
        open.textContent = format(TEXT.open_at_page, { page: page });
        var line = element("p", "");
        line.appendChild(open);
        body.appendChild(line);
      }
      body.appendChild(availableIn(details));
    });
  }

  /* Which language version the words matched, or the tag a version was found by. */
  function matchedBy(found, doc, details) {
    var line = element("p", "matched"), via = found.via.get(doc);
    line.textContent = via ? format(TEXT.matched_tag, { term: TEXT.values[via[0]][via[1]] })
      : format(TEXT.matched_in, { language: TEXT.values.lang[details.lang] || details.lang });
    return line;
  }

  function element(name, className) {
    var made = document.createElement(name);
    if (className) made.className = className;
    return made;
  }

  function inLanguage(node, details) {
    node.lang = details.lang;
    if (details.dir === "rtl") node.dir = "rtl";
  }

  function cover(details) {
    if (!details.cover) {
      var placeholder = element("div", "cover cover-placeholder small");
      placeholder.setAttribute("aria-hidden", "true");
      var own = details.versions.filter(function (version) { return version.lang === details.lang; })[0];
      [TEXT.values.type[details.type] || details.type, own ? own.name : details.lang]
        .forEach(function (text) { placeholder.appendChild(element("span", "")).textContent = text; });
      return placeholder;
    }
    var image = element("img", "cover"), small = details.cover.small;
    image.src = FILES + small.url;
    image.srcset = FILES + small.url + " 1x, " + FILES + details.cover.large.url + " 2x";
    image.width = small.width;
    image.height = small.height;
    image.alt = format(TEXT.cover_of, { title: details.title });
    image.loading = "lazy";
    return image;
  }

  /* Type · year · pages · size, as the listings show them. */
  function facts(details) {
    var line = element("p", "publication-facts"), parts = [TEXT.values.type[details.type] || details.type,
      details.date.slice(0, 4)];
    if (details.page_count) parts.push(plural(details.page_count, TEXT.pages_one, TEXT.pages_other));
    parts.push(fileSize(details.size));
    line.textContent = parts.join(" · ");
    if (!details.has_text) {
      var none = element("span", "no-text");
      none.textContent = TEXT.no_text;
      none.title = TEXT.no_text_help;
      line.appendChild(document.createTextNode(" "));
      line.appendChild(none);
    }
    return line;
  }

  function fileSize(bytes) {
    var unit = bytes >= 1048576 ? ["megabyte", bytes / 1048576, 1] : ["kilobyte", bytes / 1024, 0];
    return new Intl.NumberFormat(UI_LANG, { style: "unit", unit: unit[0], unitDisplay: "short",
      minimumFractionDigits: unit[2], maximumFractionDigits: unit[2] }).format(unit[1]);
  }

  function availableIn(details) {
    var box = element("div", "versions"), label = element("span", "versions-label");
    label.textContent = TEXT.available_in + " ";
    box.appendChild(label);
    var list = element("ul", "available-in");
    details.versions.forEach(function (version) {
      var item = element("li", ""), page = element("a", "version"), pdf = element("a", "pdf-link");
      page.href = PAGES + version.url;
      page.hreflang = page.lang = version.lang;
      page.textContent = version.name;
      pdf.href = FILES + version.pdf;
      pdf.hreflang = version.lang;
      pdf.type = "application/pdf";
      pdf.textContent = TEXT.pdf;
      var which = element("span", "visually-hidden");
      which.textContent = " (" + version.name + ")";
      pdf.appendChild(which);
      item.appendChild(page);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(pdf);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  /* The words around the first one the query looks for, those words marked. */
  function snippet(text, page, details, marked) {
    var quote = document.createElement("p");
    quote.className = "snippet";
    quote.lang = details.lang;
    if (details.dir === "rtl") quote.dir = "rtl";
    var label = document.createElement("span");
    label.className = "snippet-page";
    label.textContent = format(TEXT.page, { page: page }) + ": ";
    quote.appendChild(label);
    var tokens = text.split(/(\s+)/), hits = [];
    tokens.forEach(function (token, i) {
      if (/\S/.test(token) && engine.words(token).some(marked)) hits.push(i);
    });
    var centre = hits.length ? hits[0] : 0;
    var start = Math.max(0, centre - 24), end = Math.min(tokens.length, centre + 50);
    if (start > 0) quote.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (hits.indexOf(i) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = tokens[i];
        quote.appendChild(mark);
      } else {
        quote.appendChild(document.createTextNode(tokens[i]));
      }
    }
    if (end < tokens.length) quote.appendChild(document.createTextNode(" …"));
    return quote;
  }

  /* ---- Facets and the chosen values ---- */

  /* A facet's counts are those of the other facets' choices: ticking a second value of a
     facet widens the results by what its count says. They count publications, as the results
     do: the language versions of one are one. */
  function renderFacets(state, matched) {
    facetsBox.textContent = "";
    C.facets.forEach(function (facet) {
      var others = Object.assign({}, state.filters), found = new Map(), counts = new Map();
      others[facet.name] = [];
      matched.forEach(function (doc) {
        if (!engine.passes(doc, others)) return;
        engine.facetValues(doc, facet.name).forEach(function (value) {
          if (!found.has(value)) found.set(value, new Set());
          found.get(value).add(engine.publication(doc));
        });
      });
      found.forEach(function (publications, value) { counts.set(value, publications.size); });
      var chosen = state.filters[facet.name];
      var values = (TEXT.order[facet.name] || []).filter(function (value) {
        return counts.has(value) || chosen.indexOf(value) >= 0;
      });
      if (!values.length) return;
      var group = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = TEXT.facets[facet.name];
      group.appendChild(legend);
      values.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = facet.name;
        box.value = value;
        box.checked = chosen.indexOf(value) >= 0;
        box.addEventListener("change", onFacet);
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + TEXT.values[facet.name][value] + " "));
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = (counts.get(value) || 0).toLocaleString(UI_LANG);
        label.appendChild(count);
        group.appendChild(label);
      });
      facetsBox.appendChild(group);
    });
  }

  /* Each chosen value as a button that drops it, and one that drops them all. */
  function renderChips(state) {
    chips.textContent = "";
    var chosen = C.facets.reduce(function (n, facet) { return n + state.filters[facet.name].length; }, 0);
    filtersToggle.textContent = chosen ? format(TEXT.filters_chosen, { num: chosen }) : TEXT.filters;
    C.facets.forEach(function (facet) {
      state.filters[facet.name].forEach(function (value) {
        var label = (TEXT.values[facet.name] || {})[value] || value;
        var button = chip(label + " ×", format(TEXT.remove_filter, { value: label }));
        button.addEventListener("click", function () {
          var next = currentState();
          next.filters[facet.name] = next.filters[facet.name].filter(function (v) { return v !== value; });
          go(next).then(function () { (chips.querySelector("button") || input).focus(); });
        });
      });
    });
    if (!chips.children.length) {
      chips.hidden = true;
      return;
    }
    var clear = chip(TEXT.clear_filters, null);
    clear.classList.add("clear");
    clear.addEventListener("click", function () {
      var next = currentState();
      C.facets.forEach(function (facet) { next.filters[facet.name] = []; });
      go(next).then(function () { input.focus(); });
    });
    chips.hidden = false;
  }

  function chip(text, label) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    if (label) button.setAttribute("aria-label", label);
    item.appendChild(button);
    chips.appendChild(item);
    return button;
  }

  function onFacet(event) {
    var state = currentState();
    var chosen = state.filters[event.target.name];
    var at = chosen.indexOf(event.target.value);
    if (event.target.checked && at < 0) chosen.push(event.target.value);
    if (!event.target.checked && at >= 0) chosen.splice(at, 1);
    writeState(state, true);
    show(state, false).then(function () {
      var again = facetsBox.querySelector('input[name="' + event.target.name + '"][value="' + event.target.value + '"]');
      if (again) again.focus();
    });
  }

  /* ---- Events ---- */

  var typing = null, settling = null;

  function stopTimers() {
    clearTimeout(typing);
    clearTimeout(settling);
  }

  /* On a phone the filters open above the results; elsewhere they are always there. */
  filtersToggle.addEventListener("click", function () {
    var open = facetsSection.classList.toggle("closed") === false;
    filtersToggle.setAttribute("aria-expanded", String(open));
  });

  input.addEventListener("input", function () {
    stopTimers();
    typing = setTimeout(function () {
      var state = currentState();
      writeState(state, false);
      show(state, true);
    }, DEBOUNCE_MS);
    settling = setTimeout(function () { show(currentState(), false); }, SETTLE_MS);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stopTimers();
    var state = currentState();
    writeState(state, true);
    show(state, false);
  });

  sortSelect.addEventListener("change", function () {
    stopTimers();
    var state = currentState();
    writeState(state, true);
    show(state, false);
  });

  window.addEventListener("popstate", function () {
    stopTimers();
    var state = readState();
    keepSearchAcrossLanguages();
    input.value = state.q;
    show(state, false);
  });

  engine.ready().then(function () {
    C = engine.contract();
    /* While the reader types: the first query then waits for its words' parts only. */
    engine.prepare().catch(function () {}); /* a query that needs a missing part says so */
    var state = readState();
    input.value = state.q;
    keepSearchAcrossLanguages();
    return show(state, false);
  }).catch(function () {
    status.textContent = TEXT.failed;
  });
})();
