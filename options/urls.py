from django.urls import path

from . import decision_views, reference_views, views

app_name = "options"

urlpatterns = [
    path("", views.home, name="home"),
    # The guided form, its results and the JSON API.
    path("assess/", views.assess, name="assess"),
    path("assess/preview/", views.assess_preview, name="assess_preview"),
    path("assess/results/", views.results, name="results"),
    path("api/v1/assessment", views.api_assessment, name="api_assessment"),
    # Decision aid: compare options (with "What matters to me") and "My questions for the team".
    path("assess/compare/", decision_views.compare, name="compare"),
    path("assess/questions/", decision_views.questions, name="questions"),
    path("assess/questions.txt", decision_views.questions_text, name="questions_text"),
    # Reference pages: grade helper, glossary, "How this tool decides".
    path("grade/", reference_views.grade_helper, name="grade"),
    path("glossary/", reference_views.glossary_page, name="glossary"),
    path("how-it-decides/", reference_views.how_it_decides, name="how_it_decides"),
]
