from urllib.parse import urlencode

from django import template

from options.services import STATUS_LABELS, STATUS_SHORT

register = template.Library()


@register.filter
def status_short(status: str) -> str:
    """"applicable" → "Fits": the short label used on badges."""
    return STATUS_SHORT.get(status, status)


@register.filter
def status_long(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def texts_for(result, mode: str):
    """An option's or approach's texts in the chosen wording (patient or clinician)."""
    return result.texts(mode)



@register.filter
def pairs_query(pairs: list[tuple[str, str]]) -> str:
    """[("site", "lung"), ("prior", "ssa")] → "site=lung&prior=ssa" (for links that carry answers)."""
    return urlencode(list(pairs or ()))
