"""Every path the project knows, defined once.

Paths are resolved from the location of this file, never from the current
working directory, so kzlib behaves the same from a notebook, the command
line or a test.

Examples
--------
>>> from kzlib.paths import SEEDS_DIR
>>> SEEDS_DIR.name
'seeds'
"""

from __future__ import annotations

from pathlib import Path

#: Root of the repository (the folder holding ``pyproject.toml``).
PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
#: Raw articles, exactly as received. Never written to.
SEEDS_DIR: Path = PROJECT_ROOT / "seeds"
#: Hand-curated inputs: lexicons, actor gazetteer, stop words.
DATA_DIR: Path = PROJECT_ROOT / "data"
#: Lexicons for the rhetoric analysis.
LEXICON_DIR: Path = DATA_DIR / "lexicons"
#: Stop-word lists for the topic models (codebook in its README.md).
STOPWORDS_DIR: Path = DATA_DIR / "stopwords"
#: Ceremonial and procedural sentence patterns (codebook in its README.md).
BOILERPLATE_DIR: Path = DATA_DIR / "boilerplate"
#: The shipped check-worthiness model (weights, vocabularies; codebook in its README.md).
CHECKWORTHINESS_DIR: Path = DATA_DIR / "checkworthiness"
#: Parameterised notebooks, stored without outputs.
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
#: Default output folder of ``kzlib report``.
REPORTS_DIR: Path = PROJECT_ROOT / "reports"
#: Interpreter of the project's virtual environment (``make setup``); ``kzlib report``
#: runs notebook kernels with it when it exists, whichever Python started the command.
VENV_PYTHON: Path = PROJECT_ROOT / ".venv" / "bin" / "python"
#: Development corpora with labels (news, ClaimBuster, UN speeches), beside the project as
#: ``../shared/dev``: read by the evaluations in ``bench/`` only, never by kzlib itself.
DEV_DIR: Path = PROJECT_ROOT.parent / "shared" / "dev"
#: Name of the optional metadata file inside a corpus folder.
MANIFEST_NAME: str = "manifest.csv"


def resolve_path(path: str | Path) -> Path:
    """Resolve a user-given path: absolute as is, relative from the project root.

    Notebooks run with different working directories in JupyterLab and under
    papermill; resolving from the project root makes ``corpus = "seeds"``
    mean the same folder in both.

    Examples
    --------
    >>> resolve_path("seeds") == SEEDS_DIR
    True
    """
    p = Path(path).expanduser()
    return p if p.is_absolute() else (PROJECT_ROOT / p).resolve()
