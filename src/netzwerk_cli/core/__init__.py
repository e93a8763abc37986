"""Pure decisions over the model: the rotation, the schedule, the reminders, the change planner.

Nothing here reads a file, the clock, the environment or the terminal, and nothing here knows a
language: the core says what happened (this member, this holiday, this problem at this place), and
`netzwerk_cli.words` says it in German or English.
"""
