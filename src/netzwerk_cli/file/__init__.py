"""The network file and the records beside it: reading and validation, comment-preserving edits,
atomic writes and the writer's lock."""
