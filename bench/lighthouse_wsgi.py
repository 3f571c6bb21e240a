"""WSGI entry point for ``bench/lighthouse.sh`` only: the production application, plus the uploaded media (renditions)
served by WhiteNoise as a stand-in for the reverse proxy that serves ``MEDIA_ROOT`` in production.

``autorefresh`` lets renditions created after start-up be found; never use this module in production.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as django_application

application = WhiteNoise(django_application, autorefresh=True, max_age=31536000)
application.add_files(settings.MEDIA_ROOT, prefix=settings.MEDIA_URL)
