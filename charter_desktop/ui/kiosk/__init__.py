"""The attendee's kiosk flow: welcome, who are you, choose, about you, review, thank you."""
