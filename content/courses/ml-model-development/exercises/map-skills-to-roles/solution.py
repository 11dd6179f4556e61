def map_skills_to_roles(tasks: dict, role_skills: dict) -> dict:
    """Owner of each task: the highest weighted skill score, first role on ties."""
    owners = {}
    for task, needed in tasks.items():
        best_role, best_score = "unassigned", 0
        for role, weights in role_skills.items():
            score = sum(weights.get(skill, 0) for skill in set(needed))
            if score > best_score:
                best_role, best_score = role, score
        owners[task] = best_role
    return owners
