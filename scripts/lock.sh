#!/usr/bin/env bash
# Regenerate the locks from pyproject.toml: run it after changing a dependency, and commit
# requirements/*.txt with the change. It needs the package index (PyPI) and takes a minute.
#
#   requirements/default.txt  the default install: the toolkit's dependencies, the build
#                             backend, and argostranslate without stanza, spacy, minisbd,
#                             sacremoses (requirements/lean-excludes.txt); no torch
#   requirements/full.txt     the test install: the same versions, plus the argos-full and
#                             test extras, with torch's CPU build (requirements/torch-cpu.txt)
#
# uv resolves (a pinned release, installed into a cache folder on first use); pip installs
# (scripts/setup.sh, with --no-deps --require-hashes). Then each lock is checked the way
# the install uses it, with `pip install --isolated --dry-run --report` against PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
TORCH_WHEELS=${TORCH_WHEELS:-/opt/wheels}  # a folder or index that holds torch's CPU wheel

uv=${UV:-}
if [[ -z "$uv" ]]; then
  tools=${XDG_CACHE_HOME:-$HOME/.cache}/article-l10n/uv-$UV_VERSION
  if [[ ! -x "$tools/bin/uv" ]]; then
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install -q --disable-pip-version-check --isolated "uv==$UV_VERSION"
  fi
  uv=$tools/bin/uv
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The build backend is locked too: setup.sh installs the project with --no-build-isolation.
python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))' >"$work/build.in"

compile=(
  "$uv" pip compile --no-config --quiet --generate-hashes --python-version 3.11
  --python-platform x86_64-manylinux_2_28 --custom-compile-command "bash scripts/lock.sh"
)
export UV_INDEX_URL=https://pypi.org/simple

# The full lock first; the default lock is then held to its versions, so that the two
# shapes run the same code wherever they overlap.
"${compile[@]}" pyproject.toml "$work/build.in" --extra argos-full --extra test \
  --constraints requirements/torch-cpu.txt --find-links "$TORCH_WHEELS" \
  --output-file requirements/full.txt
"${compile[@]}" pyproject.toml "$work/build.in" --extra argos-full \
  --excludes requirements/lean-excludes.txt --constraints requirements/full.txt \
  --output-file requirements/default.txt
sed -i "s|$work/build.in|build-system.requires|g" requirements/default.txt requirements/full.txt

# The check: what pip would install from each lock, and from a plain `pip install .`
# (which has no lock and no argostranslate), on an index that serves the CUDA torch.
python3 -m venv "$work/probe"
probe() {  # probe NAME ARGS...: the resolved packages, one per line, into $work/NAME
  local name=$1
  shift
  "$work/probe/bin/python" -m pip install -q --isolated --disable-pip-version-check \
    --dry-run --ignore-installed --report "$work/$name.json" "$@" >/dev/null
  "$work/probe/bin/python" -c 'import json, sys
print("\n".join(sorted(i["metadata"]["name"].lower() for i in json.load(open(sys.argv[1]))["install"])))' \
    "$work/$name.json" >"$work/$name"
}
heavy='^(torch|triton|nvidia-.*|cuda-.*|spacy|stanza|onnxruntime)$'
probe default --no-deps --require-hashes -r requirements/default.txt
probe plain .
for shape in default plain; do
  if grep -Ex "$heavy" "$work/$shape"; then
    echo "lock: the $shape install would bring the packages above" >&2
    exit 1
  fi
  echo "lock: $shape install resolves $(wc -l <"$work/$shape") packages, none of torch, nvidia-*, triton, spacy, stanza"
done
grep -qx argostranslate "$work/default" || { echo "lock: argostranslate missing from requirements/default.txt" >&2; exit 1; }
echo "lock: wrote requirements/default.txt and requirements/full.txt"
