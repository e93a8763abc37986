"""What people and scripts read: Rich tables, the stable JSON form, CSV and Markdown."""
