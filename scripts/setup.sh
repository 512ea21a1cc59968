#!/usr/bin/env bash
# Set up the workspace on a fresh Debian machine with Python 3.11, from the locks in
# requirements/ (scripts/lock.sh writes them):
#
#   scripts/setup.sh         .venv, the default install (requirements/default.txt): what a
#                            publisher and a translator need, argostranslate's package API
#                            and the Argos fast path included; no torch, spacy or stanza
#   scripts/setup.sh --test  .venv-test, the full install (requirements/full.txt): the same,
#                            plus the argos-full and test extras; and the Debian tools the
#                            tests run for real (gettext, apertium + apertium-eng-spa)
#
# Every package comes from the lock, with --require-hashes and --no-deps: pip cannot install
# argostranslate without the requirements it declares (stanza, thus torch), and the lock
# lists exactly what to install. The toolkit itself goes in last, editable, with the build
# backend from the lock (--no-build-isolation). Idempotent: nothing is done when the venv
# was set up from the same lock and pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

if (( want_test )); then
  venv=.venv-test
  lock=requirements/full.txt
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
else
  venv=.venv
  lock=requirements/default.txt
fi

python=${PYTHON:-python3}
stamp=$venv/.l10n-lock
wanted=$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ -x $venv/bin/python && -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
  exit 0
fi
[[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps)
"${pip[@]}" --require-hashes -r "$lock"
"${pip[@]}" --no-build-isolation -e .
echo "$wanted" >"$stamp"
