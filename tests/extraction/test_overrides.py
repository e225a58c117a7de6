"""Per-site overrides: selectors replace the generic heuristics only for the fields they give."""
from __future__ import annotations

import yaml

from crawler.extraction import extract_article
from crawler.extraction.overrides import SiteOverride, apply_override, find_override

PAGE = """<html><head><title>Weird CMS page</title></head><body>
<div class="nav"><h1>Weird CMS</h1></div>
<div class="hdl">The real headline of the story</div>
<div class="who">Written up by <b>Mara Quint</b></div>
<div class="stamp" data-x="1">Stand 04.02.2026 · 09:15</div>
<div class="story"><div class="promo">Buy our magazine now!</div>
<p>First paragraph of the real story about the film festival and its jury.</p>
<p>Second paragraph with more about the winners and the closing ceremony.</p></div>
</body></html>"""

OVERRIDES_YAML = """
weirdcms.test:
  title: div.hdl
  authors: "//div[@class='who']/b"
  date: .stamp
  body: div.story p
  drop: [div.promo]
"""


def test_find_override_matches_host_and_subdomains() -> None:
    overrides = yaml.safe_load(OVERRIDES_YAML)
    assert find_override("https://www.weirdcms.test/a", overrides) == SiteOverride(
        title="div.hdl", body="div.story p", date=".stamp", authors="//div[@class='who']/b", drop=("div.promo",))
    assert find_override("https://news.weirdcms.test/a", overrides) is not None
    assert find_override("https://other.test/a", overrides) is None
    assert find_override("https://other.test/a", None) is None


def test_override_example_changes_only_given_fields() -> None:
    overrides = yaml.safe_load(OVERRIDES_YAML)
    url = "https://www.weirdcms.test/2026/story"
    plain = extract_article(PAGE, url)
    forced = extract_article(PAGE, url, overrides=overrides)
    assert plain["title"] != "The real headline of the story"
    assert forced["title"] == "The real headline of the story"
    assert forced["authors"] == ["Mara Quint"]
    assert forced["published_at"] == "2026-02-04T09:15:00"
    assert forced["date_candidates"][0]["source"] == "override"
    assert forced["body"] == ("First paragraph of the real story about the film festival and its jury.\n\n"
                              "Second paragraph with more about the winners and the closing ceremony.")
    assert forced["language"] == plain["language"] and forced["canonical_url"] == plain["canonical_url"]


def test_bad_selectors_select_nothing() -> None:
    from lxml.html import document_fromstring

    tree = document_fromstring(PAGE)
    assert apply_override(tree, SiteOverride(title="div[[[", body="//p[", date="")) == {}
