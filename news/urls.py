"""Public URLs of this app, mounted under the language prefix by config/urls.py."""

from django.urls import path  # noqa: F401

app_name = "news"
urlpatterns = []
