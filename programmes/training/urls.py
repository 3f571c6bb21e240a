"""Public URLs of the training app outside the page tree (the courses are pages under /dao-tao/)."""

from django.urls import path

from .lookup import collaborators

app_name = "training"

urlpatterns = [
    path("cong-tac-vien/", collaborators, name="collaborators"),
]
