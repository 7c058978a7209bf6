#!/bin/sh
# Fails when any C++ source differs from .clang-format (CI runs this as the
# `format` test). Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -eu
cd "$(dirname "$0")/.."
format="${CLANG_FORMAT:-clang-format}"
if ! command -v "$format" >/dev/null 2>&1; then
    echo "check-format: $format is not installed" >&2
    exit 1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files '*.cpp' '*.h')
else
    files=$(find core server ui app tests -name '*.cpp' -o -name '*.h')
fi
# shellcheck disable=SC2086
"$format" --dry-run -Werror $files
echo "check-format: $(echo "$files" | wc -l) files formatted"
