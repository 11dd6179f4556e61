def plan_portfolio(projects: list, target_skills: list, budget_hours: float) -> list:
    """Return the sorted names of the best set of projects within the time budget.

    projects: [{"name": str, "hours": number, "skills": [str, ...]}, ...]
    Rules, in order: total hours <= budget_hours; most distinct target skills covered;
    then fewest total hours; then the sorted list of names that comes first.
    """
    raise NotImplementedError("Replace this line with your implementation")
