# SellerGuard — the two commands a user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# the data home of `make run`: $SELLERGUARD_HOME when set, else ./var
HOME_DIR ?= $(or $(SELLERGUARD_HOME),var)

.PHONY: run test test-postgres bench bench-full install install-test extension lint-extension clean train eval eval-facts

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make run: set everything up and start the API with the monitor on http://127.0.0.1:8750
run: install
	$(VENV)/bin/sellerguard --home $(HOME_DIR) init
	$(VENV)/bin/sellerguard --home $(HOME_DIR) serve

## make test: the whole suite, browser tests included (needs /usr/bin/chromium)
test: install-test
	$(PY) -m pytest

## make test-postgres: the store, API and monitor suites again, on a throwaway PostgreSQL server on
## loopback (Debian's postgresql package is installed when missing; the server is gone afterwards)
PG_SUITES ?= tests/server tests/monitor tests/hardening
test-postgres: install-test
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q postgresql; }
	$(PY) tests/support/postgres.py -- $(PY) -m pytest $(PG_SUITES)

$(VENV)/.installed-bench: $(VENV)/.installed-test pyproject.toml
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

## make bench: benchmarks (urlwatch, the `bench` extra, for the comparison); prints a table and
## writes bench/results/*.json
bench: install-test $(VENV)/.installed-bench
	$(PY) -m bench

## make bench-full: the same with the largest sizes (100,000 analysed items; several minutes more)
bench-full: install-test $(VENV)/.installed-bench
	$(PY) -m bench --full

## make extension: Chrome and Firefox packages in extension/dist/
extension: install
	$(PY) -m server.tools.package_extension

## make lint-extension: web-ext lint on the Firefox package (needs npm)
lint-extension: extension
	rm -rf extension/dist/firefox-src && mkdir -p extension/dist/firefox-src
	cd extension/dist/firefox-src && $(abspath $(PY)) -m zipfile -e ../sellerguard-firefox.zip .
	npx --yes web-ext lint --source-dir extension/dist/firefox-src

clean:
	rm -rf $(VENV) build dist *.egg-info

## make train: rebuild the shipped classifier (monitor/analysis/data/classifier.npz) from ../shared/corpus
CORPUS ?= ../shared/corpus/announcements.jsonl
train: install
	$(PY) -m monitor.analysis.train --corpus $(CORPUS)

## make eval: story-grouped cross-validation on the real corpus, then the team's own sets
eval: install
	$(PY) -m monitor.analysis.evaluate --corpus $(CORPUS) --cv story

## make eval-facts: the fact extractor against the gold facts of ../shared/corpus (not part of make test)
eval-facts: install-test
	$(PY) -m monitor.analysis.facts_eval --corpus $(CORPUS)
