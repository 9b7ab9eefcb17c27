# ajdoc: `make demo` renders the examples into out/, `make test` checks the types (mypy) and runs
# the whole test suite.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test templates bench serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,morph,merge,web]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/ajdoc render examples/teenuse-juht.yaml -o out/teenuse-juht.docx --force
	$(BIN)/ajdoc render examples/osakonnajuhataja.yaml -o out/osakonnajuhataja.docx --force
	$(BIN)/ajdoc render examples/koordinaator-kaitstud-too.yaml -o out/koordinaator-kaitstud-too.docx --force
	$(BIN)/ajdoc directive examples/kaskkiri-183.yaml -o out --combined out/kaskkiri-183-koos-lisadega.docx --force
	$(BIN)/ajdoc directive examples/kaskkiri-lisade-kehtetuks.yaml -o out --force
	$(BIN)/ajdoc directive examples/kaskkiri-muutmine.yaml -o out --force
	mkdir -p out/transpordiamet
	$(BIN)/ajdoc directive examples/transpordiamet/kaskkiri.yaml -o out/transpordiamet --force
	@echo "rendered into out/"

test: $(STAMP)
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

serve: $(STAMP)
	$(BIN)/ajdoc serve examples

templates: $(STAMP)
	$(BIN)/python templates/build_templates.py

clean:
	rm -rf out build dist
