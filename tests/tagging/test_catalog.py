"""The real catalog and the validation of broken ones."""
from __future__ import annotations

import pytest
import yaml

from pipelines.show_catalog import CatalogError, catalog_from_data, load_catalog, search_catalog

DEMO_IDS = ["all-of-us-are-dead", "squid-game", "stranger-things", "the-bear", "wednesday", "severance",
            "the-last-of-us", "house-of-the-dragon", "money-heist", "bridgerton", "the-boys",
            "slow-horses", "moving", "alice-in-borderland", "the-white-lotus", "you", "lost",
            "succession", "euphoria", "friends", "the-office"]
EVERYDAY_WORD_IDS = ["you", "moving", "lost", "the-bear", "succession", "wednesday", "the-boys",
                     "euphoria", "severance", "friends", "the-office"]


def test_real_catalog_size_and_spread(catalog):
    assert len(catalog) >= 160
    countries = {show.country for show in catalog}
    languages = {show.original_language for show in catalog}
    assert {"US", "GB", "KR", "JP", "ES"} <= countries
    assert {"en", "ko", "ja", "es"} <= languages


def test_demo_ids_and_original_titles(catalog):
    for show_id in DEMO_IDS:
        assert show_id in catalog, show_id
    assert catalog.get("all-of-us-are-dead").original_title == "지금 우리 학교는"
    assert catalog.get("squid-game").original_title == "오징어 게임"
    assert catalog.get("money-heist").original_title == "La casa de papel"
    assert catalog.get("moving").original_title == "무빙"
    assert catalog.get("alice-in-borderland").original_title == "今際の国のアリス"
    assert "AOUAD" in catalog.get("all-of-us-are-dead").aliases
    assert "HotD" in catalog.get("house-of-the-dragon").aliases
    assert "TLOU" in catalog.get("the-last-of-us").aliases
    assert "SNL" in catalog.get("saturday-night-live").aliases


def test_everyday_word_titles_are_flagged(catalog):
    for show_id in EVERYDAY_WORD_IDS:
        assert catalog.get(show_id).ambiguous_aliases, show_id
    assert not catalog.get("squid-game").ambiguous_aliases


def test_every_show_has_the_basic_fields(catalog):
    for show in catalog:
        assert show.title and show.country and show.network and show.start_year, show.id
        assert show.end_year is None or show.end_year >= show.start_year
        for member in show.cast:
            assert member.actor


def entry(**fields):
    base = {"id": "a-show", "title": "A Show", "years": [2020, None]}
    base.update(fields)
    return base


def problems_of(*entries, source="cat.yaml"):
    with pytest.raises(CatalogError) as caught:
        catalog_from_data({"shows": list(entries)}, source=source)
    return caught.value.problems


def test_duplicate_ids_name_file_index_and_field():
    problems = problems_of(entry(), entry(title="Other"))
    assert problems == ["cat.yaml: shows[1] (id='a-show'): field 'id': duplicate id, first used by shows[0]"]


def test_missing_title_bad_years_bad_id_unknown_field():
    problems = problems_of(entry(title=""), entry(id="b", years=[2020, 2010]),
                           entry(id="Not A Slug"), entry(id="c", titel="typo"),
                           entry(id="d", years=[1800, None]), entry(id="e", years="2020"))
    text = "\n".join(problems)
    assert "shows[0] (id='a-show'): field 'title': missing or empty" in text
    assert "shows[1] (id='b'): field 'years': end year 2010 is before start year 2020" in text
    assert "shows[2] (id='Not A Slug'): field 'id'" in text
    assert "shows[3] (id='c'): field 'titel': unknown field" in text
    assert "shows[4] (id='d'): field 'years': start year 1800" in text
    assert "shows[5] (id='e'): field 'years'" in text


def test_alias_collision_needs_a_shared_alias_rule():
    problems = problems_of(entry(id="a", title="Alpha", aliases=["Same"]),
                           entry(id="b", title="Beta", aliases=["same!"]))
    assert len(problems) == 1
    assert "show 'b': field 'aliases': 'same!' collides with 'Same' of show 'a'" in problems[0]
    catalog = catalog_from_data({"shows": [
        entry(id="a", title="Alpha", aliases=["Same"], shared_aliases=["Same"]),
        entry(id="b", title="Beta", aliases=["same!"], shared_aliases=["same!"])]})
    assert len(catalog) == 2
    assert problems_of(entry(id="a", title="Alpha", shared_aliases=["Nope"]))[0].endswith(
        "'Nope' is not the title, original title or an alias")


def test_cast_and_misc_field_errors():
    text = "\n".join(problems_of(entry(cast=[{"character": "X"}]), entry(id="b", seasons=-1),
                                 entry(id="c", ambiguous=["Nope"]), entry(id="d", country="Korea"),
                                 entry(id="e", not_after=[None])))
    assert "field 'cast[0]': needs an 'actor' string" in text
    assert "(id='b'): field 'seasons'" in text
    assert "(id='c'): field 'ambiguous'" in text
    assert "(id='d'): field 'country'" in text
    assert "(id='e'): field 'not_after'" in text


def test_load_catalog_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_catalog(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("shows: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="broken.yaml: not valid YAML"):
        load_catalog(broken)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CatalogError, match="'shows' list"):
        load_catalog(empty)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("shows:\n- id: elite\n  title: \xc9lite\n".encode("latin-1"))
    with pytest.raises(UnicodeDecodeError):
        load_catalog(latin1)


def test_yaml_words_on_no_yes_stay_words(tmp_path):
    path = tmp_path / "shows.yaml"
    path.write_text(yaml.safe_dump({"shows": [entry()]}) .replace("years:", "not_after: [on, no, yes, 24]\n  years:"),
                    encoding="utf-8")
    show = load_catalog(path).get("a-show")
    assert show.not_after == ("on", "no", "yes", "24")


def test_search_catalog_fuzzy(catalog):
    assert search_catalog(catalog, "squid game")[0][0].id == "squid-game"
    assert search_catalog(catalog, "La Casa de Papel")[0][0].id == "money-heist"
    assert search_catalog(catalog, "hotd")[0][0].id == "house-of-the-dragon"
    assert search_catalog(catalog, "stranger thigns")[0][0].id == "stranger-things"
