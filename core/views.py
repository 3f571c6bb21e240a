"""Views of the core app: the admin's logout, which acts only on POST."""

from wagtail.admin.views.account import LogoutView as WagtailLogoutView


class PostOnlyLogoutView(WagtailLogoutView):
    """Wagtail's admin logout, without its side effects on GET.

    Wagtail's view answers a GET with 405 but still deletes the session cookie and queues "logged out" (a link or
    an image on any page could sign staff out of the browser while their server session stays valid). Methods other
    than POST now get a plain 405 and change nothing.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
