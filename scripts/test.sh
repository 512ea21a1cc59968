#!/usr/bin/env bash
# The whole test suite: set-up (idempotent), lint, type checks, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
echo "== ruff" && .venv/bin/ruff check .
echo "== mypy --strict" && .venv/bin/mypy
echo "== pytest" && .venv/bin/pytest -q "$@"
