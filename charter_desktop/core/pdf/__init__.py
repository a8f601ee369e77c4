"""What every PDF the app makes shares: fonts with fallbacks, text layout (wrapping, right-to-left
and shaped scripts), images laid on the paper, and the council's branding."""
