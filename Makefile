# The two commands: `make demo` (set up, then analyse the example) and `make test` (set up, lint, test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint browser eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/parley analyze examples/press_conference.txt --date 2025-03-03 --format md
	$(BIN)/parley analyze examples/press_conference.txt --date 2025-03-03 --format html -o demo-report.html -q
	@echo "the same analysis as a page: demo-report.html (open it in a browser; it fetches nothing)"

lint: $(STAMP)
	$(BIN)/ruff check src tests training bench

# the browser tests drive Debian's Chromium (never a downloaded browser); install it when it is missing
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null; }; }

test: lint browser
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	for stage in structure actors dates events issues commitments discussion; do $(BIN)/parley eval $$stage || exit 1; done

bench: $(STAMP)
	$(BIN)/python bench/structure_throughput.py
	$(BIN)/python bench/pipeline_throughput.py --corpus wh_briefings --limit 12
	$(BIN)/python bench/discussion_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis src/*.egg-info test-artifacts
