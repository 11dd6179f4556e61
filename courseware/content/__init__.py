"""Loading the curriculum from ``content/``: parse, validate, render, upsert.

``validate.content_load`` reads every file and returns either a ``plan.Plan`` of what
the database should hold or the list of problems (each with its file and line);
``sync.content_sync`` applies a valid plan in one transaction.
"""
