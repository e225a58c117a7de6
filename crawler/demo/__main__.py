"""python -m crawler.demo serve [--port 8631] [--phase 1] | registry [--port N]"""
from __future__ import annotations

import argparse
import sys
import threading

from crawler.demo.model import SITES
from crawler.demo.network import DemoNetwork
from crawler.demo.registry import demo_registry_entries, entries_to_yaml
from crawler.demo.server import DemoServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crawler.demo",
                                     description="Offline demo network of entertainment news sites.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the four sites until Ctrl-C")
    serve.add_argument("--port", type=int, default=8631, help="shared port (0 = pick a free one)")
    serve.add_argument("--phase", type=int, default=1, choices=(1, 2, 3))
    serve.add_argument("--seed", type=int, default=7)
    serve.add_argument("--verbose", action="store_true", help="log every request")
    registry = commands.add_parser("registry", help="print site-registry entries as YAML")
    registry.add_argument("--port", type=int, default=8631)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "registry":
        sys.stdout.write(entries_to_yaml(demo_registry_entries(args.port)))
        return 0
    with DemoServer(DemoNetwork(args.seed), port=args.port, phase=args.phase,
                    verbose=args.verbose) as server:
        print(f"demo network (seed {args.seed}, phase {server.phase}) serving:", flush=True)
        for site in SITES:
            print(f"  {site.slug:16} {server.base_url(site.slug)}", flush=True)
        print("Ctrl-C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopping.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
