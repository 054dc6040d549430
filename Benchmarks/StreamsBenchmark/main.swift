// Placeholder: the streams benchmark lands with issue 2's benchmark work.
print("StreamsBenchmark: not yet implemented")
