from django.apps import AppConfig


class CoursewareConfig(AppConfig):
    name = "courseware"
    verbose_name = "Courseware"

    def ready(self):
        # Web processes, Celery workers and commands all grade with the same settings.
        from . import signals
        from .grader_adapter import configure_grader

        configure_grader()
        signals.connect()
