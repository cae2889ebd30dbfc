"""The editor's tools around the build: a record started from a PDF (`invoke new`) and the live
preview (`invoke serve`). The plugins folder must be on `sys.path` (tasks.py puts it there)."""
