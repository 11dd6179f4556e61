"""YAML front matter (and quiz blocks) parsed with the file line of every key.

PyYAML's composed nodes carry marks; we keep the line of each mapping key and of each
list item, offset to the file, so validation can point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .problems import Problems

DELIMITER = "---"


@dataclass
class YamlDoc:
    data: dict
    first_line: int  # file line of the YAML's first line
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    # For lists of mappings (quiz choices): per item, the line of each of its keys.
    item_key_lines: dict[str, list[dict[str, int]]] = field(default_factory=dict)

    def line(self, key: str | None = None) -> int:
        if key is None:
            return self.first_line
        return self.key_lines.get(key, self.first_line)


@dataclass
class Document:
    meta: YamlDoc
    body: str
    body_line: int  # file line where the body starts
    front_line: int = 1  # the opening ``---``


def yaml_parse(
    text: str, *, first_line: int, path: str, problems: Problems, what: str = "YAML"
) -> YamlDoc | None:
    """Parse a YAML mapping; report syntax errors and duplicate keys with file lines."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.add(path, first_line, f"{what} is empty")
            return None
        if not isinstance(node, yaml.MappingNode):
            problems.add(
                path, first_line + node.start_mark.line, f"{what} must be a mapping of keys"
            )
            return None
        doc = YamlDoc(data={}, first_line=first_line)
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = first_line + key_node.start_mark.line
            if key in seen:
                problems.add(path, line, f"duplicate key '{key}'")
                continue
            seen.add(key)
            doc.key_lines[key] = line
            if isinstance(value_node, yaml.SequenceNode):
                doc.item_lines[key] = [first_line + n.start_mark.line for n in value_node.value]
                doc.item_key_lines[key] = [
                    {
                        k.value: first_line + k.start_mark.line
                        for k, _ in n.value
                        if isinstance(k, yaml.ScalarNode)
                    }
                    if isinstance(n, yaml.MappingNode)
                    else {}
                    for n in value_node.value
                ]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problems.add(path, line, f"{what} is not valid YAML: {exc.problem or exc}")
        return None
    except yaml.YAMLError as exc:
        problems.add(path, first_line, f"{what} is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    doc.data = {str(k): v for k, v in data.items()}
    return doc


def document_parse(text: str, *, path: str, problems: Problems) -> Document | None:
    """Split ``---`` front matter from the Markdown body and parse it."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        problems.add(path, 1, "the file must start with YAML front matter between '---' lines")
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (DELIMITER, "..."):
            break
    else:
        problems.add(path, 1, "the front matter is never closed with a '---' line")
        return None
    meta = yaml_parse(
        "\n".join(lines[1:index]), first_line=2, path=path, problems=problems, what="front matter"
    )
    if meta is None:
        return None
    return Document(meta=meta, body="\n".join(lines[index + 1 :]), body_line=index + 2)
