# Wrong: sums the weights over the skill list as given, so a repeated skill counts twice;
# "ties, duplicates and an empty skill list" catches it.
def map_skills_to_roles(tasks, role_skills):
    owners = {}
    for task, needed in tasks.items():
        best_role, best_score = "unassigned", 0
        for role, weights in role_skills.items():
            score = sum(weights.get(skill, 0) for skill in needed)
            if score > best_score:
                best_role, best_score = role, score
        owners[task] = best_role
    return owners
