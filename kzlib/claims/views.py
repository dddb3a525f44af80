"""HTML views of claim tables for the notebooks and the report (presentation only).

Examples
--------
>>> import pandas as pd
>>> "kz-sortable" in claims_html(pd.DataFrame({"text": ["x"]}))
True
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import pandas as pd

__all__ = ["claims_html"]

_SORT_JS = (
    "document.querySelectorAll('table.kz-sortable').forEach(function(t){"
    "t.querySelectorAll('th').forEach(function(th,i){th.style.cursor='pointer';"
    "th.title='click to sort';th.addEventListener('click',function(){"
    "var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows),asc=th.dataset.asc!=='1';"
    "th.dataset.asc=asc?'1':'0';rs.sort(function(x,y){var p=x.cells[i].textContent,"
    "q=y.cells[i].textContent,a=parseFloat(p),c=parseFloat(q);"
    "var r=(!isNaN(a)&&!isNaN(c))?a-c:p.localeCompare(q);return asc?r:-r;});"
    "rs.forEach(function(r){b.appendChild(r);});});});});"
)


def claims_html(
    frame: pd.DataFrame, *, columns: Sequence[str] | None = None, max_rows: int = 2000
) -> str:
    """A self-contained sortable HTML table (click a header to sort; inline JS, no CDN).

    Examples
    --------
    >>> import pandas as pd
    >>> page = claims_html(pd.DataFrame({"text": ["<b>x</b>"], "checkworthiness": [0.5]}))
    >>> "&lt;b&gt;" in page and "<script>" in page and "http" not in page
    True
    """
    cols = list(columns) if columns is not None else list(frame.columns)
    sub = frame[cols].head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    body_rows: list[str] = []
    for row in sub.itertuples(index=False):
        cells = []
        for v in row:
            cell = ("" if math.isnan(v) else f"{v:.3f}") if isinstance(v, float) else str(v)
            cells.append(f"<td>{html.escape(cell)}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    style = (
        "<style>table.kz-sortable{border-collapse:collapse;font-size:12px}"
        "table.kz-sortable th,table.kz-sortable td{border:1px solid #ccc;padding:2px 6px;"
        "vertical-align:top;text-align:left}table.kz-sortable th{background:#f3f3f3}</style>"
    )
    return (
        f"{style}<table class='kz-sortable'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body_rows)}</tbody></table><script>{_SORT_JS}</script>"
    )
