from django.conf import settings


def site(request):
    """The site's name, for the layout and page titles."""
    return {"SITE_NAME": settings.SITE_NAME}
