"""Account views of the portal: sign-up, verification, sign-in and out, password reset.

Sign-in failures are throttled by django-axes (per account and per address, 429 from ``core.security``); sign-up,
resending the verification e-mail and password reset requests by ``registry/producers/throttling.py`` (429).
Invalid forms answer 400 with their messages; a filled honeypot answers 400 and nothing is saved or sent.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from ..forms import (
    ProducerLoginForm,
    ProducerPasswordResetForm,
    ProducerSetPasswordForm,
    ResendVerificationForm,
    SignUpForm,
)
from ..mail import absolute
from ..services import accounts
from ..throttling import throttled, too_many_requests


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def sign_up(request):
    """``/co-so-san-xuat/dang-ky/``: create an account (inactive) and mail the verification link."""
    if request.user.is_authenticated:
        return redirect("producers:home")
    wait = throttled(request, "sign-up")
    if wait:
        return too_many_requests(request, wait)
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                account = accounts.sign_up(data["email"], data["password1"], data["full_name"], data["phone"])
            except IntegrityError:  # the same address signed up a moment ago (the unique user name)
                form.add_error("email", form.taken_message)
                return render(request, "producers/sign_up.html", {"form": form}, status=400)
            accounts.send_verification(account)
            request.session["producers_signed_up"] = account.user.email
            return redirect("producers:sign-up-sent")
        return render(request, "producers/sign_up.html", {"form": form}, status=400)
    return render(request, "producers/sign_up.html", {"form": form})


def sign_up_sent(request):
    """The "check your mailbox" page after signing up."""
    return render(request, "producers/sign_up_sent.html", {"email": request.session.get("producers_signed_up", "")})


def verify(request, uidb64, token):
    """The verification link: activate the account, then ask to sign in; a bad or used link answers 400."""
    account = accounts.verify(uidb64, token)
    if account is None:
        return render(request, "producers/verify_failed.html", status=400)
    messages.success(request, _("Đã xác nhận thư điện tử. Mời bạn đăng nhập."))
    return redirect("producers:login")


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    """Ask for a new verification link; the answer is the same whether or not the address has an account."""
    wait = throttled(request, "resend")
    if wait:
        return too_many_requests(request, wait)
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "producers/resend.html", {"form": form}, status=400)
        account = accounts.unverified_account(form.cleaned_data["email"])
        if account is not None:
            accounts.send_verification(account)
        request.session["producers_signed_up"] = form.cleaned_data["email"]
        return redirect("producers:sign-up-sent")
    return render(request, "producers/resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    """``/co-so-san-xuat/dang-nhap/``: e-mail and password; django-axes locks after too many failures (429)."""

    form_class = ProducerLoginForm
    template_name = "producers/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("producers:home")


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only) and return to the sign-in page."""

    next_page = reverse_lazy("producers:login")


class PasswordResetView(auth_views.PasswordResetView):
    """``/co-so-san-xuat/quen-mat-khau/``: mail a reset link (throttled per address and per e-mail)."""

    form_class = ProducerPasswordResetForm
    template_name = "producers/password_reset.html"
    email_template_name = "producers/email/password_reset.txt"
    subject_template_name = "producers/email/password_reset_subject.txt"
    success_url = reverse_lazy("producers:password-reset-sent")

    def post(self, request, *args, **kwargs):
        wait = throttled(request, "password-reset")
        if wait:
            return too_many_requests(request, wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.extra_email_context = {"site_url": absolute("")}
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    """The "a link is on its way, if the address has an account" page."""

    template_name = "producers/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link."""

    form_class = ProducerSetPasswordForm
    template_name = "producers/password_reset_confirm.html"
    success_url = reverse_lazy("producers:password-reset-done")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """The password is changed: a link to sign in."""

    template_name = "producers/password_reset_done.html"
