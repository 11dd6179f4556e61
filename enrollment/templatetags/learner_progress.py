"""Template tags that add the signed-in learner's own state to reading pages.

They keep the content views free of learner state (which the pages would otherwise
have to vary on) and cost a constant number of queries, however long the course is.
"""

from django import template

from courseware.submission_selectors import best_scores

from ..models import ModuleCompletion
from ..progress import exercise_passed
from ..selectors import enrollment_get

register = template.Library()


@register.simple_tag(takes_context=True)
def exercise_best_scores(context, exercises):
    """{exercise_id: {"score", "max_score", "passed"}} for the current learner (one query)."""
    user = context["request"].user
    exercises = list(exercises)
    if not exercises or not user.is_authenticated:
        return {}
    scores = best_scores(user=user, exercises=exercises)
    by_id = {e.id: e for e in exercises}
    for exercise_id, row in scores.items():
        exercise = by_id[exercise_id]
        row["passed"] = exercise_passed(
            best_score=row["score"], points=exercise.points, pass_mark=exercise.pass_mark
        )
    return scores


@register.inclusion_tag("enrollment/includes/module_completion.html", takes_context=True)
def module_completion(context, module):
    """The "Mark as complete" control for enrolled learners (two queries)."""
    request = context["request"]
    enrollment = enrollment_get(user=request.user, course=module.course)
    enrolled = enrollment is not None and enrollment.is_active
    completed = (
        enrolled and ModuleCompletion.objects.filter(user=request.user, module=module).exists()
    )
    return {
        "request": request,
        "module": module,
        "course": module.course,
        "enrolled": enrolled,
        "completed": completed,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: a dict lookup by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)
