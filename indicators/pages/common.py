"""What every page shares: the dataset (or the report of why it did not validate), problems as tables, text
from the data made safe for Markdown, the finding and the footer."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from indicators import charts
from indicators.contract.problems import Problem, said
from indicators.load.dataset import Dataset, DataValidationError, problems_frame, resolve_data_dir
from indicators.pages import failures
from indicators.pages.loading import load, reload_button
from indicators.pages.own import with_own_figures


def dataset() -> Dataset:
    """The validated dataset with the figures this browser session added (:func:`~indicators.pages.own.add_own_figures`),
    or a stop with the problem report (never a traceback)."""
    reload_button()
    failures.show()
    directory = resolve_data_dir()
    try:
        return with_own_figures(load(str(directory)))
    except DataValidationError as err:
        st.error(
            f"The data in {plain(err.data_dir)} did not validate: {len(err.problems)} problem(s). "
            "Nothing was changed; fix the files listed below and reload."
        )
        show_problems(err.problems)
        st.stop()
        raise  # unreachable: st.stop() ends the script


#: Problems listed as sentences; a longer report is read in its table (a page of 60,000 lines helps no one).
LISTED = 50


def show_problems(problems: Sequence[Problem]) -> None:
    """Every problem as one line in plain words (where, what is wrong, what was found), then the same report as a
    table with each check's technical name, in an expander for the curious."""
    st.markdown("\n".join(f"- {plain(said(p))}" for p in problems[:LISTED]))
    if len(problems) > LISTED:
        st.caption(f"The first {LISTED} of {len(problems):,} problems; every one is in the table below.")
    with st.expander("Technical details (the checks by name)", expanded=len(problems) > LISTED):
        frame = problems_frame(problems)[["message", "file", "row", "column", "value", "check"]]
        st.dataframe(
            frame.rename(columns={"message": "What is wrong", "file": "File", "row": "Line", "column": "Column"}),
            hide_index=True,
            width="stretch",
            column_config={"What is wrong": st.column_config.TextColumn(width="large")},
        )


#: Characters that start Markdown anywhere in a line in Streamlit (emphasis, code, links and images, HTML and
#: entities, strikethrough, tables, LaTeX ``$``, ``:emoji:``/``:material/…:`` shortcodes and ``:color[…]``
#: directives). CommonMark lets any ASCII punctuation be written with a backslash, and then it shows as itself.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>~$:|&])")
#: What makes a line a heading, list or rule when it starts it: ``#``, ``-``, ``+``, ``=`` or ``1.`` before a space.
_LINE_START = re.compile(r"^([#+\-=]|[0-9]+[.)](?=\s|$))")


def plain(text: object) -> str:
    """Text from a data file (a name, a title, a citation) made safe to put into Markdown: it shows literally,
    never as emphasis, a link, HTML or a heading (line breaks become spaces). Use it for every data value in
    st.markdown, st.caption, st.info/st.warning, metric labels and help text."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def footer(ds: Dataset) -> None:
    st.caption(
        f"Data: {plain(ds.essay['citation'])} Reference series: World Bank WDI (CC BY 4.0), U.S. EIA (public domain). {charts.MAP_SOURCE}"
    )


def finding(text: str) -> None:
    """A chart page's finding: its one computed sentence, above the chart (what the room reads first)."""
    if text:
        with st.container(key="finding"):
            st.markdown(f"**{plain(text)}**")


def page(title: str, caption: str) -> Dataset:
    """A page's heading and what it shows, then the dataset it draws from (see :func:`dataset`)."""
    st.title(title)
    st.caption(caption)
    return dataset()
