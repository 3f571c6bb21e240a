"""URLs of the producers' portal under ``/co-so-san-xuat/`` (English under ``/en/co-so-san-xuat/``), mounted
by config/urls.py inside the language patterns."""

from django.urls import path

from .views import accounts, applications, corrections, portal

app_name = "producers"
P = "co-so-san-xuat/"
urlpatterns = [
    path(P, portal.home, name="home"),
    path(P + "dang-ky/", accounts.sign_up, name="sign-up"),
    path(P + "dang-ky/da-gui/", accounts.sign_up_sent, name="sign-up-sent"),
    path(P + "xac-nhan/<str:uidb64>/<str:token>/", accounts.verify, name="verify"),
    path(P + "gui-lai-thu-xac-nhan/", accounts.resend_verification, name="resend"),
    path(P + "dang-nhap/", accounts.LoginView.as_view(), name="login"),
    path(P + "dang-xuat/", accounts.LogoutView.as_view(), name="logout"),
    path(P + "quen-mat-khau/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path(P + "quen-mat-khau/da-gui/", accounts.PasswordResetDoneView.as_view(), name="password-reset-sent"),
    path(
        P + "dat-lai-mat-khau/<str:uidb64>/<str:token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(P + "dat-lai-mat-khau/xong/", accounts.PasswordResetCompleteView.as_view(), name="password-reset-done"),
    path(P + "nhan-co-so/", portal.claim_search, name="claim-search"),
    path(P + "nhan-co-so/<slug:slug>/", portal.claim, name="claim"),
    path(P + "de-nghi-tao-co-so/", portal.request_new, name="request-new"),
    path(P + "loi-moi/<str:token>/", portal.invitation, name="invitation"),
    path(P + "san-pham/<int:pk>/", portal.product, name="product"),
    path(P + "ho-so/<int:pk>/", portal.entry, name="entry"),
    path(P + "ho-so/<int:pk>/giay-chung-nhan.pdf", portal.certificate, name="certificate"),
    path(P + "binh-chon/", applications.competitions, name="competitions"),
    path(P + "binh-chon/<slug:slug>/dang-ky/", applications.apply, name="apply"),
    path(P + "ho-so-dang-ky/<int:pk>/", applications.application, name="application"),
    path(P + "ho-so-dang-ky/<int:pk>/bien-nhan.pdf", applications.receipt, name="receipt"),
    path(P + "ho-so-dang-ky/<int:pk>/tep/<int:document_pk>/", applications.document, name="document"),
    path(P + "ho-so-dang-ky/<int:pk>/tep/<int:document_pk>/xoa/", applications.remove_document, name="remove-document"),
    path(P + "de-nghi-sua/", corrections.producer, name="correct-producer"),
    path(P + "san-pham/<int:pk>/de-nghi-sua/", corrections.product, name="correct-product"),
]
