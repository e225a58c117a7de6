"""TaggingPool: the same tags as in-process tagging, in order, and failures that raise, never hang."""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from pipelines.show_catalog import Catalog
from pipelines.show_tagger import ShowTagger
from pipelines.tagging_pool import (
    TaggingPool, TaggingWorkerError, default_tagging_workers, tag_articles,
)

from .conftest import CATALOG_PATH, PROJECT_ROOT

VARIED = [
    ("Squid Game season 2 review: the games get bigger",
     "Squid Game returns to Netflix with season 2. Lee Jung-jae is back as Gi-hun.", "en"),
    ("Slow Horses season 4 is its best yet",
     "Apple TV+ renewed Slow Horses, and Gary Oldman's Jackson Lamb is as grubby as ever.\n\n"
     "The spy drama keeps its pace.", "en"),
    ("Ten podcasts for a long drive", "Nothing here is about television at all.", "en"),
    ("", "", ""),
    ("", "Stranger Things 5 arrives in three parts, Netflix said.", "en"),
    ("Stranger Things: the final season", "", "en"),
    ("'오징어 게임' 시즌2 공개 앞두고 화제", "넷플릭스 오징어 게임 시즌2가 공개를 앞두고 있다. 이정재가 다시 출연한다.", "ko"),
    ("날씨: 내일 전국에 비", "오늘 오후부터 전국에 비가 내리겠다.", "ko"),
    ("La casa de papel: la serie que lo cambió todo",
     "El juego del calamar y La casa de papel son las series más vistas de Netflix en español.", "es"),
    ("Receta de tortilla de patatas", "Se baten los huevos y se fríen las patatas.", "es"),
    ("Wednesday season 2 part 2 review", "Jenna Ortega's Wednesday is back at Nevermore.", "en"),
    ("Midweek: what to cook on Wednesday", "On Wednesday we eat pasta.", "en"),
]


def dicts(tag_lists) -> list[list[dict[str, Any]]]:
    return [[tag.as_dict() for tag in tags] for tags in tag_lists]


def flat(batches) -> list:
    return [tags for batch in batches for tags in batch]


def in_process(tagger: ShowTagger, articles) -> list[list[dict[str, Any]]]:
    return dicts(tagger.tag(t, b, language=l) for t, b, l in articles)


def shuffled(count: int, seed: int = 7) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    return [rng.choice(VARIED) for _ in range(count)]


def within(seconds: float, run: Callable[[], Any]) -> Any:
    """Run ``run`` in a daemon thread; fail (instead of hanging) if it takes longer.
    Returns its result or the exception it raised."""
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(run())
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"did not finish within {seconds} s (a hang)"
    return outcome[0]


def no_live_children(pids) -> bool:
    return not {p.pid for p in multiprocessing.active_children()} & set(pids)


class RaisingTagger(ShowTagger):
    def tag(self, title, body, *, language="", html_title_cues=None):
        if title == "explode":
            raise ValueError(f"refusing to tag {title!r}")
        return super().tag(title, body, language=language, html_title_cues=html_title_cues)


class ExitingTagger(ShowTagger):
    def tag(self, title, body, *, language="", html_title_cues=None):
        if title == "exit":
            os._exit(7)
        return super().tag(title, body, language=language, html_title_cues=html_title_cues)


def test_the_articles_are_varied(tagger):
    expected = in_process(tagger, VARIED)
    tagged_languages = {VARIED[i][2] for i, tags in enumerate(expected) if tags}
    assert tagged_languages == {"en", "ko", "es"}
    assert any(not tags for tags in expected)


def test_tag_many_equals_in_process_tagging(tagger):
    with TaggingPool(tagger, 2) as pool:
        batches = list(pool.tag_many(VARIED))
        assert len(pool.pids) == 2
    assert [len(b) for b in batches] == [len(VARIED)]
    assert dicts(flat(batches)) == in_process(tagger, VARIED)


@pytest.mark.parametrize("batch_size", [1, 3])
def test_order_is_kept_with_many_small_batches(tagger, batch_size):
    articles = shuffled(90)                  # 30-90 batches; at most 2 workers x 2 in flight
    with TaggingPool(tagger, 2) as pool:
        batches = list(pool.tag_many(iter(articles), batch_size=batch_size))
    assert all(len(b) == batch_size for b in batches)
    assert dicts(flat(batches)) == in_process(tagger, articles)


def test_the_input_is_read_lazily(tagger):
    read: list[int] = []

    def articles():
        for number, article in enumerate(shuffled(200)):
            read.append(number)
            yield article

    with TaggingPool(tagger, 2) as pool:
        results = pool.tag_many(articles(), batch_size=10)
        next(results)
        assert len(read) <= 10 * (2 * 2 + 1) + 1         # in flight + the one refilled
        results.close()


def test_an_abandoned_iteration_leaves_the_pool_usable(tagger):
    articles = shuffled(60)
    with TaggingPool(tagger, 2) as pool:
        for _ in pool.tag_many(articles, batch_size=5):
            break
        assert dicts(flat(pool.tag_many(articles, batch_size=7))) == in_process(tagger, articles)


def test_tag_articles_runs_in_process_for_one_worker(tagger):
    seen_children = []
    results = []
    for batch in tag_articles(tagger, VARIED, 1, batch_size=5):
        seen_children.append(len(multiprocessing.active_children()))
        results += batch
    assert seen_children == [0, 0, 0]
    assert dicts(results) == in_process(tagger, VARIED)
    assert dicts(flat(tag_articles(tagger, VARIED, 2))) == in_process(tagger, VARIED)
    assert list(tag_articles(tagger, [], 2)) == []


