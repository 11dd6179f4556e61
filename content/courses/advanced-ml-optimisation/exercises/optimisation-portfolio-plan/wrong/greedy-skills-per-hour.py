# Wrong: picks projects greedily by new target skills per hour until the budget runs out.
# Greedy choices can miss the subset that covers the most skills. Caught by "the module's
# five projects, 48 hours" and the random-candidate cases.


def plan_portfolio(projects, target_skills, budget_hours):
    target = set(target_skills)
    chosen, covered, hours = [], set(), 0.0
    remaining = list(projects)
    while True:
        options = [
            p
            for p in remaining
            if hours + p["hours"] <= budget_hours and (set(p["skills"]) & target) - covered
        ]
        if not options:
            break
        pick = max(options, key=lambda p: len((set(p["skills"]) & target) - covered) / p["hours"])
        chosen.append(pick)
        covered |= set(pick["skills"]) & target
        hours += pick["hours"]
        remaining.remove(pick)
    return sorted(p["name"] for p in chosen)
