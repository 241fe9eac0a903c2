from django.http import HttpRequest

from .kb import knowledge_base


def provenance(request: HttpRequest) -> dict:
    """Knowledge-base version, review date and disclaimer for every page's footer."""
    kb = knowledge_base()
    return {"kb_version": kb.version, "kb_reviewed": kb.reviewed, "kb_disclaimer": kb.disclaimer}