def test_big_batches_do_not_block_on_full_pipes(tagger, catalog):
    """Batches and results far bigger than the socket buffers, in both directions at once
    (the parent sends a batch while the worker sends a result): each side keeps reading."""
    every_show = "\n\n".join(f"{show.title} season 2 is reviewed here." for show in catalog.shows)
    articles = [("Everything on TV", f"{every_show} Nothing else. {'More filler. ' * 2000}{i}", "en")
                for i in range(120)]             # batches of ~1.6 MB; results of ~450 KB a batch
    with TaggingPool(tagger, 2) as pool:
        got = within(30, lambda: flat(pool.tag_many(articles, batch_size=40)))
    assert not isinstance(got, BaseException), got
    expected = in_process(tagger, articles[:1])[0]
    assert len(expected) > 200
    assert [len(tags) for tags in dicts(got)] == [len(expected)] * len(articles)
    assert dicts(got[-1:]) == [expected]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_parent_dies(tmp_path):
    """The workers see EOF when the parent is gone, even with batches in flight."""
    pid_file = tmp_path / "pids"
    script = (
        "import os\n"
        "from pipelines.show_catalog import load_catalog\n"
        "from pipelines.show_tagger import ShowTagger\n"
        "from pipelines.tagging_pool import TaggingPool\n"
        f"pool = TaggingPool(ShowTagger(load_catalog({str(CATALOG_PATH)!r})), 2)\n"
        "results = pool.tag_many([('Squid Game', 'Squid Game ' * 20000 + str(i), 'en') for i in range(100)],"
        " batch_size=2)\n"
        "next(results)\n"
        f"open({str(pid_file)!r}, 'w').write(' '.join(map(str, pool.pids)))\n"
        "os._exit(0)\n")
    # no pipes: workers that outlive the parent must not keep this test waiting on them
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0
    pids = [int(pid) for pid in pid_file.read_text().split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.05)
    alive = [pid for pid in pids if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)             # do not leave them behind
    assert not alive, "workers outlived their parent"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"       # a zombie has exited
    except FileNotFoundError:
        return False


def test_a_killed_worker_raises_instead_of_hanging(tagger):
    pool = TaggingPool(tagger, 2)
    try:
        results = pool.tag_many(shuffled(300), batch_size=2)
        next(results)
        os.kill(pool.pids[0], signal.SIGKILL)
        error = within(20, lambda: list(results))
        assert isinstance(error, TaggingWorkerError), error
        assert "worker 0" in str(error) and "SIGKILL" in str(error)
        with pytest.raises(TaggingWorkerError, match="unusable after an earlier failure"):
            pool.tag_many(VARIED)
    finally:
        pool.close()
    assert no_live_children(pool.pids)


def test_an_exception_in_tag_is_raised_in_the_parent(catalog):
    articles = VARIED[:5] + [("explode", "body", "en")] + VARIED[5:]
    with TaggingPool(RaisingTagger(catalog), 2) as pool:
        error = within(20, lambda: list(pool.tag_many(articles, batch_size=2)))
    assert isinstance(error, TaggingWorkerError)
    assert "ValueError: refusing to tag 'explode'" in str(error)


def test_a_worker_that_exits_names_its_exit_code(catalog):
    with TaggingPool(ExitingTagger(catalog), 2) as pool:
        error = within(20, lambda: list(pool.tag_many(VARIED + [("exit", "", "en")] + VARIED, batch_size=4)))
    assert isinstance(error, TaggingWorkerError)
    assert "exit code 7" in str(error)
    assert no_live_children(pool.pids)


def test_close_stops_every_worker(tagger):
    pool = TaggingPool(tagger, 3)
    pids = pool.pids
    assert len(set(pids)) == 3 and not no_live_children(pids)
    next(pool.tag_many(shuffled(100), batch_size=5))       # close() while batches are in flight
    started = time.perf_counter()
    pool.close()
    pool.close()                                             # twice is fine
    assert time.perf_counter() - started < 5
    assert no_live_children(pids)
    for pid in pids:
        with pytest.raises(ProcessLookupError):             # reaped, not zombies
            os.kill(pid, 0)
    with pytest.raises(TaggingWorkerError, match="closed"):
        pool.tag_many(VARIED)


def test_spawn_builds_the_tagger_in_the_worker(tagger):
    with TaggingPool(tagger, 1, start_method="spawn") as pool:
        got = within(60, lambda: flat(pool.tag_many(VARIED, batch_size=5)))
    assert not isinstance(got, BaseException), got
    assert dicts(got) == in_process(tagger, VARIED)


def test_spawn_with_a_catalog_that_does_not_pickle_says_so(catalog):
    unpicklable = Catalog(shows=catalog.shows, source="in memory",
                          by_id={**catalog.by_id, "lambda": lambda: None})
    with pytest.raises(TaggingWorkerError, match="cannot be pickled"):
        TaggingPool(ShowTagger(unpicklable), 1, start_method="spawn")


def test_bad_arguments(tagger):
    with pytest.raises(ValueError, match="workers"):
        TaggingPool(tagger, 0)
    with TaggingPool(tagger, 1) as pool:
        with pytest.raises(ValueError, match="batch_size"):
            pool.tag_many(VARIED, batch_size=0)
        running = pool.tag_many(VARIED, batch_size=1)
        next(running)
        with pytest.raises(RuntimeError, match="already running"):
            next(pool.tag_many(VARIED))
        running.close()


def test_default_workers_is_the_usable_cpus():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert default_tagging_workers() == max(1, expected or 1)


def test_spawn_with_a_tagger_class_that_does_not_pickle_says_so(catalog):
    class LocalTagger(ShowTagger):
        pass

    with pytest.raises(TaggingWorkerError, match="cannot start a 'spawn' tagging worker"):
        TaggingPool(LocalTagger(catalog), 1, start_method="spawn")
