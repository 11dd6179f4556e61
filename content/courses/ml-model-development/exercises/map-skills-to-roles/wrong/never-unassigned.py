# Wrong: takes the first role with the highest score even when that score is 0, so tasks
# nobody can do get an owner; the worked example catches it.
def map_skills_to_roles(tasks, role_skills):
    owners = {}
    for task, needed in tasks.items():
        scores = {
            role: sum(weights.get(skill, 0) for skill in set(needed))
            for role, weights in role_skills.items()
        }
        owners[task] = max(scores, key=scores.get)
    return owners
