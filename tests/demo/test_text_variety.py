"""The demo articles must not look templated to the near-duplicate detector.

Unrelated articles (anything that is not a tvgazette copy of its screenwire
original) must stay far below the dedupe thresholds of
``pipelines.fingerprints`` (Jaccard 0.35, containment 0.75), and rewrites
must stay near-duplicates of their originals.  Every pair of bodies is
compared (about 55 000 pairs, well under a second), which includes all the
risky same-show, same-kind pairs.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from itertools import combinations

import pytest

from crawler.demo.variety import reword, vary
from pipelines.fingerprints import containment, jaccard, shingles

PORT = 8631
MAX_UNRELATED_JACCARD = 0.2
MAX_UNRELATED_CONTAINMENT = 0.5
MIN_REWRITE_JACCARD = 0.5


def syndication_pairs(facts: list[dict]) -> dict[frozenset[str], str]:
    return {frozenset((f["url"], f["syndication_of"])): f["syndication"] for f in facts if f["syndication"]}


@pytest.fixture(scope="module", params=[1, 3], ids=["phase1", "phase3"])
def bodies(request, network):
    facts = network.expected_facts(PORT, request.param)
    return facts, [shingles(f["body"]) for f in facts]


def test_unrelated_articles_share_few_shingles(bodies):
    facts, sets = bodies
    copies = syndication_pairs(facts)
    worst_j = worst_c = (0.0, "", "")
    risky = 0
    for i, j in combinations(range(len(facts)), 2):
        a, b = facts[i], facts[j]
        if frozenset((a["url"], b["url"])) in copies:
            continue
        if a["shows"] and a["shows"] == b["shows"] and a["kind"] == b["kind"]:
            risky += 1
        if sets[i].isdisjoint(sets[j]):
            continue
        jac, con = jaccard(sets[i], sets[j]), containment(sets[i], sets[j])
        worst_j = max(worst_j, (jac, a["title"], b["title"]))
        worst_c = max(worst_c, (con, a["title"], b["title"]))
    assert risky >= 30, "expected plenty of same-show, same-kind pairs to check"
    assert worst_j[0] < MAX_UNRELATED_JACCARD, f"too similar: {worst_j}"
    assert worst_c[0] < MAX_UNRELATED_CONTAINMENT, f"too similar: {worst_c}"


def test_copies_stay_near_duplicates(bodies):
    facts, sets = bodies
    index = {f["url"]: i for i, f in enumerate(facts)}
    styles = Counter()
    for pair, style in syndication_pairs(facts).items():
        i, j = (index[url] for url in pair)
        styles[style] += 1
        if style == "verbatim":
            assert facts[i]["body"] == facts[j]["body"]
        else:
            assert jaccard(sets[i], sets[j]) >= MIN_REWRITE_JACCARD, (facts[i]["title"], facts[j]["title"])
    assert styles["verbatim"] >= 10 and styles["rewrite"] >= 10


def test_same_template_gives_different_sentences(network):
    """Two reviews of one show share a kind and a show, yet few sentences."""
    reviews = Counter(tuple(f["shows"]) for f in network.expected_facts(PORT, 1)
                      if f["kind"] == "review" and f["language"] == "en" and not f["syndication"])
    show, count = reviews.most_common(1)[0]
    assert count >= 2
    texts = [f["body"] for f in network.expected_facts(PORT, 1)
             if f["kind"] == "review" and tuple(f["shows"]) == show and not f["syndication"]]
    sentences = [set(re.split(r"(?<=[.!?'])\s+", t)) for t in texts[:2]]
    assert len(sentences[0] & sentences[1]) <= 1


def test_no_template_syntax_leaks_into_text(network):
    for fact in network.expected_facts(PORT, 3):
        for text in (fact["title"], fact["body"]):
            assert not re.search(r"[<>{}|]", text), (fact["url"], text[:200])
        assert "  " not in fact["body"] and " ." not in fact["body"] and " ," not in fact["body"]


def test_only_trap_articles_use_show_titles_by_accident(network):
    for fact in network.expected_facts(PORT, 3):
        if fact["kind"] != "trap":
            assert fact["trap_terms"] == [], (fact["title"], fact["trap_terms"])


def test_sites_open_stories_in_their_own_voice(network):
    facts = [f for f in network.expected_facts(PORT, 1) if not f["syndication"]]
    reelbuzz = [f["body"] for f in facts if f["site"] == "demo-reelbuzz"]
    screenwire = [f["body"] for f in facts if f["site"] == "demo-screenwire"]
    assert any("ReelBuzz" in body for body in reelbuzz)
    assert not any("ReelBuzz" in body for body in screenwire)
    assert any(body.startswith(("LOS ANGELES —", "NEW YORK —", "ATLANTA —")) for body in screenwire)
    assert len({len(f["body"].split("\n\n")) for f in facts}) >= 5   # paragraph counts vary


def test_vary_and_reword_are_deterministic_and_keep_placeholders():
    template = "{T} <is|was> <back|home> and fans said the show remains a highlight of {P}."
    first = reword(vary(template, random.Random(1)), random.Random(2))
    assert first == reword(vary(template, random.Random(1)), random.Random(2))
    outputs = {reword(vary(template, random.Random(seed)), random.Random(seed)) for seed in range(40)}
    assert len(outputs) >= 10
    assert all(o.startswith("{T} ") and o.endswith(" of {P}.") and "<" not in o for o in outputs)
    assert vary("no alternatives here", random.Random(0)) == "no alternatives here"
    assert vary("<|very >quiet", random.Random(3)) in ("quiet", "very quiet")
