"""Site registry: the bundled file loads, bad entries fail with file/entry/field."""
from __future__ import annotations

import pytest
import yaml

from crawler.registry import DEFAULT_REGISTRY, RegistryError, load_registry, parse_site

GOOD = {
    "slug": "example",
    "name": "Example TV",
    "homepage": "https://www.example.com/",
    "language": "en",
    "feeds": ["/feed/"],
    "article_url_patterns": [r"^/\d{4}/[a-z-]+/$"],
}


def write(tmp_path, sites):
    path = tmp_path / "sites.yaml"
    path.write_text(yaml.safe_dump({"sites": sites}), encoding="utf-8")
    return path


def test_bundled_registry_has_twelve_real_sites():
    registry = load_registry(DEFAULT_REGISTRY)
    real = [s for s in registry.sites.values() if not s.demo]
    assert len(real) >= 12
    for site in real:
        assert site.start_urls, site.slug
        assert site.article_url_patterns, site.slug
        assert all(u.startswith("https://") for u in site.start_urls), site.slug


def test_relative_urls_resolve_against_homepage():
    site = parse_site(GOOD)
    assert site.feeds == ("https://www.example.com/feed/",)
    assert site.allowed_domains == ("example.com",)


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"slug": "Bad Slug"}, "slug", "lowercase"),
        ({"homepage": "example.com"}, "homepage", "absolute"),
        ({"language": "English"}, "language", "language code"),
        ({"article_url_patterns": ["(unclosed"]}, "article_url_patterns", "regular expression"),
        ({"feeds": []}, "feeds", "at least one"),
        ({"allowed_domains": ["other.org"]}, "allowed_domains", "not in"),
        ({"enabled": "yes"}, "enabled", "true or false"),
        ({"feeds": "/feed/", "feedz": ["/x"]}, "feedz", "unknown field"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_bad_entry_names_file_entry_and_field(tmp_path, change, field, words):
    entry = {**GOOD, **change}
    path = write(tmp_path, [GOOD | {"slug": "first"}, entry])
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    message = str(err.value)
    assert str(path) in message
    assert "sites[1]" in message
    assert repr(field) in message
    assert words in message


def test_duplicate_slug_and_bad_file(tmp_path):
    with pytest.raises(RegistryError, match="duplicate slug"):
        load_registry(write(tmp_path, [GOOD, GOOD]))
    bad = tmp_path / "bad.yaml"
    bad.write_text("sites: [\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_registry(bad)
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "missing.yaml")
