"""The files the kit generates from the declarations and proves: notebooks, public check data
and pictures, examples, the staleness check (``generated``) and ``validate``."""
