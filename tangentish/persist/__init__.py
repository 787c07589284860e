"""The persistent derivative cache (opt-in: ``TANGENTISH_CACHE_DIR``): see :mod:`.store`."""
