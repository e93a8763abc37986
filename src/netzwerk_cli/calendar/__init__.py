"""RFC 5545 and its values: the iCalendar writer and reader, UIDs, SEQUENCE, iTIP, the time
zones. Pure, and below core/: it imports no other room of the centre."""
