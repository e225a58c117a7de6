"""Tag many articles on all cores: worker processes around one ``ShowTagger``.

Workers are started with *fork* (Linux) and inherit the tagger already built (its
hyperscan databases do not pickle; nothing is rebuilt).  Elsewhere, or with
``start_method="spawn"``, each worker gets the pickled catalog and builds
``type(tagger)(catalog)``.  One ``Pipe`` per worker carries batches of
``(title, body, language)`` one way and ``list[list[ShowTag]]`` back (ShowTag
pickles as cheaply as plain tuples).  ``tag_many`` streams results in input order,
at most two batches in flight per worker; a worker that dies or whose ``tag()``
raises makes it raise ``TaggingWorkerError`` (waits include the process
sentinels: a dead worker is never waited on).  docs/tagging.md, "Tagging on all cores".
"""
from __future__ import annotations

import os
import pickle
import queue
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from typing import Any

from pipelines.show_catalog import Catalog
from pipelines.show_tagger import ShowTag, ShowTagger

Article = tuple[str, str, str]          # (title, body, language)
DEFAULT_TAG_BATCH = 128
IN_FLIGHT_PER_WORKER = 2
_STOP = ForkingPickler.dumps(None)      # tells a worker to exit
JOIN_SECONDS = 2.0


class TaggingWorkerError(RuntimeError):
    """A tagging worker died or its ``tag()`` raised (the message says which and why)."""


def default_tagging_workers() -> int:
    """The CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                       # macOS, Windows
        return max(1, os.cpu_count() or 1)


def tag_articles(tagger: ShowTagger, articles: Iterable[Article], workers: int, *,
                 batch_size: int = DEFAULT_TAG_BATCH) -> Iterator[list[list[ShowTag]]]:
    """Batches of tags of ``articles``, in order: in-process for ``workers <= 1``, else a pool."""
    if workers <= 1:
        for batch in _batches(articles, batch_size):
            yield [tagger.tag(title, body, language=language) for title, body, language in batch]
        return
    with TaggingPool(tagger, workers) as pool:
        yield from pool.tag_many(articles, batch_size=batch_size)


class TaggingPool:
    """``with TaggingPool(tagger, 2) as pool: for tags in pool.tag_many(articles): ...``"""

    def __init__(self, tagger: ShowTagger, workers: int, *, start_method: str | None = None):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        method = start_method or _default_start_method()
        context = get_context(method)
        self._connections: list[Connection] = []      # the parent's ends
        self._senders: list[_Sender] = []
        self._processes: list[Any] = []
        self._pids: list[int] = []
        self._closed = False
        self._running = False
        self._broken = ""
        try:
            catalog = None if method == "fork" else _picklable_catalog(tagger.catalog, method)
            for _ in range(workers):
                parent_end, child_end = context.Pipe()
                self._connections.append(parent_end)
                if method == "fork":     # args are inherited, not pickled
                    target, args = _serve, (tagger, child_end, tuple(self._connections))
                else:
                    target, args = _build_and_serve, (type(tagger), catalog, child_end)
                process = context.Process(target=target, args=args, daemon=True,
                                          name=f"entcrawl-tagger-{len(self._processes)}")
                try:
                    process.start()
                except (pickle.PicklingError, AttributeError, TypeError) as exc:   # spawn pickles args
                    raise TaggingWorkerError(f"cannot start a {method!r} tagging worker: {exc}") from exc
                finally:
                    child_end.close()
                self._processes.append(process)
                self._pids.append(process.pid)
                self._senders.append(_Sender(parent_end, len(self._senders)))
        except BaseException:
            self.close()
            raise

    @property
    def pids(self) -> tuple[int, ...]:
        """The workers' process ids (read-only; for tests and diagnostics)."""
        return tuple(self._pids)

    def __enter__(self) -> TaggingPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def tag_many(self, articles: Iterable[Article], *,
                 batch_size: int = DEFAULT_TAG_BATCH) -> Iterator[list[list[ShowTag]]]:
        """One list of tag lists per batch of ``articles``, in input order; equal to
        ``[tagger.tag(t, b, language=l) for t, b, l in batch]``.  Reads ``articles`` lazily."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._check_usable()
        return self._stream(_batches(articles, batch_size))

    def _stream(self, batches: Iterator[list[Article]]) -> Iterator[list[list[ShowTag]]]:
        self._check_usable()
        self._running = True
        pending: deque[int] = deque()          # the worker of each batch in flight, oldest first
        try:
            for _ in range(IN_FLIGHT_PER_WORKER):
                for worker in range(len(self._processes)):
                    self._submit(worker, batches, pending)
            while pending:
                worker = pending.popleft()
                results = self._receive(worker)
                self._submit(worker, batches, pending)     # keep it busy while the caller works
                yield results
        finally:
            self._running = False
            if pending and not (self._broken or self._closed):
                self._drain(pending)

    def close(self) -> None:
        """Stop the workers: a stop message, a join with timeout, then terminate/kill."""
        if self._closed:
            return
        self._closed = True
        for sender in self._senders:
            sender.put(_STOP)
        for sender in self._senders:
            sender.join(JOIN_SECONDS)
        for connection in self._connections:
            connection.close()              # a child still sending gets EPIPE and stops
        for process in self._processes:
            process.join(JOIN_SECONDS)
        for process in self._processes:
            if process.is_alive():
                process.terminate()
                process.join(JOIN_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        for process in self._processes:
            process.close()

    # -- parent side ----------------------------------------------------------
    def _check_usable(self) -> None:
        if self._closed:
            raise TaggingWorkerError("the tagging pool is closed")
        if self._broken:
            raise TaggingWorkerError(f"the tagging pool is unusable after an earlier failure: {self._broken}")
        if self._running:
            raise RuntimeError("tag_many is already running on this pool (one at a time)")

    def _submit(self, worker: int, batches: Iterator[list[Article]], pending: deque[int]) -> None:
        batch = next(batches, None)
        if batch is None:
            return
        # Pickled here (an unpicklable article raises to the caller); written by the
        # worker's sender thread.  A worker that died is noticed by _receive.
        self._senders[worker].put(ForkingPickler.dumps(batch))
        pending.append(worker)

    def _receive(self, worker: int) -> list[list[ShowTag]]:
        connection, process = self._connections[worker], self._processes[worker]
        ready = wait([connection, process.sentinel])
        if connection not in ready and not connection.poll():
            self._fail(self._death_message(worker))
        try:
            status, payload = connection.recv()
        except (OSError, EOFError):
            self._fail(self._death_message(worker))
        if status != "ok":
            self._fail(f"tagging worker {worker} (pid {self._pids[worker]}) failed: {payload}")
        return payload

    def _drain(self, pending: deque[int]) -> None:
        """Read the results of an abandoned ``tag_many`` so the pool can be used again."""
        try:
            while pending:
                self._receive(pending.popleft())
        except TaggingWorkerError:
            pass                                # _fail marked the pool broken

    def _death_message(self, worker: int) -> str:
        process = self._processes[worker]
        process.join(0.5)
        code = process.exitcode
        if code is None:
            how = "stopped answering"
        elif code < 0:
            how = f"was killed by signal {_signal_name(-code)} (exit code {code})"
        else:
            how = f"exited with exit code {code}"
        return f"tagging worker {worker} (pid {self._pids[worker]}) {how}"

    def _fail(self, message: str) -> None:
        self._broken = message
        raise TaggingWorkerError(message)


# -- child side ---------------------------------------------------------------
def _serve(tagger: ShowTagger, connection: Connection, inherited: tuple[Connection, ...] = ()) -> None:
    """Worker loop: tag each batch received, send back ("ok", tags) or ("error", text).
    The parent writes batches from a thread (``_Sender``) and reads results whenever it
    waits, so the two never block each other on a full pipe.  ``inherited``: the parent's
    ends of the pipes, copied by fork; closed, so that the parent's death is an EOF here."""
    for parent_end in inherited:
        parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)        # Ctrl-C: the parent closes the pool
    while True:
        try:
            batch = connection.recv()
        except (OSError, EOFError):
            return                              # the parent is gone
        if batch is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", [tagger.tag(t, b, language=l) for t, b, l in batch])
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            reply = ("error", _describe(exc))
        try:
            connection.send(reply)
        except OSError:
            return                              # the parent is gone
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not pickle
            try:
                connection.send(("error", _describe(exc)))
            except OSError:
                return


