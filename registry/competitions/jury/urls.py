"""URLs of the judges' portal, included from registry/competitions/urls.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import dossiers, views

urlpatterns = [
    path(
        "giam-khao/dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="jury/login.html", redirect_authenticated_user=True, next_page="competitions:jury-home"
        ),
        name="jury-login",
    ),
    path(
        "giam-khao/dang-xuat/", auth_views.LogoutView.as_view(next_page="competitions:jury-login"), name="jury-logout"
    ),
    path("giam-khao/", views.home, name="jury-home"),
    path("giam-khao/<slug:slug>/", views.competition, name="jury-competition"),
    path("giam-khao/<slug:slug>/hoi-dong/", views.council, name="jury-council"),
    path("giam-khao/<slug:slug>/phieu/<int:sheet_id>/mo-lai/", views.reopen, name="jury-reopen"),
    path("giam-khao/<slug:slug>/ho-so/<str:code>/", views.entry, name="jury-entry"),
    path("giam-khao/<slug:slug>/ho-so/<str:code>/xung-dot/", views.conflict, name="jury-conflict"),
    path("giam-khao/<slug:slug>/ho-so/<str:code>/khong-xung-dot/", views.no_conflict, name="jury-no-conflict"),
    path(
        "giam-khao/<slug:slug>/ho-so/<str:code>/tai-lieu/<int:pk>/<str:filename>",
        dossiers.download,
        name="jury-dossier",
    ),
]
