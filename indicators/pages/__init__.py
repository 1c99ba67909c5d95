"""Streamlit page scripts (thin: read widgets, call the library, render)."""
