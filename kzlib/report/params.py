"""The report's notebook parameters: read, checked for type and range, planned per notebook.

Every notebook gets ``corpus`` (absolute path), ``tables_dir`` and ``seed``. A
YAML file (``--params``) overrides the notebooks' defaults: a top-level key that
names a notebook (``01_topics`` or ``topics``) holds values for that notebook
only; any other top-level key applies to every selected notebook::

    seed: 1
    topics:
      n_topics: 6

A value a notebook does not declare, whose type differs from the type of the
declared default (an ``int`` is accepted for a ``float``), or which is outside
the range :data:`PARAMETER_RULES` allows, is refused with one line naming the
parameter, the value and what is allowed, before any notebook starts. A key
given twice in the YAML file is refused rather than silently resolved.

Examples
--------
>>> PARAMETER_RULES["n_boot"].allowed
'a whole number >= 0'
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kzlib.errors import InputError
from kzlib.report.notebooks import short_name, skip_slow_optional_imports
from kzlib.report.provenance import display_path

__all__ = [
    "CONTRACT_PARAMETERS",
    "PARAMETER_RULES",
    "RUNNER_PARAMETERS",
    "Rule",
    "declared_parameters",
    "plan_parameters",
    "read_params",
]

#: Parameters every notebook declares (CONTRIBUTING.md) and the report sets.
CONTRACT_PARAMETERS: tuple[str, ...] = ("corpus", "tables_dir", "seed")
#: Set by the report itself; a parameter file may not override them.
RUNNER_PARAMETERS: tuple[str, ...] = ("corpus", "tables_dir")

_TYPE_NAMES = {"int", "float", "str", "bool", "list", "dict", "tuple"}


@dataclass(frozen=True)
class Rule:
    """The values a notebook parameter accepts beyond its type.

    Attributes
    ----------
    low, high : float, optional
        Inclusive bounds of a number.
    choices : tuple of str
        The only strings allowed (empty: any); with ``low``/``high`` as well, a
        number in range or one of these strings (``n_topics``: ``"auto"`` or a count).
    items : str, optional
        Type every item of a list must have (``"str"``).
    note : str
        What a special value means, shown in the message.

    Examples
    --------
    >>> Rule(low=0, high=1).accepts(1.5), Rule(choices=("a",)).accepts("a")
    (False, True)
    >>> auto = Rule(low=1, choices=("auto",))
    >>> auto.accepts("auto"), auto.accepts(5), auto.accepts(0), auto.accepts("all")
    (True, True, False, False)
    """

    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    items: str | None = None
    note: str = ""

    def accepts(self, value: object) -> bool:
        """Whether ``value`` (already of the declared type) is allowed."""
        numeric = self.low is not None or self.high is not None
        if self.choices and (isinstance(value, str) or not numeric):
            return value in self.choices
        if self.items == "str":
            return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.low is not None and value < self.low:
                return False
            if self.high is not None and value > self.high:
                return False
        return True

    @property
    def allowed(self) -> str:
        """The allowed values in words."""
        numeric = self.low is not None or self.high is not None
        if self.choices and numeric:
            text = f"a whole number >= {self.low:g} or " + ", ".join(repr(c) for c in self.choices)
        elif self.choices:
            text = "one of " + ", ".join(repr(c) for c in self.choices)
        elif self.items:
            text = f"a list of {self.items}"
        elif self.low is not None and self.high is not None:
            text = f"a number from {self.low:g} to {self.high:g}"
        elif self.low is not None:
            text = f"a whole number >= {self.low:g}"
        else:
            text = "any value"
        return f"{text} ({self.note})" if self.note else text


_COUNT = Rule(low=0)
_POSITIVE = Rule(low=1)
_SHARE = Rule(low=0.0, high=1.0)
#: Allowed values of the notebooks' parameters, by name (the same name means the same
#: thing in every notebook). A parameter without a rule is checked for its type only.
PARAMETER_RULES: dict[str, Rule] = {
    "seed": _COUNT,
    "max_docs_shown": _POSITIVE,
    "max_audit_rows": _COUNT,
    "max_csv_rows": _COUNT,
    "unit": Rule(choices=("paragraph", "sentence", "window")),
    "window_size": _POSITIVE,
    "method": Rule(choices=("nmf", "lda")),
    "n_topics": Rule(low=1, choices=("auto",), note="'auto' chooses it by coherence"),
    "k_min": _POSITIVE,
    "k_max": _POSITIVE,
    "n_terms": _POSITIVE,
    "n_stability": _COUNT,
    "n_exemplars": _COUNT,
    "max_fit_docs": _POSITIVE,
    "measures": Rule(items="str"),
    "n_boot": _COUNT,
    "top_keywords": _COUNT,
    "n_evidence": _COUNT,
    "min_checkworthiness": _SHARE,
    "claim_types": Rule(items="str"),
    "min_similarity": _SHARE,
    "max_rows": _POSITIVE,
}


def declared_parameters(notebook: Path) -> dict[str, str | None]:
    """The parameters a notebook declares and the type of each.

    The type is the annotation when there is one, else the type of the default
    literal; ``None`` when neither says (a ``None`` default accepts anything).

    Parameters
    ----------
    notebook : Path
        An ``.ipynb`` file whose first ``parameters``-tagged cell declares them.

    Returns
    -------
    dict
        Parameter name to type name (``int``, ``float``, ``str``, ``bool``,
        ``list``, ``dict``) or ``None``.

    Raises
    ------
    InputError
        If the notebook cannot be read.

    Examples
    --------
    >>> import nbformat, tempfile, pathlib
    >>> cell = nbformat.v4.new_code_cell("seed = 0  # random seed\\nname = 'x'  # a name")
    >>> cell.metadata["tags"] = ["parameters"]
    >>> nb = nbformat.v4.new_notebook(cells=[cell])
    >>> nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "01_x.ipynb"
    >>> nbformat.write(nb, p)
    >>> declared_parameters(p)
    {'seed': 'int', 'name': 'str'}
    """
    skip_slow_optional_imports()
    from papermill.inspection import inspect_notebook

    try:
        inspected = inspect_notebook(str(notebook))
    except Exception as exc:  # papermill raises many kinds for unreadable notebooks
        raise InputError(
            f"{display_path(notebook)}: cannot read the notebook's parameters ({exc}); "
            "fix the notebook's JSON or its 'parameters' cell"
        ) from None
    declared: dict[str, str | None] = {}
    for name, info in inspected.items():
        annotated = str(info.get("inferred_type_name") or "None").replace(" ", "")
        if annotated.startswith("Union[") and annotated.endswith("]"):  # ``# type: Union[int,str]``
            annotated = annotated[len("Union[") : -1].replace(",", "|")
        union = annotated.split("|")
        type_name: str | None = annotated if all(u in _TYPE_NAMES for u in union) else None
        if type_name is None:
            try:
                value = ast.literal_eval(str(info.get("default", "")))
            except (ValueError, SyntaxError):
                value = None
            type_name = None if value is None else type(value).__name__
            if type_name not in _TYPE_NAMES:
                type_name = None
        declared[name] = type_name
    return declared


def _type_ok(value: object, type_name: str | None) -> bool:
    if type_name is None:
        return True
    if "|" in type_name:  # an annotation such as ``int | str``
        return any(_type_ok(value, part) for part in type_name.split("|"))
    if type_name == "bool":
        return isinstance(value, bool)
    if type_name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "str":
        return isinstance(value, str)
    if type_name in {"list", "tuple"}:
        return isinstance(value, list | tuple)
    if type_name == "dict":
        return isinstance(value, dict)
    return True


def _load_yaml(text: str, path: Path) -> Any:
    """``yaml.safe_load`` that refuses a key given twice in one mapping."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node)
            line = key_node.start_mark.line + 1
            if isinstance(key, str | int | float | bool) and key in seen:
                raise InputError(
                    f"{path}:{line}: '{key}' is given twice (also line {seen[key]}); "
                    "keep one of them"
                )
            if isinstance(key, str | int | float | bool):
                seen[key] = line
        return loader.construct_mapping(node)

    UniqueKeyLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    return yaml.load(text, Loader=UniqueKeyLoader)


