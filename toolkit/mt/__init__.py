"""Machine-translation engines behind one interface (see ``toolkit.mt.base``)."""
