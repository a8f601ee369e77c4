"""Running the hub: open its database, build the app, serve it with uvicorn."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import uvicorn

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.hub.app import create_app
from charter_desktop.hub.db import open_hub_database
from charter_desktop.hub.identity import AutoCertificate, tls_files

log = logging.getLogger(__name__)
STARTUP_FAILURE = 3  # uvicorn's exit code when it cannot start (the port is taken)


def serve(
    db_url: str,
    host: str,
    port: int,
    catalogue_dir: Path | None = None,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    tls_auto: AutoCertificate | None = None,
) -> None:
    """Serve the hub until interrupted. Give `tls_cert`/`tls_key`, or `tls_auto` (the hub's
    own certificate, hub.identity), or put it behind a TLS proxy, when kiosks reach it over a
    network: they send their token only over HTTPS."""
    db = open_hub_database(db_url)
    app = create_app(db, load_catalogue(catalogue_dir))
    # Warnings (refused tokens and batches) go to stderr too, where a service manager's
    # journal keeps them, as well as to the log file.
    echo = logging.StreamHandler()
    echo.setLevel(logging.WARNING)
    echo.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("charter_desktop").addHandler(echo)
    log.info("hub serving on %s:%d", host, port)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
    )
    if tls_auto is not None:
        # uvicorn reads the certificate and key into its TLS context as it loads; the files
        # exist only for that moment, in a folder only this user can open.
        with tls_files(tls_auto) as (cert, key):
            config.ssl_certfile, config.ssl_keyfile = str(cert), str(key)
            config.load()
    server = uvicorn.Server(config)
    try:
        server.run()
    finally:
        db.dispose()
    if not server.started:
        sys.exit(STARTUP_FAILURE)