def read_params(path: Path) -> dict[str, Any]:
    """Read a YAML parameter file into a mapping (empty file: no values).

    Parameters
    ----------
    path : Path
        The YAML file.

    Returns
    -------
    dict
        Its top-level mapping.

    Raises
    ------
    InputError
        If the file is missing, not YAML, not a mapping at the top, or gives a
        key twice.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.yaml"
    >>> _ = p.write_text("seed: 3\\ntopics:\\n  n_topics: 5\\n")
    >>> read_params(p)
    {'seed': 3, 'topics': {'n_topics': 5}}
    """
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path}: cannot read the parameter file ({exc}); check the path"
        ) from None
    try:
        data = _load_yaml(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"{path}{where}: {problem}; fix the YAML syntax") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            f"{path}: the top level must be a mapping of parameter names (or notebook names) "
            "to values"
        )
    return {str(k): v for k, v in data.items()}


def _split_params(
    params: Mapping[str, Any],
    *,
    notebooks: Sequence[Path],
    declared: Mapping[Path, Mapping[str, str | None]],
    params_name: str,
) -> tuple[dict[str, Any], dict[Path, dict[str, Any]]]:
    """Values for every notebook, and values for one notebook each."""
    by_name: dict[str, Path] = {}
    for nb in notebooks:
        by_name[nb.stem] = nb
        by_name.setdefault(short_name(nb.stem), nb)
    common: dict[str, Any] = {}
    specific: dict[Path, dict[str, Any]] = {nb: {} for nb in notebooks}
    for key, value in params.items():
        if key in RUNNER_PARAMETERS:
            option = "--corpus" if key == "corpus" else "--out"
            raise InputError(
                f"{params_name}: '{key}' is set by kzlib report; remove it and use {option}"
            )
        if key in by_name and isinstance(value, dict):
            for name, val in value.items():
                specific[by_name[key]][str(name)] = val
        elif key in by_name:
            raise InputError(
                f"{params_name}: '{key}' names a notebook, so its value must be a mapping "
                f"of parameter names to values, not {type(value).__name__}"
            )
        elif isinstance(value, dict) and not any(key in declared[nb] for nb in notebooks):
            names = ", ".join(nb.stem for nb in notebooks) or "none"
            raise InputError(
                f"{params_name}: '{key}' is neither a notebook (have: {names}; the part after "
                "the number also works) nor a parameter; fix the name"
            )
        else:
            common[key] = value
    return common, specific


