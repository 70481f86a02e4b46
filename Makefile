# Two commands do all the set-up on a fresh machine:
#   make demo   - install into .venv, collect the bundled example channels into karaoke.db, print stats,
#                 write songbook.html
#   make test   - install into .venv, lint, run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/karaoke-collector --db karaoke.db collect-channel examples/karafun_videos.json --offline
	$(BIN)/karaoke-collector --db karaoke.db collect-channel examples/stingray_videos.jsonl --offline
	$(BIN)/karaoke-collector --db karaoke.db stats
	$(BIN)/karaoke-collector --db karaoke.db songbook --output songbook.html

test: install
	$(BIN)/ruff check collector tests bench
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: install
	$(BIN)/python bench/parse_accuracy.py | head -8
	$(BIN)/python bench/parse_speed.py
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
