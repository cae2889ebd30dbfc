"""Accessibility of the demo library in real Chromium, in every UI language.

axe-core (bundled in the axe-playwright-python wheel, injected into the page: nothing is
fetched) runs the rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa and best-practice
on the home page, a listing, a publication, a country page and the search page with results.
best-practice is included because every page passes it today, so it only ever flags a change;
its rules (one main landmark, landmarks unique, headings in order, skip link) are ones a
library read with a screen reader relies on. axe's "experimental" rules are left out: they
change between releases of axe-core.

axe cannot judge how a focus ring looks against what it is drawn over, so a second test presses
Tab from the top of a page and, for each element reached, holds its focus indicator to WCAG 2.2:
an outline (or a box-shadow ring) at least 2px wide whose contrast with the colours it is drawn
over is at least 3:1 (SC 1.4.11 Non-text Contrast, SC 2.4.13 Focus Appearance).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from bench.search_engines import result_links
from pelicanconf import DEFAULT_LANG, UI_LANGUAGES

pytestmark = pytest.mark.browser

AXE = Axe()  # reads the bundled axe.min.js once
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
SHOWN_TARGETS = 3  # per violation, in the failure message
SEARCH = "search.html?q=trafficking"
MAX_TABS = 60  # per page: enough for the header and the start of the content
MIN_RING_WIDTH = 2.0  # px
MIN_RING_CONTRAST = 3.0
WHITE = (255, 255, 255)


# ---------------------------------------------------------------------------------------------
# Contrast, as WCAG defines it (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio)


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))


def rgb_hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb[:3])


def over(top, bottom: tuple[int, int, int]) -> tuple[int, int, int]:
    """The opaque colour seen where `top` (r, g, b, alpha) is painted over opaque `bottom`."""
    alpha = top[3]
    return tuple(round(alpha * t + (1 - alpha) * b) for t, b in zip(top[:3], bottom, strict=True))


def flatten(layers) -> tuple[int, int, int]:
    """The colour seen through `layers` (topmost first, each r, g, b, alpha) over the page's
    white, which shows where nothing paints a background."""
    seen = WHITE
    for layer in reversed(layers):
        seen = over(layer, seen)
    return seen


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#777777", "#ffffff", 4.48),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ],
)
def test_contrast_ratio_of_known_pairs(a, b, expected):
    assert contrast_ratio(hex_rgb(a), hex_rgb(b)) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(hex_rgb(b), hex_rgb(a)) == pytest.approx(expected, abs=0.01)


def test_translucent_layers_are_seen_over_white():
    assert flatten([]) == WHITE
    assert flatten([(0, 0, 0, 0.5)]) == (128, 128, 128)
    assert flatten([(255, 0, 0, 1.0), (0, 0, 255, 1.0)]) == (255, 0, 0)


# ---------------------------------------------------------------------------------------------
# The pages


LANGUAGES = [pytest.param(lang, id=lang) for lang in UI_LANGUAGES]


def prefix(lang: str) -> str:
    """The folder of a UI language's site: the default language is the root."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


@pytest.fixture(scope="module")
def paths(demo_site) -> dict[str, str]:
    """A page of each kind, inside a UI language's site; the publication and the country are
    the first the build wrote, so that renaming the demo content does not break the test."""
    publication = sorted(demo_site.glob("publications/*-en.html"))[0]
    country = sorted(p for p in (demo_site / "countries").glob("*.html") if p.name != "index.html")
    return {
        "home": "index.html",
        "listing": "publications/index.html",
        "publication": f"publications/{publication.name}",
        "country": f"countries/{country[0].name}",
        "search": SEARCH,
        "reading-list": "reading-list.html",
        "whats-new": "whats-new.html",
    }


@pytest.fixture
def local_page(page, site_url):
    """A page that records every request to anything but the local site, to show that the
    checks fetch nothing."""
    page.outside = []
    page.on("request", lambda r: r.url.startswith(site_url) or page.outside.append(r.url))
    return page


