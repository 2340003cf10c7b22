"""The docs match the code: every package in docs/architecture.md, links that resolve, no document from outside the
repository, a README that stays a front door."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_import_rules import DOC, packages, project_modules

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "simulator" / "app" / "README.md",
    ROOT / "bench" / "README.md",
    ROOT / "fidelity" / "README.md",
]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
OUTSIDE = re.compile(r"/work/shared|\.\./shared|\b[A-Z]{3,}(?:\.md)? §")  # a path out, or "NAME §3" of a document
DOC_NAME = re.compile(r"\b[A-Z][A-Z_]+\.md\b")  # README.md: an upper-case document the repository must have
OWN_DOCS = {
    path.name for path in ROOT.rglob("*.md") if not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
}


def names_outside(line: str) -> bool:
    """Whether a line points at a document the repository does not carry."""
    return bool(OUTSIDE.search(line)) or any(name not in OWN_DOCS for name in DOC_NAME.findall(line))


TEXT_SUFFIXES = {".py", ".md", ".toml", ".feature", ".yaml", ".yml", ".cfg", ".ini", ".txt", ".html", ".js", ".json"}


def named_in(doc: str, path: str) -> bool:
    """Whether the doc names this path as a code span of its own (`simulator/grid/`, `harness/plugin.py`)."""
    return f"`{path}`" in doc


def missing_from(doc: str, root: Path) -> list[str]:
    """The packages (``folder/``) and harness and top-level simulator modules (``path.py``) the doc does not name."""
    wanted = [name.replace(".", "/") + "/" for name in packages(root)]
    for name, path in project_modules(root).items():
        top = name.split(".")[0]
        if path.name != "__init__.py" and (top == "harness" or (name.count(".") == 1 and top == "simulator")):
            wanted.append(str(path.relative_to(root)))
    return [path for path in wanted if not named_in(doc, path)]


def test_architecture_md_names_every_package_and_the_harness_modules() -> None:
    assert missing_from(DOC.read_text(encoding="utf-8"), ROOT) == []


def test_a_package_missing_from_architecture_md_is_named() -> None:
    doc = DOC.read_text(encoding="utf-8").replace("`simulator/grid/`", "the Grid").replace("`harness/bdd/`", "glue")
    assert missing_from(doc, ROOT) == ["harness/bdd/", "simulator/grid/"]


def named_paths_missing(doc: str, root: Path) -> list[str]:
    """Project paths the doc names in code spans (``simulator/app/flows.py``, ``harness/reports/``) that are gone."""
    spans = re.findall(r"`((?:simulator|harness|steps|fidelity|bench|tests|docs|examples|features)/[\w/.]*)`", doc)
    return sorted({span for span in spans if not (root / span).exists()})


def test_every_path_architecture_md_names_exists() -> None:
    assert named_paths_missing(DOC.read_text(encoding="utf-8"), ROOT) == []


def test_a_path_that_is_gone_is_named() -> None:
    assert named_paths_missing("`steps/harness.py` and `harness/plugin.py`, `simulator/app/`", ROOT) == [
        "steps/harness.py"
    ]


def anchors(markdown: str) -> set[str]:
    """GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens."""
    found = set()
    for heading in HEADING.findall(FENCE.sub("", markdown)):
        text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
        found.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return found


def broken_links(files: list[Path], root: Path = ROOT) -> list[str]:
    """``file: link`` (file relative to ``root``) for every relative link whose file or anchor does not exist."""
    broken = []
    for source in files:
        text = FENCE.sub("", source.read_text(encoding="utf-8"))
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue  # http:, https:, mailto:
            path, _, anchor = target.partition("#")
            resolved = (source.parent / path).resolve() if path else source
            if not resolved.exists():
                broken.append(f"{source.relative_to(root)}: {target}")
            elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved.read_text(encoding="utf-8")):
                broken.append(f"{source.relative_to(root)}: {target} (no such heading)")
    return broken


def test_every_relative_link_of_the_readme_and_the_docs_resolves() -> None:
    assert broken_links(DOCS) == []


def test_a_link_to_a_missing_file_or_heading_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\n## Die Makler-Konsole: `/konsole/`\n", encoding="utf-8")
    page = tmp_path / "b.md"
    page.write_text(
        "[ok](a.md) [ok](a.md#die-makler-konsole-konsole) [gone](c.md) [no heading](a.md#nope) [web](https://x.y)\n"
        "```\n[in code](nowhere.md)\n```\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in broken_links([page], tmp_path)]
    assert found == ["c.md", "a.md#nope (no such heading)"]


def test_the_readme_is_a_front_door() -> None:
    assert len((ROOT / "README.md").read_bytes()) <= 10 * 1024


def test_no_reference_to_a_document_outside_the_repository() -> None:
    found = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in ("reports", "node_modules") or any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES or path.name == "Makefile":
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if names_outside(line) and path != Path(__file__):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []


@pytest.mark.parametrize("page", DOCS, ids=lambda path: path.name)
def test_gherkin_shown_in_the_docs_is_in_a_feature_file(page: Path) -> None:
    features = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "features").rglob("*.feature"))
    lines = {line.strip() for line in features.splitlines()}
    for block in re.findall(r"^```gherkin\n(.*?)^```", page.read_text(encoding="utf-8"), re.M | re.S):
        assert {line.strip() for line in block.splitlines() if line.strip()} <= lines, block
