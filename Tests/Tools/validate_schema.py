#!/usr/bin/env python3
"""Validate pack files against Nightshift's JSON Schemas with the reference `jsonschema`
library, reading YAML the way editors' YAML plugins do (YAML 1.2 core: only true/false are
booleans, and dates stay strings).

usage: validate_schema.py SCHEMA_FOLDER FILE...   (the kind is chosen from each file's name)
Prints one line per problem as `file: path: message`; exits 1 if there were any.
"""
import json
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # a clear answer, never a traceback
    print(f"validate_schema.py needs the Python packages jsonschema and PyYAML: {error}. "
          "Install them with `python3 -m pip install jsonschema pyyaml` (.ci/run does).", file=sys.stderr)
    sys.exit(2)


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's yes/no/on/off booleans and timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def kind_of(path):
    name = path.rsplit("/", 1)[-1]
    return {"pack.yaml": "pack", "costs.yaml": "costs", "learn.yaml": "learn"}.get(name, "scenario")


def main():
    folder, files = sys.argv[1], sys.argv[2:]
    problems = 0
    for path in files:
        with open(f"{folder}/{kind_of(path)}.schema.json", encoding="utf-8") as handle:
            schema = json.load(handle)
        with open(path, encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=Yaml12Loader)
        validator = jsonschema.Draft202012Validator(schema)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {location}: {error.message[:300]}")
            problems += 1
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
