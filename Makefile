# Two entry points: `make run` and `make test`. Each one sets everything up itself.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

# Newest Python >= 3.12 we can find: PATH first, then pyenv's versions (whose shims need PYENV_VERSION).
PYTHON_FOR_VENV := $(shell for c in python3.14 python3.13 python3.12; do \
	  p=$$(command -v $$c 2>/dev/null) && $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { echo $$p; exit; }; \
	done; \
	root=$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv); \
	for p in $$(ls -d $$root/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V -r); do \
	  $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { echo $$p; exit; }; \
	done)

.PHONY: run test bench deps dev-deps browser migrate clean

$(PY):
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
	  echo "NetDecide needs Python 3.12 or newer (Django 6.1). None was found on PATH or in pyenv." >&2; \
	  echo "Install one (e.g. 'pyenv install 3.13') and run make again." >&2; exit 1; fi
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.deps

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

# Browser tests drive Debian's Chromium; never `playwright install` (it cannot download here).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends chromium; fi; \
	fi

migrate: deps
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py runserver $(HOST):$(PORT)

test: dev-deps browser
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

bench: dev-deps
	$(PY) scripts/benchmark.py
