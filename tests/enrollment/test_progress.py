"""The progress rule as a pure function: no database needed."""

from enrollment.progress import ExerciseFacts, ModuleFacts, compute_progress


def _module(id, order, read, exercises=()):
    return ModuleFacts(id=id, order=order, read=read, exercises=tuple(exercises))


def test_nothing_done_is_zero_and_resume_is_the_first_module():
    progress = compute_progress(
        [_module(2, 2, False), _module(1, 1, False, [ExerciseFacts(10, 5, 100)])], pass_mark=70
    )
    assert progress.percent == 0
    assert progress.resume_module_id == 1
    assert not progress.eligible_for_certificate


def test_an_exercise_passes_only_at_its_pass_mark():
    assert not ExerciseFacts(1, points=10, pass_mark=80, best_score=7).passed
    assert ExerciseFacts(1, points=10, pass_mark=80, best_score=8).passed
    assert not ExerciseFacts(1, points=10, pass_mark=80, best_score=None).passed


def test_the_pass_rule_is_exact_not_a_rounded_percent():
    # 2 of 3 is 66.67%: it rounds to 67 but does not reach a 67% pass mark.
    assert not ExerciseFacts(1, points=3, pass_mark=67, best_score=2).passed
    assert ExerciseFacts(1, points=3, pass_mark=66, best_score=2).passed


def test_percent_counts_modules_read_and_exercises_passed():
    modules = [
        _module(1, 1, True, [ExerciseFacts(10, 4, 100, 4)]),  # 2 of 2 items
        _module(2, 2, False, [ExerciseFacts(11, 4, 100, 1)]),  # 0 of 2 items
    ]
    progress = compute_progress(modules, pass_mark=50)
    assert progress.percent == 50
    assert progress.resume_module_id == 2
    assert [m.finished for m in progress.modules] == [True, False]
    assert (progress.score, progress.max_score, progress.score_percent) == (5, 8, 62)


def test_certificate_needs_every_module_read_and_the_pass_mark():
    exercises = [ExerciseFacts(10, 10, 100, 6), ExerciseFacts(11, 10, 100, 10)]
    all_read = [_module(1, 1, True, exercises[:1]), _module(2, 2, True, exercises[1:])]
    assert compute_progress(all_read, pass_mark=80).eligible_for_certificate
    assert not compute_progress(all_read, pass_mark=81).eligible_for_certificate
    one_unread = [_module(1, 1, True, exercises[:1]), _module(2, 2, False, exercises[1:])]
    assert not compute_progress(one_unread, pass_mark=10).eligible_for_certificate


def test_module_and_exercise_states():
    progress = compute_progress(
        [
            _module(1, 1, True, [ExerciseFacts(10, 2, 100, best_score=2)]),
            _module(2, 2, True, [ExerciseFacts(20, 2, 100, best_score=1)]),
            _module(3, 3, False, [ExerciseFacts(30, 2, 100, best_score=0)]),
            _module(4, 4, False, [ExerciseFacts(40, 2, 100)]),
            _module(5, 5, True),
        ],
        pass_mark=70,
    )
    states = [str(m.state) for m in progress.modules]
    # Complete needs the module read and every exercise passed; a score of 0 is a try.
    assert states == ["complete", "in_progress", "in_progress", "not_started", "complete"]
    assert {k: str(v) for k, v in progress.exercise_states.items()} == {
        10: "passed",
        20: "attempted",
        30: "attempted",
        40: "not_started",
    }
    assert progress.position(3) == 3 and progress.position(99) is None
    assert progress.next_module_id(4) == 5 and progress.next_module_id(5) is None


def test_resume_is_the_first_unfinished_module_and_none_when_all_are_finished():
    done = [_module(1, 1, True), _module(2, 2, True)]
    assert compute_progress(done, pass_mark=0).resume_module_id is None
    half = [_module(1, 1, True), _module(2, 2, False), _module(3, 3, False)]
    assert compute_progress(half, pass_mark=0).resume_module_id == 2


def test_resume_goes_back_to_the_module_last_read_while_it_is_unfinished():
    from enrollment.progress import resume_module_id

    progress = compute_progress(
        [_module(1, 1, True), _module(2, 2, False), _module(3, 3, False)], pass_mark=0
    )
    assert resume_module_id(progress, last_module_id=3) == 3
    assert resume_module_id(progress, last_module_id=1) == 2  # finished: the first left
    assert resume_module_id(progress, last_module_id=None) == 2
    assert resume_module_id(progress, last_module_id=99) == 2  # retired since
