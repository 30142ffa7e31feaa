"""The desk: the article list, its table model and filter proxy, feeding it from the scan, and the folder watcher."""
