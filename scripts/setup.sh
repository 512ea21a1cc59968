#!/usr/bin/env bash
# Set up the workspace on a fresh Debian machine with Python 3.11: a virtual environment in
# .venv with the toolkit installed. With --test, also the test tools (ruff, mypy, pytest)
# and the Debian tools the tests run for real (gettext, apertium + apertium-eng-spa).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

if (( want_test )); then
  need=()
  command -v msgfmt >/dev/null || need+=(gettext)
  command -v apertium >/dev/null || need+=(apertium)
  [[ -e /usr/share/apertium/modes/eng-spa.mode ]] || need+=(apertium-eng-spa)
  if (( ${#need[@]} )); then
    echo "setup: installing Debian packages: ${need[*]}" >&2
    sudo_cmd=()
    (( EUID == 0 )) || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
# argostranslate pulls in torch through stanza; ask for the CPU build's version first so
# that pip does not resolve a newer, much larger CUDA build.
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  "${pip[@]}" "torch==2.13.0"
fi
if (( want_test )); then
  "${pip[@]}" -e ".[test]"
else
  "${pip[@]}" -e .
fi
