"""Running entcrawl unattended: run lock, logging, progress, health, URL safety.

| module | role |
|---|---|
| ``lock``        | ``RunLock``: one crawl per database (``fcntl`` lock on ``<db>.lock``) |
| ``logsetup``    | log file + terminal handlers for ``entcrawl crawl`` |
| ``redaction``   | ``redact_secrets`` and the logging filter that applies it |
| ``progress``    | ``ProgressExtension``: per-site counts every N seconds |
| ``failures``    | ``failure_kind``: one name per way a request can fail |
| ``addresses``   | ``AddressGuardMiddleware``: no private/loopback/link-local fetches |
| ``offsite``     | ``StrictOffsiteMiddleware``: allowed domains, redirects included |
| ``incremental`` | which known articles to fetch again (``refetch_reason``, ``ArticleIndex``) |
| ``fieldfill``   | ``FieldFillPipeline``: fill-rate counts and per-URL fetch state |
| ``health``      | per-source fill-rate history and the checks behind ``entcrawl health`` |

See docs/operations.md.
"""
