from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # The sources announce their changes and the index listens, so nothing depends
        # on this app (README, "The layering rule").
        from . import receivers

        receivers.connect()
