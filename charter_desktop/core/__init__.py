"""The domain library: storage, validation, catalogue and exports. Never imports Qt."""
