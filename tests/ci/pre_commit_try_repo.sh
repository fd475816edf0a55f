#!/usr/bin/env bash
# ci.pre_commit_hooks: runs this repository's .pre-commit-hooks.yaml with
# Debian's pre-commit (`pre-commit try-repo`) in a scratch git repository
# holding one clean rule and, in a second commit, one with a compile error.
# The hook must pass on the first and fail, naming the error, on the second.
# The yaral-fmt hook must pass on the clean (and formatted) rule and fail,
# naming the file, once an unformatted rule is committed.
#
#   bash pre_commit_try_repo.sh SOURCE_DIR YARAL_BIN_DIR
set -euo pipefail
source_dir=$1
bin_dir=$2

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PRE_COMMIT_HOME=$scratch/cache   # never the user's cache
export PATH=$bin_dir:$PATH              # the `yaral` the hook runs
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
export GIT_CONFIG_NOSYSTEM=1 HOME=$scratch

repo=$scratch/rules
mkdir -p "$repo/rules"
cd "$repo"
git init -q .
cp "$source_dir/tests/cli/data/check_clean.yaral" rules/check_clean.yaral
cp "$source_dir/tests/cli/data/check_clean.yaral" rules/notes.txt  # not a rule file
git add . && git commit -qm clean

# try-repo copies the hooks repository's working tree, uncommitted changes
# included, so the hooks under test are the ones on disk.
# expect HOOK passed|failed PATTERN WHAT: runs HOOK on every file, which must
# pass or fail with PATTERN in its output; WHAT names the case for a failure.
expect() {
  local hook=$1 result=$2 pattern=$3 what=$4 output status=0
  output=$(pre-commit try-repo "$source_dir" "$hook" --all-files 2>&1) || status=$?
  if { [[ $result == passed ]] && ((status != 0)); } || { [[ $result == failed ]] && ((status == 0)); }; then
    echo "$output"
    echo "FAIL: $hook should have $result on $what"
    exit 1
  fi
  grep -q "$pattern" <<<"$output" || { echo "$output"; echo "FAIL: $hook on $what: no '$pattern'"; exit 1; }
}

expect yaral-check passed "yaral check.*Passed" "a clean rule"
expect yaral-fmt passed "yaral fmt.*Passed" "a formatted rule"
cp "$source_dir/tests/cli/data/fmt/messy.yaral" rules/messy.yaral
git add . && git commit -qm unformatted
expect yaral-fmt failed "rules/messy.yaral: not formatted" "an unformatted rule"
git rm -q rules/messy.yaral && git commit -qm formatted

cp "$source_dir/tests/cli/data/two_errors.yaral" rules/two_errors.yl2
git add . && git commit -qm broken
expect yaral-check failed "two_errors.yl2:5:9: error: .*\[E102\]" "a rule with errors"
echo "pre-commit try-repo: clean rules pass, a .yl2 file with E102 fails; fmt fails an unformatted rule"
