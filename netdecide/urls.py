from django.urls import include, path

from options import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", include("options.urls")),
]
