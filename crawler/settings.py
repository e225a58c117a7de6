"""Scrapy settings for entcrawl: a polite default profile.

Every value here can be overridden per run (``scrapy crawl SLUG -s KEY=VALUE``
or the ``entcrawl`` CLI options).  ``LOCAL_PROFILE`` is what the demo and the
tests use against sites served on 127.0.0.1, where politeness delays only
waste time.
"""
from crawler.registry import DEFAULT_REGISTRY, PROJECT_ROOT

BOT_NAME = "entcrawl"
SPIDER_MODULES: list[str] = []
SPIDER_LOADER_CLASS = "crawler.spiderloader.RegistrySpiderLoader"

# --- entcrawl ----------------------------------------------------------------
ENTCRAWL_REGISTRY = str(DEFAULT_REGISTRY)
ENTCRAWL_DB = str(PROJECT_ROOT / "data" / "entcrawl.db")
ENTCRAWL_CATALOG = str(PROJECT_ROOT / "data" / "shows.yaml")
ENTCRAWL_MIN_BODY_WORDS = 80
ENTCRAWL_SITE_NAMES: dict[str, str] = {}      # filled per spider from the registry
ENTCRAWL_SITE_TIMEZONES: dict[str, str] = {}
ENTCRAWL_RETRY_BACKOFF_BASE = 2.0      # seconds; doubled on each retry
ENTCRAWL_RETRY_BACKOFF_MAX = 60.0

# --- politeness ----------------------------------------------------------------
USER_AGENT = (
    "entcrawl/0.1 (+https://github.com/entcrawl/entcrawl; "
    "entertainment news research crawler; respects robots.txt)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
REDIRECT_MAX_TIMES = 5

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.retry.BackoffRetryMiddleware": 550,
    # Must sit above HttpCompressionMiddleware (590): see crawler/middlewares.py.
    "crawler.middlewares.SkipCompressedCharsetDetectionMiddleware": 595,
}

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.dedupe.DedupePipeline": 200,
    "pipelines.tag.TagPipeline": 300,
    "pipelines.store.StorePipeline": 400,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Used by `entcrawl demo` and the tests against 127.0.0.x sites.
LOCAL_PROFILE = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "ENTCRAWL_RETRY_BACKOFF_BASE": 0.1,
    "DOWNLOAD_TIMEOUT": 10,
}
