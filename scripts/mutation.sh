#!/usr/bin/env bash
# Mutation testing with mutmut (docs/mutation.md): each module against the tests that
# exercise it, one worker, in a scratch copy of the repository so that the checkout is never
# mutated and the runs of different modules do not share state.
#
#   scripts/mutation.sh                 every module of docs/mutation.md, one after another
#   scripts/mutation.sh gates catalog   only these (names from the table below)
#
# Needs mutmut in the test venv: MUTMUT (default .venv-mut/bin/mutmut, else mutmut on PATH),
# e.g. `python3 -m venv .venv-mut && .venv-mut/bin/pip install -e '.[test]' mutmut==3.8.1`.
# Output: $MUTATION_DIR/<name>/ (default benchmarks/out/mutation/), with results.txt
# (every mutant and its status) and summary.txt (counts); `mutmut show NAME` in
# $MUTATION_DIR/<name> prints a mutant's diff.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
mutmut=${MUTMUT:-$repo/.venv-mut/bin/mutmut}
[[ -x $mutmut ]] || mutmut=$(command -v mutmut) || { echo "mutation: mutmut not found (set MUTMUT)" >&2; exit 2; }
out=${MUTATION_DIR:-$repo/benchmarks/out/mutation}

# name | files to mutate | functions to mutate (mutmut name globs; * for all) | tests
modules=(
  "gates|toolkit/gates.py toolkit/percent.py|*|tests/test_build_gates.py tests/test_mutants_gates.py"
  "catalog|toolkit/catalog.py|toolkit.catalog.x_merge* toolkit.catalog.x__carry* toolkit.catalog.x__fuzzy_fill* toolkit.catalog.x__fuzzy_sources*|tests/test_catalog.py tests/test_mutants_catalog.py tests/test_unit_switch.py tests/test_flags_kept.py"
  "html|toolkit/editions.py toolkit/sanitize.py|toolkit.editions.x_e__* toolkit.editions.x_html_inline* toolkit.editions.x__renderer* toolkit.editions.x_render_markdown* toolkit.editions.x_clean_html* toolkit.editions.x__attributes* toolkit.sanitize.*|tests/test_sanitize.py tests/test_edition_safety.py tests/test_honest_editions.py tests/test_mutants_html.py"
  "translate|toolkit/translate.py|*|tests/test_translate.py tests/test_provenance.py tests/test_mutants_refill.py"
  "checks|toolkit/qa.py|toolkit.qa.x__check_*|tests/test_qa.py tests/test_mutants_checks.py"
)

want=("$@")
for row in "${modules[@]}"; do
  IFS='|' read -r name files funcs tests <<<"$row"
  if (( ${#want[@]} )) && [[ " ${want[*]} " != *" $name "* ]]; then
    continue
  fi
  present=()
  for t in $tests; do [[ -e $t ]] && present+=("$t"); done
  tests=${present[*]}
  work=$out/$name
  rm -rf "$work"
  mkdir -p "$work"
  # The code and the tests as committed or edited now; pyproject.toml for pytest's settings.
  cp -r toolkit tests articles locales pyproject.toml README.md "$work/"
  find "$work" -name __pycache__ -prune -exec rm -rf {} +
  # mutmut forks each mutant's run from a process that has already run the tests: what the
  # toolkit built once and cached (parsers, renderers) would still be the unmutated code's.
  cat >>"$work/tests/conftest.py" <<'PY'


@pytest.fixture(autouse=True)
def _mutation_fresh_caches() -> Iterator[None]:
    """Added by scripts/mutation.sh: rebuild every lru_cache of the toolkit for each test."""
    import sys

    for name, module in list(sys.modules.items()):
        if name == "toolkit" or name.startswith("toolkit."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    yield
PY
  {
    echo "[mutmut]"
    echo "source_paths = toolkit"
    echo "only_mutate ="
    for f in $files; do echo "    $f"; done
    echo "also_copy ="
    echo "    articles"
    echo "    locales"
    echo "    README.md"
    echo "pytest_add_cli_args = -p no:cacheprovider -q"
    echo "pytest_add_cli_args_test_selection ="
    for t in $tests; do echo "    $t"; done
  } >"$work/setup.cfg"
  echo "== mutation: $name ($files) against $tests" >&2
  read -r -a globs <<<"$funcs"
  [[ $funcs == "*" ]] && globs=()
  start=$(date +%s)
  (cd "$work" && "$mutmut" run --max-children 1 "${globs[@]}" >run.log 2>&1) || true
  (cd "$work" && "$mutmut" results --all true >results.txt 2>&1) || true
  {
    echo "module: $name ($files)"
    echo "tests: $tests"
    echo "mutmut: $(cd "$work" && "$mutmut" --version 2>&1 | tail -1)"
    echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- toolkit tests || echo ' + working tree')"
    echo "seconds: $(( $(date +%s) - start ))  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    for status in killed survived timeout suspicious "no tests" skipped "not checked" "segfault" "caught by type check"; do
      echo "$status: $(grep -c ": $status\$" "$work/results.txt" || true)"
    done
  } | tee "$work/summary.txt" >&2
done
