#!/usr/bin/env bash
# The one check command: lint, types, the code's shape, tests (the README's test command;
# CI runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check .
mypy
python tools/codeshape.py
python -m pytest -q "$@"