class _Sender:
    """Writes one worker's pickled batches from a thread of the parent, so the pool's
    caller never blocks on a full pipe while that worker waits to send its results
    back (the worker itself stays single-threaded)."""

    def __init__(self, connection: Connection, worker: int):
        self._outbox: queue.SimpleQueue[bytes | memoryview] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, args=(connection,), daemon=True,
                                        name=f"entcrawl-tagger-{worker}-sender")
        self._thread.start()

    def put(self, payload: bytes | memoryview) -> None:
        self._outbox.put(payload)

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def _run(self, connection: Connection) -> None:
        while True:
            payload = self._outbox.get()
            try:
                connection.send_bytes(payload)
            except Exception:  # noqa: BLE001 - OSError: the worker is gone; any other: close()
                return         # closed the pipe under a blocked write (its handle is then None)
            if payload is _STOP:
                return


def _build_and_serve(tagger_class: type[ShowTagger], catalog: Catalog, connection: Connection) -> None:
    """Spawned workers build their own tagger from the catalog."""
    try:
        tagger = tagger_class(catalog)
    except Exception as exc:  # noqa: BLE001 - reported as the answer to the first batch
        connection.send(("error", f"cannot build the tagger in the worker: {_describe(exc)}"))
        return
    _serve(tagger, connection)


def _describe(exc: BaseException) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (at {last[0].filename}:{last[0].lineno})" if last else ""
    return f"{type(exc).__name__}: {exc}{where}"


# -- helpers ------------------------------------------------------------------
def _default_start_method() -> str:
    """fork on Linux (the tagger is inherited); spawn elsewhere (fork is unsafe on macOS)."""
    return "fork" if sys.platform.startswith("linux") and "fork" in get_all_start_methods() else "spawn"


def _picklable_catalog(catalog: Catalog, method: str) -> Catalog:
    try:
        pickle.dumps(catalog)
    except Exception as exc:  # noqa: BLE001 - any pickling failure means the same thing
        raise TaggingWorkerError(f"start method {method!r} sends the catalog to each worker, "
                                 f"but it cannot be pickled: {exc}") from exc
    return catalog


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
