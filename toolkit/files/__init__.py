"""Files: strict reading and atomic writing, in the modules that own each part.

- ``reading``: regular files only, UTF-8 only (``decode_text``, ``read_text``), ``Snapshot``
- ``confine``: every write of a workspace stays inside it (``confine``, ``Confinement``)
- ``batch``: ``WriteBatch``, ``write_all``, ``write_atomic``: all or nothing, atomic renames
- ``disk``: temporary files, folders and flushes (fsync, syncfs) under a batch
- ``tempnames``: temporary names that say their owner, and the sweep of stale ones
"""
