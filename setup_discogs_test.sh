#!/usr/bin/env bash
# Set up and run the Discogs connectivity prototype.
#   DISCOGS_TOKEN=... ./setup_discogs_test.sh [--base-url URL] [--tracks FILE]
# Checks Python (3.11+), creates or reuses .venv beside this script, installs the project,
# checks that DISCOGS_TOKEN is set (never printing it) and runs discogs_prototype.py with
# the arguments given. Works from any directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3}"
venv="${VENV:-$here/.venv}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "Error: $python not found; install Python 3.11 or newer" >&2
  exit 2
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Error: Python 3.11+ required ($("$python" --version 2>&1) found)" >&2
  exit 2
fi

if [ -x "$venv/bin/python" ]; then
  echo "Using the virtual environment in $venv"
else
  echo "Creating a virtual environment in $venv"
  "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import collector' >/dev/null 2>&1 \
   || [ "$here/pyproject.toml" -nt "$venv/.installed" ]; then
  echo "Installing karaoke-collector"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e "$here"
  touch "$venv/.installed"
fi

token="${DISCOGS_TOKEN:-}"
if [ -z "$token" ]; then
  # The dashed spelling cannot be a shell variable, but a parent process may set it.
  token="$(env | sed -n 's/^DISCOGS-TOKEN=//p' | head -n 1)"
fi
if [ -z "$token" ]; then
  echo "Error: DISCOGS_TOKEN is not set. Create a personal access token at" >&2
  echo "https://www.discogs.com/settings/developers and run: DISCOGS_TOKEN=... $0" >&2
  exit 2
fi
echo "DISCOGS_TOKEN is set (${#token} characters)"
export DISCOGS_TOKEN="$token"
unset token

exec "$venv/bin/python" "$here/discogs_prototype.py" "$@"
