# Wrong: breaks coverage ties by hours but not by names, so of two plans equal in skills and
# hours it returns whichever the search met first. Caught by "equal plans decided by name".
from itertools import combinations


def plan_portfolio(projects, target_skills, budget_hours):
    target = set(target_skills)
    best_key, best = (0, 0), []
    for size in range(1, len(projects) + 1):
        for subset in combinations(projects, size):
            hours = sum(p["hours"] for p in subset)
            if hours > budget_hours:
                continue
            covered = len(set().union(*(p["skills"] for p in subset)) & target)
            key = (-covered, hours)
            if key < best_key:
                best_key, best = key, sorted(p["name"] for p in subset)
    return best
