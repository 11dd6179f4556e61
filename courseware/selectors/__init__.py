"""Reads for courseware, one module per concern; import them from here.

Every page does a fixed number of queries whatever the number of modules, exercises or
attempts: lists are fetched once and related objects are attached in Python, never
looked up per row. A learner only ever sees their own submissions.

- ``reading``: the catalogue, course landing and module pages, and knowledge checks;
- ``submissions``: exercises, a learner's own submissions and ``submission_best_scores``;
- ``learner``: a learner's state on the module and exercise pages, drafts, editor code;
- ``feedback``: progressive hints, the next step, when the solution may be shown.
"""

from .feedback import (
    AttemptFollowUp,
    HintsState,
    Link,
    NextStep,
    attempt_follow_up,
    exercise_hints,
    exercise_next_step,
    exercise_solution_unlocked,
    hints_revealed_count,
)
from .learner import (
    EditorCode,
    ExercisePage,
    ExerciseRow,
    ModulePage,
    draft_get,
    exercise_editor_code,
    exercise_page_for_learner,
    learner_ticks,
    module_page_for_learner,
)
from .reading import (
    SESSION_ANSWERS,
    AnswerState,
    BodyPart,
    answer_state,
    choice_order,
    course_get_live,
    course_list_for_catalogue,
    course_syllabus,
    module_answers,
    module_body_parts,
    module_exercises_unattached,
    module_get_live,
    module_questions,
    module_siblings,
    question_choices_for,
    question_get_live,
)
from .submissions import (
    exercise_get_live,
    submission_best_scores,
    submission_get_own,
    submission_history,
    submission_latest,
)
from .written import WrittenPartState, written_parts_for_learner

__all__ = [
    "AnswerState",
    "AttemptFollowUp",
    "BodyPart",
    "EditorCode",
    "ExercisePage",
    "ExerciseRow",
    "HintsState",
    "Link",
    "ModulePage",
    "NextStep",
    "WrittenPartState",
    "SESSION_ANSWERS",
    "answer_state",
    "choice_order",
    "attempt_follow_up",
    "course_get_live",
    "course_list_for_catalogue",
    "course_syllabus",
    "draft_get",
    "exercise_editor_code",
    "exercise_get_live",
    "exercise_hints",
    "exercise_next_step",
    "exercise_page_for_learner",
    "exercise_solution_unlocked",
    "hints_revealed_count",
    "learner_ticks",
    "module_answers",
    "module_body_parts",
    "module_exercises_unattached",
    "module_get_live",
    "module_page_for_learner",
    "module_questions",
    "module_siblings",
    "question_choices_for",
    "question_get_live",
    "submission_best_scores",
    "submission_get_own",
    "submission_history",
    "submission_latest",
    "written_parts_for_learner",
]
