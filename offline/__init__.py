"""The library as a folder that works with no server and no network."""
