#!/usr/bin/env bash
# Mutation testing with mutmut (docs/mutation.md): each module against the tests that
# exercise it, one worker, in a scratch copy of the repository so that the checkout is never
# mutated and the runs of different modules do not share state.
#
#   scripts/mutation.sh                 every module of the table below, one after another
#   scripts/mutation.sh gates catalog   only these
#
# Two passes per module: every mutant against the module's own tests (fast enough for one
# core), then the survivors alone against a wider set (slow tests: CLI round trips,
# hypothesis properties), which tells a gap in the tests from a mutant only a slow test sees.
#
# Needs mutmut: MUTMUT (default .venv-mut/bin/mutmut, else mutmut on PATH), in a venv with the
# toolkit and its test extra, e.g.
#   python3 -m venv .venv-mut && .venv-mut/bin/pip install -e '.[test]' mutmut==3.8.1
# Output: $MUTATION_DIR/<name>/ and <name>-wide/ (default benchmarks/out/mutation/), each with
# results.txt (every mutant and its status) and summary.txt (counts); `mutmut show NAME`
# in that folder prints a mutant's diff. MUTATION_PASS=wide runs only the second pass, on
# the survivors of an earlier first pass (after adding tests, say).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
mutmut=${MUTMUT:-$repo/.venv-mut/bin/mutmut}
[[ -x $mutmut ]] || mutmut=$(command -v mutmut) || { echo "mutation: mutmut not found (set MUTMUT)" >&2; exit 2; }
out=${MUTATION_DIR:-$repo/benchmarks/out/mutation}

# name | files to mutate | functions to mutate (mutmut name globs; * for all) | tests | wider tests
modules=(
  "gates|toolkit/gates.py toolkit/percent.py|*|tests/test_build_gates.py tests/test_mutants_gates.py|tests/test_build_cli.py tests/test_honest_editions.py"
  "checks|toolkit/checks/style.py toolkit/checks/numbers.py toolkit/checks/markup.py toolkit/checks/punctuation.py toolkit/checks/glossary.py toolkit/checks/validity.py|toolkit.checks.*.x_check_*|tests/test_qa.py tests/test_checks_boundaries.py tests/test_mutants_checks.py|tests/test_check_cli.py tests/test_checks_agree.py tests/test_qa_translators.py tests/test_house_style.py tests/test_typography.py tests/test_build_gates.py"
  "catalog|toolkit/pomerge.py|toolkit.pomerge.x_merge* toolkit.pomerge.x__carry* toolkit.pomerge.x__fuzzy_fill* toolkit.pomerge.x__fuzzy_sources*|tests/test_catalog.py tests/test_mutants_catalog.py tests/test_unit_switch.py tests/test_flags_kept.py|tests/test_extract.py tests/test_interop.py tests/test_provenance.py tests/test_cli.py"
  "translate|toolkit/translate.py|toolkit.translate.x_refillable* toolkit.translate.x_eligible* toolkit.translate.x__load* toolkit.translate.x__apply* toolkit.translate.x__settle*|tests/test_translate.py tests/test_provenance.py|tests/test_cli_translator.py tests/test_concurrent_edits.py"
  "html|toolkit/editions.py toolkit/sanitize.py|toolkit.editions.x_e__* toolkit.editions.x_html_inline* toolkit.editions.x_render_markdown* toolkit.editions.x_clean_html* toolkit.sanitize.x_scheme_allowed* toolkit.sanitize.x_safe_translation* toolkit.sanitize.x__insert_backslashes* toolkit.sanitize.x_md_text*|tests/test_sanitize.py tests/test_honest_editions.py|tests/test_edition_safety.py tests/test_editions.py"
)

existing() {  # the test files of the list that exist in this checkout
  local t present=()
  for t in $1; do [[ -e $t ]] && present+=("$t"); done
  echo "${present[*]}"
}

# run NAME FILES TESTS MUTANT-GLOBS...: one mutmut run in $out/NAME
run() {
  local name=$1 files=$2 tests=$3
  shift 3
  local work=$out/$name f t
  rm -rf "$work"
  mkdir -p "$work"
  # The code and the tests as they are in the checkout now; what the tests read beside them.
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
  local start
  start=$(date +%s)
  (cd "$work" && "$mutmut" run --max-children 1 "$@" >run.log 2>&1) || true
  (cd "$work" && "$mutmut" results --all true >all.txt 2>&1) || true
  grep -v ': not checked$' "$work/all.txt" >"$work/results.txt" || true
  {
    echo "module: $name ($files)"
    echo "tests: $tests"
    echo "mutmut: $(cd "$work" && "$mutmut" --version 2>&1 | tail -1)"
    echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- toolkit tests || echo ' + working tree')"
    echo "seconds: $(( $(date +%s) - start ))  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    for status in killed survived timeout suspicious "no tests" skipped segfault "caught by type check"; do
      echo "$status: $(grep -c ": $status\$" "$work/results.txt" || true)"
    done
  } | tee "$work/summary.txt" >&2
}

want=("$@")
for row in "${modules[@]}"; do
  IFS='|' read -r name files funcs tests wide <<<"$row"
  if (( ${#want[@]} )) && [[ " ${want[*]} " != *" $name "* ]]; then
    continue
  fi
  tests=$(existing "$tests")
  globs=()
  [[ $funcs == "*" ]] || read -r -a globs <<<"$funcs"
  if [[ ${MUTATION_PASS:-both} != wide ]]; then
    run "$name" "$files" "$tests" "${globs[@]}"
  fi
  mapfile -t survivors < <(sed -n 's/^ *\(.*\): survived$/\1/p' "$out/$name/results.txt")
  if (( ${#survivors[@]} )) && [[ -n $wide ]]; then
    run "$name-wide" "$files" "$tests $(existing "$wide")" "${survivors[@]}"
  fi
done
