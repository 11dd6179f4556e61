# Wrong: replaces the best role on an equal score (>=), so the last tied role wins;
# "ties, duplicates and an empty skill list" catches it.
def map_skills_to_roles(tasks, role_skills):
    owners = {}
    for task, needed in tasks.items():
        best_role, best_score = "unassigned", 0
        for role, weights in role_skills.items():
            score = sum(weights.get(skill, 0) for skill in set(needed))
            if score >= best_score and score > 0:
                best_role, best_score = role, score
        owners[task] = best_role
    return owners
