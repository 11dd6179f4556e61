"""What authors write, checked and made safe: a plain Python package with no Django.

Both the curriculum (``courseware.content``) and the blog read files through it:
``frontmatter`` parses YAML front matter keeping every key's file line, ``problems``
collects ``path:LINE: message`` reports, and ``html`` holds the site's one allow-list,
its sanitiser and the Markdown set-up around it. Like ``grader``, it imports nothing
from the project, so either app may use it without depending on the other.
"""
