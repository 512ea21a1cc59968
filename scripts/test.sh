#!/usr/bin/env bash
# The whole test suite, from the locks (idempotent set-up): the default install in .venv, as
# scripts/edition.sh has it, and the full install in .venv-test (the argos-full and test
# extras). Lint, type checks and tests run in .venv-test; the tests of the default install
# itself (tests/test_install.py) run its `l10n` from .venv, named by L10N_LEAN_VENV.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup.sh --test
export L10N_LEAN_VENV=$PWD/.venv
echo "== ruff" && .venv-test/bin/ruff check .
echo "== mypy --strict" && .venv-test/bin/mypy
echo "== pytest" && .venv-test/bin/pytest -q "$@"
