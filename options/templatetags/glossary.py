"""Inline definitions: `{% glossed text scope=option.key mode=mode %}`.

Marks the first occurrence of each glossary term in `text` as a link to its entry on /glossary/,
with a tooltip (role="tooltip", tied to the link by aria-describedby) that CSS shows on hover and on
keyboard focus. With `scope`, each term is marked once per scope on the page (e.g. once per option
card); in clinician wording the text comes back unmarked.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from options.kb import knowledge_base
from options.reference import split_terms

register = template.Library()

_fallback_ids = count(1)


class _PageState:
    """Tooltip ids and the terms already marked, per request (ids must be unique on a page)."""

    def __init__(self) -> None:
        self.ids = count(1)
        self.seen: dict[str, set[str]] = {}
        self.glossary_url = reverse("options:glossary")  # once per page, not once per text


def _state(context: template.Context) -> _PageState | None:
    request = context.get("request")
    if request is None:
        return None
    state = getattr(request, "_netdecide_glossary", None)
    if state is None:
        state = _PageState()
        request._netdecide_glossary = state
    return state


@register.simple_tag(takes_context=True)
def glossed(context: template.Context, text: Any, scope: str = "", mode: str = "patient") -> SafeString:
    """The text, HTML-escaped, with the first occurrence of each known term marked."""
    text = "" if text is None else str(text)
    if mode == "clinician" or not text:
        return escape(text)
    state = _state(context)
    if state is not None and scope:
        skip = state.seen.setdefault(str(scope), set())
    else:
        skip = set()
    glossary_url = state.glossary_url if state is not None else reverse("options:glossary")
    parts = []
    for piece in split_terms(text, kb=knowledge_base(), skip=skip):
        if piece.term is None:
            parts.append(escape(piece.text))
            continue
        number = next(state.ids) if state is not None else next(_fallback_ids)
        tip_id = f"gloss-{piece.term.key}-{number}"
        parts.append(
            format_html(
                '<span class="term"><a href="{}#{}" class="term-link" aria-describedby="{}">{}</a>'
                '<span class="term-tip" role="tooltip" id="{}">{}</span></span>',
                glossary_url,
                piece.term.anchor,
                tip_id,
                piece.text,
                tip_id,
                piece.term.definition,
            )
        )
    return mark_safe("".join(parts))
