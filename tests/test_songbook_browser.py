"""The songbook page in a real headless Chromium (Debian's, driven by Selenium).

Typing filters the list, each filter narrows it, the indexes link to entries, no request
leaves the page and the console stays clean. In CI (.ci/run installs chromium) these tests
fail rather than skip when the browser is missing.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from collector.songbook.html import render_html
from collector.songbook.model import build_songbook
from tests import chromium
from tests.test_songbook_model import BASE

if not chromium.available():
    if os.environ.get("CI"):
        pytest.fail("CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs "
                    "them)", pytrace=False)
    pytest.skip("Debian chromium + chromium-driver not installed (apt-get install -y "
                "chromium chromium-driver)", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ARTISTS = ["Beyoncé", "Queen", "ABBA", "Đàm Vĩnh Hưng", "The Beatles", "Adele", "2Pac"]
GENRES = ["pop", "rock", "ballad"]


def catalog_rows() -> list[Any]:
    rows = []
    for i in range(140):
        artist = ARTISTS[i % len(ARTISTS)]
        song = f"{'Tình Yêu' if artist.startswith('Đàm') else 'Song'} {i:03d}"
        confirmed = i % 3 != 0
        year = 1960 + (i * 7) % 60 if confirmed else None
        rows.append(dataclasses.replace(
            BASE, video_id=f"vid{i:08d}", artist=artist, song=song,
            url=f"https://www.youtube.com/watch?v=vid{i:08d}",
            channel="KaraFun" if i % 2 else "Stingray", channel_id=f"UC{i % 2}",
            view_count=1000 * i, version_tags=("duet",) if i % 10 == 0 else ("no_lead_vocal",),
            musicbrainz_status="match" if confirmed else None,
            recording_mbid=f"mb-{i}" if confirmed else None, musicbrainz_confidence=0.9,
            merged_artist=artist, merged_song=song, year=year,
            genres=(GENRES[i % 3],) if confirmed else (),
            language="eng" if i % 5 == 1 else None))
    return rows


N_SONGS = 140


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = build_songbook(catalog_rows(), title="Test songbook")
    assert len(book.entries) == N_SONGS
    path = tmp_path_factory.mktemp("songbook") / "songbook.html"
    path.write_text(render_html(book), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium.chromium(1200, 900) as driver:
        yield driver


@pytest.fixture
def d(browser: Any, page: Path) -> Any:
    chromium.requests(browser)    # drop what earlier pages asked for
    chromium.console_errors(browser)
    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda drv: drv.execute_script("return document.documentElement.dataset.ready"))
    return browser


def follow(d: Any, how: str, what: str, *, keyboard: bool = False) -> None:
    """Activate a link (click or Enter) and wait until the page has routed to it."""
    link = d.find_element(how, what)
    target = "#" + link.get_attribute("href").split("#", 1)[1]
    if keyboard:
        from selenium.webdriver.common.keys import Keys

        link.send_keys(Keys.ENTER)
    else:
        link.click()
    WebDriverWait(d, 5).until(
        lambda drv: drv.execute_script("return document.documentElement.dataset.route")
        == target)


def count(d: Any) -> int:
    text = d.find_element(By.ID, "count").text
    m = re.match(r"([\d,]+) songs?", text)
    assert m, text
    return int(m.group(1).replace(",", ""))


def shown(d: Any) -> list[dict[str, str]]:
    """The rendered entries: title, artist and meta line text."""
    return d.execute_script("""
        return Array.from(document.querySelectorAll('#results > li')).map(li => ({
          id: li.id, title: li.querySelector('.t').textContent,
          artist: li.querySelector('.a').textContent, text: li.innerText}));""")


def test_page_loads_with_every_song_and_no_console_errors(d: Any) -> None:
    assert count(d) == N_SONGS
    assert len(shown(d)) >= 50
    assert chromium.console_errors(d) == []


def test_typing_an_artist_filters_the_list_accent_and_case_insensitive(d: Any) -> None:
    box = d.find_element(By.ID, "q")
    box.send_keys("BEYONCE")
    n = count(d)
    assert n == len([a for i, a in enumerate(ARTISTS * 20) if a == "Beyoncé" and i < N_SONGS])
    assert {e["artist"] for e in shown(d)} == {"Beyoncé"}
    box.clear()
    box.send_keys("dam vinh")      # typed without Vietnamese accents
    assert {e["artist"] for e in shown(d)} == {"Đàm Vĩnh Hưng"}
    box.send_keys(" tinh 003")     # artist and title words together
    assert [e["title"] for e in shown(d)] == ["Tình Yêu 003"]
    assert chromium.console_errors(d) == []


def _decade_ok(label: str, text: str) -> bool:
    decade = int(label[:4])
    years = [int(y) for y in re.findall(r"^(\d{4}) ·", text, re.M)]
    return len(years) == 1 and decade <= years[0] < decade + 10


def _named(label: str, text: str) -> bool:
    return re.sub(r"\s*\(\d+\)$", "", label) in text


@pytest.mark.parametrize(("select_id", "check"), [
    ("f-decade", _decade_ok), ("f-genre", _named), ("f-lang", _named), ("f-channel", _named),
])
def test_each_select_filter_narrows_the_list(d: Any, select_id: str, check: Any) -> None:
    sel = Select(d.find_element(By.ID, select_id))
    for option_index in range(1, len(sel.options)):
        sel = Select(d.find_element(By.ID, select_id))
        label = sel.options[option_index].text
        sel.select_by_index(option_index)
        n = count(d)
        assert 0 < n < N_SONGS
        assert label.endswith(f"({n})")    # the option's own count agrees with the list
        entries = shown(d)
        assert entries and all(check(label, e["text"]) for e in entries), (label, entries[:3])
    assert len(sel.options) > 2 or select_id in ("f-lang",)


def test_checkbox_filters_narrow_the_list(d: Any) -> None:
    d.find_element(By.ID, "f-duet").click()
    duets = count(d)
    assert duets == N_SONGS // 10
    assert all("duet" in e["text"] for e in shown(d))
    d.find_element(By.ID, "f-duet").click()
    d.find_element(By.ID, "f-confirmed").click()
    assert count(d) == len([i for i in range(N_SONGS) if i % 3 != 0])
    assert all("unconfirmed" not in e["text"] for e in shown(d))


def test_filters_combine(d: Any) -> None:
    Select(d.find_element(By.ID, "f-channel")).select_by_visible_text(
        next(o.text for o in Select(d.find_element(By.ID, "f-channel")).options
             if o.text.startswith("KaraFun")))
    one = count(d)
    d.find_element(By.ID, "q").send_keys("queen")
    both = count(d)
    assert 0 < both < one
    assert all(e["artist"] == "Queen" and "KaraFun" in e["text"] for e in shown(d))


def test_sort_by_year_and_popularity(d: Any) -> None:
    Select(d.find_element(By.ID, "f-sort")).select_by_value("year")
    years = [int(m) for e in shown(d) for m in re.findall(r"^(\d{4}) ·", e["text"], re.M)]
    earliest = min(1960 + (i * 7) % 60 for i in range(N_SONGS) if i % 3 != 0)
    assert years[0] == earliest and years == sorted(years)
    Select(d.find_element(By.ID, "f-sort")).select_by_value("views")
    assert shown(d)[0]["title"] == f"Song {N_SONGS - 1:03d}"   # most viewed


def test_artist_index_links_to_the_artists_songs(d: Any) -> None:
    follow(d, By.LINK_TEXT, "Artists A–Z")
    follow(d, By.CSS_SELECTOR, "#artist-letters a[href='#artists-B']")
    names = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#artist-list a")]
    assert names == ["The Beatles", "Beyoncé"]      # "The" is not the initial
    follow(d, By.LINK_TEXT, "Beyoncé")
    assert d.find_element(By.ID, "view-songs").is_displayed()
    assert not d.find_element(By.ID, "view-artists").is_displayed()
    assert count(d) == 20 and {e["artist"] for e in shown(d)} == {"Beyoncé"}
    assert "Songs by Beyoncé" in d.find_element(By.ID, "focus-note").text
    d.find_element(By.ID, "show-all").click()
    WebDriverWait(d, 5).until(lambda drv: drv.execute_script(
        "return document.documentElement.dataset.route") == "#songs")
    assert count(d) == N_SONGS


def test_title_index_links_to_the_entry(d: Any) -> None:
    d.find_element(By.ID, "q").send_keys("queen")     # an earlier search does not hide it
    Select(d.find_element(By.ID, "f-decade")).select_by_index(1)
    follow(d, By.LINK_TEXT, "Titles A–Z")
    follow(d, By.CSS_SELECTOR, "#title-letters a[href='#titles-T']")
    link = d.find_element(By.LINK_TEXT, "Tình Yêu 010")
    target = link.get_attribute("href").split("#")[1]
    follow(d, By.LINK_TEXT, "Tình Yêu 010")
    assert count(d) == 1
    entry = d.find_element(By.ID, target)
    assert entry.is_displayed() and "Tình Yêu 010" in entry.text
    assert d.switch_to.active_element == entry   # keyboard focus moved to the entry
    assert d.find_element(By.ID, "q").get_attribute("value") == ""


def test_keyboard_only_from_the_artist_index(d: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    follow(d, By.LINK_TEXT, "Artists A–Z", keyboard=True)
    follow(d, By.CSS_SELECTOR, "#artist-letters a[href='#artists-Q']", keyboard=True)
    follow(d, By.LINK_TEXT, "Queen", keyboard=True)
    assert d.find_element(By.ID, "view-songs").is_displayed()
    assert {e["artist"] for e in shown(d)} == {"Queen"}
    assert d.switch_to.active_element == d.find_element(By.ID, "results")
    # Tab from the search box reaches the filters in order.
    box = d.find_element(By.ID, "q")
    box.click()
    box.send_keys(Keys.TAB)
    assert d.switch_to.active_element.get_attribute("id") == "f-decade"


def test_coverage_page_has_inline_svg_plots(d: Any) -> None:
    follow(d, By.LINK_TEXT, "Coverage")
    svgs = d.find_elements(By.CSS_SELECTOR, "#view-coverage svg[role=img]")
    assert len(svgs) >= 6
    labels = [s.get_attribute("aria-label") for s in svgs]
    assert any(lab.startswith("Songs with a year: 93 of 140") for lab in labels)
    assert d.find_elements(By.CSS_SELECTOR, "#view-coverage svg rect")


def test_no_request_leaves_the_page(d: Any, page: Path) -> None:
    d.find_element(By.ID, "q").send_keys("a")
    follow(d, By.LINK_TEXT, "Coverage")
    follow(d, By.LINK_TEXT, "Songs")
    sent = chromium.requests(d)
    assert sent and all(u.startswith(page.as_uri()) for u, _ in sent), sent
    assert d.execute_script("return performance.getEntriesByType('resource').length") == 0
    # The policy holds even for a URL injected at run time: Chromium blocks and reports it.
    d.execute_script("var i = new Image(); i.src = 'http://127.0.0.1:9/x.png';"
                     "document.body.appendChild(i);")
    WebDriverWait(d, 5).until(lambda drv: any("Content Security Policy" in m
                                              for m in chromium.console_errors(drv)))
    assert [r for r in chromium.requests(d) if r[0].startswith("http")] == [
        ("http://127.0.0.1:9/x.png", "csp")]


def test_controls_are_labelled_and_text_has_contrast(d: Any) -> None:
    unlabelled = d.execute_script("""
        return Array.from(document.querySelectorAll('input, select')).filter(
          c => !document.querySelector('label[for="' + c.id + '"]')).map(c => c.id);""")
    assert unlabelled == []
    ratios = d.execute_script("""
        function lum(c) {
          var v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(function (x) {
            x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
          return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
        }
        function bg(el) {
          while (el) { var b = getComputedStyle(el).backgroundColor;
            if (b !== 'rgba(0, 0, 0, 0)') return b; el = el.parentElement; }
          return 'rgb(255, 255, 255)';
        }
        var sel = ['.t', '.a', '.meta', '.badge.unconf', '#count', '.summary', 'label',
                   'header nav a', '.versions a'];
        return sel.map(function (s) {
          var el = document.querySelector(s); if (!el) return [s, 0];
          var a = lum(getComputedStyle(el).color), b = lum(bg(el));
          return [s, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
        });""")
    for selector, ratio in ratios:
        assert ratio >= 4.5, (selector, ratio)


def test_hostile_names_show_as_text(browser: Any, tmp_path: Path) -> None:
    evil = '<img src=x onerror="document.title=\'owned\'">'
    rows = [dataclasses.replace(BASE, video_id="e1", artist=evil, song="</script><b>x</b>",
                                url="javascript:alert(1)", channel="<i>Chan</i>")]
    path = tmp_path / "evil.html"
    path.write_text(render_html(build_songbook(rows, title="Evil")), encoding="utf-8")
    chromium.console_errors(browser)
    browser.get(path.as_uri())
    WebDriverWait(browser, 10).until(
        lambda drv: drv.execute_script("return document.documentElement.dataset.ready"))
    (entry,) = shown(browser)
    assert entry["artist"] == evil and entry["title"] == "</script><b>x</b>"
    assert browser.title == "Evil"
    (link,) = browser.find_elements(By.CSS_SELECTOR, "#results .versions a")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=e1"
    assert link.text == "<i>Chan</i>"
    assert browser.find_elements(By.CSS_SELECTOR, "#results img, #results b, #results i") == []
    assert chromium.console_errors(browser) == []
