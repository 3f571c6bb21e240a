"""Public URLs of this app, mounted under the language prefix by config/urls.py."""

from django.urls import path

from . import opendata_views, views

app_name = "catalogue"
urlpatterns = [
    path("co-so/<slug:slug>/", views.producer_detail, name="producer"),
    path("xac-minh/<str:code>/", views.verify_certificate, name="verify"),
    path("du-lieu-mo/", opendata_views.open_data_index, name="open_data"),
    path("du-lieu-mo/<slug:kind>.<str:fmt>", opendata_views.open_data_download, name="open_data_download"),
    path("du-lieu-mo/mau/<slug:kind>.csv", opendata_views.import_template, name="import_template"),
    path("du-lieu-mo/mau/<slug:kind>.xlsx", opendata_views.import_template_xlsx, name="import_template_xlsx"),
]
