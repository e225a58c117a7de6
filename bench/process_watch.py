"""Run a command and measure it: wall time, CPU time and peak RSS of its whole process tree.

Memory is sampled from /proc every 100 ms over the process and all its
descendants (e.g. extraction workers): the peak of the *sum of RSS* (shared
library pages counted once per process), the peak of the *sum of PSS*
(``smaps_rollup``: shared pages split between the processes sharing them, so
the tree's real footprint), and the kernel's ``ru_maxrss`` of the command
(largest single process, from ``wait4``).
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    wall_seconds: float
    cpu_seconds: float           # user + system of the command and its reaped children
    peak_tree_rss_mb: float      # sampled sum of RSS over the process tree
    peak_tree_pss_mb: float      # sampled sum of PSS over the process tree
    peak_single_rss_mb: float    # ru_maxrss from wait4


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KB of ``pid`` plus all its descendants ((0, 0) when gone)."""
    tree = _children()
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            rss += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_KB
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                    break
        except (OSError, ValueError, IndexError):
            pass
        todo.extend(tree.get(current, ()))
    return rss, pss


def run_measured(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float = 3600, interval: float = 0.1) -> Measured:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = tree_memory_kb(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    readers = [threading.Thread(target=lambda s=s, c=c: c.append(s.read()), daemon=True)
               for s, c in ((process.stdout, out_chunks), (process.stderr, err_chunks))]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    for reader in readers:
        reader.join()
    return Measured(returncode=process.returncode, stdout="".join(out_chunks), stderr="".join(err_chunks),
                    wall_seconds=wall, cpu_seconds=usage.ru_utime + usage.ru_stime,
                    peak_tree_rss_mb=peak[0] / 1024, peak_tree_pss_mb=peak[1] / 1024,
                    peak_single_rss_mb=usage.ru_maxrss / 1024)
