#!/usr/bin/env bash
# Set up (idempotent) and build the Spanish and bilingual editions of the article into
# build/mexico-pegasus-spyware/. Extra arguments go to `l10n build`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/l10n status mexico-pegasus-spyware --lang es
.venv/bin/l10n build mexico-pegasus-spyware --lang es "$@"
