from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def pairs_query(pairs: list[tuple[str, str]]) -> str:
    """[("site", "lung"), ("prior", "ssa")] → "site=lung&prior=ssa" (for links that carry answers)."""
    return urlencode(list(pairs or ()))