def _check_value(
    name: str, value: object, *, where: str, decl: Mapping[str, str | None], shown: str
) -> None:
    """Refuse a value the notebook does not declare, of the wrong type, or out of range."""
    if name in RUNNER_PARAMETERS:
        raise InputError(f"{where} is set by kzlib report; remove it")
    if name not in decl:
        known = ", ".join(sorted(decl))
        raise InputError(
            f"{where} is not a parameter of {shown} (it declares: {known}); "
            "remove it or fix its name"
        )
    if not _type_ok(value, decl[name]):
        raise InputError(
            f"{where} must be {decl[name]} as declared in {shown}, got "
            f"{type(value).__name__} {value!r}; give a value of that type"
        )
    rule = PARAMETER_RULES.get(name)
    if rule is not None and not rule.accepts(value):
        raise InputError(f"{where} is {value!r}, out of range; allowed: {rule.allowed}")


def plan_parameters(
    notebooks: Sequence[Path],
    *,
    corpus: Path,
    tables_dir: Path,
    params: Mapping[str, Any] | None = None,
    params_name: str = "parameters",
    declared: Mapping[Path, Mapping[str, str | None]] | None = None,
) -> dict[Path, dict[str, Any]]:
    """The parameters to inject into each notebook, checked against its declarations.

    Parameters
    ----------
    notebooks : sequence of Path
        The notebooks to run.
    corpus : Path
        Corpus folder, injected as an absolute path.
    tables_dir : Path
        Folder the notebooks write tables into, injected as an absolute path.
    params : mapping, optional
        Values from the parameter file (see the module docstring for its shape).
    params_name : str
        Name of the parameter file, for messages.
    declared : mapping, optional
        Declared parameters per notebook (default: read with
        :func:`declared_parameters`).

    Returns
    -------
    dict
        Notebook path to the parameters to inject (contract parameters first).

    Raises
    ------
    InputError
        If a value is not declared by a notebook it would go to, has the wrong
        type or is out of range (:data:`PARAMETER_RULES`), sets ``corpus`` or
        ``tables_dir``, or a notebook lacks one of the contract parameters.

    Examples
    --------
    >>> nb = Path("01_topics.ipynb")
    >>> decl = {nb: {"corpus": "str", "tables_dir": "str", "seed": "int", "k": "int"}}
    >>> plan_parameters([nb], corpus=Path("/c"), tables_dir=Path("/t"),
    ...                 params={"topics": {"k": 4}}, declared=decl)[nb]
    {'corpus': '/c', 'tables_dir': '/t', 'seed': 0, 'k': 4}
    """
    if declared is None:
        declared = {nb: declared_parameters(nb) for nb in notebooks}
    common, specific = _split_params(
        dict(params or {}), notebooks=notebooks, declared=declared, params_name=params_name
    )
    plan: dict[Path, dict[str, Any]] = {}
    for nb in notebooks:
        decl = declared[nb]
        shown = display_path(nb)
        missing = [p for p in CONTRACT_PARAMETERS if p not in decl]
        if missing:
            raise InputError(
                f"{shown}: the 'parameters' cell does not declare {', '.join(missing)}; "
                "add them (see CONTRIBUTING.md, Notebooks)"
            )
        values: dict[str, Any] = {
            "corpus": str(corpus.resolve()),
            "tables_dir": str(tables_dir.resolve()),
            "seed": 0,
        }
        for source, given in (("", common), (f"{nb.stem}.", specific[nb])):
            for name, value in given.items():
                where = f"{params_name}: '{source}{name}'"
                _check_value(name, value, where=where, decl=decl, shown=shown)
                values[name] = value
        k_min, k_max = values.get("k_min"), values.get("k_max")
        if isinstance(k_min, int) and isinstance(k_max, int) and k_min > k_max:
            raise InputError(
                f"{params_name}: k_min {k_min} is above k_max {k_max} for {shown}; "
                "allowed: k_min <= k_max"
            )
        plan[nb] = values
    return plan
