# Wrong: maximises the number of target skills covered but, among plans that cover as many,
# keeps the first one found instead of the one with the fewest hours (and the first name
# order). Caught by "equal plans decided by name" and the random-candidate cases.
from itertools import combinations


def plan_portfolio(projects, target_skills, budget_hours):
    target = set(target_skills)
    best, best_covered = [], 0
    for size in range(1, len(projects) + 1):
        for subset in combinations(projects, size):
            if sum(p["hours"] for p in subset) > budget_hours:
                continue
            covered = len(set().union(*(p["skills"] for p in subset)) & target)
            if covered > best_covered:
                best, best_covered = sorted(p["name"] for p in subset), covered
    return best
