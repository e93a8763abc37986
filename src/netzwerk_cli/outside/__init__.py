"""The edges that talk to the world outside the network file: the public-holiday package and its
cache folder (and, as they come, mail and calendar servers)."""
