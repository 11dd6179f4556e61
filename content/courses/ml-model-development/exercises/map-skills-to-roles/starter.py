def map_skills_to_roles(tasks: dict, role_skills: dict) -> dict:
    """Map each task to the role whose weighted skills cover it best.

    tasks: {task name: [skill, ...]}; role_skills: {role: {skill: weight}}, in priority order.
    A task's score for a role is the sum of that role's weights over the task's distinct
    skills (missing skills weigh 0). Highest score wins; ties go to the role listed first;
    a best score of 0 means "unassigned". Return {task name: role}.
    """
    raise NotImplementedError("Replace this line with your implementation")
