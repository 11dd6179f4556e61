"""The site plus one bare view, served by gunicorn for bench/pages.py.

It lives in a sub-package so `make bench`, which runs every bench/*.py, never runs it.
"""
