from grader.cases import Case, exact

SEED = 20240808

MODULE_TARGET = [
    "quantisation", "distillation", "hyperparameter_search",
    "profiling", "latency_benchmarking", "cost_modelling",
]  # fmt: skip

MODULE_PROJECTS = [
    {"name": "int8 benchmark report", "hours": 20,
     "skills": ["quantisation", "latency_benchmarking", "profiling"]},
    {"name": "distil a forest into a tree", "hours": 15,
     "skills": ["distillation", "latency_benchmarking"]},
    {"name": "tuning study on a GBM", "hours": 12, "skills": ["hyperparameter_search"]},
    {"name": "serving cost calculator", "hours": 8, "skills": ["cost_modelling"]},
    {"name": "end-to-end optimisation case study", "hours": 40,
     "skills": ["quantisation", "distillation", "hyperparameter_search",
                "profiling", "latency_benchmarking"]},
]  # fmt: skip

SKILL_POOL = [
    "quantisation", "pruning", "distillation", "hyperparameter_search", "profiling",
    "latency_benchmarking", "cost_modelling", "autoscaling", "calibration",
    "feature_selection", "ablation_studies", "infrastructure_as_code",
]  # fmt: skip


def _random_projects(rng, n, hours_choices):
    projects = []
    for i in range(n):
        k = int(rng.integers(1, 5))
        skills = sorted({str(s) for s in rng.choice(SKILL_POOL, size=k, replace=False)})
        projects.append(
            {
                "name": f"project-{chr(ord('a') + i)}",
                "hours": hours_choices[int(rng.integers(len(hours_choices)))],
                "skills": skills,
            }
        )
    order = rng.permutation(n)
    return [projects[int(i)] for i in order]


def _case(name, reference, projects, target, budget, **kwargs):
    return Case(
        name,
        args=(projects, target, budget),
        expected=reference(projects, target, budget),
        check=exact(),
        **kwargs,
    )


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones need a full search and the tie rules."""
    yield _case(
        "the module's five projects, 48 hours",
        reference,
        MODULE_PROJECTS,
        MODULE_TARGET,
        48,
        visible=True,
        points=2,
        description=(
            "The case study plus the cost calculator cover all six skills in exactly 48 "
            "hours; a greedy choice finds only five. Return the names sorted."
        ),
        hint=(
            "Choosing projects one at a time by skills per hour can miss the best plan; "
            "compare every subset that fits the budget."
        ),
    )
    yield _case(
        "the same projects, 40 hours",
        reference,
        MODULE_PROJECTS,
        MODULE_TARGET,
        40,
        visible=True,
        points=2,
        description=(
            "Two plans cover five skills in 40 hours each; the tie goes to the sorted name "
            "list that comes first."
        ),
    )

    tie_on_hours = [
        {"name": "zeta profiler deep-dive", "hours": 10, "skills": ["profiling", "pruning"]},
        {"name": "alpha pruning notebook", "hours": 6, "skills": ["pruning"]},
        {"name": "beta profiling report", "hours": 6, "skills": ["profiling"]},
        {"name": "marketing site redesign", "hours": 3, "skills": ["css", "copywriting"]},
        {"name": "gamma combined study", "hours": 12, "skills": ["pruning", "profiling"]},
    ]
    yield _case(
        "coverage ties broken by hours",
        reference,
        tie_on_hours,
        ["pruning", "profiling"],
        12,
        points=2,
        description=(
            "When several plans cover the same skills, choose the fewest total hours; a "
            "project with no target skills is never worth its hours."
        ),
    )

    same_size = [
        {"name": "zz quantisation lab", "hours": 6, "skills": ["quantisation"]},
        {"name": "mm pruning sprint", "hours": 6, "skills": ["pruning", "css"]},
        {"name": "aa quantisation notes", "hours": 6, "skills": ["quantisation", "css"]},
    ]
    yield _case(
        "equal plans decided by name",
        reference,
        same_size,
        ["quantisation", "pruning"],
        12,
        points=1,
        description=(
            "Plans with the same skills and hours are decided by their sorted names, not by "
            "the order the projects were listed in."
        ),
        hint=(
            "When plans cover as many skills, the one with fewer hours wins, and after that "
            "the one whose sorted names come first."
        ),
    )

    fractional = [
        {"name": "calibration clinic", "hours": 7.5, "skills": ["calibration"]},
        {"name": "cost model", "hours": 4.5, "skills": ["cost_modelling", "autoscaling"]},
        {"name": "autoscaling lab", "hours": 3.0, "skills": ["autoscaling"]},
        {"name": "big capstone", "hours": 12.0,
         "skills": ["calibration", "cost_modelling", "autoscaling"]},
    ]  # fmt: skip
    yield _case(
        "fractional hours and an exact fit",
        reference,
        fractional,
        ["calibration", "cost_modelling", "autoscaling"],
        12.0,
        points=1,
        description="Total hours may equal the budget exactly, and hours may be fractions.",
    )

    yield _case(
        "a budget too small for anything",
        reference,
        MODULE_PROJECTS,
        MODULE_TARGET,
        5,
        points=1,
        description="If no project fits, return an empty list.",
    )

    target = [str(s) for s in rng.choice(SKILL_POOL, size=7, replace=False)]
    twelve = _random_projects(rng, 12, [4, 6, 8, 10, 12, 15, 20])
    yield _case(
        "twelve random candidates",
        reference,
        twelve,
        target,
        34,
        points=2,
        description="Only a search over every subset is sure to find the best plan.",
    )

    target = [str(s) for s in rng.choice(SKILL_POOL, size=9, replace=False)]
    fourteen = _random_projects(rng, 14, [3, 5, 5, 8, 8, 10, 12])
    yield _case(
        "fourteen random candidates with many ties",
        reference,
        fourteen,
        target,
        25,
        points=1,
        description="Apply all three rules: skills covered, then hours, then names.",
    )