def open_page(page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/{path}")
    if path.startswith("search.html"):
        # The results are written by script; axe and Tab must see them.
        assert result_links(page), f"{path} shows no results"


# ---------------------------------------------------------------------------------------------
# axe-core


def describe_violation(violation: dict) -> str:
    nodes = violation["nodes"]
    targets = [" >> ".join(map(str, node["target"])) for node in nodes[:SHOWN_TARGETS]]
    more = f" (+{len(nodes) - SHOWN_TARGETS} more)" if len(nodes) > SHOWN_TARGETS else ""
    return (
        f"  {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"      {len(nodes)} element(s): {', '.join(targets)}{more}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "kind", ["home", "listing", "publication", "country", "search", "reading-list"]
)
def test_axe_finds_no_violation(local_page, site_url, paths, kind, lang):
    path = prefix(lang) + paths[kind]
    open_page(local_page, site_url, path)

    found = AXE.run(local_page, options=AXE_OPTIONS).response
    violations = found["violations"]

    engine = found["testEngine"]
    assert not violations, (
        f"{len(violations)} accessibility rule(s) broken on {path} "
        f"({engine['name']} {engine['version']}, tags {', '.join(AXE_TAGS)}):\n"
        + "\n".join(map(describe_violation, violations))
    )
    assert not local_page.outside


# ---------------------------------------------------------------------------------------------
# Focus indicators, reached by Tab

# The focused element, its focus indicator, and the backgrounds painted under the middle of the
# indicator on each of its four sides; null once focus has left the page or come back round.
# The background is what is painted *under the ring*, found with elementsFromPoint and read
# downwards to the first opaque background: the ancestors' backgrounds in normal flow, but also
# right for the skip link (absolutely placed over the header, though its parent is <body>) and
# for a button (its own background is inside its ring, not under it). Colours go through a
# canvas so that any CSS colour syntax comes back as sRGB bytes.
FOCUSED = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  window.reachedByTab ??= new WeakSet();
  if (window.reachedByTab.has(el)) return null;
  window.reachedByTab.add(el);

  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = colour => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = 'transparent';
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };

  const style = getComputedStyle(el);
  let ring = {kind: 'none', style: 'none', width: 0, offset: 0, colour: [0, 0, 0, 0]};
  const shadow = /^(rgba?\([^)]*\)) (-?[\d.]+)px (-?[\d.]+)px (-?[\d.]+)px (-?[\d.]+)px( inset)?/
    .exec(style.boxShadow);
  if (style.outlineStyle !== 'none') {
    ring = {kind: 'outline', style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            offset: parseFloat(style.outlineOffset), colour: rgba(style.outlineColor)};
  } else if (shadow && parseFloat(shadow[5]) > 0) {
    const spread = parseFloat(shadow[5]);
    ring = {kind: 'box-shadow', style: shadow[6] ? 'inset' : 'solid', width: spread,
            offset: shadow[6] ? -spread : 0, colour: rgba(shadow[1])};
  }

  const layersAt = (x, y) => {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const layers = [];
    for (const under of document.elementsFromPoint(x, y)) {
      if (under !== el && el.contains(under)) continue;
      const colour = rgba(getComputedStyle(under).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers;
  };
  const box = el.getBoundingClientRect();
  const reach = ring.offset + ring.width / 2;  // from the border edge to the ring's middle
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const sides = [[box.left - reach, y], [box.right + reach, y], [x, box.top - reach],
                 [x, box.bottom + reach]];

  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const name = (el.getAttribute('aria-label') || label || el.innerText || el.value
    || el.getAttribute('href') || '')
    .trim().replace(/\s+/g, ' ');
  const type = el.localName === 'input' ? `[type=${el.type}]` : '';
  const classes = [...el.classList].map(c => '.' + c).join('');
  return {
    element: `${el.localName}${type}${el.id ? '#' + el.id : ''}${classes} "${name.slice(0, 40)}"`,
    ring,
    backgrounds: sides.map(([x, y]) => layersAt(x, y)).filter(layers => layers !== null),
  };
}"""


def focus_failure(path: str, focused: dict) -> tuple | None:
    """(page, element, colours, ratio) if the focused element's indicator is missing, thinner
    than 2px or under 3:1 against any background it is drawn over; None if it is good. A ring
    that crosses two backgrounds is judged on the worse one: part of it would be hard to see."""
    ring, element = focused["ring"], focused["element"]
    if ring["style"] in ("none", "hidden") or ring["colour"][3] == 0:
        return (path, element, "no focus indicator", None)
    shown = f"{ring['kind']} {ring['width']:g}px {ring['style']} {rgb_hex(ring['colour'])}"
    if ring["width"] < MIN_RING_WIDTH:
        return (path, element, f"{shown}: thinner than {MIN_RING_WIDTH:g}px", None)
    backgrounds = [flatten(layers) for layers in focused["backgrounds"]] or [WHITE]
    ratio, background = min(
        (contrast_ratio(over(ring["colour"], bg), bg), bg) for bg in backgrounds
    )
    if ratio < MIN_RING_CONTRAST:
        return (path, element, f"{shown} on {rgb_hex(background)}", round(ratio, 2))
    return None


HEADER = [8, 63, 97, 1.0]  # --accent-dark, the header's background
ORANGE_RING = {
    "kind": "outline",
    "style": "solid",
    "width": 3,
    "offset": 2,
    "colour": [194, 78, 0, 1],
}


def test_a_ring_is_judged_on_the_worst_background_it_crosses():
    def failure(ring=ORANGE_RING, backgrounds=([],)):
        return focus_failure("p", {"element": "a", "ring": ring, "backgrounds": list(backgrounds)})

    assert failure() is None  # on the page's white: 4.79:1
    assert failure(backgrounds=[[], [HEADER]]) == (
        "p",
        "a",
        "outline 3px solid #c24e00 on #083f61",
        2.31,
    )
    assert failure({**ORANGE_RING, "width": 1})[2].endswith("thinner than 2px")
    assert failure({**ORANGE_RING, "style": "none"})[2] == "no focus indicator"


def tab_through(page) -> list[dict]:
    """Every element reached by Tab from the top of the page, as FOCUSED describes it."""
    reached = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        reached.append(focused)
    return reached


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "search", "publication"])
def test_focus_indicators_are_visible(local_page, site_url, paths, kind, lang):
    path = prefix(lang) + paths[kind]
    open_page(local_page, site_url, path)

    reached = tab_through(local_page)
    failures = [f for f in (focus_failure(path, focused) for focused in reached) if f]

    assert reached, f"Tab reaches nothing on {path}"
    assert not failures, (
        f"{len(failures)} of {len(reached)} focus indicators on {path} fail WCAG 2.2 "
        f"(at least {MIN_RING_WIDTH:g}px, {MIN_RING_CONTRAST:g}:1 against the background); "
        "(page, element, colours, ratio):\n" + "\n".join(f"  {f}" for f in failures)
    )
    assert not local_page.outside
