from grader.cases import Case, exact

SEED = 20240807

# The illustrative skills matrix from the module, as {role: {skill: weight}}.
MODULE_ROLES = {
    "data_scientist": {
        "statistics": 3, "experiment_design": 3, "sql": 3, "model_validation": 2,
        "communication": 3, "software_engineering": 1, "testing": 1, "monitoring": 1,
        "deep_learning": 1, "llm_evaluation": 1, "responsible_ai": 2,
    },
    "ml_engineer": {
        "statistics": 1, "experiment_design": 1, "sql": 2, "model_validation": 3,
        "communication": 1, "software_engineering": 3, "testing": 3,
        "cloud_and_containers": 3, "monitoring": 3, "deep_learning": 1,
        "llm_evaluation": 1, "responsible_ai": 2,
    },
    "ai_specialist": {
        "statistics": 2, "experiment_design": 1, "sql": 1, "model_validation": 2,
        "communication": 2, "software_engineering": 2, "testing": 1,
        "cloud_and_containers": 1, "monitoring": 1, "deep_learning": 3,
        "llm_evaluation": 3, "responsible_ai": 3,
    },
}  # fmt: skip

EXAMPLE_ROLES = {
    "data_scientist": {"statistics": 3, "sql": 3, "communication": 3, "testing": 1},
    "ml_engineer": {"statistics": 1, "sql": 2, "testing": 3, "monitoring": 3},
    "ai_specialist": {"statistics": 2, "deep_learning": 3, "responsible_ai": 3},
}

EXTENDED_ROLES = {
    "data_engineer": {
        "sql": 3, "data_pipelines": 3, "software_engineering": 2, "cloud_and_containers": 2,
        "data_modelling": 3, "monitoring": 1,
    },
    "research_scientist": {
        "statistics": 3, "deep_learning": 3, "maths": 3, "paper_writing": 3,
        "software_engineering": 1,
    },
    "ml_engineer": {
        "software_engineering": 3, "testing": 3, "cloud_and_containers": 3, "monitoring": 3,
        "data_pipelines": 2, "deep_learning": 1,
    },
    "data_scientist": {
        "statistics": 3, "sql": 2, "communication": 3, "experiment_design": 3,
        "data_modelling": 1,
    },
}  # fmt: skip


HINT_UNASSIGNED = (
    "A task whose best score is 0 (no skills, or only skills no role weighs) has no owner: "
    "map it to 'unassigned' rather than to the first role."
)
HINT_TIES_AND_DUPLICATES = (
    "Count each distinct skill once, even when a task lists it twice. On equal scores keep the "
    "role that comes first in role_skills: replace the best only when a score is strictly "
    "greater, and do not sort the roles by name."
)


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones use other tasks and other role tables."""
    example_tasks = {
        "analyse the pricing A/B test": ["statistics", "communication"],
        "add drift alerts to the service": ["monitoring", "testing"],
        "audit a vision model for bias": ["deep_learning", "responsible_ai", "statistics"],
        "write a SQL report": ["sql", "sql"],
        "order office snacks": ["catering"],
    }
    yield Case(
        "the example from the prompt",
        args=(example_tasks, EXAMPLE_ROLES),
        expected=reference(example_tasks, EXAMPLE_ROLES),
        check=exact(),
        visible=True,
        points=2,
        description=(
            "Sum each role's weights over the task's distinct skills; the highest sum wins, "
            "and a task no role scores above 0 is 'unassigned'."
        ),
        hint=HINT_UNASSIGNED,
    )

    ticket_project = {
        "choose the metric for urgent tickets": ["statistics", "communication", "sql"],
        "compare two language models on tickets": ["llm_evaluation", "deep_learning"],
        "serve the ticket model under 200 ms": ["software_engineering", "cloud_and_containers"],
        "A/B test response times": ["experiment_design", "statistics"],
        "monthly retraining with a promotion gate": ["model_validation", "monitoring"],
    }
    yield Case(
        "the urgent-ticket project with the module's matrix",
        args=(ticket_project, MODULE_ROLES),
        expected=reference(ticket_project, MODULE_ROLES),
        check=exact(),
        visible=True,
        points=2,
        description="Each step of the module's worked example goes to the role that owns it.",
    )

    ties = {
        "validate and document a model": ["model_validation", "responsible_ai"],
        "statistics and testing": ["statistics", "testing"],
        "no skills listed": [],
        "LLM evaluation listed twice": ["testing", "llm_evaluation", "llm_evaluation"],
    }
    yield Case(
        "ties, duplicates and an empty skill list",
        args=(ties, MODULE_ROLES),
        expected=reference(ties, MODULE_ROLES),
        check=exact(),
        points=2,
        description=(
            "On a tie the role listed first in role_skills wins; a repeated skill counts "
            "once; a task with no skills is 'unassigned'."
        ),
        hint=HINT_TIES_AND_DUPLICATES,
    )

    other_table = {
        "build the nightly feature pipeline": ["data_pipelines", "sql", "data_modelling"],
        "publish a new optimiser": ["maths", "paper_writing", "deep_learning"],
        "containerise the scoring job": ["cloud_and_containers", "testing"],
        "design the onboarding experiment": ["experiment_design", "statistics"],
        "star schema for the warehouse": ["data_modelling"],
        "negotiate the office lease": ["negotiation"],
    }
    yield Case(
        "a different set of roles",
        args=(other_table, EXTENDED_ROLES),
        expected=reference(other_table, EXTENDED_ROLES),
        check=exact(),
        points=2,
        description="Use the roles you are given, in the order given: do not assume three roles.",
    )

    yield Case(
        "no tasks at all",
        args=({}, MODULE_ROLES),
        expected=reference({}, MODULE_ROLES),
        check=exact(),
        points=1,
        description="With no tasks, return an empty dict.",
    )

    pool = sorted({skill for weights in EXTENDED_ROLES.values() for skill in weights})
    pool += ["juggling", "accounting"]
    many = {}
    for i in range(60):
        size = int(rng.integers(0, 5))
        picked = rng.choice(pool, size=size, replace=True)
        many[f"task {i:02d}"] = [str(skill) for skill in picked]
    yield Case(
        "sixty random tasks",
        args=(many, EXTENDED_ROLES),
        expected=reference(many, EXTENDED_ROLES),
        check=exact(),
        points=1,
        description="Every task must appear in the result with the right owner.",
    )
