from django.urls import path

from . import views

app_name = "options"

urlpatterns = [
    path("", views.home, name="home"),
    path("assess/", views.assess, name="assess"),
    path("assess/preview/", views.assess_preview, name="assess_preview"),
    path("assess/results/", views.results, name="results"),
    path("api/v1/assessment", views.api_assessment, name="api_assessment"),
]
