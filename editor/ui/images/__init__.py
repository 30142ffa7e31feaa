"""Images: the asynchronous loader (network and disk cache, local files) and the cover preview dialog."""
