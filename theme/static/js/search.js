/* The library's search, in the browser, from a web server or from file://.
 *
 * The index (search/ in the site, written from the Whoosh index by plugins/search/export.py) is
 * a set of plain .js files, each calling searchData(name, data); a query adds <script> elements
 * for the parts it needs. Queries are read and scored as plugins/search/engine.py does with
 * Whoosh: the same query language, the same terms for each word (looked up in the library's
 * word list), BM25F with Whoosh's statistics and field lengths, the same ties.
 * Index text is only ever set as text (textContent), never parsed as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var INDEX = script.getAttribute("data-index");
  var PAGES = script.getAttribute("data-pages");
  var FILES = script.getAttribute("data-files");
  var UI_LANG = script.getAttribute("data-lang");
  var TEXT = JSON.parse(document.getElementById("search-text").textContent);
  var FACETS = ["themes", "regions", "countries", "lang", "type", "year"];
  var SHOWN = 10;
  var MIN_PREFIX = 3;
  var PREFIX_TERMS = 16;
  var TOP_PAGES = 3;

  /* ---- Loading index parts ---- */

  var loaded = {};
  var waiting = {};

  window.searchData = function (name, data) {
    loaded[name] = data;
  };

  function load(name, optional) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    if (!waiting[name]) {
      waiting[name] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = INDEX + name + ".js";
        element.onload = function () {
          resolve(loaded[name]);
        };
        element.onerror = function () {
          if (optional) {
            loaded[name] = null;
            resolve(null);
          } else {
            reject(new Error("missing index part " + name));
          }
        };
        document.head.appendChild(element);
      });
    }
    return waiting[name];
  }

  /* ---- Words: the rules of plugins/search/analysis.py ---- */

  var MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff";
  var WORD = new RegExp("[\\p{L}\\p{N}_" + MARKS + "\u1000-\u109f\u1780-\u17ff]+", "gu");
  var FOLDED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670]/g;

  function words(text) {
    return (text.match(WORD) || []).map(function (word) {
      return word.toLowerCase();
    });
  }

  function key(word) {
    return word.toLowerCase().normalize("NFKD").replace(FOLDED_MARKS, "").normalize("NFC");
  }

  function wordEntry(word) {
    var k = key(word);
    return load("w/" + k.codePointAt(0).toString(16), true).then(function (table) {
      return table && Object.prototype.hasOwnProperty.call(table, k) ? table[k] : null;
    });
  }

  /* ---- The query language: plugins/search/query.py ---- */

  var TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

  function parse(text) {
    var query = { clauses: [], excluded: [] };
    var joined = false;
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text))) {
      var minus = match[1], phrase = match[2], bare = match[3], item;
      if (bare === "OR") {
        joined = query.clauses.length > 0;
        continue;
      }
      if (bare !== undefined) {
        minus = "";
        if (bare.charAt(0) === "-" && bare.length > 1) {
          minus = "-";
          bare = bare.slice(1);
        }
        item = bareItem(bare);
      } else {
        item = { text: phrase.split(/\s+/).filter(Boolean).join(" "), phrase: true, prefix: false };
      }
      if (!item || !item.text) continue;
      if (minus) query.excluded.push(item);
      else if (joined) query.clauses[query.clauses.length - 1].push(item);
      else query.clauses.push([item]);
      joined = false;
    }
    return query;
  }

  function bareItem(token) {
    var prefix = /\*$/.test(token);
    var text = token.replace(/\*+$/, "").replace(/^[.,;:!?()[\]{}'"«»“”]+|[.,;:!?()[\]{}'"«»“”]+$/g, "");
    if (!text) return null;
    return { text: text, phrase: false, prefix: prefix && text.length >= MIN_PREFIX };
  }

  function prefixOf(item) {
    var found = words(item.text);
    return item.prefix && found.length === 1 ? key(found[0]) : null;
  }

  /* ---- The index ---- */

  var index = null;

  function partOf(term, parts) {
    var low = 0, high = parts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (parts[middle] <= term) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  function termData(term) {
    return load("t/" + partOf(term, index.parts)).then(function (part) {
      return part[term] || null;
    });
  }

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  /* The numbers of a string written by export.encode. */
  function decode(text) {
    var numbers = [], number = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGITS.indexOf(text.charAt(i));
      if (digit >= 32) {
        number += (digit - 32) * Math.pow(2, shift);
        shift += 5;
      } else {
        numbers.push(number + digit * Math.pow(2, shift));
        number = 0;
        shift = 0;
      }
    }
    return numbers;
  }

  /* Decoded postings, kept per term entry: scores, prefixes and best pages all read them. */
  var decoded = new WeakMap();

  function postings(data, field) {
    if (!data) return new Map();
    var fields = decoded.get(data);
    if (!fields) decoded.set(data, (fields = {}));
    if (!fields[field]) fields[field] = decodePostings(data[field] || "");
    return fields[field];
  }

  function decodePostings(text) {
    /* [doc gap, frequency, ...] -> Map doc -> frequency */
    var list = decode(text), found = new Map(), doc = 0;
    for (var i = 0; i < list.length; i += 2) {
      doc += list[i];
      found.set(doc, list[i + 1]);
    }
    return found;
  }

  function idf(df) {
    return Math.log(index.count / (df + 1)) + 1;
  }

  function fieldLength(doc, name) {
    return index.docs[doc][1 + ["title", "abstract", "text"].indexOf(name)];
  }

  function bm25(field, name, df, tf, doc) {
    var fl = fieldLength(doc, name), avg = index.average[field], K1 = index.K1, B = index.B;
    return idf(df) * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * fl) / avg)));
  }

  /* A term in a field: Map doc -> score (times the field's boost). */
  function termScores(data, lang, name) {
    var field = name + "_" + lang, found = postings(data, field), scores = new Map();
    var boost = index.boosts[name];
    found.forEach(function (tf, doc) {
      scores.set(doc, boost * bm25(field, name, found.size, tf, doc));
    });
    return scores;
  }

  function addInto(total, scores) {
    scores.forEach(function (score, doc) {
      total.set(doc, (total.get(doc) || 0) + score);
    });
  }

  /* A phrase in a field: the docs where its terms follow each other, scored as the sum of its
     terms (Whoosh's phrase matcher). */
  function phraseScores(terms, datas, lang, name) {
    var field = name + "_" + lang, scores = new Map();
    var lists = datas.map(function (data) {
      return postings(data, field);
    });
    if (lists.some(function (list) { return list.size === 0; })) return Promise.resolve(scores);
    var candidates = Array.from(lists[0].keys()).filter(function (doc) {
      return lists.every(function (list) { return list.has(doc); });
    });
    if (!candidates.length) return Promise.resolve(scores);
    return load("x/parts").then(function (parts) {
      return Promise.all(terms.map(function (term) {
        return load("x/" + partOf(term, parts)).then(function (part) {
          return positionsOf(decode(part[term][field]));
        });
      }));
    }).then(function (positions) {
      candidates.forEach(function (doc) {
        if (!follows(positions.map(function (p) { return p.get(doc); }))) return;
        var score = 0;
        lists.forEach(function (list) {
          score += bm25(field, name, list.size, list.get(doc), doc);
        });
        scores.set(doc, index.boosts[name] * score);
      });
      return scores;
    });
  }

  function positionsOf(list) {
    /* [doc gap, count, position gaps...] -> Map doc -> Set of positions */
    var found = new Map(), doc = 0, i = 0;
    while (i < list.length) {
      doc += list[i];
      var count = list[i + 1], at = 0, set = new Set();
      for (var j = 0; j < count; j++) {
        at += list[i + 2 + j];
        set.add(at);
      }
      found.set(doc, set);
      i += 2 + count;
    }
    return found;
  }

  function follows(sets) {
    var first = sets[0];
    for (var start of first) {
      var ok = true;
      for (var k = 1; k < sets.length && ok; k++) ok = sets[k].has(start + k);
      if (ok) return true;
    }
    return false;
  }

  /* The terms of an item in one language (several make a phrase), from the library's words. */
  function itemTerms(item, lang, entries) {
    var languageIndex = index.languages.indexOf(lang), terms = [];
    words(item.text).forEach(function (word) {
      var entry = entries[key(word)];
      if (entry) terms = terms.concat(entry[1 + languageIndex]);
    });
    return terms;
  }

  function expandPrefix(prefix, lang, name) {
    var field = name + "_" + lang;
    var first = partOf(prefix, index.parts), last = partOf(prefix + "\uffff", index.parts);
    var loads = [];
    for (var n = first; n <= last; n++) loads.push(load("t/" + n));
    return Promise.all(loads).then(function (parts) {
      var found = [];
      parts.forEach(function (part) {
        Object.keys(part).forEach(function (term) {
          if (term.lastIndexOf(prefix, 0) === 0 && part[term][field]) {
            found.push([postings(part[term], field).size, term, part[term]]);
          }
        });
      });
      found.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      return found.slice(0, PREFIX_TERMS);
    });
  }

  /* An item, in every language searched and every field: Map doc -> summed score. */
  function itemScores(item, languages, entries, used) {
    var total = new Map(), jobs = [];
    var prefix = prefixOf(item);
    languages.forEach(function (lang) {
      ["title", "abstract", "text"].forEach(function (name) {
        if (prefix) {
          jobs.push(expandPrefix(prefix, lang, name).then(function (found) {
            found.forEach(function (f) {
              used.push([lang, f[1], f[2]]);
              addInto(total, termScores(f[2], lang, name));
            });
          }));
          return;
        }
        var terms = itemTerms(item, lang, entries);
        if (!terms.length) return;
        jobs.push(Promise.all(terms.map(termData)).then(function (datas) {
          terms.forEach(function (term, i) { used.push([lang, term, datas[i]]); });
          if (terms.length === 1) return addInto(total, termScores(datas[0], lang, name));
          return phraseScores(terms, datas, lang, name).then(function (scores) {
            addInto(total, scores);
          });
        }));
      });
    });
    return Promise.all(jobs).then(function () {
      return jobs.length ? total : null;
    });
  }

  function run(state) {
    var query = parse(state.q);
    var filters = state.filters;
    var languages = index.languages.filter(function (lang) {
      return !filters.lang.length || filters.lang.indexOf(lang) >= 0;
    });
    var allItems = [].concat.apply([], query.clauses).concat(query.excluded);
    var entries = {};
    return Promise.all(allItems.map(function (item) {
      return Promise.all(words(item.text).map(function (word) {
        return wordEntry(word).then(function (entry) { entries[key(word)] = entry; });
      }));
    })).then(function () {
      var used = [];
      var clauses = query.clauses.map(function (clause) {
        return Promise.all(clause.map(function (item) {
          return itemScores(item, languages, entries, used);
        })).then(function (scored) {
          scored = scored.filter(Boolean);
          if (!scored.length) return null;
          var union = new Map();
          scored.forEach(function (scores) { addInto(union, scores); });
          return union;
        });
      });
      var excluded = query.excluded.map(function (item) {
        return itemScores(item, languages, entries, []);
      });
      return Promise.all([Promise.all(clauses), Promise.all(excluded)]).then(function (both) {
        return rank(query, both[0].filter(Boolean), both[1].filter(Boolean), filters, state.sort, entries, used);
      });
    });
  }

  function rank(query, clauses, excluded, filters, sort, entries, used) {
    var empty = !query.clauses.length;
    var unknown = unknownWords(query, entries);
    if (!empty && !clauses.length) return { all: [], unknown: unknown, common: !unknown.length };
    var scores;
    if (empty) {
      scores = new Map();
      index.docs.forEach(function (doc, n) { scores.set(n, 1); });
    } else {
      scores = clauses[0];
      clauses.slice(1).forEach(function (clause) {
        var both = new Map();
        scores.forEach(function (score, doc) {
          if (clause.has(doc)) both.set(doc, score + clause.get(doc));
        });
        scores = both;
      });
    }
    excluded.forEach(function (out) {
      out.forEach(function (score, doc) { scores.delete(doc); });
    });
    var all = [];
    scores.forEach(function (score, doc) {
      if (passes(doc, filters)) all.push([score, doc]);
    });
    if (sort === "date" || empty) {
      all.sort(function (a, b) {
        var da = index.docs[a[1]][0], db = index.docs[b[1]][0];
        return da < db ? 1 : da > db ? -1 : b[0] - a[0] || a[1] - b[1];
      });
    } else {
      all.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    }
    return { all: all, unknown: all.length ? [] : unknown, used: used };
  }

  function facetValues(doc, facet) {
    var row = index.docs[doc], at = 4 + index.facets.indexOf(facet);
    return row[at].map(function (n) { return index.values[facet][n]; });
  }

  function passes(doc, filters) {
    return FACETS.every(function (facet) {
      var wanted = filters[facet];
      if (!wanted.length) return true;
      var values = facetValues(doc, facet);
      return wanted.some(function (value) { return values.indexOf(value) >= 0; });
    });
  }

  function unknownWords(query, entries) {
    var found = [];
    [].concat.apply([], query.clauses).forEach(function (item) {
      if (prefixOf(item)) return;
      words(item.text).forEach(function (word) {
        if (!entries[key(word)]) found.push(word);
      });
    });
    return found;
  }

  /* ---- Did you mean: engine.suggest ---- */

  function editDistance(a, b) {
    var previous2 = null, previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, previous2[j - 2] + 1);
        current.push(cost);
      }
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function suggest(word) {
    var k = key(word);
    return load("w/" + k.codePointAt(0).toString(16), true).then(function (table) {
      var found = [];
      Object.keys(table || {}).forEach(function (candidate) {
        if (candidate === k || Math.abs(candidate.length - k.length) > 2) return;
        var distance = editDistance(k, candidate);
        if (distance <= 2) found.push([distance, -table[candidate][0], candidate]);
      });
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
      return found.slice(0, 3).map(function (f) { return f[2]; });
    });
  }

  /* ---- Pages and snippets ---- */

  function bestPages(doc, used) {
    var lang = index.values.lang[index.docs[doc][4 + index.facets.indexOf("lang")][0]];
    var field = "text_" + lang + "~", totals = new Map(), seen = {};
    used.forEach(function (u) {
      if (u[0] !== lang || !u[2] || seen[u[1]]) return;
      seen[u[1]] = true;
      var list = postings(u[2], "text_" + lang), ordinal = -1, n = 0;
      list.forEach(function (tf, d) { if (d === doc) ordinal = n; n++; });
      if (ordinal < 0) return;
      var pages = decode(u[2][field]), group = 0, i = 0;
      while (group < ordinal) { if (pages[i] === 0) group++; i++; }
      for (; pages[i] !== 0; i += 2) totals.set(pages[i], (totals.get(pages[i]) || 0) + pages[i + 1]);
    });
    return Array.from(totals.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .slice(0, TOP_PAGES).map(function (p) { return p[0]; });
  }

  function snippet(text, stems, keys) {
    var tokens = text.split(/(\s+)/), hits = [];
    tokens.forEach(function (token, i) {
      var found = words(token).some(function (word) {
        var k = key(word);
        return keys.indexOf(k) >= 0 || stems.some(function (stem) { return stem.length > 2 && k.lastIndexOf(stem, 0) === 0; });
      });
      if (found) hits.push(i);
    });
    var centre = hits.length ? hits[0] : 0;
    var start = Math.max(0, centre - 24), end = Math.min(tokens.length, centre + 50);
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (hits.indexOf(i) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = tokens[i];
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(tokens[i]));
      }
    }
    if (end < tokens.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  /* ---- The page ---- */

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var sortSelect = document.getElementById("search-sort");
  var status = document.getElementById("search-status");
  var suggestion = document.getElementById("search-suggestion");
  var results = document.getElementById("results");
  var facetsBox = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  var generation = 0;

  function readState() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (facet) { filters[facet] = params.getAll(facet); });
    return { q: params.get("q") || "", sort: params.get("sort") === "date" ? "date" : "relevance", filters: filters };
  }

  function writeState(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort === "date") params.set("sort", "date");
    FACETS.forEach(function (facet) {
      state.filters[facet].forEach(function (value) { params.append(facet, value); });
    });
    var url = location.pathname + (params.toString() ? "?" + params.toString() : "");
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
    state.q = input.value;
    if (!sortSelect.disabled) state.sort = sortSelect.value;
    return state;
  }

  /* Without words there is no relevance: results come newest first, and the choice waits. */
  function showSort(state) {
    var blank = !state.q.trim();
    sortSelect.disabled = blank;
    sortSelect.value = blank ? "date" : state.sort;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  /* 2023, 2023-05 or 2023-05-10, as precise as the editor wrote it, in the page's language. */
  function formatDate(text) {
    var parts = text.split("-").map(Number);
    if (parts.length === 1) return text;
    var options = { year: "numeric", month: "long", timeZone: "UTC" };
    if (parts.length === 3) options.day = "numeric";
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] || 1));
    return new Intl.DateTimeFormat(UI_LANG, options).format(date);
  }

  function plural(count) {
    var form = new Intl.PluralRules(UI_LANG).select(count) === "one" ? "results_one" : "results_other";
    return format(TEXT[form], { num: count.toLocaleString(UI_LANG) });
  }

  function show(state, live) {
    var mine = ++generation;
    showSort(state);
    var query = state.q;
    if (live && /[^\s"*]$/.test(query) && !/"[^"]*$/.test(query)) {
      var last = query.match(/(\S+)$/)[1];
      if (last.replace(/^-/, "").length >= MIN_PREFIX && last !== "OR") query += "*";
    }
    status.textContent = TEXT.searching;
    results.setAttribute("aria-busy", "true");
    return run({ q: query, sort: state.sort, filters: state.filters }).then(function (found) {
      if (mine !== generation) return;
      return Promise.resolve(render(state, found)).then(function () {
        if (mine === generation) results.setAttribute("aria-busy", "false");
      });
    }).catch(function (error) {
      if (mine !== generation) return;
      status.textContent = TEXT.failed;
      results.setAttribute("aria-busy", "false");
      throw error;
    });
  }

  function render(state, found) {
    results.textContent = "";
    more.hidden = true;
    suggestion.hidden = true;
    suggestion.textContent = "";
    renderFacets(state, found.all || []);
    if (!state.q.trim() && !FACETS.some(function (f) { return state.filters[f].length; })) {
      status.textContent = TEXT.empty;
      return;
    }
    if (!found.all || !found.all.length) {
      status.textContent = found.common ? TEXT.common : format(TEXT.nothing, { query: "“" + state.q + "”" });
      if (found.unknown && found.unknown.length) return renderSuggestions(state, found.unknown);
      return;
    }
    status.textContent = plural(found.all.length);
    return showHits(found, state, 0);
  }

  /* Results from rank `start` on, SHOWN at a time, with a button for the next ones. */
  function showHits(found, state, start) {
    var query = parse(state.q);
    more.hidden = found.all.length <= start + SHOWN;
    more.onclick = function () {
      results.setAttribute("aria-busy", "true");
      showHits(found, state, start + SHOWN).then(function () {
        results.setAttribute("aria-busy", "false");
        var next = results.children[start + SHOWN];
        if (next) next.querySelector("a").focus();
      });
    };
    return Promise.all(found.all.slice(start, start + SHOWN).map(function (hit) {
      var item = document.createElement("li");
      item.className = "result";
      results.appendChild(item);
      return fillResult(item, hit[1], found.used || [], query);
    }));
  }

  function renderSuggestions(state, unknown) {
    return Promise.all(unknown.map(suggest)).then(function (lists) {
      var q = state.q, any = false;
      unknown.forEach(function (word, i) {
        if (lists[i].length) {
          any = true;
          q = q.replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), lists[i][0]);
        }
      });
      if (!any) return;
      suggestion.appendChild(document.createTextNode(TEXT.did_you_mean + " "));
      var link = document.createElement("a");
      var next = { q: q, sort: state.sort, filters: state.filters };
      link.href = "?" + new URLSearchParams({ q: q }).toString();
      link.textContent = q;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = q;
        writeState(next, true);
        show(next, false);
      });
      suggestion.appendChild(link);
      suggestion.hidden = false;
    });
  }

  function fillResult(item, doc, used, query) {
    return load("d/" + doc).then(function (details) {
      var heading = document.createElement("h3");
      var link = document.createElement("a");
      link.href = PAGES + details.url;
      link.textContent = details.title;
      heading.lang = details.lang;
      if (details.dir === "rtl") heading.dir = "rtl";
      heading.appendChild(link);
      item.appendChild(heading);
      var facts = document.createElement("p");
      facts.className = "publication-facts";
      facts.textContent = [TEXT.values.type[details.type] || details.type, formatDate(details.date),
        TEXT.values.lang[details.lang] || details.lang].join(" · ");
      item.appendChild(facts);
      var pages = bestPages(doc, used);
      if (!pages.length) return;
      var page = pages[0];
      var group = Math.floor((page - 1) / details.per);
      return load("d/" + doc + "/" + group, true).then(function (texts) {
        var text = texts && texts[(page - 1) % details.per];
        if (text) {
          var quote = document.createElement("p");
          quote.className = "snippet";
          quote.lang = details.lang;
          if (details.dir === "rtl") quote.dir = "rtl";
          var label = document.createElement("span");
          label.className = "snippet-page";
          label.textContent = format(TEXT.page, { page: page }) + ": ";
          quote.appendChild(label);
          var stems = used.filter(function (u) { return u[0] === details.lang; }).map(function (u) { return u[1]; });
          var keys = [].concat.apply([], query.clauses).map(function (it) { return words(it.text).map(key); });
          quote.appendChild(snippet(text, stems, [].concat.apply([], keys)));
          item.appendChild(quote);
        }
        var open = document.createElement("a");
        open.className = "open-at-page";
        open.href = FILES + details.pdf + "#page=" + page;
        open.textContent = format(TEXT.open_at_page, { page: page });
        var line = document.createElement("p");
        line.appendChild(open);
        item.appendChild(line);
      });
    });
  }

  function renderFacets(state, all) {
    facetsBox.textContent = "";
    FACETS.forEach(function (facet) {
      var counts = new Map();
      all.forEach(function (hit) {
        facetValues(hit[1], facet).forEach(function (value) { counts.set(value, (counts.get(value) || 0) + 1); });
      });
      var chosen = state.filters[facet];
      var values = Object.keys(TEXT.values[facet] || {}).filter(function (value) {
        return counts.has(value) || chosen.indexOf(value) >= 0;
      });
      if (!values.length) return;
      var group = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = TEXT.facets[facet];
      group.appendChild(legend);
      values.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = facet;
        box.value = value;
        box.checked = chosen.indexOf(value) >= 0;
        box.addEventListener("change", onFacet);
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + TEXT.values[facet][value] + " "));
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = (counts.get(value) || 0).toLocaleString(UI_LANG);
        label.appendChild(count);
        group.appendChild(label);
      });
      facetsBox.appendChild(group);
    });
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

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var state = currentState();
      writeState(state, false);
      show(state, true);
    }, 120);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    var state = currentState();
    writeState(state, true);
    show(state, false);
  });

  sortSelect.addEventListener("change", function () {
    var state = currentState();
    writeState(state, true);
    show(state, false);
  });

  window.addEventListener("popstate", function () {
    var state = readState();
    keepSearchAcrossLanguages();
    input.value = state.q;
    show(state, false);
  });

  load("index").then(function (data) {
    index = data;
    var state = readState();
    input.value = state.q;
    keepSearchAcrossLanguages();
    return show(state, false);
  }).catch(function () {
    status.textContent = TEXT.failed;
  });
})();
