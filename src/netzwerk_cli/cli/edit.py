"""Commands that change the network file."""
