from itertools import combinations


def plan_portfolio(projects: list, target_skills: list, budget_hours: float) -> list:
    """Exhaustive search over subsets: most target skills, then fewest hours, then names."""
    target = set(target_skills)
    best_key = (0, 0, [])  # the empty plan
    for size in range(1, len(projects) + 1):
        for subset in combinations(projects, size):
            hours = sum(project["hours"] for project in subset)
            if hours > budget_hours:
                continue
            covered = set().union(*(project["skills"] for project in subset)) & target
            key = (-len(covered), hours, sorted(project["name"] for project in subset))
            if key < best_key:
                best_key = key
    return best_key[2]
