"""What leaves the app: CSV and ZIP exports, the slide deck, the offline page, and numbers as people read them."""
