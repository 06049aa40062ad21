"""What students import: the data, the small network, the training loop, plots and input checks."""
