"use strict";
(function () {
  var D = JSON.parse(document.getElementById("songbook-data").textContent);
  var S = D.songs, N = S.length, PAGE = 50;
  var A = 0, T = 1, Y = 2, G = 3, L = 4, LS = 5, DU = 6, C = 7, V = 8, VS = 9;
  var $ = function (id) { return document.getElementById(id); };

  function fold(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/đ/g, "d").replace(/ø/g, "o").replace(/ł/g, "l").replace(/ß/g, "ss");
  }
  function sortName(s) { return fold(s).replace(/^the\s+/, "").replace(/^[^\p{L}\p{N}]+/u, ""); }
  function initial(s) {
    var c = sortName(s).charAt(0).toUpperCase();
    return c >= "A" && c <= "Z" ? c : "#";
  }

  // Search keys, artist groups and channel sets, computed once.
  var keys = new Array(N), artistOf = new Int32Array(N), artists = [], byArtist = {};
  var chanMask = new Array(N);
  for (var i = 0; i < N; i++) {
    var s = S[i];
    keys[i] = fold(s[A] + " " + s[T]);
    var ak = sortName(s[A]);
    var g = byArtist[ak];
    if (g === undefined) { g = byArtist[ak] = artists.length; artists.push({ name: s[A], songs: [] }); }
    artistOf[i] = g; artists[g].songs.push(i);
    var ch = {};
    for (var j = 0; j < s[VS].length; j++) ch[s[VS][j][0]] = 1;
    chanMask[i] = ch;
  }

  var orders = { artist: null, title: null, year: null, views: null };
  function order(name) {
    if (orders[name]) return orders[name];
    var idx = new Array(N);
    for (var k = 0; k < N; k++) idx[k] = k;
    if (name === "title") {
      var tk = S.map(function (s) { return sortName(s[T]); });
      idx.sort(function (a, b) { return tk[a] < tk[b] ? -1 : tk[a] > tk[b] ? 1 : a - b; });
    } else if (name === "year") {
      idx.sort(function (a, b) {
        var ya = S[a][Y] || 99999, yb = S[b][Y] || 99999;
        return ya - yb || a - b;
      });
    } else if (name === "views") {
      idx.sort(function (a, b) { return S[b][V] - S[a][V] || a - b; });
    }
    return (orders[name] = idx);
  }

  // Filter options.
  function addOptions(sel, items) {
    var frag = document.createDocumentFragment();
    items.forEach(function (it) {
      var o = document.createElement("option"); o.value = it[0]; o.textContent = it[1]; frag.appendChild(o);
    });
    sel.appendChild(frag);
  }
  var decades = {}, genreCount = {}, langCount = {}, chanCount = {};
  S.forEach(function (s) {
    if (s[Y]) decades[Math.floor(s[Y] / 10) * 10] = (decades[Math.floor(s[Y] / 10) * 10] || 0) + 1;
    s[G].forEach(function (x) { genreCount[x] = (genreCount[x] || 0) + 1; });
    if (s[L] >= 0) langCount[s[L]] = (langCount[s[L]] || 0) + 1;
  });
  for (i = 0; i < N; i++) for (var c in chanMask[i]) chanCount[c] = (chanCount[c] || 0) + 1;
  addOptions($("f-decade"), Object.keys(decades).sort().map(function (d) { return [d, d + "s (" + decades[d] + ")"]; }));
  addOptions($("f-genre"), Object.keys(genreCount).sort(function (a, b) { return genreCount[b] - genreCount[a]; })
    .map(function (g) { return [g, D.genres[g] + " (" + genreCount[g] + ")"]; }));
  addOptions($("f-lang"), Object.keys(langCount).sort(function (a, b) { return langCount[b] - langCount[a]; })
    .map(function (l) { return [l, D.langs[l][1] + " (" + langCount[l] + ")"]; }));
  addOptions($("f-channel"), Object.keys(chanCount).sort(function (a, b) { return chanCount[b] - chanCount[a]; })
    .map(function (c) { return [c, D.channels[c] + " (" + chanCount[c] + ")"]; }));

  // Filtering.
  var matches = [], shown = 0, focus = null; // focus: {artist: g} or {song: i}
  function current() {
    return {
      q: fold($("q").value).split(/\s+/).filter(Boolean),
      decade: $("f-decade").value, genre: $("f-genre").value, lang: $("f-lang").value,
      channel: $("f-channel").value, duet: $("f-duet").checked,
      confirmed: $("f-confirmed").checked, sort: $("f-sort").value
    };
  }
  function apply() {
    var f = current(), ord = order(f.sort), out = [];
    var dec = f.decade === "" ? -1 : +f.decade, gen = f.genre === "" ? -1 : +f.genre;
    var lang = f.lang === "" ? -2 : +f.lang, q = f.q, nq = q.length;
    for (var k = 0; k < ord.length; k++) {
      var i = ord[k], s = S[i];
      if (focus) {
        if (focus.song !== undefined && i !== focus.song) continue;
        if (focus.artist !== undefined && artistOf[i] !== focus.artist) continue;
      }
      if (dec >= 0 && (!s[Y] || Math.floor(s[Y] / 10) * 10 !== dec)) continue;
      if (gen >= 0 && s[G].indexOf(gen) < 0) continue;
      if (lang > -2 && s[L] !== lang) continue;
      if (f.duet && !s[DU]) continue;
      if (f.confirmed && !s[C]) continue;
      if (f.channel !== "" && !chanMask[i][f.channel]) continue;
      var ok = true, key = keys[i];
      for (var w = 0; w < nq; w++) if (key.indexOf(q[w]) < 0) { ok = false; break; }
      if (ok) out.push(i);
    }
    matches = out; shown = 0;
    $("results").textContent = "";
    $("count").textContent = out.length.toLocaleString("en") + (out.length === 1 ? " song" : " songs");
    more();
  }

  function fmtViews(n) {
    if (n >= 1e9) return (n / 1e9).toFixed(1) + "B views";
    if (n >= 1e6) return (n / 1e6).toFixed(1) + "M views";
    if (n >= 1e3) return (n / 1e3).toFixed(1) + "K views";
    return n + " views";
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function entry(i) {
    var s = S[i], li = el("li", "song");
    li.id = "song-" + i;
    var head = el("div");
    head.appendChild(el("span", "t", s[T]));
    head.appendChild(document.createTextNode(" — "));
    var a = el("a", "a", s[A]); a.href = "#artist-" + artistOf[i]; head.appendChild(a);
    if (!s[C]) { var b = el("span", "badge unconf", "unconfirmed"); b.title = "Not matched by a lookup: artist and title come from the video title"; head.appendChild(b); }
    if (s[DU]) head.appendChild(el("span", "badge", "duet"));
    li.appendChild(head);
    var meta = [];
    if (s[Y]) meta.push(String(s[Y]));
    if (s[G].length) meta.push(s[G].map(function (g) { return D.genres[g]; }).join(", "));
    if (s[L] >= 0) meta.push(D.langs[s[L]][1] + " (" + D.langSources[s[LS]] + ")");
    if (s[V]) meta.push(fmtViews(s[V]));
    if (meta.length) li.appendChild(el("div", "meta", meta.join(" · ")));
    var ul = el("ul", "versions");
    s[VS].forEach(function (v) {
      var vli = el("li"), link = el("a", null, D.channels[v[0]]);
      link.href = v[1].indexOf("://") > 0 ? v[1] : D.watch + v[1];
      link.rel = "noopener noreferrer"; link.target = "_blank";
      vli.appendChild(link);
      var extra = v[2].map(function (t) { return D.tags[t]; });
      if (v[3] && s[VS].length > 1) extra.push(fmtViews(v[3]));   // else the song's line has it
      if (!v[4] && s[C]) extra.push("unconfirmed");
      if (extra.length) vli.appendChild(document.createTextNode(" · " + extra.join(" · ")));
      ul.appendChild(vli);
    });
    li.appendChild(ul);
    return li;
  }
  function more() {
    var frag = document.createDocumentFragment(), end = Math.min(matches.length, shown + PAGE);
    for (var k = shown; k < end; k++) frag.appendChild(entry(matches[k]));
    $("results").appendChild(frag);
    shown = end;
    $("more").hidden = shown >= matches.length;
    $("more").textContent = "Show more (" + (matches.length - shown).toLocaleString("en") + " left)";
  }

  // Indexes.
  function letters(nav, list, prefix, items) {
    var by = {};
    items.forEach(function (it) { (by[it.letter] = by[it.letter] || []).push(it); });
    var ls = Object.keys(by).sort(function (a, b) { return a === "#" ? 1 : b === "#" ? -1 : a < b ? -1 : 1; });
    ls.forEach(function (l) {
      var a = el("a", null, l); a.href = "#" + prefix + "-" + (l === "#" ? "0" : l);
      a.setAttribute("aria-label", (l === "#" ? "Other" : l) + " (" + by[l].length + ")");
      nav.appendChild(a);
    });
    return function show(letter) {
      if (letter === "0") letter = "#";
      if (!by[letter]) letter = ls[0];
      nav.querySelectorAll("a").forEach(function (a) {
        a.setAttribute("aria-current", a.textContent === letter ? "true" : "false");
      });
      list.textContent = "";
      var frag = document.createDocumentFragment();
      (by[letter] || []).forEach(function (it) {
        var li = el("li"), a = el("a", null, it.label); a.href = it.href;
        li.appendChild(a);
        if (it.note) li.appendChild(el("span", "n", " " + it.note));
        frag.appendChild(li);
      });
      list.appendChild(frag);
    };
  }
  // Built on first visit: the first render of the list does not wait for them.
  var artistIndex = null, titleIndex = null;
  function showArtists(letter) {
    artistIndex = artistIndex || letters($("artist-letters"), $("artist-list"), "artists",
      artists.map(function (a, g) {
        return { letter: initial(a.name), label: a.name, href: "#artist-" + g,
          note: "(" + a.songs.length + ")" };
      }));
    artistIndex(letter);
  }
  function showTitles(letter) {
    titleIndex = titleIndex || letters($("title-letters"), $("title-list"), "titles",
      order("title").map(function (i) {
        return { letter: initial(S[i][T]), label: S[i][T], href: "#song-" + i, note: "— " + S[i][A] };
      }));
    titleIndex(letter);
  }

  // Views and routing.
  var VIEWS = ["songs", "artists", "titles", "coverage"];
  function view(name) {
    VIEWS.forEach(function (v) { $("view-" + v).hidden = v !== name; });
    document.querySelectorAll("header nav a").forEach(function (a) {
      if (a.dataset.view === name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
  }
  function setFocus(f, text) {
    focus = f;
    $("focus-note").hidden = !f;
    $("focus-text").textContent = text || "";
  }
  function resetControls() {
    // An index link shows the artist's songs or the song itself, whatever was filtered.
    $("q").value = "";
    ["f-decade", "f-genre", "f-lang", "f-channel"].forEach(function (id) { $(id).value = ""; });
    $("f-duet").checked = false; $("f-confirmed").checked = false;
  }
  function route() {
    var h = decodeURIComponent(location.hash.slice(1)), m;
    if ((m = /^artist-(\d+)$/.exec(h)) && artists[+m[1]]) {
      resetControls();
      view("songs"); setFocus({ artist: +m[1] }, "Songs by " + artists[+m[1]].name + ".");
      apply(); $("results").focus();
    } else if ((m = /^song-(\d+)$/.exec(h)) && +m[1] < N) {
      resetControls();
      view("songs"); setFocus({ song: +m[1] }, "One song from the index.");
      apply();
      var li = $("song-" + m[1]);
      if (li) { li.classList.add("focus"); li.tabIndex = -1; li.focus(); }
    } else if ((m = /^artists(?:-(.))?$/.exec(h))) {
      view("artists"); showArtists(m[1] || "A");
    } else if ((m = /^titles(?:-(.))?$/.exec(h))) {
      view("titles"); showTitles(m[1] || "A");
    } else if (h === "coverage") {
      view("coverage");
    } else {
      view("songs");
      if (focus) { setFocus(null); apply(); }
    }
  }

  ["q", "f-decade", "f-genre", "f-lang", "f-channel", "f-sort", "f-duet", "f-confirmed"].forEach(function (id) {
    $(id).addEventListener(id === "q" ? "input" : "change", apply);
  });
  $("controls").addEventListener("submit", function (e) { e.preventDefault(); });
  $("more").addEventListener("click", more);
  $("show-all").addEventListener("click", function () { location.hash = "#songs"; });
  $("results").tabIndex = -1;
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (es) {
      if (es[0].isIntersecting && !$("more").hidden) more();
    }, { rootMargin: "400px" }).observe($("more"));
  }
  window.addEventListener("hashchange", function () {
    route();
    document.documentElement.dataset.route = location.hash;   // done: for tests and tools
  });
  apply();
  route();
  document.documentElement.dataset.ready = "1";
  if (window.performance && performance.mark) performance.mark("songbook-ready");
})();
