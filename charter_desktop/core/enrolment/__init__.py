"""Setting a kiosk up from the hub: signed kiosk packs, made at the hub and applied on a kiosk."""
