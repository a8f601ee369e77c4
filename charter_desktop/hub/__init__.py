"""The council hub: receives pledges from every kiosk (HTTP sync or USB bundle) and merges them."""
