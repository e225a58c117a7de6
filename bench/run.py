"""`make bench`: entcrawl against bare Scrapy and a naive Scrapy+trafilatura spider.

    .venv/bin/python bench/run.py                 # 5,000 pages, 1,000,000-article coverage DB
    .venv/bin/python bench/run.py --quick         # 600 pages, 100,000-article coverage DB
    .venv/bin/python bench/run.py --pages 2000 --skip coverage,naive-text

Serves a generated site (bench/site.py) with nginx (bench/server.py) on
127.0.0.1, runs every crawl in its own interpreter (bench/crawl_job.py), then
the in-process measurements (bench/micro.py) and the database steps
(bench/store_steps.py), prints the table, the ratios and the verdict, and
records the results in bench/last_run.json (read by the next run for
"what changed").  See docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import crawls, micro, report, store_steps  # noqa: E402
from bench.server import StaticServer, free_port  # noqa: E402
from bench.site import build_site, corpus_pages  # noqa: E402
from pipelines.tagging_pool import default_tagging_workers  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LAST_RUN = Path(__file__).with_name("last_run.json")
STEPS = ("bare", "bare-stock", "naive", "naive-text", "full", "full-inline", "extraction", "tagging",
         "retag", "coverage")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, help="article pages on the bench site (default 5000)")
    parser.add_argument("--quick", action="store_true",
                        help="small run: 600 pages, 100 extraction pages, 100,000-article coverage DB")
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "corpus")
    parser.add_argument("--workers", default="auto", help="ENTCRAWL_EXTRACTION_WORKERS for crawl 3")
    parser.add_argument("--coverage-articles", type=int, help="articles in the coverage DB (default 1,000,000)")
    parser.add_argument("--extraction-pages", type=int, help="distinct pages timed in step 4 (default 300)")
    parser.add_argument("--skip", default="", help=f"comma-separated steps to skip: {', '.join(STEPS)}")
    parser.add_argument("--profile", action="store_true", help="cProfile the full crawl (prints top costs)")
    parser.add_argument("--no-record", action="store_true", help="do not write bench/last_run.json")
    args = parser.parse_args()
    args.pages = args.pages or (600 if args.quick else 5000)
    args.coverage_articles = args.coverage_articles or (100_000 if args.quick else 1_000_000)
    args.extraction_pages = args.extraction_pages or (100 if args.quick else 300)
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = args.skip - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s) to skip: {', '.join(sorted(unknown))}")
    return args


def main() -> int:
    args = parse_args()
    started = time.perf_counter()
    results: dict = {"machine": report.machine(), "command": " ".join(["bench/run.py", *sys.argv[1:]]),
                     "date": time.strftime("%Y-%m-%d %H:%M"), "crawls": []}
    print("machine:", ", ".join(f"{k}={v}" for k, v in results["machine"].items()), flush=True)
    with tempfile.TemporaryDirectory(prefix="entcrawl-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)
        port = free_port()
        corpus = args.corpus if args.corpus.is_dir() else None
        site = build_site(tmp / "site", port, args.pages, corpus)
        results["site"] = {"pages": site.pages, "source": site.source, "mean_kb": site.mean_bytes // 1024,
                           "mean_gzip_kb": site.mean_gzip_bytes // 1024}
        print(f"site: {site.pages} article pages from {site.source}; mean {site.mean_bytes // 1024} KB "
              f"({site.mean_gzip_bytes // 1024} KB gzip); {site.base_url}", flush=True)
        (tmp / "server").mkdir()
        with StaticServer(site.root, port, tmp / "server") as server:
            results["server"] = server.label
            print(f"server: {server.label}", flush=True)
            for key in ("bare", "bare-stock", "naive", "naive-text", "full", "full-inline"):
                if key in args.skip:
                    continue
                workers = "0" if key == "full-inline" else args.workers
                profile = tmp / "full.prof" if key == "full" and args.profile else None
                result = crawls.run_crawl_job(key, site, tmp, workers=workers, profile=profile)
                row = result.as_dict()
                if key == "full":
                    row["stored_articles"] = crawls.stored_articles(tmp / "full.db")
                results["crawls"].append(row)
                print(f"  {result.label}: {result.pages} pages in {result.seconds:.1f} s = "
                      f"{result.pages_per_second:.1f} pages/s, {result.cpu_ms_per_page:.1f} CPU ms/page, "
                      f"peak RSS {result.peak_rss_mb:.0f} MB (PSS {result.peak_pss_mb:.0f} MB)" + (f"  ERROR {result.error}" if result.error else ""),
                      flush=True)
                if profile is not None and profile.exists():
                    print_profile(profile)
        run_micro(args, corpus, results)
        run_store_steps(args, tmp, results)
    print_results(results)
    previous = json.loads(LAST_RUN.read_text()) if LAST_RUN.exists() else None
    results["changes"] = report.changes_since(previous, results)
    print("\nwhat changed since the last run:")
    for line in results["changes"]:
        print("  " + line)
    checks = report.verdict(results)
    results["verdict"] = [check.__dict__ for check in checks]
    print("\nverdict:")
    for check in checks:
        print(check.line())
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")
    if not args.no_record:
        LAST_RUN.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0 if all(check.status != "FAIL" for check in checks) else 1


def run_micro(args: argparse.Namespace, corpus: Path | None, results: dict) -> None:
    from bench.catalog import big_catalog
    from bench.site import synthetic_pages

    texts = micro.demo_texts()
    if "extraction" not in args.skip:
        distinct = corpus_pages(corpus) if corpus else synthetic_pages(args.extraction_pages)
        sample = [(page, f"http://127.0.0.1/news/0/story-{i:05d}.html")
                  for i, page in enumerate(distinct[:args.extraction_pages])]
        timing = micro.time_extraction(sample)
        results["extraction"] = {"pages": timing.pages, "entcrawl_ms": timing.entcrawl_ms,
                                 "trafilatura_ms": timing.trafilatura_ms,
                                 "trafilatura_meta_ms": timing.trafilatura_meta_ms}
        results["accuracy"] = micro.extraction_accuracy(PROJECT_ROOT / "docs" / "extraction.md")
        texts += [(a["title"], a["body"], a["language"]) for a in timing.articles]
        print(f"  4. extraction ({timing.pages} pages, CPU ms/page): extract_article {timing.entcrawl_ms:.1f}, "
              f"trafilatura.extract {timing.trafilatura_ms:.1f}, with_metadata {timing.trafilatura_meta_ms:.1f}",
              flush=True)
    if "tagging" not in args.skip:
        catalog = big_catalog(PROJECT_ROOT / "data" / "shows.yaml")
        timing = micro.time_tagging(catalog, texts, pool_workers=default_tagging_workers())
        results["tagging"] = {"shows": timing.shows, "articles": timing.articles,
                              "per_second": timing.tagged_per_second, "tags_found": timing.tags_found,
                              "build_seconds": timing.build_seconds, "pool_workers": timing.pool_workers,
                              "pool_per_second": timing.pool_per_second}
        print(f"  5. tagging, {timing.shows:,} shows: {timing.pool_per_second:,.0f} articles/s on "
              f"{timing.pool_workers} processes (TaggingPool), {timing.tagged_per_second:,.0f} articles/s in one "
              f"({timing.articles} articles: demo network + extracted pages; tagger built in "
              f"{timing.build_seconds:.2f} s)", flush=True)


def run_store_steps(args: argparse.Namespace, tmp: Path, results: dict) -> None:
    full = next((row for row in results["crawls"] if row["key"] == "full"), None)
    if "retag" not in args.skip:
        step = store_steps.measure_retag(tmp / "full.db", (full or {}).get("stored_articles", 0))
        results["retag"] = step.__dict__
        print(f"  6a. retag: {f'{step.value:,.0f} articles/s' if step.available else ''} {step.detail}", flush=True)
    if "coverage" not in args.skip:
        step = store_steps.measure_coverage(args.coverage_articles)
        results["coverage"] = step.__dict__
        print(f"  6b. coverage: {f'{step.value:.2f} ms' if step.available else ''} {step.detail}", flush=True)


def print_profile(path: Path, top: int = 15) -> None:
    import pstats

    print(f"  top costs of the crawl process (cProfile, {path.name}):")
    stats = pstats.Stats(str(path))
    stats.sort_stats("cumulative").print_stats(r"pipelines/.*process_item|extraction_pool|parse_article|"
                                               r"httpcompression.*process_response|language_detection|"
                                               r"fingerprints|store_item", top)


def print_results(results: dict) -> None:
    print("\n" + "\n".join(report.crawl_table(results["crawls"])))
    rows = {row["key"]: row for row in results["crawls"]}
    for a, b in (("full", "bare"), ("full", "naive"), ("full", "naive-text"), ("full", "full-inline"),
                 ("bare", "bare-stock")):
        if a in rows and b in rows and rows[b]["pages_per_second"]:
            print(f"ratio {rows[a]['label'].split('.')[0]}/{rows[b]['label'].split('.')[0]} ({a}/{b}): "
                  f"{rows[a]['pages_per_second'] / rows[b]['pages_per_second']:.2f}")
    if "bare" in rows and "bare-stock" in rows and rows["bare"]["pages"]:
        saved = (rows["bare-stock"]["seconds"] / rows["bare-stock"]["pages"]
                 - rows["bare"]["seconds"] / rows["bare"]["pages"]) * 1000
        print(f"gzip charset middleware saves {saved:.2f} ms of wall time per page on the bare floor")


if __name__ == "__main__":
    sys.exit(main())
