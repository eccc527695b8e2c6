"""How long a test waits for an event before it calls the wait failed.

Every wait in the tests is on an event (a signal, a file, a line of output, a page state), never
a fixed delay: a passing test waits only as long as the event takes. The deadline only ends a
wait that would never end, so it is generous enough for the busiest machine (a CI runner with
every core taken by other jobs): what takes a second on an idle laptop may take a minute there.
"""

from __future__ import annotations

EVENT_TIMEOUT_S = 300
EVENT_TIMEOUT_MS = EVENT_TIMEOUT_S * 1000
