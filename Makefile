# Two commands matter on a fresh clone: `make run` and `make test`.
# Each one installs what it needs into .venv first (quickly, when nothing changed).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench migrate content worker clean

install: $(STAMP)

# Reinstall only when the declared dependencies change.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

# Loads the curriculum and the launch blog posts, and brings the search index up to
# date (for posts saved before it existed); safe to run again (idempotent).
content: migrate
	$(PY) manage.py sync_content
	$(PY) manage.py load_blog_posts
	$(PY) manage.py search_reindex

# A laptop rarely delegates a cgroup to its user, so `make run` and `make test` grade even
# where no per-run memory cgroup can be made (the weaker mode; said on start-up). Set
# GRADER_WEAKER_NO_MEMORY_CGROUP=0 to refuse instead, as CI and servers do.
run test: export GRADER_WEAKER_NO_MEMORY_CGROUP ?= 1
# `make run` is for trying the site as visitors see it: the branded error pages, not
# Django's debug pages (which list every URL pattern). DJANGO_DEBUG=1 make run turns
# the debug pages back on.
run: export DJANGO_DEBUG ?= 0

run: content
	-@$(PY) -m grader.cgroups
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install lint
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	# One BLAS thread per process: the lesson examples and sandboxes run side by side on
	# small machines, where competing maths threads make everything slower.
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(VENV)/bin/pytest

bench: install
	@set -e; for f in bench/*.py; do \
		case "$$(basename $$f)" in _*) continue;; esac; \
		echo "== $$f"; $(PY) $$f; \
	done

# A Celery worker beside `make run` (needs REDIS_URL). Like manage.py it uses the local
# settings unless DJANGO_SETTINGS_MODULE says otherwise; `celery -A config worker` run
# directly defaults to production, as gunicorn does.
worker: install
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-config.settings.local} \
		$(VENV)/bin/celery -A config worker -Q grading,default -l info --concurrency 2

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles var
