# Wrong: breaks ties by the roles' names in alphabetical order rather than their order in
# role_skills; "ties, duplicates and an empty skill list" catches it.
def map_skills_to_roles(tasks, role_skills):
    owners = {}
    for task, needed in tasks.items():
        best_role, best_score = "unassigned", 0
        for role in sorted(role_skills):
            score = sum(role_skills[role].get(skill, 0) for skill in set(needed))
            if score > best_score:
                best_role, best_score = role, score
        owners[task] = best_role
    return owners
