"""The XBlock SDK workbench as a server process for the LMS tests (test code, a shim).

Usage: ``python lms_workbench.py DATA_FOLDER SCENARIO...`` serves the workbench on a free port of
127.0.0.1 with Django's own ``runserver`` (no reloader), which prints "Starting development server
at http://127.0.0.1:PORT/" once the port is bound: the tests wait for that line. It exits when
its standard input closes: the tests hold the other end, so it ends with them, even killed.

What the workbench lacks for the SCORM block, and what this does about it:

- The workbench loads every installed block's demo scenarios, and the SCORM block's names a tag
  (``<openedxscorm/>``) that is not its entry point (``scorm``): loading fails with
  PluginMissingError. Each SCENARIO named here is instead one SCORM block with its defaults, as
  an author adds one to a unit (``<scorm/>``), and the workbench shows only those.
- The workbench app has no migrations: its tables are made with ``migrate --run-syncdb``.
- The workbench gives each block a stand-in ``location`` (a Mock, for the LTI block), where
  edx-platform gives its usage key; the SCORM block names its storage folder after that key's
  ``block_id``, which the Mock lacks (TypeError on upload): it gets the block's usage id.
- The workbench names the learner in each handler URL's query (``?student=``), where an LMS
  knows them from the session; the SCORM block appends the package's file paths to its
  ``assets_proxy`` handler URL, so the files' URLs would land in that query (400, "Invalid asset
  path"). Handler URLs made on the server leave the learner out (the files are the same for
  every learner); the block's script still names them in the handler calls that keep state.
- The workbench only logs what blocks publish (an LMS sends grades and completion to its
  gradebook and completion service): here each event is also written, one JSON object a line,
  to ``events.jsonl`` in DATA_FOLDER, for the tests to read.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCENARIO_XML = "<scorm/>"
EVENTS_FILE = "events.jsonl"


def exit_with_the_tests() -> None:
    """Exit once standard input closes (the tests' end of the pipe)."""
    sys.stdin.buffer.read()
    os._exit(0)


def main(data: Path, scenario_names: list[str]) -> None:
    """Serve the workbench with one SCORM block per scenario, keeping its files in ``data``."""
    threading.Thread(target=exit_with_the_tests, daemon=True).start()
    os.environ["LMS_WORKBENCH_DATA"] = str(data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms_workbench_settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)

    from workbench import scenarios
    from workbench.runtime import WorkbenchRuntime

    for name in scenario_names:
        scenarios.add_xml_scenario(name, name, SCENARIO_XML)
    scenarios.get_scenarios.initialized = True  # no demo scenarios (see above)

    lock = threading.Lock()
    events = data / EVENTS_FILE

    def publish(runtime: Any, block: Any, event_type: str, event_data: Any) -> None:
        record = {
            "type": event_type,
            "usage": str(block.scope_ids.usage_id),
            "student": block.scope_ids.user_id,
            "data": event_data,
        }
        with lock, events.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, default=str) + "\n")

    stand_in_location = WorkbenchRuntime._patch_xblock

    def patch_xblock(runtime: Any, block: Any) -> None:
        stand_in_location(runtime, block)
        block.location.block_id = str(block.scope_ids.usage_id)

    workbench_handler_url = WorkbenchRuntime.handler_url

    def handler_url(runtime: Any, block: Any, *args: Any, **kwargs: Any) -> str:
        url = urlsplit(workbench_handler_url(runtime, block, *args, **kwargs))
        query = [(key, value) for key, value in parse_qsl(url.query) if key != "student"]
        return urlunsplit(url._replace(query=urlencode(query)))

    WorkbenchRuntime.handler_url = handler_url
    WorkbenchRuntime.publish = publish
    WorkbenchRuntime._patch_xblock = patch_xblock
    call_command("runserver", "127.0.0.1:0", use_reloader=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
