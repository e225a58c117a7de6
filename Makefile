# entcrawl: `make demo` and `make test` set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench serve clean install

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,fast]' || $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/entcrawl demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: $(STAMP)  # make bench BENCH_ARGS=--quick; exit status 1 when a target FAILs
	@status=0; $(BIN)/python bench/run.py $(BENCH_ARGS) || status=$$?; \
	if command -v redis-server >/dev/null; then $(BIN)/python bench/distributed.py || status=$$?; \
	else echo "bench/distributed.py skipped: no redis-server (apt-get install redis-server)"; fi; \
	exit $$status

serve: $(STAMP)
	$(BIN)/entcrawl serve

clean:
	rm -rf $(VENV) demo-out data/entcrawl.db data/entcrawl.db-wal data/entcrawl.db-shm
