#!/usr/bin/env bash
# Documentation checks, after the build. Fails (exit 1, every problem listed) when:
#   - README.md is longer than 200 lines (the details belong in docs/);
#   - a Markdown link inside the repository points to a file that is not tracked, or to an anchor that no heading
#     of the target file produces (GitHub's rule: lower case, punctuation dropped, spaces to hyphens);
#   - a tracked file names a path outside the repository: a relative path that climbs above the repository root,
#     an absolute path into the directory that holds this checkout, or the documents this project was started from,
#     which live beside the checkout and not in it.
# Naughty-string test data (src/test/resources/fuzz/) is exempt from the last rule: its path-traversal strings are
# attacks the fuzz test sends on purpose, not references.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY'
import os
import re
import subprocess
import sys
import urllib.parse

MAX_README_LINES = 200
EXEMPT_FROM_PATH_RULE = ("src/test/resources/fuzz/",)

root = os.getcwd()
tracked = subprocess.run(["git", "ls-files", "-z"], check=True, capture_output=True).stdout.decode().split("\0")
tracked = [path for path in tracked if path and os.path.isfile(path)]
tracked_set = set(tracked)
tracked_dirs = {os.path.dirname(path) for path in tracked}
for path in list(tracked_dirs):
    while path:
        path = os.path.dirname(path)
        tracked_dirs.add(path)
problems = []

with open("README.md", encoding="utf-8") as readme:
    lines = sum(1 for _ in readme)
if lines > MAX_README_LINES:
    problems.append(f"README.md has {lines} lines, more than {MAX_README_LINES}: move details into docs/")


def strip_code(text):
    """Markdown without fenced code blocks and inline code, where links are not links."""
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


def slug(heading):
    heading = re.sub(r"<[^>]+>", "", heading)
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    heading = heading.strip().lower().replace("`", "")
    heading = re.sub(r"[^\w\- ]", "", heading)
    return heading.replace(" ", "-")


anchor_cache = {}


def anchors(path):
    if path not in anchor_cache:
        with open(path, encoding="utf-8") as source:
            text = source.read()
        text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.S | re.M)
        seen = {}
        found = set()
        for match in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, flags=re.M):
            base = slug(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
        found.update(re.findall(r'<a\s+(?:name|id)="([^"]+)"', text))
        anchor_cache[path] = found
    return anchor_cache[path]


LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)", re.M)

for path in tracked:
    if not path.endswith(".md"):
        continue
    with open(path, encoding="utf-8") as source:
        text = strip_code(source.read())
    for match in LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, flags=re.I):
            continue  # http:, https:, mailto: ...
        file_part, _, anchor = target.partition("#")
        file_part = urllib.parse.unquote(file_part)
        if file_part:
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part))
            if resolved.startswith(".."):
                problems.append(f"{path}: link {target} leaves the repository")
                continue
            if resolved not in tracked_set and resolved not in tracked_dirs:
                problems.append(f"{path}: link {target} points to {resolved}, which is not in the repository")
                continue
        else:
            resolved = path
        if anchor:
            if not resolved.endswith(".md") or not os.path.isfile(resolved):
                problems.append(f"{path}: link {target} has an anchor into a file that is not Markdown")
            elif anchor.lower() not in anchors(resolved):
                problems.append(f"{path}: link {target}: {resolved} has no heading for #{anchor}")

parent = os.path.dirname(root)
outside = [re.compile(r"(?<![\w.])(?:\.\./)+[A-Za-z0-9._-]+"), re.compile("shared" + "/docs")]
# The directory that holds this checkout (its siblings are other checkouts and working files), unless that is a
# shared system directory, where absolute paths are ordinary (/tmp/...).
if parent not in ("", "/", "/tmp", "/var/tmp", "/home", "/root"):
    outside.append(re.compile(re.escape(parent.rstrip("/") + "/")))
for path in tracked:
    if path.startswith(EXEMPT_FROM_PATH_RULE):
        continue
    try:
        with open(path, encoding="utf-8") as source:
            text = source.read()
    except UnicodeDecodeError:
        continue  # binary
    for number, line in enumerate(text.splitlines(), 1):
        for pattern in outside:
            for match in pattern.finditer(line):
                token = match.group(0)
                if token.startswith("../"):
                    if not os.path.normpath(os.path.join(os.path.dirname(path), token)).startswith(".."):
                        continue
                problems.append(f"{path}:{number}: names a path outside the repository: {token}")

if problems:
    print("Documentation check failed:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    sys.exit(1)
print(f"Documentation check: README {lines} lines, links and paths of {len(tracked)} tracked files OK")
PY
