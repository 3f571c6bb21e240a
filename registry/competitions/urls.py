"""Public URLs of this app, mounted under the language prefix by config/urls.py."""

from .jury.urls import urlpatterns as jury_urlpatterns

app_name = "competitions"
urlpatterns = [*jury_urlpatterns]
