"""The meetings as calendar events: which events, their UIDs, and the RFC 5545 text. Pure."""
