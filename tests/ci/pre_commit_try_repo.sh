#!/usr/bin/env bash
# ci.pre_commit_hooks: runs this repository's .pre-commit-hooks.yaml with
# Debian's pre-commit (`pre-commit try-repo`) in a scratch git repository
# holding one clean rule and, in a second commit, one with a compile error.
# The hook must pass on the first and fail, naming the error, on the second.
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
if ! output=$(pre-commit try-repo "$source_dir" yaral-check --all-files 2>&1); then
  echo "$output"
  echo "FAIL: the hook failed on a clean rule"
  exit 1
fi
grep -q "yaral check.*Passed" <<<"$output" || { echo "$output"; echo "FAIL: no 'Passed'"; exit 1; }

cp "$source_dir/tests/cli/data/two_errors.yaral" rules/two_errors.yl2
git add . && git commit -qm broken
if output=$(pre-commit try-repo "$source_dir" yaral-check --all-files 2>&1); then
  echo "$output"
  echo "FAIL: the hook passed a rule with errors"
  exit 1
fi
grep -q "two_errors.yl2:5:9: error: .*\[E102\]" <<<"$output" ||
  { echo "$output"; echo "FAIL: the error is not reported"; exit 1; }
echo "pre-commit try-repo: clean rules pass, a .yl2 file with E102 fails"
