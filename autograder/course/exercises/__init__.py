"""Exercise declarations, one module per assignment; each module exports ``ASSIGNMENT``."""
