"""Peak memory of the staff console showing the pledge table of an existing data folder:
opens the console on the Pledges tab, runs each filter, scrolls the table to the end and back,
then prints the process's peak resident set size in MB as its last line.

The peak is VmHWM from /proc/self/status where there is one: ru_maxrss carries over the
parent's resident size when the parent forks this process, so under the harness it would
report the harness's own size; elsewhere ru_maxrss is what there is.

Run in its own process so the figure is this alone: python benchmarks/staff_memory.py DIR
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from charter_desktop.core.staff.query import StaffFilter
    from charter_desktop.core.storage.paths import resolve_paths
    from charter_desktop.core.store import Store
    from charter_desktop.ui.staff.console import StaffConsole

    app = QApplication.instance() or QApplication([])
    store = Store.open(resolve_paths(Path(sys.argv[1])))
    console = StaffConsole(store)
    console.resize(1280, 800)
    console.show()
    console.tabs.setCurrentWidget(console.pledges)
    app.processEvents()
    page = console.pledges
    benefit = store.catalogue.benefits[0].id
    for flt in (StaffFilter(search="pat"), StaffFilter(benefit_id=benefit), StaffFilter()):
        page.model.set_filter(flt)
        page.table.viewport().repaint()
    bar = page.table.verticalScrollBar()
    for value in (bar.maximum(), bar.maximum() // 2, 0):
        bar.setValue(value)
        page.table.viewport().repaint()
    app.processEvents()
    console.close()
    store.close()
    print(f"{peak_rss_mb():.1f}")
    return 0


def peak_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    raise SystemExit(main())
