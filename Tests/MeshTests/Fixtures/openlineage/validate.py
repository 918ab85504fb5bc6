# Validates `mesh lineage export` JSON lines (argv[2]) against the OpenLineage schemas in argv[1]
# (RunEvent and every facet by its _schemaURL), then builds each event with openlineage-python.
import json, sys, pathlib, uuid, datetime
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from openlineage.client import event_v2
from openlineage.client.serde import Serde

schema_dir = pathlib.Path(sys.argv[1])
schemas = {}
for path in schema_dir.glob("*.json"):
    doc = json.loads(path.read_text())
    schemas[doc["$id"]] = doc
registry = Registry().with_resources([(i, Resource.from_contents(d)) for i, d in schemas.items()])
core = "https://openlineage.io/spec/2-0-2/OpenLineage.json"

def validator(url):
    base, _, fragment = url.partition("#")
    if base not in schemas:
        raise SystemExit(f"no schema for {url}")
    return Draft202012Validator({"$ref": url}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)

def check(instance, url, where):
    errors = sorted(validator(url).iter_errors(instance), key=lambda e: list(e.path))
    if errors:
        raise SystemExit(f"{where}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))

count = facets = 0
for number, line in enumerate(pathlib.Path(sys.argv[2]).read_text().splitlines(), 1):
    event = json.loads(line)
    if event["schemaURL"] != core + "#/$defs/RunEvent":
        raise SystemExit(f"line {number}: schemaURL {event['schemaURL']}")
    check(event, event["schemaURL"], f"line {number}")
    uuid.UUID(event["run"]["runId"])
    datetime.datetime.fromisoformat(event["eventTime"].replace("Z", "+00:00"))
    for kind in ("inputs", "outputs"):
        for dataset in event[kind]:
            for group in ("facets", "inputFacets", "outputFacets"):
                for name, facet in (dataset.get(group) or {}).items():
                    check(facet, facet["_schemaURL"], f"line {number} {dataset['name']} {name}")
                    facets += 1
    parsed = event_v2.RunEvent(
        eventType=event_v2.RunState[event["eventType"]], eventTime=event["eventTime"],
        run=event_v2.Run(runId=event["run"]["runId"]), job=event_v2.Job(namespace=event["job"]["namespace"], name=event["job"]["name"]),
        inputs=[event_v2.InputDataset(namespace=d["namespace"], name=d["name"]) for d in event["inputs"]],
        outputs=[event_v2.OutputDataset(namespace=d["namespace"], name=d["name"]) for d in event["outputs"]],
        producer=event["producer"])
    json.loads(Serde.to_json(parsed))
    count += 1
print(json.dumps({"events": count, "facets": facets}))
