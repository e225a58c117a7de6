"""The pure parts: politeness, the worker profile, item JSON, the idle timer."""
from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES

import dataclasses
import json

import pytest

from crawler.distributed.idle import IdleTimer
from crawler.distributed.items import BadItemError, item_from_json, item_to_json
from crawler.distributed.politeness import politeness_for_workers, registry_for_workers
from crawler.distributed.profile import DATABASE_STAGES, PUSH_PIPELINE, worker_settings
from crawler.distributed.scheduler import SharedScheduler, UnsafeSchedulerSettings, url_fingerprint
from crawler.items import ArticleItem
from crawler.registry import Registry, parse_site
from crawler.runner import project_settings

URL = "redis://127.0.0.1:6379/0"


def test_politeness_is_divided_by_the_number_of_workers():
    single = {"CONCURRENT_REQUESTS_PER_DOMAIN": 2, "CONCURRENT_REQUESTS_PER_IP": 0, "DOWNLOAD_DELAY": 1.0,
              "AUTOTHROTTLE_START_DELAY": 1.0, "AUTOTHROTTLE_MAX_DELAY": 30.0,
              "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0}
    two = politeness_for_workers(single, 2)
    assert two == {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "CONCURRENT_REQUESTS_PER_IP": 0, "DOWNLOAD_DELAY": 2.0,
                   "AUTOTHROTTLE_START_DELAY": 2.0, "AUTOTHROTTLE_MAX_DELAY": 60.0,
                   "AUTOTHROTTLE_TARGET_CONCURRENCY": 0.5}
    # N workers at 1 request each and N times the delay: never faster than one crawl
    five = politeness_for_workers(single, 5)
    assert five["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1 and five["DOWNLOAD_DELAY"] == 5.0
    assert politeness_for_workers(single, 1) == {k: float(v) if isinstance(v, float) else v for k, v in single.items()}
    with pytest.raises(ValueError):
        politeness_for_workers(single, 0)


def test_a_sites_own_delay_is_multiplied_too():
    site = parse_site({"slug": "slow", "name": "Slow", "homepage": "https://slow.example/", "language": "en",
                       "article_url_patterns": ["^/a/"], "feeds": ["/rss"], "download_delay": 4})
    other = dataclasses.replace(site, slug="other", download_delay=None)
    scaled = registry_for_workers(Registry(path=None, sites={"slow": site, "other": other}), 3)
    assert scaled.sites["slow"].download_delay == 12.0
    assert scaled.sites["other"].download_delay is None


def test_worker_profile():
    settings = worker_settings(project_settings({"DOWNLOAD_DELAY": 1.5}), redis_url=URL, workers=2,
                               worker_id="w7")
    assert settings.getbool("SCHEDULER_PERSIST") and not settings.getbool("SCHEDULER_FLUSH_ON_START")
    assert settings.get("SCHEDULER").endswith("SharedScheduler")
    assert not settings.getbool("TELNETCONSOLE_ENABLED") and not settings.getbool("REMOTE_CONTROL_ENABLED")
    assert not settings.getbool("ENTCRAWL_INCREMENTAL")
    assert settings.getfloat("DOWNLOAD_DELAY") == 3.0
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    # deprecated in Scrapy 2.19: nobody may set it above Scrapy's own default
    assert (settings.getpriority("RANDOMIZE_DOWNLOAD_DELAY") or 0) <= SETTINGS_PRIORITIES["default"]
    assert settings.getfloat("DOWNLOAD_DELAY_JITTER") == 0.5
    pipelines = settings.getdict("ITEM_PIPELINES")
    enabled = sorted((order, path) for path, order in pipelines.items() if order is not None)
    assert [path for _, path in enabled][-1] == PUSH_PIPELINE
    assert "pipelines.normalize.NormalizePipeline" in pipelines and "pipelines.tag.TagPipeline" in pipelines
    assert all(pipelines[stage] is None for stage in DATABASE_STAGES)
    assert settings.get("ENTCRAWL_WORKER_ID") == "w7"
    # a tunable set by the user stays; the safety settings do not
    tuned = worker_settings(project_settings({"ENTCRAWL_IDLE_CLOSE_SECONDS": 5, "SCHEDULER_PERSIST": False}),
                            redis_url=URL, workers=1)
    assert tuned.getfloat("ENTCRAWL_IDLE_CLOSE_SECONDS") == 5 and tuned.getbool("SCHEDULER_PERSIST")


class _Crawler:
    def __init__(self, settings):
        self.settings = settings
        self.stats = None


@pytest.mark.parametrize("override", [{"SCHEDULER_PERSIST": False}, {"SCHEDULER_FLUSH_ON_START": True}])
def test_the_shared_scheduler_refuses_settings_that_lose_pages(override):
    settings = worker_settings(project_settings(), redis_url=URL, workers=2)
    settings.update(override, priority="cmdline")
    with pytest.raises(UnsafeSchedulerSettings):
        SharedScheduler.from_crawler(_Crawler(settings))


def test_url_fingerprint_matches_the_dupefilter():
    from scrapy import Request
    from scrapy_redis.dupefilter import RFPDupeFilter

    url = "https://a.example/news/x?b=2&a=1"
    assert url_fingerprint(url) == RFPDupeFilter(server=None, key="k").request_fingerprint(Request(url))
    assert url_fingerprint(url) == url_fingerprint("https://a.example/news/x?a=1&b=2")


def test_items_travel_as_json_and_come_back_whole():
    item = ArticleItem(url="https://a.example/1", source="a", title="Tïtle", body="Body",
                       authors=["A. Writer"], shows=[{"show_id": "x", "kinds": []}],
                       discovery={"feed_published": "2026-11-01T00:00:00+00:00"})
    text = item_to_json(item)
    assert json.loads(text)["title"] == "Tïtle"
    assert item_from_json(text) == item
    assert item_from_json(json.dumps({"url": "https://a.example/2", "future_field": 1})).url == "https://a.example/2"


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"title": "no url"}', b"\xff\xfe", '{"url": "u", "body": 1,'])
def test_bad_item_messages_raise_a_clear_error(text):
    with pytest.raises(BadItemError):
        item_from_json(text)


def test_idle_timer_needs_a_continuous_idle_period():
    now = [0.0]
    timer = IdleTimer(10.0, clock=lambda: now[0])
    assert not timer.idle()          # first idle moment starts the timer
    now[0] = 6.0
    timer.busy()                     # work came in: start over
    now[0] = 7.0
    assert not timer.idle()
    now[0] = 16.9
    assert not timer.idle() and not timer.expired
    now[0] = 17.0
    assert timer.expired and timer.idle()
