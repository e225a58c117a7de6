"""FALLBACK static server for the benchmark when nginx is not installed.

    python bench/fallback_server.py ROOT PORT [PROCESSES]

aiohttp, several processes sharing the port with SO_REUSEPORT.  ``X.html`` is
answered from ``X.html.gz`` with ``Content-Encoding: gzip`` (like nginx's
``gzip_static``); other files as they are.
"""
from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

from aiohttp import web

TYPES = {".html": "text/html", ".xml": "application/xml", ".txt": "text/plain"}


def make_app(root: Path) -> web.Application:
    root = root.resolve()

    async def serve(request: web.Request) -> web.StreamResponse:
        path = (root / request.path.lstrip("/")).resolve()
        if root not in path.parents and path != root:
            raise web.HTTPNotFound()
        content_type = TYPES.get(path.suffix, "application/octet-stream")
        compressed = path.with_name(path.name + ".gz")
        if compressed.is_file():
            return web.Response(body=compressed.read_bytes(), headers={
                "Content-Type": content_type, "Content-Encoding": "gzip"})
        if path.is_file():
            return web.Response(body=path.read_bytes(), headers={"Content-Type": content_type})
        raise web.HTTPNotFound()

    app = web.Application()
    app.router.add_get("/{tail:.*}", serve)
    return app


def run(root: str, port: int) -> None:
    web.run_app(make_app(Path(root)), host="127.0.0.1", port=port, reuse_port=True,
                access_log=None, print=None)


def main() -> None:
    root, port = sys.argv[1], int(sys.argv[2])
    processes = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    children = [multiprocessing.Process(target=run, args=(root, port), daemon=True)
                for _ in range(processes - 1)]
    for child in children:
        child.start()
    run(root, port)


if __name__ == "__main__":
    main()
