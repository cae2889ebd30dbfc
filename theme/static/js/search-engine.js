/* The library's search engine in the browser: no page, only the index.
 *
 * It follows the reference engine (plugins/search/) step by step: query.py's parse and
 * analysis, words.py's table, analysis.py's chain, engine.py's matching and ranks. Every
 * constant it needs (fields and boosts, BM25F's K1 and B, facets, the query language, the
 * word pattern, "did you mean") comes by name from search/index.js, which the build writes
 * from plugins/search/contract.py. Stemmers are Snowball's own JavaScript, from the same
 * Snowball release as the Python stemmers that made the index.
 *
 *   var engine = SearchEngine(SearchEngine.scriptLoader("search/"));
 *   engine.ready().then(function () { return engine.search({q: "child marriage"}); })
 *
 * The index is a set of plain .js files, each calling searchData(name, data), loaded by
 * <script> elements: that works from a web server and from file:// alike.
 */
(function (global) {
  "use strict";

  var LAST = "\u{10ffff}"; /* after every key that starts with a given prefix */

  function SearchEngine(load) {
    var index = null, C = null;
    var WORD, WORD_AT_END, FOLDED, NO_SPACES, TOKEN, SPACES, PUNCTUATION;
    var languages = {}; /* lang -> {stop: Set, stem: function, known: Map} once loaded */
    var loading = {}; /* lang -> the promise of its loading */

    function ready() {
      return load("index").then(function (data) {
        C = data.contract;
        /* A copy: the data loaded stays as it came, for every engine of the page. */
        index = Object.assign({}, data, { docs: unpack(data.docs, data.count) });
        var word = "[\\p{L}\\p{N}_" + C.word_marks + "]";
        WORD = new RegExp(word + "+", "gu");
        WORD_AT_END = new RegExp(word + "$", "u");
        FOLDED = new RegExp("[" + C.folded_marks + "]", "gu");
        NO_SPACES = new RegExp("^[" + C.no_spaces + "]", "u");
        TOKEN = new RegExp(C.query_token, "g");
        SPACES = new RegExp("[" + C.query_spaces + "]+", "g");
        var marks = escapeClass(C.query_punctuation);
        PUNCTUATION = new RegExp("^[" + marks + "]+|[" + marks + "]+$", "g");
        return engine;
      });
    }

    /* The documents' columns as export._meta writes them: encoded numbers. */
    function unpack(docs, count) {
      var found = { date: decode(docs.date), publication: decode(docs.publication), per: decode(docs.per),
        lengths: {}, facets: {} };
      Object.keys(docs.lengths).forEach(function (name) { found.lengths[name] = decode(docs.lengths[name]); });
      Object.keys(docs.facets).forEach(function (name) {
        var numbers = decode(docs.facets[name]), column = [], at = 0;
        for (var doc = 0; doc < count; doc++) {
          column.push(numbers.slice(at + 1, at + 1 + numbers[at]));
          at += 1 + numbers[at];
        }
        found.facets[name] = column;
      });
      return found;
    }

    /* ---- Text: analysis.py ---- */

    function fold(word) {
      return word.normalize("NFKD").replace(FOLDED, "").normalize("NFC");
    }

    function key(word) {
      return fold(word.toLowerCase());
    }

    function words(text) {
      return (text.match(WORD) || []).map(function (w) { return w.toLowerCase(); });
    }

    function pieces(word) {
      var chars = Array.from(word);
      if (chars.length < 3 || !NO_SPACES.test(word)) return [word];
      var pairs = [];
      for (var i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
      return pairs;
    }

    /* A language's stop words and stemmer, loaded once. */
    function language(lang) {
      if (!loading[lang]) {
        loading[lang] = load("lang/" + lang).then(function (data) {
          var stemmer = data.stemmer;
          var loads = stemmer ? [load.script("stem/base"), load.script(stemmer.file)] : [];
          return Promise.all(loads).then(function () {
            var instance = stemmer ? new global[stemmer["class"]]() : null;
            languages[lang] = {
              stop: new Set(data.stopwords),
              stem: instance ? function (w) { return instance.stemWord(w); } : function (w) { return w; },
              known: new Map(),
            };
          });
        });
      }
      return loading[lang];
    }

    /* The terms of a text in a loaded language. */
    function terms(lang, text) {
      var found = [];
      (text.match(WORD) || []).forEach(function (word) {
        found = found.concat(wordTerms(languages[lang], word));
      });
      return found;
    }

    function wordTerms(analysis, word) {
      var known = analysis.known.get(word);
      if (known) return known;
      known = pieces(word.toLowerCase()).filter(function (piece) {
        return Array.from(piece).length >= C.min_term_length && !analysis.stop.has(piece);
      }).map(function (piece) {
        /* analysis._beyond_bmp: Snowball's JS counts such a character as two; kept whole. */
        return fold(/[\uD800-\uDFFF]/.test(piece) ? piece : analysis.stem(piece));
      });
      analysis.known.set(word, known);
      return known;
    }

    /* ---- The library's words: words.py ---- */

    function compare(a, b) {
      /* By code points, as Python compares strings. */
      if (a === b) return 0;
      var n = Math.min(a.length, b.length), i = 0;
      while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
      if (i === n) return a.length - b.length;
      return a.codePointAt(i) - b.codePointAt(i);
    }

    function partOf(entry, firsts) {
      var low = 0, high = firsts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (compare(firsts[middle], entry) <= 0) low = middle;
        else high = middle - 1;
      }
      return low;
    }

    /* The word parts that hold the keys from `first` to `last`, merged. */
    function wordRange(first, last) {
      var loads = [];
      for (var n = partOf(first, index.words); n <= partOf(last, index.words); n++) loads.push(load("w/" + n));
      return Promise.all(loads).then(function (parts) {
        return Object.assign.apply(null, [{}].concat(parts));
      });
    }

    function Words() {
      this.table = {};
    }

    Words.prototype.lookUp = function (list) {
      var self = this;
      return Promise.all(list.map(function (word) {
        var k = key(word);
        return load("w/" + partOf(k, index.words)).then(function (part) {
          if (Object.prototype.hasOwnProperty.call(part, k)) self.table[k] = part[k];
        });
      }));
    };

    Words.prototype.has = function (word) {
      return Object.prototype.hasOwnProperty.call(this.table, key(word));
    };

    Words.prototype.form = function (word) {
      var k = key(word), entry = this.table[k];
      if (!this.has(word)) return word;
      return entry.length > 1 ? entry[1] : k;
    };

    function formOf(table, k) {
      return table[k].length > 1 ? table[k][1] : k;
    }

    function completions(prefix) {
      return wordRange(prefix, prefix + LAST).then(function (table) {
        var keys = Object.keys(table).filter(function (k) { return k.lastIndexOf(prefix, 0) === 0; });
        keys.sort(function (a, b) { return table[b][0] - table[a][0] || compare(a, b); });
        return keys.slice(0, C.prefix_words).map(function (k) { return formOf(table, k); });
      });
    }

    /* words.Words.suggest: the most used words that start with it, then the closest. */
    function suggest(word) {
      var wanted = Array.from(key(word)), rules = C.suggestions, first = wanted[0];
      var starting = wanted.length >= C.min_prefix ? completions(wanted.join("")) : Promise.resolve([]);
      return Promise.all([starting, wordRange(first, first + LAST)]).then(function (both) {
        var table = both[1], close = [];
        Object.keys(table).forEach(function (candidate) {
          var letters = Array.from(candidate);
          if (letters[0] !== first || candidate === wanted.join("")) return;
          if (Math.abs(letters.length - wanted.length) > rules.max_length_difference) return;
          var distance = editDistance(wanted, letters);
          if (distance <= rules.max_edits) close.push([distance, -table[candidate][0], candidate]);
        });
        close.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || compare(a[2], b[2]); });
        var found = both[0].concat(close.map(function (c) { return formOf(table, c[2]); }));
        return found.filter(function (w, n) { return found.indexOf(w) === n; }).slice(0, rules.limit);
      });
    }

    /* Levenshtein distance with transpositions of neighbours, on arrays of code points. */
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

    /* ---- The query language: query.py ---- */

    function parse(text, live) {
      var query = { clauses: [], excluded: [] }, joined = false, tokens = [], match;
      TOKEN.lastIndex = 0;
      while ((match = TOKEN.exec(text))) tokens.push(match);
      tokens.forEach(function (match, n) {
        var minus = match[1], phrase = match[2], bare = match[3], item;
        if (bare === C.query_or) {
          joined = query.clauses.length > 0;
          return;
        }
        if (bare !== undefined) {
          minus = "";
          if (bare.charAt(0) === "-" && bare.length > 1) {
            minus = "-";
            bare = bare.slice(1);
          }
          var typing = live && n === tokens.length - 1 && WORD_AT_END.test(text);
          item = wordItem(bare, typing);
        } else {
          item = { text: phrase.split(SPACES).filter(Boolean).join(" "), phrase: true, prefix: false };
        }
        if (!item || !words(item.text).length) return; /* punctuation, a lone quote, an emoji */
        if (minus) query.excluded.push(item);
        else if (joined) query.clauses[query.clauses.length - 1].push(item);
        else query.clauses.push([item]);
        joined = false;
      });
      return query;
    }

    function wordItem(token, typing) {
      var stars = token.length - token.replace(/\*+$/, "").length;
      var prefix = stars > 0 || typing;
      var text = token.slice(0, token.length - stars).replace(PUNCTUATION, "");
      var long = Array.from(text).length >= C.min_prefix;
      if (!text || (typing && !long)) return null;
      return { text: text, phrase: false, prefix: prefix && long };
    }

    function prefixOf(item) {
      var found = words(item.text);
      return item.prefix && found.length === 1 ? key(found[0]) : null;
    }

    function allItems(query) {
      return [].concat.apply([], query.clauses);
    }

    /* Each item's alternatives in each language: query.alternatives. */
    function analyse(query, langs, table) {
      var items = allItems(query).concat(query.excluded);
      var wanted = [];
      items.forEach(function (item) { wanted = wanted.concat(words(item.text)); });
      var expansions = items.map(function (item) {
        var prefix = prefixOf(item);
        return prefix ? completions(prefix) : Promise.resolve([]);
      });
      var analyses = items.length ? langs.map(language) : []; /* browsing by facets needs none */
      return Promise.all([table.lookUp(wanted), Promise.all(expansions), Promise.all(analyses)])
        .then(function (loaded) {
          items.forEach(function (item, n) {
            item.terms = {};
            langs.forEach(function (lang) {
              var whole = [];
              words(item.text).forEach(function (word) { whole = whole.concat(terms(lang, table.form(word))); });
              var found = [whole].concat(loaded[1][n].map(function (word) { return terms(lang, word); }));
              var seen = new Set();
              item.terms[lang] = found.filter(function (alternative) {
                var id = alternative.join(" ");
                if (!alternative.length || seen.has(id)) return false;
                seen.add(id);
                return true;
              });
            });
          });
          return query;
        });
    }

    function unknownWords(query, table) {
      var found = [];
      allItems(query).forEach(function (item) {
        if (prefixOf(item)) return;
        words(item.text).forEach(function (word) {
          if (!table.has(word) && found.indexOf(word) < 0) found.push(word);
        });
      });
      return found;
    }

    function corrected(text, replacements) {
      return text.replace(WORD, function (word) {
        var lower = word.toLowerCase();
        return Object.prototype.hasOwnProperty.call(replacements, lower) ? replacements[lower] : word;
      });
    }

    /* ---- Terms and scores: engine.py, with Whoosh's BM25F ---- */

    function termData(term) {
      return load("t/" + partOf(term, index.terms)).then(function (part) {
        return Object.prototype.hasOwnProperty.call(part, term) ? part[term] : null;
      });
    }

    /* The numbers of a string written by export.encode. */
    function decode(text) {
      var numbers = [], number = 0, shift = 0;
      for (var i = 0; i < text.length; i++) {
        var digit = C.digits.indexOf(text.charAt(i));
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

    /* Decoded postings, kept per term entry: scores and best pages both read them. */
    var decoded = new WeakMap();

    function postings(data, field) {
      if (!data) return new Map();
      var fields = decoded.get(data);
      if (!fields) decoded.set(data, (fields = {}));
      if (!fields[field]) {
        var list = decode(data[field] || ""), found = new Map(), doc = 0;
        for (var i = 0; i < list.length; i += 2) {
          doc += list[i];
          found.set(doc, list[i + 1]);
        }
        fields[field] = found;
      }
      return fields[field];
    }

    function bm25(name, lang, df, tf, doc) {
      var fl = index.docs.lengths[name][doc], avg = index.average[name + "_" + lang];
      var idf = Math.log(index.count / (df + 1)) + 1;
      return idf * ((tf * (C.K1 + 1)) / (tf + C.K1 * ((1 - C.B) + (C.B * fl) / avg)));
    }

    /* An alternative (a term, or a phrase) in one field: Map doc -> score times the boost. */
    function alternativeScores(alternative, datas, lang, field) {
      var fieldname = field.name + "_" + lang;
      var lists = datas.map(function (data) { return postings(data, fieldname); });
      var scores = new Map();
      if (lists.some(function (list) { return list.size === 0; })) return Promise.resolve(scores);
      var candidates = Array.from(lists[0].keys()).filter(function (doc) {
        return lists.every(function (list) { return list.has(doc); });
      });
      var score = function (doc) {
        var total = 0;
        lists.forEach(function (list) { total += bm25(field.name, lang, list.size, list.get(doc), doc); });
        scores.set(doc, field.boost * total);
      };
      if (alternative.length === 1) {
        candidates.forEach(score);
        return Promise.resolve(scores);
      }
      var common = lists.map(function (list) {
        var occurrences = 0;
        list.forEach(function (tf) { occurrences += tf; });
        return occurrences >= index.common_occurrences;
      });
      return phraseParts(alternative, common, fieldname).then(function (parts) {
        candidates.forEach(function (doc) {
          if (follows(parts, doc)) score(doc);
        });
        return scores;
      });
    }

    /* What shows where a phrase is: for each pair of neighbours with a common term, where the
     * pair is; for each other term, where it is; each with its place in the phrase (export.py:
     * a common term's own positions are not written). */
    function phraseParts(alternative, common, fieldname) {
      var wanted = [], covered = [];
      for (var i = 0; i + 1 < alternative.length; i++) {
        if (common[i] || common[i + 1]) {
          wanted.push({ key: alternative[i] + " " + alternative[i + 1], offset: i });
          covered[i] = covered[i + 1] = true;
        }
      }
      alternative.forEach(function (term, i) {
        if (!covered[i]) wanted.push({ key: term, offset: i });
      });
      return Promise.all(wanted.map(function (part) {
        return load("x/" + bucket(part.key, index.positions_parts)).then(function (data) {
          var entry = data && data[part.key];
          return { at: positionsOf(decode((entry && entry[fieldname]) || "")), offset: part.offset };
        });
      }));
    }

    /* The part of positions that holds a key: export.bucket, the 32-bit FNV-1a hash of the
     * key's UTF-8 bytes, modulo the number of parts. */
    function bucket(key, count) {
      var value = 0x811c9dc5;
      new TextEncoder().encode(key).forEach(function (byte) {
        value = Math.imul(value ^ byte, 0x01000193) >>> 0;
      });
      return value % count;
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

    /* Whether the phrase is in `doc`: a place where each part is at its offset from it. */
    function follows(parts, doc) {
      var sets = parts.map(function (part) { return part.at.get(doc); });
      if (sets.some(function (set) { return !set; })) return false;
      for (var start of sets[0]) {
        var origin = start - parts[0].offset, all = true;
        for (var k = 1; k < sets.length && all; k++) all = sets[k].has(origin + parts[k].offset);
        if (all) return true;
      }
      return false;
    }

    function addInto(total, scores) {
      scores.forEach(function (score, doc) { total.set(doc, (total.get(doc) || 0) + score); });
    }

    /* Items in one language, every alternative in every field: Map doc -> summed score. */
    function itemsScores(items, lang, data) {
      var jobs = [];
      items.forEach(function (item) {
        item.terms[lang].forEach(function (alternative) {
          var datas = alternative.map(function (term) { return data.get(term); });
          C.fields.forEach(function (field) {
            jobs.push(alternativeScores(alternative, datas, lang, field));
          });
        });
      });
      return Promise.all(jobs).then(function (all) {
        var total = new Map();
        all.forEach(function (scores) { addInto(total, scores); });
        return { scores: total, any: jobs.length > 0 };
      });
    }

    /* engine.whoosh_query: in each language, every clause that has terms there. */
    function matching(query, langs, data) {
      if (!query.clauses.length) {
        var all = new Map();
        index.docs.date.forEach(function (date, doc) { all.set(doc, 1); });
        return Promise.resolve(all);
      }
      return Promise.all(langs.map(function (lang) {
        return Promise.all(query.clauses.map(function (clause) {
          return itemsScores(clause, lang, data);
        })).then(function (clauses) {
          clauses = clauses.filter(function (c) { return c.any; });
          if (!clauses.length) return null;
          var scores = clauses[0].scores;
          clauses.slice(1).forEach(function (clause) {
            var both = new Map();
            scores.forEach(function (score, doc) {
              if (clause.scores.has(doc)) both.set(doc, score + clause.scores.get(doc));
            });
            scores = both;
          });
          return scores;
        });
      })).then(function (perLanguage) {
        perLanguage = perLanguage.filter(Boolean);
        if (!perLanguage.length) return null;
        var union = new Map();
        perLanguage.forEach(function (scores) { addInto(union, scores); });
        return union;
      });
    }

    function excludedDocs(query, langs, data) {
      return Promise.all(langs.map(function (lang) {
        return itemsScores(query.excluded, lang, data);
      })).then(function (all) {
        var out = new Set();
        all.forEach(function (found) { found.scores.forEach(function (score, doc) { out.add(doc); }); });
        return out;
      });
    }

    /* Language versions of one publication share its number. */
    function publication(doc) {
      return index.docs.publication[doc];
    }

    function facetValues(doc, facet) {
      return index.docs.facets[facet][doc].map(function (n) { return index.values[facet][n]; });
    }

    /* One of the values of each facet chosen; every facet chosen. */
    function passes(doc, filters) {
      return C.facets.every(function (facet) {
        var wanted = filters[facet.name] || [];
        if (!wanted.length) return true;
        var values = facetValues(doc, facet.name);
        return wanted.some(function (value) { return values.indexOf(value) >= 0; });
      });
    }

    function tie(score) {
      return Math.floor(score * Math.pow(10, C.score_decimals) + 0.5);
    }

    function rank(scores, sort, empty) {
      var ranked = [];
      scores.forEach(function (score, doc) { ranked.push({ doc: doc, score: score, tie: tie(score) }); });
      if (sort === "date" || empty) {
        ranked.sort(function (a, b) {
          var da = index.docs.date[a.doc], db = index.docs.date[b.doc];
          return da < db ? 1 : da > db ? -1 : b.tie - a.tie || a.doc - b.doc;
        });
      } else {
        ranked.sort(function (a, b) { return b.tie - a.tie || a.doc - b.doc; });
      }
      return ranked;
    }

    /* Every term the analysed query looks for, with its index data. */
    function loadTerms(query, langs) {
      var data = new Map(), wanted = new Set();
      allItems(query).concat(query.excluded).forEach(function (item) {
        langs.forEach(function (lang) {
          item.terms[lang].forEach(function (alternative) {
            alternative.forEach(function (term) { wanted.add(term); });
          });
        });
      });
      return Promise.all(Array.from(wanted).map(function (term) {
        return termData(term).then(function (found) { data.set(term, found); });
      })).then(function () { return data; });
    }

    /* query.named_key: the words of a query of words and phrases only, as the vocabulary's
       wordings are keyed (index.named); null for any other query. */
    function namedKey(query) {
      if (query.excluded.length || query.clauses.some(function (c) { return c.length > 1; })) return null;
      var found = [];
      allItems(query).forEach(function (item) {
        words(item.text).forEach(function (word) { found.push(key(word)); });
      });
      return found.join(" ") || null;
    }

    /* engine._tagged: the versions tagged with a term the query names that its words did not
       find, scored 0 (after every version the words found), each with the term it came by. */
    function addTagged(named, kept, matched, scores, filters) {
      var via = new Map();
      if (!named.length) return via;
      for (var doc = 0; doc < index.count; doc++) {
        if (kept.has(doc)) continue;
        var pair = named.filter(function (p) { return facetValues(doc, p[0]).indexOf(p[1]) >= 0; })[0];
        if (!pair) continue;
        if (!scores.has(doc)) matched.push(doc);
        if (!passes(doc, filters)) continue;
        kept.set(doc, 0);
        via.set(doc, pair);
      }
      return via;
    }

    /* The results of one text: engine.SearchIndex._search. */
    function run(text, filters, sort, live, exact) {
      var langs = index.languages.filter(function (lang) {
        return !(filters.lang || []).length || filters.lang.indexOf(lang) >= 0;
      });
      var table = new Words();
      var query = parse(text, live);
      if (text.replace(SPACES, "") && !query.clauses.length && !query.excluded.length && !live) {
        return Promise.resolve({ text: text, query: query, data: new Map(), ranked: [], total: 0,
                                 matched: [], no_words: true, too_common: false, suggestions: {},
                                 named: [], via: new Map() });
      }
      return analyse(query, langs, table).then(function () {
        return loadTerms(query, langs);
      }).then(function (data) {
        return Promise.all([matching(query, langs, data), excludedDocs(query, langs, data)]).then(function (both) {
          var scores = both[0] || new Map(), excluded = both[1];
          var matched = [], kept = new Map();
          scores.forEach(function (score, doc) {
            if (excluded.has(doc)) return;
            matched.push(doc);
            if (passes(doc, filters)) kept.set(doc, score);
          });
          var name = (filters.lang || []).length ? null : namedKey(query);
          var named = name !== null && Object.prototype.hasOwnProperty.call(index.named, name) ? index.named[name] : [];
          var via = addTagged(exact ? [] : named, kept, matched, scores, filters);
          var ranked = rank(kept, sort, !query.clauses.length);
          var result = { text: text, query: query, data: data, ranked: ranked, total: ranked.length,
                         matched: matched, no_words: false, too_common: false,
                         suggestions: Object.create(null), /* a word may be "__proto__" */
                         named: named, via: via };
          if (ranked.length) return result;
          var unknown = unknownWords(query, table);
          return Promise.all(unknown.map(suggest)).then(function (lists) {
            unknown.forEach(function (word, n) { result.suggestions[word] = lists[n]; });
            result.too_common = both[0] === null && !unknown.length;
            return result;
          });
        });
      });
    }

    /* engine.SearchIndex.search: the results, corrected when misspelt words found nothing. */
    function search(state) {
      var filters = state.filters || {}, sort = state.sort || "relevance", live = !!state.live;
      var exact = !!state.exact;
      return run(state.q || "", filters, sort, live, exact).then(function (result) {
        var best = Object.create(null), any = false;
        Object.keys(result.suggestions).forEach(function (word) {
          if (result.suggestions[word].length) {
            best[word] = result.suggestions[word][0];
            any = true;
          }
        });
        var next = Promise.resolve(result);
        if (!result.total && any && !state.as_typed) {
          var text = corrected(result.text, best);
          next = run(text, filters, sort, live, exact).then(function (instead) {
            if (!instead.total) return result;
            instead.corrected_query = text;
            return instead;
          });
        }
        return next.then(function (found) {
          var filtered = C.facets.some(function (f) { return (filters[f.name] || []).length; });
          if (found.total || !filtered) return found;
          return run(found.text, {}, sort, live, exact).then(function (unfiltered) {
            found.without_filters = unfiltered.total;
            return found;
          });
        });
      });
    }

    /* ---- What results show ---- */

    /* The PDF pages of a result where the query's terms are most often: engine._pages. */
    function pages(result, doc) {
      var lang = facetValues(doc, "lang")[0], fieldname = "text_" + lang, totals = new Map();
      var seen = new Set();
      allItems(result.query).forEach(function (item) {
        (item.terms[lang] || []).forEach(function (alternative) {
          alternative.forEach(function (term) { seen.add(term); });
        });
      });
      seen.forEach(function (term) {
        var data = result.data.get(term);
        if (!data || !data[fieldname]) return;
        var ordinal = -1, n = 0;
        postings(data, fieldname).forEach(function (tf, d) {
          if (d === doc) ordinal = n;
          n++;
        });
        if (ordinal < 0) return;
        var list = decode(data[fieldname + "~"]), group = 0, i = 0;
        while (group < ordinal) {
          if (list[i] === 0) group++;
          i++;
        }
        for (; list[i] !== 0; i += 2) totals.set(list[i], (totals.get(list[i]) || 0) + list[i + 1]);
      });
      return Array.from(totals.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
        .slice(0, C.top_pages).map(function (p) { return p[0]; });
    }

    /* Whether a word of a result's text is one the query looks for (in the result's language). */
    function marker(result, lang) {
      var wanted = new Set();
      allItems(result.query).forEach(function (item) {
        (item.terms[lang] || []).forEach(function (alternative) {
          alternative.forEach(function (term) { wanted.add(term); });
        });
      });
      return function (word) {
        return languages[lang] ? wordTerms(languages[lang], word).some(function (t) { return wanted.has(t); }) : false;
      };
    }

    function details(doc) {
      return load("d/" + doc);
    }

    /* The text of a page of a result, from the file that holds it with its neighbours. */
    function pageText(doc, page) {
      var per = index.docs.per[doc];
      return load("d/" + doc + "/" + Math.floor((page - 1) / per), true).then(function (texts) {
        return texts ? texts[(page - 1) % per] || "" : "";
      });
    }

    /* Every language's stop words and stemmer: small, and each query needs them. */
    function prepare() {
      return Promise.all(index.languages.map(language));
    }

    /* The terms of each text in a language, as the index has them. */
    function analysed(lang, texts) {
      return language(lang).then(function () {
        return texts.map(function (text) { return terms(lang, text); });
      });
    }

    var engine = {
      ready: ready,
      search: search,
      terms: analysed,
      pages: pages,
      marker: marker,
      details: details,
      pageText: pageText,
      prepare: prepare,
      facetValues: facetValues,
      publication: publication,
      passes: passes,
      words: words,
      contract: function () { return C; },
    };
    return engine;
  }

  function escapeClass(text) {
    return text.replace(/[\\\]\[^-]/g, "\\$&");
  }

  /* Loads index files by adding <script> elements; one registry for every engine on the page. */
  var loaded = {}, waiting = {};

  global.searchData = function (name, data) {
    loaded[name] = data;
  };

  SearchEngine.scriptLoader = function (base) {
    function add(name, optional, read) {
      if (!waiting[name]) {
        waiting[name] = new Promise(function (resolve, reject) {
          var element = document.createElement("script");
          element.src = base + name + ".js";
          element.onload = function () { resolve(); };
          element.onerror = function () {
            if (optional) resolve();
            else reject(new Error("missing index part " + name));
          };
          document.head.appendChild(element);
        });
      }
      return waiting[name].then(read);
    }
    function load(name, optional) {
      if (name in loaded) return Promise.resolve(loaded[name]);
      return add(fileOf(name), optional, function () {
        return name in loaded ? loaded[name] : null;
      });
    }
    /* The file that holds a part: itself, or in the offline layout its pack (packing.py). */
    function fileOf(name) {
      var packs = loaded.index && loaded.index.packs;
      var match = packs && /^([a-z]+)\/(\d+)(\/\d+)?$/.exec(name);
      var kind = match && match[1] + (match[3] ? "/pages" : "");
      var starts = match && packs.parts[kind];
      if (!starts) return name;
      var number = Number(match[2]), low = 0, high = starts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (starts[middle] <= number) low = middle;
        else high = middle - 1;
      }
      return packs.folder + "/" + kind + "/" + low;
    }
    load.script = function (name) {
      return add(name, false, function () {});
    };
    return load;
  };

  global.SearchEngine = SearchEngine;
})(window);
