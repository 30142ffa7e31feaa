"""The main window and its wiring: the action registry, layout persistence, the bulk runner and the check panel."""
