"""Running the hub: open its database, build the app, serve it with uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

import uvicorn

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.hub.app import create_app
from charter_desktop.hub.db import open_hub_database

log = logging.getLogger(__name__)


def serve(
    db_url: str,
    host: str,
    port: int,
    catalogue_dir: Path | None = None,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
) -> None:
    """Serve the hub until interrupted. Give `tls_cert`/`tls_key` (or put it behind a TLS
    proxy) when kiosks reach it over a network: they send their token only over HTTPS."""
    db = open_hub_database(db_url)
    app = create_app(db, load_catalogue(catalogue_dir))
    # Warnings (refused tokens and batches) go to stderr too, where a service manager's
    # journal keeps them, as well as to the log file.
    echo = logging.StreamHandler()
    echo.setLevel(logging.WARNING)
    echo.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("charter_desktop").addHandler(echo)
    log.info("hub serving on %s:%d", host, port)
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            ssl_certfile=str(tls_cert) if tls_cert else None,
            ssl_keyfile=str(tls_key) if tls_key else None,
        )
    finally:
        db.dispose()
